// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.app;

public class Application extends android.content.ContextWrapper implements android.content.ComponentCallbacks2 {
  public Application() { super(null); throw new RuntimeException("Stub!"); }
  public void onCreate() { throw new RuntimeException("Stub!"); }
}
