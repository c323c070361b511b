// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public class Intent implements android.os.Parcelable, java.lang.Cloneable {
  public Intent() { throw new RuntimeException("Stub!"); }
  public Intent(android.content.Intent o) { throw new RuntimeException("Stub!"); }
  public Intent(java.lang.String action) { throw new RuntimeException("Stub!"); }
  public Intent(java.lang.String action, android.net.Uri uri) { throw new RuntimeException("Stub!"); }
  public Intent(android.content.Context packageContext, java.lang.Class<?> cls) { throw new RuntimeException("Stub!"); }
  public Intent(java.lang.String action, android.net.Uri uri, android.content.Context packageContext, java.lang.Class<?> cls) { throw new RuntimeException("Stub!"); }
  public static android.content.Intent getIntent(java.lang.String uri) throws java.net.URISyntaxException { throw new RuntimeException("Stub!"); }
  public java.lang.String getAction() { throw new RuntimeException("Stub!"); }
  public android.net.Uri getData() { throw new RuntimeException("Stub!"); }
  public java.lang.String getType() { throw new RuntimeException("Stub!"); }
  public int getIntExtra(java.lang.String name, int defaultValue) { throw new RuntimeException("Stub!"); }
  public java.lang.String getStringExtra(java.lang.String name) { throw new RuntimeException("Stub!"); }
  public <T extends android.os.Parcelable> T getParcelableExtra(java.lang.String name) { throw new RuntimeException("Stub!"); }
  public android.os.Bundle getExtras() { throw new RuntimeException("Stub!"); }
  public int getFlags() { throw new RuntimeException("Stub!"); }
  public java.lang.String getPackage() { throw new RuntimeException("Stub!"); }
  public android.content.Intent setAction( java.lang.String action) { throw new RuntimeException("Stub!"); }
  public android.content.Intent setData( android.net.Uri data) { throw new RuntimeException("Stub!"); }
  public android.content.Intent setType( java.lang.String type) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, boolean value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, byte value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, char value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, short value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, int value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, long value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, float value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name, double value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  java.lang.String value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  java.lang.CharSequence value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  android.os.Parcelable value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  android.os.Parcelable[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  java.io.Serializable value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  boolean[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  byte[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  short[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  char[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  int[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  long[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  float[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  double[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  java.lang.String[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  java.lang.CharSequence[] value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent putExtra(java.lang.String name,  android.os.Bundle value) { throw new RuntimeException("Stub!"); }
  public android.content.Intent setFlags(int flags) { throw new RuntimeException("Stub!"); }
  public android.content.Intent addFlags(int flags) { throw new RuntimeException("Stub!"); }
  public android.content.Intent setPackage( java.lang.String packageName) { throw new RuntimeException("Stub!"); }
  public android.content.Intent setClass( android.content.Context packageContext,  java.lang.Class<?> cls) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static final java.lang.String ACTION_BATTERY_CHANGED = "android.intent.action.BATTERY_CHANGED";
  public static final java.lang.String ACTION_BOOT_COMPLETED = "android.intent.action.BOOT_COMPLETED";
  public static final java.lang.String ACTION_MY_PACKAGE_REPLACED = "android.intent.action.MY_PACKAGE_REPLACED";
  public static final java.lang.String EXTRA_INTENT = "android.intent.extra.INTENT";
  public static final int FLAG_ACTIVITY_NEW_TASK = 268435456; // 0x10000000
}
