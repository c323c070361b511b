// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public final class Bundle extends android.os.BaseBundle implements java.lang.Cloneable, android.os.Parcelable {
  public Bundle() { throw new RuntimeException("Stub!"); }
  public Bundle(java.lang.ClassLoader loader) { throw new RuntimeException("Stub!"); }
  public Bundle(int capacity) { throw new RuntimeException("Stub!"); }
  public Bundle(android.os.Bundle b) { throw new RuntimeException("Stub!"); }
  public Bundle(android.os.PersistableBundle b) { throw new RuntimeException("Stub!"); }
  public void remove(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public byte getByte(java.lang.String key) { throw new RuntimeException("Stub!"); }
  public java.lang.Byte getByte(java.lang.String key, byte defaultValue) { throw new RuntimeException("Stub!"); }
  public android.util.Size getSize( java.lang.String key) { throw new RuntimeException("Stub!"); }
  public byte[] getByteArray( java.lang.String key) { throw new RuntimeException("Stub!"); }
  public synchronized java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
