package otactl.agent

import android.content.Context
import android.os.Build
import androidx.work.Worker
import androidx.work.WorkerParameters
import java.io.File
import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL
import otactl.core.Action
import otactl.core.BootValidation
import otactl.core.DeviceFacts
import otactl.core.DsseVerifier
import otactl.core.EnvelopeResult
import otactl.core.Freshness
import otactl.core.MANIFEST_PAYLOAD_TYPE
import otactl.core.Manifest
import otactl.core.ManifestException
import otactl.core.OtaDecision
import otactl.core.Telemetry

/**
 * One check: fetch the signed manifest, verify it with the provisioned keys, check freshness, decide
 * with live conditions, then download, check and install. Every outcome is an event. A deferral or
 * a network failure retries later; a verification failure never installs. Each check's outcome is
 * also a boot-validation event (OtaState): a newly installed build is valid only once a check of its
 * own got a verified, fresh manifest.
 */
class OtaWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    private val state = OtaState(context)

    override fun doWork(): Result {
        val config = (applicationContext as OtaConfigProvider).otaConfig()
        OtaEvents.emit("ota.check", "channel" to config.channel)
        val manifest = try {
            openManifest(config)
        } catch (e: IOException) {
            OtaEvents.emit("ota.manifest.fetch_failed", "error" to e.message)
            checked(false)
            return Result.retry()
        }
        checked(manifest != null)
        Beacons.flush(applicationContext, config) // outcomes noted at boot or by the installer, sent now that the network answered
        if (manifest == null) return Result.success()
        val device = DeviceFacts(config.deviceId, runningVersionCode(), config.deviceTags, Build.MODEL, null)
        val decision = OtaDecision.decide(manifest, device, ConstraintProbes(applicationContext).read())
        OtaEvents.emit(decision.reason, "bucket" to decision.bucket, "build_id" to decision.build?.buildId)
        val build = decision.build
        // Waiting (deferred) or not offered (ineligible): said once per build and reason.
        if (decision.action == Action.DEFER && build != null) Beacons.waiting(applicationContext, config, build.buildId, Telemetry.DEFERRED, decision.reason)
        else if (decision.reason.startsWith("ota.ineligible.")) Beacons.waiting(applicationContext, config, manifest.build.buildId, Telemetry.INELIGIBLE, decision.reason)
        if (decision.action != Action.UPDATE || build == null) return Result.success()

        val downloads = Downloader(File(applicationContext.noBackupFilesDir, "otactl"))
        val apk = try {
            OtaEvents.emit("ota.download.start", "build_id" to build.buildId)
            downloads.fetch(build, URL(URL(config.manifestUrl), build.url))
        } catch (e: VerifyException) {
            verifyFailed(config, build.buildId, e.message ?: "sha256")
            return Result.success()
        } catch (e: IOException) {
            // The partial file stays (named by the build's SHA-256): the next check resumes it with Range.
            OtaEvents.emit("ota.download.fail", "build_id" to build.buildId, "error" to e.message)
            return Result.retry()
        }
        val problem = ApkChecks.problem(applicationContext, apk, build)
        if (problem != null) {
            verifyFailed(config, build.buildId, problem)
            downloads.prune(null)
            return Result.success()
        }
        Installer.install(applicationContext, apk, build.buildId, build.versionCode)
        return Result.success()
    }

    /** The download is not the manifest's build: the event, and the verify_fail beacon with the check that failed (Telemetry.failureOutcome). */
    private fun verifyFailed(config: OtaConfig, buildId: String, problem: String) {
        OtaEvents.emit("ota.verify.fail", "build_id" to buildId, "error" to problem)
        val (outcome, reason) = Telemetry.failureOutcome("ota.verify.fail", problem)!!
        Beacons.send(config, buildId, outcome, reason)
    }

    /** The check as a boot-validation event: only a verified, fresh manifest is CHECK_OK. */
    private fun checked(ok: Boolean) {
        val type = if (ok) BootValidation.EventType.CHECK_OK else BootValidation.EventType.CHECK_FAILED
        reportBootStep(applicationContext, state.apply(BootValidation.Event(type, wallClockMs())), state.installedBuildId)
    }

    private fun runningVersionCode(): Long = applicationContext.packageManager.getPackageInfo(applicationContext.packageName, 0).longVersionCode

    /** The verified, fresh manifest, or null (with an event) when it must not be used. */
    private fun openManifest(config: OtaConfig): Manifest? {
        val text = fetchBytes(URL(Beacons.checkUrl(config, runningVersionCode())))
        val verified = DsseVerifier.verify(text, MANIFEST_PAYLOAD_TYPE, config.trustedKeys)
        if (verified !is EnvelopeResult.Ok) {
            OtaEvents.emit("ota.verify.fail", "what" to "manifest", "error" to verified.name)
            return null
        }
        val manifest = try {
            Manifest.parse(verified.payload)
        } catch (e: ManifestException) {
            OtaEvents.emit("ota.verify.fail", "what" to "manifest", "error" to e.message)
            return null
        }
        val highest = state.highestSequence
        val stale = Freshness.check(manifest, System.currentTimeMillis(), highest, config.app, config.channel)
        if (stale != null) {
            OtaEvents.emit(stale, "sequence" to manifest.sequence, "expires_at" to manifest.expiresAt)
            return null
        }
        if (highest == null || manifest.sequence > highest) state.highestSequence = manifest.sequence
        return manifest
    }

    /** The envelope text, strictly UTF-8 (a malformed byte is not replaced: the envelope is malformed). */
    private fun fetchBytes(url: URL): String {
        val conn = url.openConnection() as HttpURLConnection
        conn.connectTimeout = 10_000
        conn.readTimeout = 10_000
        conn.setRequestProperty("Accept", "application/json")
        try {
            if (conn.responseCode != HttpURLConnection.HTTP_OK) throw IOException("GET $url answered ${conn.responseCode}")
            if (conn.contentLengthLong > MAX_MANIFEST_BYTES) throw IOException("manifest over $MAX_MANIFEST_BYTES bytes")
            val bytes = conn.inputStream.use { it.readBytesCapped(MAX_MANIFEST_BYTES) }
            return try { otactl.core.Json.decodeUtf8(bytes) } catch (e: otactl.core.JsonException) { "" } // "" is malformed
        } finally {
            conn.disconnect()
        }
    }

    private fun java.io.InputStream.readBytesCapped(cap: Int): ByteArray {
        val out = java.io.ByteArrayOutputStream()
        val buf = ByteArray(16 * 1024)
        while (true) {
            val n = read(buf)
            if (n < 0) return out.toByteArray()
            if (out.size() + n > cap) throw IOException("manifest over $cap bytes")
            out.write(buf, 0, n)
        }
    }

    private companion object {
        const val MAX_MANIFEST_BYTES = 1 shl 20 // as src/device/manifest.ts
    }
}

/** The wall clock, or null while it is plainly not set (before 2020): BootValidation then ignores time. */
internal fun wallClockMs(): Long? = System.currentTimeMillis().takeIf { it > 1_577_836_800_000L }
