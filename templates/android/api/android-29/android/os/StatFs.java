// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public class StatFs {
  public StatFs(java.lang.String path) { throw new RuntimeException("Stub!"); }
  public long getAvailableBytes() { throw new RuntimeException("Stub!"); }
}
