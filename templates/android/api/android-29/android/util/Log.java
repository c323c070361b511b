// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.util;

public final class Log {
  private Log() { throw new RuntimeException("Stub!"); }
  public static int i( java.lang.String tag,  java.lang.String msg) { throw new RuntimeException("Stub!"); }
  public static int i( java.lang.String tag,  java.lang.String msg,  java.lang.Throwable tr) { throw new RuntimeException("Stub!"); }
  public static int e( java.lang.String tag,  java.lang.String msg) { throw new RuntimeException("Stub!"); }
  public static int e( java.lang.String tag,  java.lang.String msg,  java.lang.Throwable tr) { throw new RuntimeException("Stub!"); }
}
