package otactl.agent

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import java.io.File
import java.security.MessageDigest
import otactl.core.BuildRef

/**
 * Before any install: the downloaded archive must be this app, at the manifest's version code,
 * signed by exactly the manifest's signer (SHA-256 of the current signing certificate). Android
 * itself then refuses an update whose signer does not match the installed app's lineage.
 */
object ApkChecks {
    /** null when the archive may be installed, else why not (reported as ota.verify.fail). */
    @Suppress("DEPRECATION")
    fun problem(context: Context, apk: File, build: BuildRef): String? {
        val pm = context.packageManager
        val info = if (Build.VERSION.SDK_INT >= 33) {
            pm.getPackageArchiveInfo(apk.path, PackageManager.PackageInfoFlags.of(PackageManager.GET_SIGNING_CERTIFICATES.toLong()))
        } else {
            pm.getPackageArchiveInfo(apk.path, PackageManager.GET_SIGNING_CERTIFICATES)
        } ?: return "not an APK the package manager can read"
        if (info.packageName != context.packageName) return "package ${info.packageName} is not ${context.packageName}"
        if (info.longVersionCode != build.versionCode) return "versionCode ${info.longVersionCode} is not the manifest's ${build.versionCode}"
        val expected = build.signerFingerprint ?: return "the manifest names no signer for an APK"
        val signing = info.signingInfo ?: return "the archive carries no verified signature"
        // The certificates signing this archive now (past rotated-out ones are not included).
        val fingerprints = signing.apkContentsSigners.map { sha256Hex(it.toByteArray()) }
        if (fingerprints != listOf(expected)) return "signed by ${fingerprints.joinToString()}, expected $expected"
        return null
    }

    private fun sha256Hex(bytes: ByteArray) =
        MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { String.format("%02x", it.toInt() and 0xff) }
}
