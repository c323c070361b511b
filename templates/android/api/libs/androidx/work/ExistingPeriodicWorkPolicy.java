// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public enum ExistingPeriodicWorkPolicy { REPLACE, KEEP, CANCEL_AND_REENQUEUE, UPDATE }
