// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.view;

public class View implements android.graphics.drawable.Drawable.Callback, android.view.KeyEvent.Callback, android.view.accessibility.AccessibilityEventSource {
  public View(android.content.Context context) { throw new RuntimeException("Stub!"); }
  public View(android.content.Context context,  android.util.AttributeSet attrs) { throw new RuntimeException("Stub!"); }
  public View(android.content.Context context,  android.util.AttributeSet attrs, int defStyleAttr) { throw new RuntimeException("Stub!"); }
  public View(android.content.Context context,  android.util.AttributeSet attrs, int defStyleAttr, int defStyleRes) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public final android.content.Context getContext() { throw new RuntimeException("Stub!"); }
  public float getX() { throw new RuntimeException("Stub!"); }
  public void setX(float x) { throw new RuntimeException("Stub!"); }
  public void setBackground(android.graphics.drawable.Drawable background) { throw new RuntimeException("Stub!"); }
  public android.graphics.drawable.Drawable getBackground() { throw new RuntimeException("Stub!"); }
}
