// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.util;

public class Base64 {
  private Base64() { throw new RuntimeException("Stub!"); }
  public static byte[] decode(java.lang.String str, int flags) { throw new RuntimeException("Stub!"); }
  public static byte[] decode(byte[] input, int flags) { throw new RuntimeException("Stub!"); }
  public static byte[] decode(byte[] input, int offset, int len, int flags) { throw new RuntimeException("Stub!"); }
  public static final int NO_WRAP = 2; // 0x2
}
