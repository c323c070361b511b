// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public class Handler {
  public Handler() { throw new RuntimeException("Stub!"); }
  public Handler( android.os.Handler.Callback callback) { throw new RuntimeException("Stub!"); }
  public Handler( android.os.Looper looper) { throw new RuntimeException("Stub!"); }
  public Handler( android.os.Looper looper,  android.os.Handler.Callback callback) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static interface Callback {
  }
}
