// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public final class VersionedPackage implements android.os.Parcelable {
  public VersionedPackage( java.lang.String packageName, int versionCode) { throw new RuntimeException("Stub!"); }
  public VersionedPackage( java.lang.String packageName, long versionCode) { throw new RuntimeException("Stub!"); }
  public java.lang.String getPackageName() { throw new RuntimeException("Stub!"); }
  public int getVersionCode() { throw new RuntimeException("Stub!"); }
  public long getLongVersionCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
