// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public final class SigningInfo implements android.os.Parcelable {
  public SigningInfo() { throw new RuntimeException("Stub!"); }
  public SigningInfo(android.content.pm.SigningInfo orig) { throw new RuntimeException("Stub!"); }
  public android.content.pm.Signature[] getApkContentsSigners() { throw new RuntimeException("Stub!"); }
}
