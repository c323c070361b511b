// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public abstract class Context {
  public Context() { throw new RuntimeException("Stub!"); }
  public abstract android.content.pm.PackageManager getPackageManager();
  public abstract android.content.Context getApplicationContext();
  public final java.lang.CharSequence getText(int resId) { throw new RuntimeException("Stub!"); }
  public final java.lang.String getString(int resId) { throw new RuntimeException("Stub!"); }
  public final java.lang.String getString(int resId, java.lang.Object... formatArgs) { throw new RuntimeException("Stub!"); }
  public final android.graphics.drawable.Drawable getDrawable(int id) { throw new RuntimeException("Stub!"); }
  public abstract java.lang.String getPackageName();
  public abstract android.content.pm.ApplicationInfo getApplicationInfo();
  public abstract android.content.SharedPreferences getSharedPreferences(java.lang.String name, int mode);
  public abstract java.io.File getFilesDir();
  public abstract java.io.File getNoBackupFilesDir();
  public abstract java.io.File getDir(java.lang.String name, int mode);
  public abstract android.content.Intent registerReceiver( android.content.BroadcastReceiver receiver, android.content.IntentFilter filter);
  public abstract android.content.Intent registerReceiver( android.content.BroadcastReceiver receiver, android.content.IntentFilter filter, int flags);
  public abstract android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter,  java.lang.String broadcastPermission,  android.os.Handler scheduler);
  public abstract android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter,  java.lang.String broadcastPermission,  android.os.Handler scheduler, int flags);
  public abstract java.lang.Object getSystemService( java.lang.String name);
  public final <T> T getSystemService( java.lang.Class<T> serviceClass) { throw new RuntimeException("Stub!"); }
  public abstract int checkSelfPermission( java.lang.String permission);
  public static final int MODE_PRIVATE = 0; // 0x0
}
