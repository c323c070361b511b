// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public abstract class PackageManager {
  public PackageManager() { throw new RuntimeException("Stub!"); }
  public abstract android.content.pm.PackageInfo getPackageInfo( java.lang.String packageName, int flags) throws android.content.pm.PackageManager.NameNotFoundException;
  public abstract android.content.pm.PackageInfo getPackageInfo( android.content.pm.VersionedPackage versionedPackage, int flags) throws android.content.pm.PackageManager.NameNotFoundException;
  public abstract android.content.pm.ApplicationInfo getApplicationInfo( java.lang.String packageName, int flags) throws android.content.pm.PackageManager.NameNotFoundException;
  public abstract android.graphics.drawable.Drawable getDrawable( java.lang.String packageName, int resid,  android.content.pm.ApplicationInfo appInfo);
  public abstract java.lang.CharSequence getText( java.lang.String packageName, int resid,  android.content.pm.ApplicationInfo appInfo);
  public android.content.pm.PackageInfo getPackageArchiveInfo( java.lang.String archiveFilePath, int flags) { throw new RuntimeException("Stub!"); }
  public abstract android.content.pm.PackageInstaller getPackageInstaller();
  public static final int GET_SIGNATURES = 64; // 0x40
  public static final int GET_SIGNING_CERTIFICATES = 134217728; // 0x8000000
  public static final int PERMISSION_GRANTED = 0; // 0x0
  public static class NameNotFoundException extends android.util.AndroidException {
    public NameNotFoundException() { throw new RuntimeException("Stub!"); }
    public NameNotFoundException(java.lang.String name) { throw new RuntimeException("Stub!"); }
  }
}
