// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public class PackageInstaller {
  PackageInstaller() { throw new RuntimeException("Stub!"); }
  public int createSession( android.content.pm.PackageInstaller.SessionParams params) throws java.io.IOException { throw new RuntimeException("Stub!"); }
  public android.content.pm.PackageInstaller.Session openSession(int sessionId) throws java.io.IOException { throw new RuntimeException("Stub!"); }
  public static final java.lang.String EXTRA_STATUS = "android.content.pm.extra.STATUS";
  public static final java.lang.String EXTRA_STATUS_MESSAGE = "android.content.pm.extra.STATUS_MESSAGE";
  public static final int STATUS_FAILURE = 1; // 0x1
  public static final int STATUS_PENDING_USER_ACTION = -1; // 0xffffffff
  public static final int STATUS_SUCCESS = 0; // 0x0
  public static class Session implements java.io.Closeable {
    Session() { throw new RuntimeException("Stub!"); }
    public java.io.OutputStream openWrite( java.lang.String name, long offsetBytes, long lengthBytes) throws java.io.IOException { throw new RuntimeException("Stub!"); }
    public void fsync( java.io.OutputStream out) throws java.io.IOException { throw new RuntimeException("Stub!"); }
    public void commit( android.content.IntentSender statusReceiver) { throw new RuntimeException("Stub!"); }
    public void close() { throw new RuntimeException("Stub!"); }
  }
  public static class SessionParams implements android.os.Parcelable {
    public SessionParams(int mode) { throw new RuntimeException("Stub!"); }
    public void setSize(long sizeBytes) { throw new RuntimeException("Stub!"); }
    public void setAppPackageName( java.lang.String appPackageName) { throw new RuntimeException("Stub!"); }
    public static final int MODE_FULL_INSTALL = 1; // 0x1
  }
}
