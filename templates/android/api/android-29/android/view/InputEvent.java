// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.view;

public abstract class InputEvent implements android.os.Parcelable {
  InputEvent() { throw new RuntimeException("Stub!"); }
  public abstract int getDeviceId();
  public final android.view.InputDevice getDevice() { throw new RuntimeException("Stub!"); }
}
