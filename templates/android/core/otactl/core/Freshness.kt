package otactl.core

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

    /** A signed timestamp (contract 4: UTC, uppercase T and Z, a real date) to epoch milliseconds; null when it is not one. */
    fun epochMs(text: String): Long? = Timestamp.epochMs(text)
}
