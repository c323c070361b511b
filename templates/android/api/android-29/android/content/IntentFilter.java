// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public class IntentFilter implements android.os.Parcelable {
  public IntentFilter() { throw new RuntimeException("Stub!"); }
  public IntentFilter(java.lang.String action) { throw new RuntimeException("Stub!"); }
  public IntentFilter(java.lang.String action, java.lang.String dataType) throws android.content.IntentFilter.MalformedMimeTypeException { throw new RuntimeException("Stub!"); }
  public IntentFilter(android.content.IntentFilter o) { throw new RuntimeException("Stub!"); }
  public final java.lang.String getAction(int index) { throw new RuntimeException("Stub!"); }
  public final int match(android.content.ContentResolver resolver, android.content.Intent intent, boolean resolve, java.lang.String logTag) { throw new RuntimeException("Stub!"); }
  public final int match(java.lang.String action, java.lang.String type, java.lang.String scheme, android.net.Uri data, java.util.Set<java.lang.String> categories, java.lang.String logTag) { throw new RuntimeException("Stub!"); }
  public static class MalformedMimeTypeException extends android.util.AndroidException {
    public MalformedMimeTypeException() { throw new RuntimeException("Stub!"); }
    public MalformedMimeTypeException(java.lang.String name) { throw new RuntimeException("Stub!"); }
  }
}
