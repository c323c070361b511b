// Reviewed stand-in for androidx.work (work-runtime 2.x): only the members the agent calls, with the
// library's signatures. Not the library; compiled only so the agent glue can be compiled here.
package androidx.work;

public abstract class ListenableWorker {
  public ListenableWorker(android.content.Context appContext, WorkerParameters workerParams) { throw new RuntimeException("Stub!"); }
  public final android.content.Context getApplicationContext() { throw new RuntimeException("Stub!"); }
  public abstract static class Result {
    Result() { throw new RuntimeException("Stub!"); }
    public static Result success() { throw new RuntimeException("Stub!"); }
    public static Result retry() { throw new RuntimeException("Stub!"); }
    public static Result failure() { throw new RuntimeException("Stub!"); }
  }
}
