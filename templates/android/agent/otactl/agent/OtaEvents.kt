package otactl.agent

import android.util.Log

/** Agent events, named as in the seed's telemetry (ota.check, ota.eligible, ota.defer.wifi, ...). */
object OtaEvents {
    private const val TAG = "otactl"

    /** Replace or extend this to ship events to your telemetry; logcat is the default sink. */
    @Volatile
    var sink: (event: String, fields: Map<String, Any?>) -> Unit = { event, fields -> Log.i(TAG, "$event $fields") }

    fun emit(event: String, vararg fields: Pair<String, Any?>) = sink(event, mapOf(*fields))
}
