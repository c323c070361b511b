// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.os;

public class BatteryManager {
  BatteryManager() { throw new RuntimeException("Stub!"); }
  public boolean isCharging() { throw new RuntimeException("Stub!"); }
  public int getIntProperty(int id) { throw new RuntimeException("Stub!"); }
  public static final int BATTERY_PROPERTY_CAPACITY = 4; // 0x4
  public static final java.lang.String EXTRA_PLUGGED = "plugged";
  public static final java.lang.String EXTRA_STATUS = "status";
}
