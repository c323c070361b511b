package otactl.agent

import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.pm.PackageInstaller
import android.os.Build
import java.io.File
import otactl.core.BootValidation
import otactl.core.Telemetry

/**
 * Installs a checked APK of this app with a PackageInstaller session. Silent (no prompt) when the
 * agent is the device owner, or on API 31+ when it holds UPDATE_PACKAGES_WITHOUT_USER_ACTION, is the
 * installer of record and asks for USER_ACTION_NOT_REQUIRED; otherwise Android asks the user
 * (STATUS_PENDING_USER_ACTION), which the result receiver turns into a notification.
 */
object Installer {
    fun install(context: Context, apk: File, buildId: String, versionCode: Long) {
        // The install kills this process: what was installed is recorded first, and BootReceiver
        // (MY_PACKAGE_REPLACED, in the new build's process) reports ota.install.ok from it.
        OtaState(context).apply(BootValidation.Event(BootValidation.EventType.INSTALLED, wallClockMs()), buildId to versionCode)
        val pi = context.packageManager.packageInstaller
        val params = PackageInstaller.SessionParams(PackageInstaller.SessionParams.MODE_FULL_INSTALL).apply {
            setAppPackageName(context.packageName)
            setSize(apk.length())
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) setRequireUserAction(PackageInstaller.SessionParams.USER_ACTION_NOT_REQUIRED)
        }
        val sessionId = pi.createSession(params)
        pi.openSession(sessionId).use { session ->
            session.openWrite("base.apk", 0, apk.length()).use { out ->
                apk.inputStream().use { it.copyTo(out) }
                session.fsync(out)
            }
            val intent = Intent(context, InstallResultReceiver::class.java).putExtra(InstallResultReceiver.EXTRA_BUILD_ID, buildId)
            // Mutable: the installer fills in the status extras.
            val flags = PendingIntent.FLAG_UPDATE_CURRENT or (if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) PendingIntent.FLAG_MUTABLE else 0)
            session.commit(PendingIntent.getBroadcast(context, sessionId, intent, flags).intentSender)
        }
    }
}

/**
 * The session's outcome. Success is not reported here: a self-update kills this process before or
 * while the result arrives, so ota.install.ok comes from BootReceiver on MY_PACKAGE_REPLACED.
 */
class InstallResultReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val buildId = intent.getStringExtra(EXTRA_BUILD_ID)
        when (val status = intent.getIntExtra(PackageInstaller.EXTRA_STATUS, PackageInstaller.STATUS_FAILURE)) {
            PackageInstaller.STATUS_SUCCESS -> Unit
            PackageInstaller.STATUS_PENDING_USER_ACTION -> {
                OtaEvents.emit("ota.install.pending_user", "build_id" to buildId)
                @Suppress("DEPRECATION")
                val confirm = intent.getParcelableExtra<Intent>(Intent.EXTRA_INTENT)
                if (confirm != null) askUser(context, confirm)
            }
            else -> {
                // The build did not take: the running one stays (BootValidation's "reverted"; reported just below).
                OtaState(context).apply(BootValidation.Event(BootValidation.EventType.BOOT, wallClockMs(), runningInstalled = false))
                OtaEvents.emit(
                    "ota.install.fail", "build_id" to buildId, "status" to status,
                    "message" to intent.getStringExtra(PackageInstaller.EXTRA_STATUS_MESSAGE)
                )
                val (outcome, reason) = Telemetry.failureOutcome("ota.install.fail", null)!! // the SDK's reason; the status is in the event
                Beacons.queue(context, buildId, outcome, reason)
            }
        }
    }

    /**
     * From API 29 a receiver in the background may not start an activity, so the installer's
     * confirmation is posted as a notification that opens it when tapped. Without the notification
     * permission (API 33+) or with the channel blocked nothing shows: reported, and the next check
     * tries again.
     */
    private fun askUser(context: Context, confirm: Intent) {
        val nm = context.getSystemService(NotificationManager::class.java) ?: return
        nm.createNotificationChannel(NotificationChannel(CHANNEL_ID, "App updates", NotificationManager.IMPORTANCE_HIGH))
        if (!nm.areNotificationsEnabled()) {
            OtaEvents.emit("ota.install.pending_user_hidden")
            return
        }
        val open = PendingIntent.getActivity(
            context, 0, confirm.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE
        )
        val notification = android.app.Notification.Builder(context, CHANNEL_ID)
            // A notification without a valid small icon is refused by the system: the platform's own as a fallback.
            .setSmallIcon(context.applicationInfo.icon.takeIf { it != 0 } ?: android.R.drawable.stat_sys_download_done)
            .setContentTitle("Update ready")
            .setContentText("Tap to install the new version")
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        nm.notify(NOTIFICATION_ID, notification)
    }

    companion object {
        const val EXTRA_BUILD_ID = "otactl.build_id"
        private const val CHANNEL_ID = "otactl.updates"
        private const val NOTIFICATION_ID = 0x07AC
    }
}
