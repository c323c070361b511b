// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.
package android.view;

public abstract class LayoutInflater {
  protected LayoutInflater(android.content.Context context) { throw new RuntimeException("Stub!"); }
  protected LayoutInflater(android.view.LayoutInflater original, android.content.Context newContext) { throw new RuntimeException("Stub!"); }
  public static android.view.LayoutInflater from(android.content.Context context) { throw new RuntimeException("Stub!"); }
  public android.content.Context getContext() { throw new RuntimeException("Stub!"); }
  public android.view.LayoutInflater.Filter getFilter() { throw new RuntimeException("Stub!"); }
  public void setFilter(android.view.LayoutInflater.Filter filter) { throw new RuntimeException("Stub!"); }
  public static interface Filter {
  }
}
