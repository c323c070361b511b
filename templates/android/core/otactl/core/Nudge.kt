package otactl.core

import java.security.MessageDigest
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * Nudges ("check for updates now", docs/nudge.md), checked in this order, the first failing rule
 * being the verdict: MALFORMED, BAD_SIG (HMAC-SHA256 with the provisioned key, compared in constant
 * time), WRONG_TARGET (another app or channel, a request_id without this app/channel's target tag,
 * or neither this device nor "*"), STALE / FUTURE
 * (issued_at more than 300 s from the device's clock), REPLAY (request_id accepted before), FLOOD
 * (the replay cache is full of live ids). A nudge grants nothing: the device still verifies the
 * manifest.
 */
enum class NudgeVerdict(val wire: String) {
    VALID("valid"), MALFORMED("malformed"), BAD_SIG("bad_sig"), WRONG_TARGET("wrong_target"),
    STALE("stale"), FUTURE("future"), REPLAY("replay"), FLOOD("flood")
}

class Nudge(
    val action: String,
    val app: String,
    val channel: String,
    val requestId: String,
    val deviceId: String,
    val issuedAt: Long,
    val sig: String
) {
    /** What the HMAC covers (app and channel are checked against the device's, not signed). */
    val signingString: String get() = "v1\n$requestId\n$deviceId\n$action\n$issuedAt"

    companion object {
        private val FIELDS = listOf("action", "app", "channel", "request_id", "device_id", "issued_at", "sig")
        private val HEX32 = Regex("^[0-9a-f]{32}$")
        private val HEX64 = Regex("^[0-9a-f]{64}$")
        private val DIGITS = Regex("^[0-9]{1,15}$")

        /** From JSON text (an MQTT payload, a webhook body; issued_at a number); null when it is not a nudge. */
        fun fromJson(text: String): Nudge? = try {
            (Json.parse(text, Json.DEVICE_MAX_DEPTH) as? Map<*, *>)?.let { fromMap(it, stringIssuedAt = false) }
        } catch (e: JsonException) {
            null
        }

        /**
         * From FCM data (every value a string: stringIssuedAt) or parsed JSON text (issued_at must be
         * a number there, as in every client); null when malformed.
         */
        fun fromMap(m: Map<*, *>, stringIssuedAt: Boolean = true): Nudge? {
            if (m.size != FIELDS.size || !FIELDS.all { m.containsKey(it) }) return null
            val issuedAt = when (val at = m["issued_at"]) {
                is Double -> if (at >= 0 && at <= 9007199254740991.0 && at == Math.floor(at)) at.toLong() else null
                is String -> if (stringIssuedAt && DIGITS.matches(at)) at.toLong() else null
                else -> null
            } ?: return null
            val text = FIELDS.filter { it != "issued_at" }.associateWith { m[it] as? String ?: return null }
            val n = Nudge(text.getValue("action"), text.getValue("app"), text.getValue("channel"), text.getValue("request_id"), text.getValue("device_id"), issuedAt, text.getValue("sig"))
            val wellFormed = n.action == "update" && HEX32.matches(n.requestId) && HEX64.matches(n.sig) &&
                (n.deviceId == "*" || DeviceId.isValid(n.deviceId))
            return if (wellFormed) n else null
        }
    }
}

/** What the device was provisioned with: the fleet's HMAC key (32 bytes or more) and its identity. */
class NudgeDevice(key: ByteArray, val app: String, val channel: String, val deviceId: String) {
    internal val key: ByteArray = key.copyOf()
    /** The last 16 hex digits every request_id addressed to this app and channel carries. */
    val targetTag: String = NudgeTarget.tag(app, channel)
}

/**
 * Target binding (contract 6): request_id = 16 hex digits of fresh randomness followed by the first
 * 16 hex digits of SHA-256(UTF-8("otactl-nudge-target\n" + app + "\n" + channel)). The HMAC covers
 * request_id, so a captured nudge cannot be re-addressed to another app or channel.
 */
object NudgeTarget {
    fun tag(app: String, channel: String): String =
        MessageDigest.getInstance("SHA-256").digest("otactl-nudge-target\n$app\n$channel".toByteArray(Charsets.UTF_8)).toHex().substring(0, 16)
}

/**
 * Request ids accepted within the window. An id whose issued_at left the window is forgotten (its
 * message would be stale anyway); when the cache is full of live ids a new nudge is refused (FLOOD)
 * rather than forgetting an id that could then be replayed. Memory: at most `capacity` ids.
 */
class NudgeReplayCache(val capacity: Int = 1024) {
    private val ids = LinkedHashMap<String, Long>()

    val size: Int get() = ids.size

    @Synchronized
    fun admit(requestId: String, issuedAt: Long, nowS: Long): NudgeVerdict {
        if (ids.containsKey(requestId)) return NudgeVerdict.REPLAY
        if (ids.size >= capacity) ids.entries.removeAll { it.value < nowS - NudgeVerifier.WINDOW_SECONDS }
        if (ids.size >= capacity) return NudgeVerdict.FLOOD
        ids[requestId] = issuedAt
        return NudgeVerdict.VALID
    }
}

object NudgeVerifier {
    const val WINDOW_SECONDS = 300L

    fun hmacSha256(key: ByteArray, text: String): ByteArray =
        Mac.getInstance("HmacSHA256").run {
            init(SecretKeySpec(key, "HmacSHA256"))
            doFinal(text.toByteArray(Charsets.UTF_8))
        }

    /** `message` null (it did not parse) is MALFORMED. Only a VALID nudge enters the replay cache. */
    fun verify(message: Nudge?, device: NudgeDevice, nowS: Long, replay: NudgeReplayCache): NudgeVerdict {
        val m = message ?: return NudgeVerdict.MALFORMED
        val expected = hmacSha256(device.key, m.signingString)
        if (!MessageDigest.isEqual(expected, unhex(m.sig))) return NudgeVerdict.BAD_SIG
        if (m.app != device.app || m.channel != device.channel || !m.requestId.endsWith(device.targetTag) ||
            (m.deviceId != device.deviceId && m.deviceId != "*")
        ) return NudgeVerdict.WRONG_TARGET
        if (m.issuedAt < nowS - WINDOW_SECONDS) return NudgeVerdict.STALE
        if (m.issuedAt > nowS + WINDOW_SECONDS) return NudgeVerdict.FUTURE
        return replay.admit(m.requestId, m.issuedAt, nowS)
    }

    private fun unhex(hex: String): ByteArray = ByteArray(hex.length / 2) { i -> hex.substring(2 * i, 2 * i + 2).toInt(16).toByte() }
}
