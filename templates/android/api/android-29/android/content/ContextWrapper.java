// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public class ContextWrapper extends android.content.Context {
  public ContextWrapper(android.content.Context base) { throw new RuntimeException("Stub!"); }
  public android.content.pm.PackageManager getPackageManager() { throw new RuntimeException("Stub!"); }
  public android.content.Context getApplicationContext() { throw new RuntimeException("Stub!"); }
  public java.lang.String getPackageName() { throw new RuntimeException("Stub!"); }
  public android.content.pm.ApplicationInfo getApplicationInfo() { throw new RuntimeException("Stub!"); }
  public android.content.SharedPreferences getSharedPreferences(java.lang.String name, int mode) { throw new RuntimeException("Stub!"); }
  public java.io.File getFilesDir() { throw new RuntimeException("Stub!"); }
  public java.io.File getNoBackupFilesDir() { throw new RuntimeException("Stub!"); }
  public java.io.File getDir(java.lang.String name, int mode) { throw new RuntimeException("Stub!"); }
  public android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter) { throw new RuntimeException("Stub!"); }
  public android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter, int flags) { throw new RuntimeException("Stub!"); }
  public android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter, java.lang.String broadcastPermission, android.os.Handler scheduler) { throw new RuntimeException("Stub!"); }
  public android.content.Intent registerReceiver(android.content.BroadcastReceiver receiver, android.content.IntentFilter filter, java.lang.String broadcastPermission, android.os.Handler scheduler, int flags) { throw new RuntimeException("Stub!"); }
  public java.lang.Object getSystemService(java.lang.String name) { throw new RuntimeException("Stub!"); }
  public int checkSelfPermission(java.lang.String permission) { throw new RuntimeException("Stub!"); }
}
