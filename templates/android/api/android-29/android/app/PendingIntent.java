// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public final class PendingIntent implements android.os.Parcelable {
  PendingIntent() { throw new RuntimeException("Stub!"); }
  public static android.app.PendingIntent getActivity(android.content.Context context, int requestCode, android.content.Intent intent, int flags) { throw new RuntimeException("Stub!"); }
  public static android.app.PendingIntent getActivity(android.content.Context context, int requestCode,  android.content.Intent intent, int flags,  android.os.Bundle options) { throw new RuntimeException("Stub!"); }
  public static android.app.PendingIntent getBroadcast(android.content.Context context, int requestCode, android.content.Intent intent, int flags) { throw new RuntimeException("Stub!"); }
  public static android.app.PendingIntent getService(android.content.Context context, int requestCode,  android.content.Intent intent, int flags) { throw new RuntimeException("Stub!"); }
  public android.content.IntentSender getIntentSender() { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object otherObj) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static final int FLAG_IMMUTABLE = 67108864; // 0x4000000
  public static final int FLAG_UPDATE_CURRENT = 134217728; // 0x8000000
}
