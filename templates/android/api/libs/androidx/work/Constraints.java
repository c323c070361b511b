// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public final class Constraints {
  Constraints() { throw new RuntimeException("Stub!"); }
  public static final class Builder {
    public Builder() { throw new RuntimeException("Stub!"); }
    public Builder setRequiredNetworkType(NetworkType networkType) { throw new RuntimeException("Stub!"); }
    public Constraints build() { throw new RuntimeException("Stub!"); }
  }
}
