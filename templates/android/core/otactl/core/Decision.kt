package otactl.core

/** What the device knows about itself. */
data class DeviceFacts(
    val deviceId: String,
    val currentVersionCode: Long,
    val tags: List<String> = emptyList(),
    val model: String? = null,
    val chip: String? = null
)

/**
 * Live conditions; null means unknown, and an unknown condition does not block, except the local
 * time (minutes since local midnight, 0..1439): unknown, a manifest's install window defers.
 */
data class Conditions(
    val wifi: Boolean? = null,
    val battery: Int? = null,
    val charging: Boolean? = null,
    val inCall: Boolean? = null,
    val freeDiskBytes: Long? = null,
    val localMinute: Int? = null
)

/** An install window in device-local minutes: start included, end excluded; end below start wraps midnight. */
data class InstallWindow(val startMinute: Int, val endMinute: Int) {
    operator fun contains(minute: Int): Boolean =
        if (startMinute < endMinute) minute >= startMinute && minute < endMinute else minute >= startMinute || minute < endMinute
}

/** How install windows and local times are written: HH:MM, 00:00..23:59. */
object LocalClock {
    private val HHMM = Regex("^([01][0-9]|2[0-3]):([0-5][0-9])$")
    fun minuteOf(text: String?): Int? {
        val m = HHMM.matchEntire(text ?: return null) ?: return null
        return m.groupValues[1].toInt() * 60 + m.groupValues[2].toInt()
    }
}

enum class Action { UPDATE, STAY, DEFER }

/** reason is the event name (ota.eligible, ota.defer.wifi, ...); build is null when the device stays. */
data class Decision(val action: Action, val reason: String, val build: BuildRef?, val bucket: Int, val inCohort: Boolean, val canary: Boolean)

/** The same answer as decide() in src/protocol/decision.ts, checked by test/vectors/decisions.json. Pure. */
object OtaDecision {
    fun decide(m: Manifest, device: DeviceFacts, cond: Conditions = Conditions()): Decision {
        val digest = OtaCohort.digest(m.salt, device.deviceId)
        val bucket = OtaCohort.bucketOf(digest)
        val canary = device.tags.any { it in m.canaryTags } || digest.toHex() in m.canaryDeviceSha256
        val inRollout = canary || OtaCohort.inCohort(bucket, m.stagedRolloutPercent)
        fun stay(reason: String) = Decision(Action.STAY, reason, null, bucket, inRollout, canary)

        if (m.models.isNotEmpty() && (device.model == null || device.model !in m.models)) return stay("ota.ineligible.model")
        val chips = if (m.chips.isNotEmpty()) m.chips else listOfNotNull(m.build.chip)
        // Fail closed: a device that does not say its chip does not get chip-specific firmware.
        if (chips.isNotEmpty() && (device.chip == null || device.chip !in chips)) return stay("ota.ineligible.chip")

        val (target, reason) = pickTarget(m, device.currentVersionCode, inRollout, canary)
        if (target == null) return stay(reason)
        val wait = if (outsideWindow(m, reason, cond)) "ota.defer.outside_install_window" else deferral(m, target, cond)
        return Decision(if (wait != null) Action.DEFER else Action.UPDATE, wait ?: reason, target, bucket, inRollout, canary)
    }

    private fun pickTarget(m: Manifest, current: Long, inRollout: Boolean, canary: Boolean): Pair<BuildRef?, String> {
        val min = m.minCurrentVersion
        if (min != null && current < min) {
            val step = m.intermediate
            return if (step != null && step.versionCode > current) step to "ota.eligible.intermediate" else null to "ota.ineligible.min_version"
        }
        if (!inRollout) {
            // Outside the cohort: only the last safe build, and only to devices below it.
            val safe = m.lastSafe
            return if (safe != null && safe.versionCode > current) safe to "ota.eligible.last_safe" else null to "ota.ineligible.cohort"
        }
        return when {
            m.build.versionCode == current -> null to "ota.skip.current"
            m.build.versionCode < current && m.forceDowngrade && m.rolledBackFrom != null -> m.build to "ota.eligible.force_downgrade"
            m.build.versionCode < current -> null to "ota.skip.downgrade"
            else -> m.build to if (canary) "ota.eligible.canary" else "ota.eligible"
        }
    }

    /**
     * The install window comes before the other constraints (the schedule, then the moment). A
     * must_install build and a forced downgrade (a rollback) do not wait for it; an unknown local time does.
     */
    private fun outsideWindow(m: Manifest, reason: String, c: Conditions): Boolean {
        val w = m.installWindow ?: return false
        if (m.mustInstall || reason == "ota.eligible.force_downgrade") return false
        val minute = c.localMinute ?: return true
        return minute !in 0..1439 || minute !in w
    }

    /** The first failing constraint, in the order Wi-Fi, battery, call, disk; null when none fails. */
    private fun deferral(m: Manifest, target: BuildRef, c: Conditions): String? = when {
        m.wifiOnly && c.wifi == false -> "ota.defer.wifi"
        c.battery != null && c.battery < m.minBattery && c.charging != true -> "ota.defer.battery"
        m.deferInCall && c.inCall == true -> "ota.defer.call"
        c.freeDiskBytes != null && c.freeDiskBytes < target.size -> "ota.defer.disk"
        else -> null
    }
}
