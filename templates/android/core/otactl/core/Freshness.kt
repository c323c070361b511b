package otactl.core

import java.time.OffsetDateTime
import java.time.format.DateTimeParseException

/**
 * Freshness after the signature verifies, in this order: app/channel (null: not checked), expiry
 * (expired when now >= expires_at; no skew allowance), sequence (an equal one is accepted).
 * Returns null when fresh, else the event name.
 */
object Freshness {
    const val WRONG_CHANNEL = "ota.manifest.wrong_channel"
    const val EXPIRED = "ota.manifest.expired"
    const val REPLAY = "ota.manifest.replay"

    fun check(m: Manifest, nowMs: Long, highestSequence: Long?, app: String? = null, channel: String? = null): String? {
        if ((app != null && m.app != app) || (channel != null && m.channel != channel)) return WRONG_CHANNEL
        val expires = epochMs(m.expiresAt) ?: return EXPIRED // unreadable expiry: fail closed
        if (expires <= nowMs) return EXPIRED
        if (highestSequence != null && m.sequence < highestSequence) return REPLAY
        return null
    }

    /** RFC 3339 date-time with an offset ("Z", "+02:00") to epoch milliseconds; null when unreadable. */
    fun epochMs(text: String): Long? = try {
        OffsetDateTime.parse(text).toInstant().toEpochMilli()
    } catch (e: DateTimeParseException) {
        null
    }
}
