// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.net;

public final class NetworkCapabilities implements android.os.Parcelable {
  public NetworkCapabilities() { throw new RuntimeException("Stub!"); }
  public NetworkCapabilities(android.net.NetworkCapabilities nc) { throw new RuntimeException("Stub!"); }
  public boolean hasCapability(int capability) { throw new RuntimeException("Stub!"); }
  public boolean hasTransport(int transportType) { throw new RuntimeException("Stub!"); }
  public boolean equals( java.lang.Object obj) { throw new RuntimeException("Stub!"); }
  public int hashCode() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static final int NET_CAPABILITY_NOT_METERED = 11; // 0xb
  public static final int TRANSPORT_ETHERNET = 3; // 0x3
  public static final int TRANSPORT_WIFI = 1; // 0x1
}
