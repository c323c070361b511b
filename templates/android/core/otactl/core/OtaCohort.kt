package otactl.core

import java.security.MessageDigest

/**
 * The cohort contract of otactl (docs/design.md), shared with the TypeScript and C clients:
 *   h = SHA-256(UTF-8(salt) || ':' || UTF-8(deviceId)); bucket = u32be(h[0..4]) mod 10000;
 *   in rollout <=> bucket < round(percent * 100).
 * deviceId is used exactly as reported: no trimming, case folding or Unicode normalization.
 */
object OtaCohort {
    const val BUCKETS = 10_000

    fun bucket(salt: String, deviceId: String): Int = bucketOf(digest(salt, deviceId))

    /** Throws IllegalArgumentException when deviceId is not a device id (DeviceId, contract 3). */
    fun digest(salt: String, deviceId: String): ByteArray {
        DeviceId.require(deviceId)
        val md = MessageDigest.getInstance("SHA-256")
        md.update(salt.toByteArray(Charsets.UTF_8))
        md.update(0x3A.toByte())
        md.update(deviceId.toByteArray(Charsets.UTF_8))
        return md.digest()
    }

    fun bucketOf(digest: ByteArray): Int {
        val be = ((digest[0].toLong() and 0xff) shl 24) or ((digest[1].toLong() and 0xff) shl 16) or
            ((digest[2].toLong() and 0xff) shl 8) or (digest[3].toLong() and 0xff)
        return (be % BUCKETS).toInt()
    }

    /** round(percent * 100) for a percent in [0, 100]; 4.35 * 100 is 434.99999999999994, so round. */
    fun basisPoints(percent: Double): Int = Math.round(percent * 100.0).toInt()

    fun inCohort(bucket: Int, percent: Double): Boolean = bucket < basisPoints(percent)
}

internal fun ByteArray.toHex(): String = joinToString("") { String.format("%02x", it.toInt() and 0xff) }
