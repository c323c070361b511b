// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android;

public final class Manifest {
  public Manifest() { throw new RuntimeException("Stub!"); }
  public static final class permission {
    public permission() { throw new RuntimeException("Stub!"); }
    public static final java.lang.String ACCESS_NETWORK_STATE = "android.permission.ACCESS_NETWORK_STATE";
    public static final java.lang.String INTERNET = "android.permission.INTERNET";
    public static final java.lang.String READ_PHONE_STATE = "android.permission.READ_PHONE_STATE";
    public static final java.lang.String RECEIVE_BOOT_COMPLETED = "android.permission.RECEIVE_BOOT_COMPLETED";
    public static final java.lang.String REQUEST_INSTALL_PACKAGES = "android.permission.REQUEST_INSTALL_PACKAGES";
  }
}
