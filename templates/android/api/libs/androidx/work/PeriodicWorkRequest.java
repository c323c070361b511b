// Reviewed stand-in for androidx.work (see WorkRequest.java).
package androidx.work;

public final class PeriodicWorkRequest extends WorkRequest {
  PeriodicWorkRequest() { throw new RuntimeException("Stub!"); }
  public static final class Builder {
    public Builder(Class<? extends ListenableWorker> workerClass, long repeatInterval, java.util.concurrent.TimeUnit repeatIntervalTimeUnit) { throw new RuntimeException("Stub!"); }
    public Builder setConstraints(Constraints constraints) { throw new RuntimeException("Stub!"); }
    public PeriodicWorkRequest build() { throw new RuntimeException("Stub!"); }
  }
}
