// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public abstract class WorkManager {
  WorkManager() { throw new RuntimeException("Stub!"); }
  public static WorkManager getInstance(android.content.Context context) { throw new RuntimeException("Stub!"); }
  public abstract Operation enqueueUniqueWork(String uniqueWorkName, ExistingWorkPolicy existingWorkPolicy, OneTimeWorkRequest work);
  public abstract Operation enqueueUniquePeriodicWork(String uniqueWorkName, ExistingPeriodicWorkPolicy existingPeriodicWorkPolicy, PeriodicWorkRequest periodicWork);
}
