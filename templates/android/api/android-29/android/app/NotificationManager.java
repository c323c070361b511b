// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public class NotificationManager {
  NotificationManager() { throw new RuntimeException("Stub!"); }
  public void notify(int id, android.app.Notification notification) { throw new RuntimeException("Stub!"); }
  public void notify(java.lang.String tag, int id, android.app.Notification notification) { throw new RuntimeException("Stub!"); }
  public void createNotificationChannel( android.app.NotificationChannel channel) { throw new RuntimeException("Stub!"); }
  public android.app.NotificationChannel getNotificationChannel(java.lang.String channelId) { throw new RuntimeException("Stub!"); }
  public boolean areNotificationsEnabled() { throw new RuntimeException("Stub!"); }
  public static final int IMPORTANCE_HIGH = 4; // 0x4
}
