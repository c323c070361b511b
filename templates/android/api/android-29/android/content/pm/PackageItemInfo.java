// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public class PackageItemInfo {
  public PackageItemInfo() { throw new RuntimeException("Stub!"); }
  public PackageItemInfo(android.content.pm.PackageItemInfo orig) { throw new RuntimeException("Stub!"); }
  protected PackageItemInfo(android.os.Parcel source) { throw new RuntimeException("Stub!"); }
  public int icon;
  public java.lang.String name;
  public java.lang.String packageName;
}
