// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android;

public final class R {
  public R() { throw new RuntimeException("Stub!"); }
  public static final class drawable {
    public drawable() { throw new RuntimeException("Stub!"); }
    public static final int stat_sys_download_done = 17301634; // 0x1080082
  }
}
