// Reviewed stand-in for androidx.work (see WorkRequest.java).
package androidx.work;

public final class OneTimeWorkRequest extends WorkRequest {
  OneTimeWorkRequest() { throw new RuntimeException("Stub!"); }
  public static final class Builder {
    public Builder(Class<? extends ListenableWorker> workerClass) { throw new RuntimeException("Stub!"); }
    public Builder setConstraints(Constraints constraints) { throw new RuntimeException("Stub!"); }
    public OneTimeWorkRequest build() { throw new RuntimeException("Stub!"); }
  }
}
