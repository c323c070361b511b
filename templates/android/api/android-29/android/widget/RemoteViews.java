// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.widget;

public class RemoteViews implements android.os.Parcelable, android.view.LayoutInflater.Filter {
  public RemoteViews(java.lang.String packageName, int layoutId) { throw new RuntimeException("Stub!"); }
  public RemoteViews(android.widget.RemoteViews landscape, android.widget.RemoteViews portrait) { throw new RuntimeException("Stub!"); }
  public RemoteViews(android.widget.RemoteViews src) { throw new RuntimeException("Stub!"); }
  public RemoteViews(android.os.Parcel parcel) { throw new RuntimeException("Stub!"); }
  public java.lang.String getPackage() { throw new RuntimeException("Stub!"); }
  public void setBoolean(int viewId, java.lang.String methodName, boolean value) { throw new RuntimeException("Stub!"); }
  public void setByte(int viewId, java.lang.String methodName, byte value) { throw new RuntimeException("Stub!"); }
  public void setInt(int viewId, java.lang.String methodName, int value) { throw new RuntimeException("Stub!"); }
  public void setLong(int viewId, java.lang.String methodName, long value) { throw new RuntimeException("Stub!"); }
  public void setString(int viewId, java.lang.String methodName, java.lang.String value) { throw new RuntimeException("Stub!"); }
  public void setIntent(int viewId, java.lang.String methodName, android.content.Intent value) { throw new RuntimeException("Stub!"); }
  public void setIcon(int viewId, java.lang.String methodName, android.graphics.drawable.Icon value) { throw new RuntimeException("Stub!"); }
  public android.view.View apply(android.content.Context context, android.view.ViewGroup parent) { throw new RuntimeException("Stub!"); }
}
