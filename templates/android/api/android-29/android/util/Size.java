// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.util;

public final class Size {
  public Size(int width, int height) { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object obj) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
}
