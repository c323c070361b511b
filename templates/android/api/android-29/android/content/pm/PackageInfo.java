// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public class PackageInfo implements android.os.Parcelable {
  public PackageInfo() { throw new RuntimeException("Stub!"); }
  public long getLongVersionCode() { throw new RuntimeException("Stub!"); }
  public void setLongVersionCode(long longVersionCode) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public android.content.pm.ApplicationInfo applicationInfo;
  public java.lang.String packageName;
  public android.content.pm.Signature[] signatures;
  public android.content.pm.SigningInfo signingInfo;
  public int versionCode;
}
