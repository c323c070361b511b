// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content.pm;

public class Signature implements android.os.Parcelable {
  public Signature(byte[] signature) { throw new RuntimeException("Stub!"); }
  public Signature(java.lang.String text) { throw new RuntimeException("Stub!"); }
  public byte[] toByteArray() { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object obj) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
}
