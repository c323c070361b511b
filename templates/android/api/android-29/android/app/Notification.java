// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public class Notification implements android.os.Parcelable {
  public Notification() { throw new RuntimeException("Stub!"); }
  public Notification(int icon, java.lang.CharSequence tickerText, long when) { throw new RuntimeException("Stub!"); }
  public Notification(android.os.Parcel parcel) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public android.os.Bundle extras;
  public int flags;
  public int icon;
  public long when;
  public static class Action implements android.os.Parcelable {
    public Action(int icon, java.lang.CharSequence title, android.app.PendingIntent intent) { throw new RuntimeException("Stub!"); }
    public android.graphics.drawable.Icon getIcon() { throw new RuntimeException("Stub!"); }
    public android.os.Bundle getExtras() { throw new RuntimeException("Stub!"); }
    public int icon;
    public static final class Builder {
      public Builder(int icon, java.lang.CharSequence title, android.app.PendingIntent intent) { throw new RuntimeException("Stub!"); }
      public Builder(android.graphics.drawable.Icon icon, java.lang.CharSequence title, android.app.PendingIntent intent) { throw new RuntimeException("Stub!"); }
      public Builder(android.app.Notification.Action action) { throw new RuntimeException("Stub!"); }
      public android.os.Bundle getExtras() { throw new RuntimeException("Stub!"); }
      public android.app.Notification.Action.Builder extend(android.app.Notification.Action.Extender extender) { throw new RuntimeException("Stub!"); }
      public android.app.Notification.Action build() { throw new RuntimeException("Stub!"); }
    }
    public static interface Extender {
      public android.app.Notification.Action.Builder extend(android.app.Notification.Action.Builder builder);
    }
  }
  public static class Builder {
    public Builder(android.content.Context context, java.lang.String channelId) { throw new RuntimeException("Stub!"); }
    public Builder(android.content.Context context) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setWhen(long when) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setSmallIcon(int icon) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setSmallIcon(int icon, int level) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setSmallIcon(android.graphics.drawable.Icon icon) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setContentTitle(java.lang.CharSequence title) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setContentText(java.lang.CharSequence text) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setContent(android.widget.RemoteViews views) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setContentIntent(android.app.PendingIntent intent) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setAutoCancel(boolean autoCancel) { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder setExtras(android.os.Bundle extras) { throw new RuntimeException("Stub!"); }
    public android.os.Bundle getExtras() { throw new RuntimeException("Stub!"); }
    public android.app.Notification.Builder extend(android.app.Notification.Extender extender) { throw new RuntimeException("Stub!"); }
    public android.app.Notification getNotification() { throw new RuntimeException("Stub!"); }
    public android.app.Notification build() { throw new RuntimeException("Stub!"); }
  }
  public static interface Extender {
    public android.app.Notification.Builder extend(android.app.Notification.Builder builder);
  }
}
