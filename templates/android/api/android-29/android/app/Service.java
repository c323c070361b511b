// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public abstract class Service extends android.content.ContextWrapper implements android.content.ComponentCallbacks2 {
  public Service() { super(null); throw new RuntimeException("Stub!"); }
  public final android.app.Application getApplication() { throw new RuntimeException("Stub!"); }
  public void onCreate() { throw new RuntimeException("Stub!"); }
}
