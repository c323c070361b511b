// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public class Build {
  public Build() { throw new RuntimeException("Stub!"); }
  public static final java.lang.String MODEL;
  static { MODEL = null; }
  public static class VERSION {
    public VERSION() { throw new RuntimeException("Stub!"); }
    public static final int SDK_INT;
    static { SDK_INT = 0; }
  }
  public static class VERSION_CODES {
    public VERSION_CODES() { throw new RuntimeException("Stub!"); }
    public static final int N = 24; // 0x18
    public static final int R = 10000; // 0x2710
  }
}
