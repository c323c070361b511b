// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.net;

public abstract class Uri implements android.os.Parcelable, java.lang.Comparable<android.net.Uri> {
  private Uri() { throw new RuntimeException("Stub!"); }
  public abstract java.lang.String getAuthority();
  public abstract java.lang.String getPath();
  public boolean equals(java.lang.Object o) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public int compareTo(android.net.Uri other) { throw new RuntimeException("Stub!"); }
  public abstract java.lang.String toString();
  public static android.net.Uri parse(java.lang.String uriString) { throw new RuntimeException("Stub!"); }
  public static java.lang.String decode(java.lang.String s) { throw new RuntimeException("Stub!"); }
  public static final class Builder {
    public Builder() { throw new RuntimeException("Stub!"); }
    public android.net.Uri.Builder authority(java.lang.String authority) { throw new RuntimeException("Stub!"); }
    public android.net.Uri.Builder path(java.lang.String path) { throw new RuntimeException("Stub!"); }
    public android.net.Uri build() { throw new RuntimeException("Stub!"); }
    public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  }
}
