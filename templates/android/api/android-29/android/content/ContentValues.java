// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public final class ContentValues implements android.os.Parcelable {
  public ContentValues() { throw new RuntimeException("Stub!"); }
  public ContentValues(int size) { throw new RuntimeException("Stub!"); }
  public ContentValues(android.content.ContentValues from) { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object object) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public int size() { throw new RuntimeException("Stub!"); }
  public void remove(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public java.lang.Object get(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static final java.lang.String TAG = "ContentValues";
}
