// Reviewed stand-in for androidx.work (see ListenableWorker.java). The real builders share a generic
// base (WorkRequest.Builder<B, W>); these carry its members the agent calls.
package androidx.work;

public abstract class WorkRequest {
  WorkRequest() { throw new RuntimeException("Stub!"); }
}
