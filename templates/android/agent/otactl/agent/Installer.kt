package otactl.agent

import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.pm.PackageInstaller
import android.os.Build
import java.io.File

/**
 * Installs a checked APK with a PackageInstaller session. Silent (no prompt) when the agent is the
 * device owner or the installer of record with USER_ACTION_NOT_REQUIRED (API 31+); otherwise
 * Android asks the user (STATUS_PENDING_USER_ACTION), which the result receiver reports.
 */
object Installer {
    fun install(context: Context, apk: File, buildId: String) {
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
            val flags = PendingIntent.FLAG_UPDATE_CURRENT or (if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) PendingIntent.FLAG_MUTABLE else 0)
            session.commit(PendingIntent.getBroadcast(context, sessionId, intent, flags).intentSender)
        }
    }
}

/** Reports the session's outcome as ota.install.ok / ota.install.fail (the app restarts on success). */
class InstallResultReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val buildId = intent.getStringExtra(EXTRA_BUILD_ID)
        when (val status = intent.getIntExtra(PackageInstaller.EXTRA_STATUS, PackageInstaller.STATUS_FAILURE)) {
            PackageInstaller.STATUS_SUCCESS -> OtaEvents.emit("ota.install.ok", "build_id" to buildId)
            PackageInstaller.STATUS_PENDING_USER_ACTION -> {
                OtaEvents.emit("ota.install.pending_user", "build_id" to buildId)
                @Suppress("DEPRECATION")
                val confirm = intent.getParcelableExtra<Intent>(Intent.EXTRA_INTENT)
                confirm?.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)?.let { context.startActivity(it) }
            }
            else -> OtaEvents.emit(
                "ota.install.fail", "build_id" to buildId, "status" to status,
                "message" to intent.getStringExtra(PackageInstaller.EXTRA_STATUS_MESSAGE)
            )
        }
    }

    companion object {
        const val EXTRA_BUILD_ID = "otactl.build_id"
    }
}
