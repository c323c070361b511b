package otactl.core

import java.security.MessageDigest

/**
 * What the client tells the CDN's access logs (docs/telemetry.md, test/vectors/telemetry.json),
 * shared with the TypeScript and C clients: who it is and what it runs on every manifest request,
 * and one beacon GET per outcome beside the manifest. `otactl stats` and rollout plans read them.
 */
object Telemetry {
    /** Outcome names: the beacon objects otactl publishes per build. */
    const val OK = "ok"
    const val FAIL = "fail"
    const val VERIFY_FAIL = "verify_fail"
    const val BOOTED = "booted"
    const val HEALTHY = "healthy"
    const val ROLLED_BACK = "rolled_back"
    const val DEFERRED = "deferred"
    const val INELIGIBLE = "ineligible"
    const val MAX_REASON = 64

    /** d = lowercase hex SHA-256("otactl-device" ":" deviceId). Throws IllegalArgumentException for an id that is not a device id. */
    fun telemetryId(deviceId: String): String {
        DeviceId.require(deviceId)
        val md = MessageDigest.getInstance("SHA-256")
        md.update("otactl-device:".toByteArray(Charsets.UTF_8))
        md.update(deviceId.toByteArray(Charsets.UTF_8))
        return md.digest().joinToString("") { String.format("%02x", it.toInt() and 0xff) }
    }

    private val ID = Regex("^[0-9A-Za-z_-]{1,64}$")

    /** A value stats reads as a device id (a fleet's own keyed hash is fine): 1..64 of [0-9A-Za-z_-]. */
    fun isTelemetryId(id: String): Boolean = ID.matches(id)

    /** The manifest URL with "d=<id>&v=<versionCode>" at the start of its query (a query of its own follows after "&"). */
    fun checkUrl(manifestUrl: String, id: String, versionCode: Long): String {
        require(isTelemetryId(id)) { "not a telemetry id" }
        val ours = "d=$id&v=$versionCode"
        val q = manifestUrl.indexOf('?')
        if (q < 0) return "$manifestUrl?$ours"
        val rest = manifestUrl.substring(q + 1)
        return manifestUrl.substring(0, q) + "?" + ours + (if (rest == "") "" else "&$rest")
    }

    /**
     * The beacon URL of an outcome: the manifest URL without query or fragment, its last three path
     * segments (channels/<channel>/manifest.json) replaced by beacons/<buildId>/<outcome>.txt, then
     * ?d=..&c=..[&r=..] form-encoded, the reason cut to 64 characters.
     */
    fun beaconUrl(manifestUrl: String, buildId: String, outcome: String, id: String, channel: String, reason: String?): String {
        require(isTelemetryId(id)) { "not a telemetry id" }
        val end = manifestUrl.indexOfFirst { it == '?' || it == '#' }.let { if (it < 0) manifestUrl.length else it }
        val base = manifestUrl.substring(0, end)
        val scheme = base.indexOf("://")
        val pathStart = base.indexOf('/', if (scheme < 0) 0 else scheme + 3).let { if (it < 0) base.length else it }
        var cut = base.length
        repeat(3) {
            cut = base.lastIndexOf('/', cut - 1)
            require(cut >= pathStart) { "the manifest URL has too few path segments" }
        }
        val sb = StringBuilder(base.substring(0, cut + 1))
        sb.append("beacons/").append(buildId).append('/').append(outcome).append(".txt?d=").append(id).append("&c=").append(form(channel))
        if (reason != null && reason.isNotEmpty()) sb.append("&r=").append(form(reason.take(MAX_REASON)))
        return sb.toString()
    }

    /** application/x-www-form-urlencoded, as URLSearchParams writes it (A-Z a-z 0-9 * - . _ kept, space as +). */
    private fun form(value: String): String {
        val sb = StringBuilder()
        for (b in value.toByteArray(Charsets.UTF_8)) {
            val c = b.toInt() and 0xff
            val ch = c.toChar()
            when {
                ch in 'A'..'Z' || ch in 'a'..'z' || ch in '0'..'9' || ch == '*' || ch == '-' || ch == '.' || ch == '_' -> sb.append(ch)
                ch == ' ' -> sb.append('+')
                else -> sb.append('%').append(String.format("%02X", c))
            }
        }
        return sb.toString()
    }

    /** The outcome a boot-validation step reports, and its reason; null: nothing. pendingBoot: a boot that left the build pending. */
    fun bootOutcome(action: BootValidation.Action, rollbackReason: String?, pendingBoot: Boolean): Pair<String, String?>? = when (action) {
        BootValidation.Action.MARK_VALID -> Pair(HEALTHY, null)
        BootValidation.Action.ROLLBACK -> Pair(ROLLED_BACK, rollbackReason)
        BootValidation.Action.REVERTED -> Pair(ROLLED_BACK, "reverted")
        BootValidation.Action.NONE -> if (pendingBoot) Pair(BOOTED, null) else null
    }

    /**
     * The beacon of a failed update attempt (null: none), from the event emitted for it and its
     * detail, with the reasons the TypeScript SDK sends: ota.install.fail -> FAIL, "ota.install.fail";
     * ota.verify.fail -> VERIFY_FAIL, the check that failed: the detail's first word (up to a space or
     * ':') when it is sha256, size or signer, else "image"; any other event (a failed download) -> null.
     */
    fun failureOutcome(event: String, detail: String?): Pair<String, String>? = when (event) {
        "ota.install.fail" -> Pair(FAIL, "ota.install.fail")
        "ota.verify.fail" -> Pair(VERIFY_FAIL, detail?.split(' ', ':', limit = 2)?.first()?.takeIf { it in CHECKS } ?: "image")
        else -> null
    }

    private val CHECKS = setOf("sha256", "size", "signer")
}
