// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public enum ExistingWorkPolicy { REPLACE, KEEP, APPEND, APPEND_OR_REPLACE }
