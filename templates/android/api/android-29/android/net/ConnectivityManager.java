// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.net;

public class ConnectivityManager {
  ConnectivityManager() { throw new RuntimeException("Stub!"); }
  public android.net.Network getActiveNetwork() { throw new RuntimeException("Stub!"); }
  public android.net.NetworkCapabilities getNetworkCapabilities( android.net.Network network) { throw new RuntimeException("Stub!"); }
}
