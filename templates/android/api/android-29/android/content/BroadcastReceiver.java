// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.content;

public abstract class BroadcastReceiver {
  public BroadcastReceiver() { throw new RuntimeException("Stub!"); }
  public abstract void onReceive(android.content.Context context, android.content.Intent intent);
  public final void setResult(int code, java.lang.String data, android.os.Bundle extras) { throw new RuntimeException("Stub!"); }
}
