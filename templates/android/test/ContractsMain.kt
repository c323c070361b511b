// The cross-client contracts (test/vectors cover them too, once their owners commit them) checked on
// inputs of our own, plus the Downloader against a real HTTP server on 127.0.0.1 (the JDK's
// com.sun.net.httpserver): Range resume across sessions, a server that ignores Range, one that
// answers another range or total, one that lies about the bytes.
//   java -cp ... otactl.test.ContractsMainKt
// Prints one line per failing check and "N passed, N failed"; exits 1 on any failure.
package otactl.test

import com.sun.net.httpserver.HttpServer
import java.io.File
import java.net.InetSocketAddress
import java.net.URL
import java.nio.file.Files
import java.security.MessageDigest
import kotlin.system.exitProcess
import otactl.agent.DownloadException
import otactl.agent.Downloader
import otactl.agent.VerifyException
import otactl.core.ApkSigners
import otactl.core.BuildRef
import otactl.core.DeviceId
import otactl.core.DsseVerifier
import otactl.core.EnvelopeResult
import otactl.core.Json
import otactl.core.JsonException
import otactl.core.Manifest
import otactl.core.ManifestException
import otactl.core.Nudge
import otactl.core.NudgeDevice
import otactl.core.NudgeReplayCache
import otactl.core.NudgeTarget
import otactl.core.NudgeVerdict
import otactl.core.NudgeVerifier
import otactl.core.OtaCohort
import otactl.core.Telemetry
import otactl.core.Timestamp

private var ok = 0
private var bad = 0

private fun check(what: String, cond: Boolean, detail: () -> String = { "" }) {
    if (cond) ok++ else {
        bad++
        println("FAIL $what ${detail()}".trimEnd())
    }
}

private fun parses(text: String, maxDepth: Int = Json.DEVICE_MAX_DEPTH): Boolean = try {
    Json.parse(text, maxDepth); true
} catch (e: JsonException) {
    false
}

private fun nested(levels: Int): String = "[".repeat(levels) + "]".repeat(levels)

private fun hex(b: ByteArray) = b.joinToString("") { String.format("%02x", it.toInt() and 0xff) }
private fun sha256(b: ByteArray) = hex(MessageDigest.getInstance("SHA-256").digest(b))

private fun json() {
    check("8 levels parse", parses(nested(8)))
    check("9 levels are refused", !parses(nested(9)))
    check("objects count as levels", !parses("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}""") && parses("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}"""))
    check("brackets inside strings do not count", parses("""{"a":"[[[[[[[[[[[[[[{{{{{{{","b":"\"[[[[[[[[[["}"""))
    // The string holds \" then brackets: a pre-scan that ended the string at \" would count them.
    check("an escaped quote does not end the string for the pre-scan", Json.nestsWithin("\"\\\"[[[[[[[[[[\"", 1) && parses("[\"\\\"[[[[[[[[[[\"]"))
    // A million levels: the pre-scan refuses it in one pass, no StackOverflowError from the recursive reader.
    val deep = "[".repeat(1_000_000)
    check("a million open brackets are refused without recursing", try { Json.parse(deep, Json.DEVICE_MAX_DEPTH); false } catch (e: JsonException) { true } catch (e: StackOverflowError) { false })
    check("the pre-scan alone bounds the general parser too", try { Json.parse(nested(100_000)); false } catch (e: JsonException) { true } catch (e: StackOverflowError) { false })
    check("\\u with four hex digits", Json.parse("\"\\u00e9\\u00C9\"") == "\u00e9\u00c9")
    for (esc in listOf("\\u+fff", "\\u-001", "\\u+0041", "\\u 041", "\\u00g1", "\\u12", "\\u0x41")) {
        check("\\u escape \"$esc\" is refused", !parses("\"$esc\""))
    }
    check("duplicate keys are refused after unescaping", !parses("""{"app":1,"\u0061pp":2}"""))
    check("strict UTF-8: a malformed byte is an error, not U+FFFD", try { Json.decodeUtf8(byteArrayOf(0x7b, 0xff.toByte(), 0x7d)); false } catch (e: JsonException) { true })
}

private fun base64() {
    check("canonical base64 accepted", DsseVerifier.canonicalBase64("YWI=")?.toList() == "ab".toByteArray().toList())
    for (text in listOf("YWI", "YWJ=", "YW I=", "YWI=\n", "Y-8=", "Y_8=", "YWI==", "=YWI")) {
        check("non-canonical base64 \"${text.replace("\n", "\\n")}\" refused", DsseVerifier.canonicalBase64(text) == null)
    }
}

private val MANIFEST = """{"schema_version":1,"app":"com.example.agent","channel":"stable","sequence":7,"issued_at":"ISSUED","expires_at":"EXPIRES","salt":"5a1t5a1t5a1t5a1t","build":{"build_id":"b-1","kind":"apk","version_code":200,"version_name":"1.0.200","url":"../artifacts/200.apk","sha256":"${"a".repeat(64)}","size":30,"signer_fingerprint":null,"chip":null,"secure_version":null,"wifi_only":true,"must_install":false,"staged_rollout_percent":10},"last_safe":null,"canary":{"tags":[],"device_sha256":[]},"force_downgrade":false,"rolled_back_from":null,"constraints":{"min_battery":30,"defer_in_call":true},"gating":{"models":[],"chips":[],"min_current_version":null,"intermediate":null}}"""

private fun manifestWith(issued: String, expires: String): Boolean = try {
    Manifest.parse(MANIFEST.replace("ISSUED", issued).replace("EXPIRES", expires)); true
} catch (e: ManifestException) {
    false
}

private fun timestamps() {
    check("a UTC timestamp", Timestamp.epochMs("2026-01-08T00:00:00.000Z") == 1767830400000L)
    check("no fraction", Timestamp.epochMs("2026-01-08T00:00:00Z") == 1767830400000L)
    check("a long fraction is truncated to ms", Timestamp.epochMs("2026-01-08T00:00:00.9999Z") == 1767830400999L)
    check("Feb 29 of a leap year", Timestamp.epochMs("2024-02-29T12:00:00Z") != null && Timestamp.epochMs("2000-02-29T12:00:00Z") != null)
    for (t in listOf(
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-02-31T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-12-31T23:59:60Z",
        "2026-01-01t00:00:00Z", "2026-01-01T00:00:00z", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z",
        "2026-01-01T00:00Z", "2026-01-01T00:00:00.Z", "+2026-01-01T00:00:00Z", "2026-1-01T00:00:00Z", "２026-01-01T00:00:00Z"
    )) {
        check("timestamp \"$t\" refused", Timestamp.epochMs(t) == null)
    }
    check("a manifest with good timestamps parses", manifestWith("2026-01-01T00:00:00.000Z", "2026-01-08T00:00:00.000Z"))
    check("a manifest expiring on Feb 31 is malformed", !manifestWith("2026-01-01T00:00:00.000Z", "2026-02-31T00:00:00.000Z"))
    check("a manifest issued with an offset is malformed", !manifestWith("2026-01-01T00:00:00+01:00", "2026-01-08T00:00:00.000Z"))
    check("a manifest nested 9 deep is malformed", try {
        Manifest.parse(MANIFEST.replace("ISSUED", "2026-01-01T00:00:00Z").replace("EXPIRES", "2026-01-08T00:00:00Z").replace("\"tags\":[]", "\"tags\":[],\"x\":${nested(7)}")); false
    } catch (e: ManifestException) { true })
}

private fun deviceIds() {
    for ((what, id) in listOf("ascii" to "A1", "256 bytes" to "é".repeat(128), "a surrogate pair" to "dev-\uD83D\uDE00", "a space and DEL's neighbour" to "a b~")) {
        check("device id: $what accepted", DeviceId.isValid(id)) { DeviceId.problem(id) ?: "" }
    }
    for ((what, id) in listOf(
        "empty" to "", "257 bytes" to "é".repeat(128) + "x", "258 bytes of 3-byte characters" to "€".repeat(86),
        "a lone high surrogate" to "dev\uD83D", "a lone low surrogate" to "\uDE00dev", "reversed pair" to "\uDE00\uD83D",
        "NUL" to "a\u0000b", "a newline" to "a\nb", "U+001F" to "\u001f", "DEL" to "a\u007f"
    )) {
        check("device id: $what refused", !DeviceId.isValid(id))
    }
    check("the cohort hash refuses a lone surrogate (never hashes '?')", try { OtaCohort.bucket("salt", "dev\uD83D"); false } catch (e: IllegalArgumentException) { true })
    check("the cohort hash takes 256 bytes", try { OtaCohort.bucket("salt", "é".repeat(128)); true } catch (e: IllegalArgumentException) { false })
}

private fun signed(key: ByteArray, requestId: String, deviceId: String, app: String = "com.example.agent", channel: String = "stable", at: Long = 1000): Nudge {
    val unsigned = Nudge("update", app, channel, requestId, deviceId, at, "0".repeat(64))
    return Nudge("update", app, channel, requestId, deviceId, at, hex(NudgeVerifier.hmacSha256(key, unsigned.signingString)))
}

private fun nudgeTarget() {
    // Values computed outside Kotlin (node:crypto) for the rule in docs/design.md / contract 6.
    check("target tag of com.example.agent/stable", NudgeTarget.tag("com.example.agent", "stable") == "bc0fe6b67464eb08") { NudgeTarget.tag("com.example.agent", "stable") }
    check("target tag of com.example.agent/beta", NudgeTarget.tag("com.example.agent", "beta") == "941a722ee5d29a3b")
    val key = ByteArray(32) { 3 }
    val device = NudgeDevice(key, "com.example.agent", "stable", "A1")
    val mine = "0123456789abcdef" + NudgeTarget.tag("com.example.agent", "stable")
    val beta = "0123456789abcdef" + NudgeTarget.tag("com.example.agent", "beta")
    check("a nudge carrying this channel's tag is valid", NudgeVerifier.verify(signed(key, mine, "A1"), device, 1000, NudgeReplayCache()) == NudgeVerdict.VALID)
    // Captured from the beta channel and re-addressed: app/channel are not signed, request_id is.
    check("a beta nudge re-addressed to stable is wrong_target", NudgeVerifier.verify(signed(key, beta, "A1"), device, 1000, NudgeReplayCache()) == NudgeVerdict.WRONG_TARGET)
    check("a request_id with no tag is wrong_target", NudgeVerifier.verify(signed(key, "0".repeat(32), "*"), device, 1000, NudgeReplayCache()) == NudgeVerdict.WRONG_TARGET)
    check("a nudge to a lone-surrogate device id is malformed", Nudge.fromJson("""{"action":"update","app":"a","channel":"c","request_id":"$mine","device_id":"\uD800","issued_at":1,"sig":"${"0".repeat(64)}"}""") == null)
    check("a nudge nested 9 deep is malformed", Nudge.fromJson("""{"action":"update","app":"a","channel":"c","request_id":"$mine","device_id":"*","issued_at":1,"sig":"${"0".repeat(64)}","x":${nested(8)}}""") == null && !Json.nestsWithin("{\"x\":${nested(8)}}", 8))
}

private fun signers() {
    val a = "cert A".toByteArray()
    val b = "cert B".toByteArray()
    check("the manifest's signer alone: accepted", ApkSigners.problem(listOf(a), null, sha256(a)) == null)
    check("another signer: refused", ApkSigners.problem(listOf(b), null, sha256(a)) != null)
    check("two signers, one of them expected: refused", ApkSigners.problem(listOf(a, b), null, sha256(a)) != null)
    check("no signer in the manifest: refused", ApkSigners.problem(listOf(a), null, null) != null)
    check("no SigningInfo, legacy list naming the expected cert: refused (it may be a rotated lineage's oldest)", ApkSigners.problem(null, listOf(a), sha256(a)) != null)
    check("no SigningInfo, no signatures: refused", ApkSigners.problem(null, null, sha256(a)) != null)
}

/** How the test server answers a GET. */
private enum class Mode { HONOR_RANGE, IGNORE_RANGE, WRONG_START, WRONG_TOTAL, NO_CONTENT_RANGE, CUT_AT_HALF, LIE_BYTES, OVERLONG }

private fun downloads() {
    val body = ByteArray(300_000) { (it * 31 + 7).toByte() }
    val build = BuildRef("b-1", "apk", 2, "2", "x.apk", sha256(body), body.size.toLong(), null, null, null)
    var mode = Mode.HONOR_RANGE
    // Requests as the server saw them (added before it answers, so the client never races it).
    val ranges: MutableList<String?> = java.util.Collections.synchronizedList(ArrayList<String?>())
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/x.apk") { ex ->
        val range = ex.requestHeaders.getFirst("Range")
        ranges.add(range)
        val from = range?.removePrefix("bytes=")?.removeSuffix("-")?.toInt() ?: 0
        fun send(status: Int, bytes: ByteArray, contentRange: String?, length: Long = bytes.size.toLong()) {
            if (contentRange != null) ex.responseHeaders.add("Content-Range", contentRange)
            ex.sendResponseHeaders(status, length)
            ex.responseBody.use { it.write(bytes) }
        }
        try {
            when (mode) {
                Mode.HONOR_RANGE -> if (range == null) send(200, body, null)
                    else send(206, body.copyOfRange(from, body.size), "bytes $from-${body.size - 1}/${body.size}")
                Mode.IGNORE_RANGE -> send(200, body, null)
                Mode.WRONG_START -> send(206, body.copyOfRange(1000, body.size), "bytes 1000-${body.size - 1}/${body.size}")
                Mode.WRONG_TOTAL -> send(206, body.copyOfRange(from, body.size), "bytes $from-${body.size - 1}/${body.size + 1}")
                Mode.NO_CONTENT_RANGE -> send(206, body.copyOfRange(from, body.size), null)
                // Announces the whole remainder, sends half of it and closes: a link that drops.
                Mode.CUT_AT_HALF -> {
                    ex.sendResponseHeaders(200, body.size.toLong())
                    ex.responseBody.write(body, 0, body.size / 2)
                    ex.responseBody.flush()
                    ex.close()
                }
                // Announces the rest from `from` (Content-Range) but sends 10 bytes more, chunked.
                Mode.OVERLONG -> {
                    ex.responseHeaders.add("Content-Range", "bytes $from-${body.size - 1}/${body.size}")
                    ex.sendResponseHeaders(206, 0)
                    ex.responseBody.use { it.write(body.copyOfRange(from, body.size)); it.write(ByteArray(10)) }
                }
                // Claims to continue at `from` but sends the artifact from byte 0.
                Mode.LIE_BYTES -> send(206, body.copyOfRange(0, body.size - from), "bytes $from-${body.size - 1}/${body.size}")
            }
        } catch (e: java.io.IOException) {
            // the client hung up: fine
        }
    }
    server.start()
    val dir = Files.createTempDirectory("otactl-downloader").toFile()
    val url = URL("http://127.0.0.1:${server.address.port}/x.apk")
    val part = File(dir, "${build.sha256}.part")
    fun attempt(m: Mode): String? {
        mode = m
        return try { Downloader(dir).fetch(build, url); null } catch (e: VerifyException) { "verify: ${e.message}" } catch (e: DownloadException) { e.message ?: "failed" } catch (e: java.io.IOException) { "io: ${e.message}" }
    }
    fun reset() { dir.listFiles()?.forEach { it.delete() }; ranges.clear() }
    fun seedPart(n: Int) = part.writeBytes(body.copyOfRange(0, n))
    fun doneOk() = File(dir, "${build.sha256}.apk").let { it.exists() && it.readBytes().contentEquals(body) }
    try {
        // Session 1 drops half-way; session 2 (a new Downloader, as after a restart) resumes with Range.
        reset()
        check("a dropped transfer fails", attempt(Mode.CUT_AT_HALF) != null)
        val kept = part.length()
        check("the bytes that arrived are kept for the next session", kept > 0 && kept < body.size && part.readBytes().contentEquals(body.copyOfRange(0, kept.toInt()))) { "kept $kept" }
        check("the next session resumes", attempt(Mode.HONOR_RANGE) == null && doneOk())
        check("it asked for the rest only", ranges.last() == "bytes=$kept-") { "$ranges" }

        reset(); seedPart(100_000)
        check("a server ignoring Range: the 200 body replaces the partial file", attempt(Mode.IGNORE_RANGE) == null && doneOk())

        // resume.json's rule for a 206 that does not continue the file: nothing written, the partial file discarded.
        for ((m, reason) in listOf(Mode.WRONG_START to "range_mismatch", Mode.WRONG_TOTAL to "total_mismatch", Mode.NO_CONTENT_RANGE to "range_mismatch")) {
            reset(); seedPart(100_000)
            val why = attempt(m)
            check("$m: refused ($reason), nothing written, the partial file discarded", why?.contains(reason) == true && !part.exists() && !File(dir, "${build.sha256}.apk").exists()) { "$why" }
            check("$m: the next attempt starts over and succeeds", attempt(Mode.HONOR_RANGE) == null && doneOk() && ranges.last() == null)
        }

        reset(); seedPart(100_000)
        val lie = attempt(Mode.LIE_BYTES)
        // A verification failure (the agent's verify_fail beacon, reason sha256), not a failed download.
        check(
            "bytes that are not what Content-Range claims fail the SHA-256 (verify_fail, sha256) and are dropped",
            lie?.startsWith("verify: sha256 ") == true && Telemetry.failureOutcome("ota.verify.fail", lie.removePrefix("verify: ")) == Pair(Telemetry.VERIFY_FAIL, "sha256") && !part.exists()
        ) { "$lie" }
        check("after that the next attempt starts over and succeeds", attempt(Mode.HONOR_RANGE) == null && doneOk() && ranges.last() == null)

        reset(); seedPart(100_000)
        check("a body longer than announced keeps nothing", attempt(Mode.OVERLONG)?.contains("longer") == true && !part.exists())

        check("then a download completes", attempt(Mode.HONOR_RANGE) == null && doneOk())
        check("a finished download is not fetched again", ranges.size.let { before -> attempt(Mode.HONOR_RANGE) == null && ranges.size == before })
    } finally {
        server.stop(0)
        dir.deleteRecursively()
    }
}

fun main() {
    json()
    base64()
    timestamps()
    deviceIds()
    nudgeTarget()
    signers()
    downloads()
    println("$ok passed, $bad failed")
    exitProcess(if (bad == 0) 0 else 1)
}
