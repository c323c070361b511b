// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.graphics.drawable;

public final class Icon implements android.os.Parcelable {
  private Icon() { throw new RuntimeException("Stub!"); }
  public int getType() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
