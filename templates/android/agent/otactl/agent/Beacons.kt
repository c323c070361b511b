package otactl.agent

import android.content.Context
import java.net.HttpURLConnection
import java.net.URL
import otactl.core.Telemetry

/**
 * Outcome beacons (docs/telemetry.md, otactl.core.Telemetry): one GET beside the manifest per
 * outcome, best effort. An outcome known where no network call may run (a BroadcastReceiver, a
 * process about to be replaced) is queued in SharedPreferences and sent by the next check's worker.
 */
object Beacons {
    private const val PREFS = "otactl.beacons"
    private const val KEY_QUEUE = "queue"
    private const val KEY_WAITING = "waiting_reported"

    /** The value sent as d=, or null when telemetry is off (or the configured value is not one stats reads). */
    fun telemetryId(config: OtaConfig): String? = when {
        !config.telemetry -> null
        config.telemetryId != null -> config.telemetryId.takeIf { Telemetry.isTelemetryId(it) }
        else -> Telemetry.telemetryId(config.deviceId)
    }

    /** The manifest URL with ?d=<id>&v=<running version code>, or as configured when telemetry is off. */
    fun checkUrl(config: OtaConfig, runningVersionCode: Long): String {
        val id = telemetryId(config) ?: return config.manifestUrl
        return Telemetry.checkUrl(config.manifestUrl, id, runningVersionCode)
    }

    /** Remembers an outcome for the next check to send (outcome, build, reason; a few at most). */
    fun queue(context: Context, buildId: String?, outcome: String, reason: String?) {
        if (buildId == null) return
        val prefs = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
        val lines = (prefs.getString(KEY_QUEUE, "") ?: "").split('\n').filter { it.isNotEmpty() }.takeLast(7)
        prefs.edit().putString(KEY_QUEUE, (lines + listOf("$outcome\t$buildId\t${reason ?: ""}")).joinToString("\n")).commit()
    }

    /** Sends what was queued (on the worker's thread). */
    fun flush(context: Context, config: OtaConfig) {
        val prefs = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
        val lines = (prefs.getString(KEY_QUEUE, "") ?: "").split('\n').filter { it.isNotEmpty() }
        if (lines.isEmpty()) return
        prefs.edit().remove(KEY_QUEUE).commit()
        for (line in lines) {
            val parts = line.split('\t')
            if (parts.size == 3) send(config, parts[1], parts[0], parts[2].ifEmpty { null })
        }
    }

    /** Deferred or ineligible: sent once per build and reason (until either changes). */
    fun waiting(context: Context, config: OtaConfig, buildId: String, outcome: String, reason: String) {
        val prefs = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
        val key = "$buildId $reason"
        if (prefs.getString(KEY_WAITING, null) == key) return
        prefs.edit().putString(KEY_WAITING, key).commit()
        send(config, buildId, outcome, reason)
    }

    /** One GET, a 5 s timeout, the answer ignored (on a worker thread). */
    fun send(config: OtaConfig, buildId: String, outcome: String, reason: String?) {
        val id = telemetryId(config) ?: return
        try {
            val conn = URL(Telemetry.beaconUrl(config.manifestUrl, buildId, outcome, id, config.channel, reason)).openConnection() as HttpURLConnection
            conn.connectTimeout = 5_000
            conn.readTimeout = 5_000
            try {
                conn.responseCode
            } finally {
                conn.disconnect()
            }
        } catch (e: Exception) {
            OtaEvents.emit("ota.beacon.fail", "outcome" to outcome, "error" to e.message)
        }
    }
}
