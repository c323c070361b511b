// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.util;

public class AndroidException extends java.lang.Exception {
  public AndroidException() { throw new RuntimeException("Stub!"); }
  public AndroidException(java.lang.String name) { throw new RuntimeException("Stub!"); }
  public AndroidException(java.lang.String name, java.lang.Throwable cause) { throw new RuntimeException("Stub!"); }
  public AndroidException(java.lang.Exception cause) { throw new RuntimeException("Stub!"); }
}
