package otactl.core

/** A build as devices see it (docs/manifest.md). */
data class BuildRef(
    val buildId: String,
    val kind: String,
    val versionCode: Long,
    val versionName: String,
    val url: String,
    val sha256: String,
    val size: Long,
    val signerFingerprint: String?,
    val chip: String?,
    val secureVersion: Long?
)

/** A verified manifest payload, with the JSON Schema's defaults applied. */
data class Manifest(
    val app: String,
    val channel: String,
    val sequence: Long,
    val issuedAt: String,
    val expiresAt: String,
    val salt: String,
    val build: BuildRef,
    val wifiOnly: Boolean,
    val mustInstall: Boolean,
    val stagedRolloutPercent: Double,
    val lastSafe: BuildRef?,
    val canaryTags: List<String>,
    val canaryDeviceSha256: List<String>,
    val forceDowngrade: Boolean,
    val rolledBackFrom: String?,
    val minBattery: Int,
    val deferInCall: Boolean,
    val models: List<String>,
    val chips: List<String>,
    val minCurrentVersion: Long?,
    val intermediate: BuildRef?,
    /** constraints.install_window (format 1.2); null: any time. */
    val installWindow: InstallWindow? = null
) {
    companion object {
        /** Parses and checks the fields the device relies on; throws ManifestException naming the first bad one. */
        fun parse(payload: ByteArray): Manifest =
            parse(try { Json.decodeUtf8(payload) } catch (e: JsonException) { throw ManifestException("not UTF-8: ${e.message}") })

        fun parse(json: String): Manifest {
            val root = try { Json.parse(json, Json.DEVICE_MAX_DEPTH) } catch (e: JsonException) { throw ManifestException("not JSON: ${e.message}") }
            return Fields(root as? Map<*, *> ?: throw ManifestException("not a JSON object")).manifest()
        }
    }
}

class ManifestException(message: String) : Exception(message)

private const val MAX_EXACT = 9007199254740991.0
private val HEX64 = Regex("^[0-9a-f]{64}$")

/** Typed reads from a parsed JSON object, failing closed. */
private class Fields(val o: Map<*, *>) {
    fun bad(key: String): Nothing = throw ManifestException("bad or missing field \"$key\"")
    fun obj(key: String): Fields = Fields(o[key] as? Map<*, *> ?: bad(key))
    fun objOrEmpty(key: String): Fields = if (o[key] == null) Fields(emptyMap<String, Any?>()) else obj(key)
    fun str(key: String): String = o[key] as? String ?: bad(key)
    fun strOrNull(key: String): String? = if (o[key] == null) null else str(key)
    fun time(key: String): String = str(key).also { if (Timestamp.epochMs(it) == null) bad(key) }
    fun hex(key: String): String = str(key).also { if (!HEX64.matches(it)) bad(key) }
    fun bool(key: String): Boolean = o[key] as? Boolean ?: bad(key)
    fun boolOr(key: String, dflt: Boolean): Boolean = if (o.containsKey(key)) bool(key) else dflt
    fun long(key: String, min: Double = 0.0, max: Double = MAX_EXACT): Long {
        val d = o[key] as? Double ?: bad(key)
        if (d < min || d > max || d != Math.floor(d)) bad(key)
        return d.toLong()
    }
    fun longOrNull(key: String): Long? = if (o[key] == null) null else long(key)
    fun strings(key: String, hex: Boolean = false): List<String> {
        val a = o[key] ?: return emptyList()
        return (a as? List<*> ?: bad(key)).map { s -> (s as? String)?.takeIf { !hex || HEX64.matches(it) } ?: bad(key) }
    }

    fun build(): BuildRef = BuildRef(
        buildId = str("build_id"),
        kind = str("kind"),
        versionCode = long("version_code"),
        versionName = str("version_name"),
        url = str("url"),
        sha256 = hex("sha256"),
        size = long("size"),
        signerFingerprint = if (o["signer_fingerprint"] == null) null else hex("signer_fingerprint"),
        chip = strOrNull("chip"),
        secureVersion = longOrNull("secure_version")
    )

    /** Absent: null; else {start, end} as HH:MM that differ (the zod schema's rule). */
    fun installWindowOrNull(key: String): InstallWindow? {
        if (!o.containsKey(key)) return null
        val w = obj(key)
        val start = LocalClock.minuteOf(w.o["start"] as? String) ?: bad(key)
        val end = LocalClock.minuteOf(w.o["end"] as? String) ?: bad(key)
        if (start == end) bad(key)
        return InstallWindow(start, end)
    }
    fun buildOrNull(key: String): BuildRef? = if (o[key] == null) null else obj(key).build()

    fun manifest(): Manifest {
        if (long("schema_version", 1.0, 1.0) != 1L) bad("schema_version")
        val b = obj("build")
        val percent = b.o["staged_rollout_percent"] as? Double ?: bad("staged_rollout_percent")
        if (percent < 0 || percent > 100) bad("staged_rollout_percent")
        val canary = objOrEmpty("canary")
        val constraints = obj("constraints")
        val gating = objOrEmpty("gating")
        return Manifest(
            app = str("app"),
            channel = str("channel"),
            sequence = long("sequence", 1.0),
            issuedAt = time("issued_at"),
            expiresAt = time("expires_at"),
            salt = str("salt"),
            build = b.build(),
            wifiOnly = b.bool("wifi_only"),
            mustInstall = b.bool("must_install"),
            stagedRolloutPercent = percent,
            lastSafe = buildOrNull("last_safe"),
            canaryTags = canary.strings("tags"),
            canaryDeviceSha256 = canary.strings("device_sha256", hex = true),
            forceDowngrade = bool("force_downgrade"),
            rolledBackFrom = strOrNull("rolled_back_from"),
            minBattery = constraints.long("min_battery", 0.0, 100.0).toInt(),
            deferInCall = constraints.boolOr("defer_in_call", true),
            models = gating.strings("models"),
            chips = gating.strings("chips"),
            minCurrentVersion = gating.longOrNull("min_current_version"),
            intermediate = gating.buildOrNull("intermediate"),
            installWindow = constraints.installWindowOrNull("install_window")
        )
    }
}
