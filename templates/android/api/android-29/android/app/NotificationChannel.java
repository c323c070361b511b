// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public final class NotificationChannel implements android.os.Parcelable {
  public NotificationChannel(java.lang.String id, java.lang.CharSequence name, int importance) { throw new RuntimeException("Stub!"); }
  public void setName(java.lang.CharSequence name) { throw new RuntimeException("Stub!"); }
  public java.lang.CharSequence getName() { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object o) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
