// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.graphics.drawable;

public abstract class Drawable {
  public Drawable() { throw new RuntimeException("Stub!"); }
  public void setBounds(int left, int top, int right, int bottom) { throw new RuntimeException("Stub!"); }
  public void setBounds( android.graphics.Rect bounds) { throw new RuntimeException("Stub!"); }
  public final android.graphics.Rect getBounds() { throw new RuntimeException("Stub!"); }
  public void setHotspot(float x, float y) { throw new RuntimeException("Stub!"); }
  public boolean setState( int[] stateSet) { throw new RuntimeException("Stub!"); }
  public int[] getState() { throw new RuntimeException("Stub!"); }
  public android.graphics.drawable.Drawable getCurrent() { throw new RuntimeException("Stub!"); }
  public final boolean setLevel(int level) { throw new RuntimeException("Stub!"); }
  public final int getLevel() { throw new RuntimeException("Stub!"); }
  public static interface Callback {
  }
}
