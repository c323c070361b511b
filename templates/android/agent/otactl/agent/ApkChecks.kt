package otactl.agent

import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import java.io.File
import otactl.core.ApkSigners
import otactl.core.BuildRef

/**
 * Before any install: the downloaded archive must be this app, at the manifest's version code,
 * signed by exactly the manifest's signer (SHA-256 of the current signing certificate; the rule is
 * ApkSigners, which CI runs). Android itself then refuses an update whose signer does not match the
 * installed app's lineage.
 */
object ApkChecks {
    /**
     * GET_SIGNATURES as well as GET_SIGNING_CERTIFICATES: on API 28 and 29 getPackageArchiveInfo
     * collects an archive's certificates only when GET_SIGNATURES is set, so with
     * GET_SIGNING_CERTIFICATES alone signingInfo is null and every update would be refused.
     */
    @Suppress("DEPRECATION")
    private const val FLAGS = PackageManager.GET_SIGNING_CERTIFICATES or PackageManager.GET_SIGNATURES

    /** null when the archive may be installed, else why not (reported as ota.verify.fail). */
    @Suppress("DEPRECATION")
    fun problem(context: Context, apk: File, build: BuildRef): String? {
        val pm = context.packageManager
        val info = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            pm.getPackageArchiveInfo(apk.path, PackageManager.PackageInfoFlags.of(FLAGS.toLong()))
        } else {
            pm.getPackageArchiveInfo(apk.path, FLAGS)
        } ?: return "not an APK the package manager can read"
        if (info.packageName != context.packageName) return "package ${info.packageName} is not ${context.packageName}"
        if (info.longVersionCode != build.versionCode) return "versionCode ${info.longVersionCode} is not the manifest's ${build.versionCode}"
        // The certificates signing this archive now (past rotated-out ones are not included).
        val current = info.signingInfo?.apkContentsSigners?.map { it.toByteArray() }
        // "signer: ...": the verify_fail beacon's reason is the check that failed (Telemetry.failureOutcome).
        return ApkSigners.problem(current, info.signatures?.map { it.toByteArray() }, build.signerFingerprint)?.let { "signer: $it" }
    }
}
