// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public interface Operation {
}
