// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.net;

public class Network implements android.os.Parcelable {
  Network() { throw new RuntimeException("Stub!"); }
  public java.net.URLConnection openConnection(java.net.URL url) throws java.io.IOException { throw new RuntimeException("Stub!"); }
  public java.net.URLConnection openConnection(java.net.URL url, java.net.Proxy proxy) throws java.io.IOException { throw new RuntimeException("Stub!"); }
  public boolean equals(java.lang.Object obj) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
