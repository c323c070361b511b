package otactl.agent

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import otactl.core.BootValidation
import otactl.core.Telemetry

/**
 * On boot and when the app itself was replaced: a boot-validation BOOT event, then a check (which
 * is what can mark a new build valid) and the 6-hour period re-armed.
 *
 * MY_PACKAGE_REPLACED runs in the new build's process: the install killed the process that waited
 * for the session's result, so `ota.install.ok` is reported here, when the build the agent installed
 * is the one running.
 */
class BootReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val replaced = intent.action == Intent.ACTION_MY_PACKAGE_REPLACED
        if (!replaced && intent.action != Intent.ACTION_BOOT_COMPLETED) return
        val state = OtaState(context)
        val before = state.boot
        val running = context.packageManager.getPackageInfo(context.packageName, 0).longVersionCode
        val runningInstalled = running == state.installedVersionCode
        val step = state.apply(BootValidation.Event(BootValidation.EventType.BOOT, wallClockMs(), runningInstalled))
        if (replaced && runningInstalled && before.status == BootValidation.Status.PENDING && before.boots == 0) {
            OtaEvents.emit("ota.install.ok", "build_id" to state.installedBuildId, "version_code" to running)
            Beacons.queue(context, state.installedBuildId, Telemetry.OK, null)
        }
        val pendingBoot = step.action == BootValidation.Action.NONE && step.state.status == BootValidation.Status.PENDING && step.state.boots > before.boots
        reportBootStep(context, step, state.installedBuildId, pendingBoot)
        OtaScheduler.schedulePeriodic(context)
        OtaScheduler.checkNow(context)
    }
}
