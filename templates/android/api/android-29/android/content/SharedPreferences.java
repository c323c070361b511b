// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public interface SharedPreferences {
  public java.lang.String getString(java.lang.String key,  java.lang.String defValue);
  public int getInt(java.lang.String key, int defValue);
  public long getLong(java.lang.String key, long defValue);
  public boolean getBoolean(java.lang.String key, boolean defValue);
  public boolean contains(java.lang.String key);
  public android.content.SharedPreferences.Editor edit();
  public static interface Editor {
    public android.content.SharedPreferences.Editor putString(java.lang.String key,  java.lang.String value);
    public android.content.SharedPreferences.Editor putInt(java.lang.String key, int value);
    public android.content.SharedPreferences.Editor putLong(java.lang.String key, long value);
    public android.content.SharedPreferences.Editor remove(java.lang.String key);
    public boolean commit();
    public void apply();
  }
}
