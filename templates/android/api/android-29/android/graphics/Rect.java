// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.graphics;

public final class Rect implements android.os.Parcelable {
  public Rect() { throw new RuntimeException("Stub!"); }
  public Rect(int left, int top, int right, int bottom) { throw new RuntimeException("Stub!"); }
  public Rect( android.graphics.Rect r) { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object o) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public void set(int left, int top, int right, int bottom) { throw new RuntimeException("Stub!"); }
  public void set( android.graphics.Rect src) { throw new RuntimeException("Stub!"); }
  public void offset(int dx, int dy) { throw new RuntimeException("Stub!"); }
  public boolean contains(int x, int y) { throw new RuntimeException("Stub!"); }
  public boolean contains(int left, int top, int right, int bottom) { throw new RuntimeException("Stub!"); }
  public boolean contains( android.graphics.Rect r) { throw new RuntimeException("Stub!"); }
}
