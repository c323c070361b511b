package otactl.agent

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/** Checks on boot (and after the app itself was updated) and re-arms the 6-hour period. */
class BootReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action == Intent.ACTION_BOOT_COMPLETED || intent.action == Intent.ACTION_MY_PACKAGE_REPLACED) {
            OtaScheduler.schedulePeriodic(context)
            OtaScheduler.checkNow(context)
        }
    }
}
