// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public final class WorkerParameters {
  WorkerParameters() { throw new RuntimeException("Stub!"); }
}
