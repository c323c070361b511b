package otactl.agent

import android.content.Context
import otactl.core.BootValidation
import otactl.core.Telemetry

/**
 * What the agent keeps across processes (SharedPreferences, written with commit() because the next
 * step may be an install that kills this process): the highest manifest sequence accepted, and the
 * boot-validation state of the build it installed (BootValidation, shared with every client).
 *
 * On Android a build cannot be rolled back by the agent (no downgrade of a release build), so the
 * rule is applied as far as the platform allows: the new build reports `ota.install.ok` when it first
 * runs (MY_PACKAGE_REPLACED), `ota.boot.valid` only once it has itself fetched and verified the
 * channel manifest, and `ota.boot.rollback` (with the reason: boots, failures, deadline) when it
 * could not within the limits; the fleet's rollout then halts on it and a fixed build rolls forward.
 */
class OtaState(context: Context) {
    private val prefs = context.getSharedPreferences("otactl", Context.MODE_PRIVATE)

    /** Highest sequence accepted (null: none yet). */
    var highestSequence: Long?
        get() = if (prefs.contains(KEY_SEQUENCE)) prefs.getLong(KEY_SEQUENCE, 0) else null
        set(value) {
            prefs.edit().apply { if (value == null) remove(KEY_SEQUENCE) else putLong(KEY_SEQUENCE, value) }.commit()
        }

    val installedBuildId: String? get() = prefs.getString(KEY_BUILD, null)
    val installedVersionCode: Long get() = prefs.getLong(KEY_VERSION, -1)

    /** The boot-validation state; a device that never installed anything is confirmed. */
    val boot: BootValidation.State
        get() {
            val status = BootValidation.Status.values().firstOrNull { it.wire == prefs.getString(KEY_STATUS, null) }
                ?: return BootValidation.CONFIRMED_STATE
            val first = if (prefs.contains(KEY_FIRST_BOOT)) prefs.getLong(KEY_FIRST_BOOT, 0) else null
            return BootValidation.State(status, prefs.getInt(KEY_BOOTS, 0), prefs.getInt(KEY_FAILURES, 0), first)
        }

    /**
     * Applies one event to the saved state, saves the result (before the caller acts on it) and
     * returns the step. `build` is recorded with INSTALLED.
     */
    fun apply(event: BootValidation.Event, build: Pair<String, Long>? = null): BootValidation.Step {
        val step = BootValidation.step(boot, event, BootValidation.DEFAULT_LIMITS)
        val s = step.state
        prefs.edit().apply {
            putString(KEY_STATUS, s.status.wire)
            putInt(KEY_BOOTS, s.boots)
            putInt(KEY_FAILURES, s.failures)
            if (s.firstBootMs == null) remove(KEY_FIRST_BOOT) else putLong(KEY_FIRST_BOOT, s.firstBootMs)
            if (build != null) {
                putString(KEY_BUILD, build.first)
                putLong(KEY_VERSION, build.second)
            }
        }.commit()
        return step
    }

    private companion object {
        const val KEY_SEQUENCE = "highest_sequence"
        const val KEY_STATUS = "boot_status"
        const val KEY_BOOTS = "boot_boots"
        const val KEY_FAILURES = "boot_failures"
        const val KEY_FIRST_BOOT = "boot_first_ms"
        const val KEY_BUILD = "installed_build_id"
        const val KEY_VERSION = "installed_version_code"
    }
}

/**
 * Reports a boot-validation step with the event names every client uses (ota.boot.pending|valid|
 * rollback|reverted) and queues its outcome beacon (Telemetry.bootOutcome) for the next check to
 * send. pendingBoot: a boot of the pending build that left it pending.
 */
internal fun reportBootStep(context: Context, step: BootValidation.Step, buildId: String?, pendingBoot: Boolean = false) {
    when (step.action) {
        BootValidation.Action.MARK_VALID -> OtaEvents.emit("ota.boot.valid", "build_id" to buildId)
        BootValidation.Action.ROLLBACK -> OtaEvents.emit("ota.boot.rollback", "build_id" to buildId, "reason" to step.reason)
        BootValidation.Action.REVERTED -> OtaEvents.emit("ota.boot.reverted", "build_id" to buildId, "reason" to "reverted")
        BootValidation.Action.NONE -> if (pendingBoot) OtaEvents.emit("ota.boot.pending", "build_id" to buildId)
    }
    val outcome = Telemetry.bootOutcome(step.action, step.reason, pendingBoot) ?: return
    Beacons.queue(context, buildId, outcome.first, outcome.second)
}
