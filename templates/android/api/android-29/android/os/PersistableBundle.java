// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public final class PersistableBundle extends android.os.BaseBundle implements java.lang.Cloneable, android.os.Parcelable {
  public PersistableBundle() { throw new RuntimeException("Stub!"); }
  public PersistableBundle(int capacity) { throw new RuntimeException("Stub!"); }
  public PersistableBundle(android.os.PersistableBundle b) { throw new RuntimeException("Stub!"); }
  public synchronized java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
