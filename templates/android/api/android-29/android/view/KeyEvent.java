// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.view;

public class KeyEvent extends android.view.InputEvent implements android.os.Parcelable {
  public KeyEvent(int action, int code) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long downTime, long eventTime, int action, int code, int repeat) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long downTime, long eventTime, int action, int code, int repeat, int metaState) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long downTime, long eventTime, int action, int code, int repeat, int metaState, int deviceId, int scancode) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long downTime, long eventTime, int action, int code, int repeat, int metaState, int deviceId, int scancode, int flags) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long downTime, long eventTime, int action, int code, int repeat, int metaState, int deviceId, int scancode, int flags, int source) { throw new RuntimeException("Stub!"); }
  public KeyEvent(long time, java.lang.String characters, int deviceId, int flags) { throw new RuntimeException("Stub!"); }
  public KeyEvent(android.view.KeyEvent origEvent) { throw new RuntimeException("Stub!"); }
  public KeyEvent(android.view.KeyEvent origEvent, long eventTime, int newRepeat) { throw new RuntimeException("Stub!"); }
  public final boolean isSystem() { throw new RuntimeException("Stub!"); }
  public final int getDeviceId() { throw new RuntimeException("Stub!"); }
  public final int getFlags() { throw new RuntimeException("Stub!"); }
  public final int getAction() { throw new RuntimeException("Stub!"); }
  public char getMatch(char[] chars) { throw new RuntimeException("Stub!"); }
  public char getMatch(char[] chars, int metaState) { throw new RuntimeException("Stub!"); }
  public java.lang.String toString() { throw new RuntimeException("Stub!"); }
  public static interface Callback {
  }
}
