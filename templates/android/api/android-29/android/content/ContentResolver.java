// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public abstract class ContentResolver {
  public ContentResolver( android.content.Context context) { throw new RuntimeException("Stub!"); }
  public final java.lang.String getType( android.net.Uri url) { throw new RuntimeException("Stub!"); }
  public final int delete( android.net.Uri url,  java.lang.String where,  java.lang.String[] selectionArgs) { throw new RuntimeException("Stub!"); }
  public final int update( android.net.Uri uri,  android.content.ContentValues values,  java.lang.String where,  java.lang.String[] selectionArgs) { throw new RuntimeException("Stub!"); }
  public final android.os.Bundle call( android.net.Uri uri,  java.lang.String method,  java.lang.String arg,  android.os.Bundle extras) { throw new RuntimeException("Stub!"); }
  public final android.os.Bundle call( java.lang.String authority,  java.lang.String method,  java.lang.String arg,  android.os.Bundle extras) { throw new RuntimeException("Stub!"); }
}
