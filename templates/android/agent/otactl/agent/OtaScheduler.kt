package otactl.agent

import android.content.Context
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import java.util.concurrent.TimeUnit

/** When the agent checks: every 6 hours, on boot, on app start and on an FCM "update" push. */
object OtaScheduler {
    private const val PERIODIC = "otactl-periodic-check"
    private const val NOW = "otactl-check-now"
    private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

    /** Call from Application.onCreate(); KEEP leaves an already scheduled period alone. */
    fun schedulePeriodic(context: Context) {
        val request = PeriodicWorkRequestBuilder<OtaWorker>(6, TimeUnit.HOURS).setConstraints(online).build()
        WorkManager.getInstance(context).enqueueUniquePeriodicWork(PERIODIC, ExistingPeriodicWorkPolicy.KEEP, request)
    }

    /** A check as soon as the device is online; a second request while one is pending is merged. */
    fun checkNow(context: Context) {
        val request = OneTimeWorkRequestBuilder<OtaWorker>().setConstraints(online).build()
        WorkManager.getInstance(context).enqueueUniqueWork(NOW, ExistingWorkPolicy.KEEP, request)
    }
}
