// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public class BaseBundle {
  BaseBundle() { throw new RuntimeException("Stub!"); }
  public int size() { throw new RuntimeException("Stub!"); }
  public java.lang.Object get(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public void remove(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public void putInt( java.lang.String key, int value) { throw new RuntimeException("Stub!"); }
  public void putLong( java.lang.String key, long value) { throw new RuntimeException("Stub!"); }
  public void putString( java.lang.String key,  java.lang.String value) { throw new RuntimeException("Stub!"); }
  public boolean getBoolean(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public boolean getBoolean(java.lang.String key, boolean defaultValue) { throw new RuntimeException("Stub!"); }
  public int getInt(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public int getInt(java.lang.String key, int defaultValue) { throw new RuntimeException("Stub!"); }
  public long getLong(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public long getLong(java.lang.String key, long defaultValue) { throw new RuntimeException("Stub!"); }
  public java.lang.String getString( java.lang.String key) { throw new RuntimeException("Stub!"); }
  public java.lang.String getString( java.lang.String key, java.lang.String defaultValue) { throw new RuntimeException("Stub!"); }
}
