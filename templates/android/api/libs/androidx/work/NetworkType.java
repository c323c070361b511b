// Reviewed stand-in for androidx.work (see ListenableWorker.java).
package androidx.work;

public enum NetworkType { NOT_REQUIRED, CONNECTED, UNMETERED, NOT_ROAMING, METERED, TEMPORARILY_UNMETERED }
