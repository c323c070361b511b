// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.telephony;

public class TelephonyManager {
  TelephonyManager() { throw new RuntimeException("Stub!"); }
  public java.lang.String getDeviceId() { throw new RuntimeException("Stub!"); }
  public java.lang.String getDeviceId(int slotIndex) { throw new RuntimeException("Stub!"); }
  public int getNetworkType() { throw new RuntimeException("Stub!"); }
  public int getCallState() { throw new RuntimeException("Stub!"); }
  public static final int CALL_STATE_IDLE = 0; // 0x0
}
