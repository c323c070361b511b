// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.view;

public final class InputDevice implements android.os.Parcelable {
  private InputDevice() { throw new RuntimeException("Stub!"); }
  public static android.view.InputDevice getDevice(int id) { throw new RuntimeException("Stub!"); }
  public java.lang.String getName() { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
}
