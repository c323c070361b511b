// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public class ApplicationInfo extends android.content.pm.PackageItemInfo implements android.os.Parcelable {
  public ApplicationInfo() { throw new RuntimeException("Stub!"); }
  public ApplicationInfo(android.content.pm.ApplicationInfo orig) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public int flags = 0; // 0x0
  public java.lang.String permission;
}
