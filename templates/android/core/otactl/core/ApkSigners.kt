package otactl.core

import java.security.MessageDigest

/**
 * The signer rule for an APK before it is installed, pure so CI runs it: the certificates that sign
 * the archive's contents now (`SigningInfo.apkContentsSigners`: every signer of a multi-signer APK,
 * only the current one of a rotated lineage) must be exactly the manifest's `signer_fingerprint`
 * (hex SHA-256 of the certificate's DER).
 *
 * There is no weaker fallback. `PackageInfo.signatures` (GET_SIGNATURES) names, for a rotated
 * lineage, its OLDEST certificate, not the one signing the archive now, so it cannot prove the
 * current signer: when the package manager gives no SigningInfo the archive is refused, whatever
 * the legacy list says.
 */
object ApkSigners {
    /** null when the archive may be installed, else why not. `contentsSigners` null: no SigningInfo. */
    fun problem(contentsSigners: List<ByteArray>?, legacySignatures: List<ByteArray>?, expected: String?): String? {
        val want = expected ?: return "the manifest names no signer for an APK"
        if (contentsSigners == null) {
            return if (legacySignatures.isNullOrEmpty()) "the archive carries no verified signature"
            else "no SigningInfo for the archive; its legacy signature list cannot prove the current signer (a rotated lineage names its oldest certificate there)"
        }
        val fingerprints = contentsSigners.map { MessageDigest.getInstance("SHA-256").digest(it).toHex() }
        if (fingerprints != listOf(want)) return "signed by ${fingerprints.joinToString().ifEmpty { "nobody" }}, expected $want"
        return null
    }
}
