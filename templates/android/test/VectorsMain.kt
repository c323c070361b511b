// Conformance run of the pure Kotlin core over the shared vectors (test/vectors/, docs/vectors.md).
//   java -cp ... otactl.test.VectorsMainKt <vectors dir>
// Prints one line per failing case and a final "N passed, N failed"; exits 1 on any failure.
package otactl.test

import java.io.File
import java.security.MessageDigest
import java.util.Base64
import kotlin.system.exitProcess
import otactl.core.BootValidation
import otactl.core.Conditions
import otactl.core.LocalClock
import otactl.core.DeviceFacts
import otactl.core.DeviceId
import otactl.core.Timestamp
import otactl.core.DsseVerifier
import otactl.core.EnvelopeResult
import otactl.core.Freshness
import otactl.core.Json
import otactl.core.Manifest
import otactl.core.ManifestException
import otactl.core.Nudge
import otactl.core.NudgeDevice
import otactl.core.NudgeReplayCache
import otactl.core.NudgeVerifier
import otactl.core.OtaCohort
import otactl.core.Telemetry
import otactl.core.OtaDecision
import otactl.core.RangeResume
import otactl.core.TrustedKey

private var passed = 0
private var failed = 0

private fun report(ok: Boolean, file: String, case: Map<*, *>, what: String) {
    if (ok) passed++ else {
        failed++
        println("FAIL $file: ${case["note"]}: $what")
    }
}

@Suppress("UNCHECKED_CAST")
private fun cases(dir: String, name: String): List<Map<String, Any?>> =
    ((Json.parse(File(dir, name).readText()) as Map<String, Any?>)["cases"] as List<Map<String, Any?>>)

private fun sha256Hex(b: ByteArray) = MessageDigest.getInstance("SHA-256").digest(b).joinToString("") { String.format("%02x", it.toInt() and 0xff) }

/** Re-serializes a parsed JSON value, so the manifest goes through the device's own parser as text. */
private fun toJson(v: Any?): String = when (v) {
    null -> "null"
    is String -> "\"" + v.flatMap { c -> if (c == '"' || c == '\\') listOf('\\', c) else if (c < ' ') "\\u%04x".format(c.toInt()).toList() else listOf(c) }.joinToString("") + "\""
    is Double -> if (v == Math.floor(v) && Math.abs(v) < 1e15) v.toLong().toString() else v.toString()
    is Boolean -> v.toString()
    is Map<*, *> -> v.entries.joinToString(",", "{", "}") { toJson(it.key) + ":" + toJson(it.value) }
    is List<*> -> v.joinToString(",", "[", "]") { toJson(it) }
    else -> error("unexpected $v")
}

private fun cohort(dir: String) {
    for (c in cases(dir, "cohort.json")) {
        val bucket = try { OtaCohort.bucket(c["salt"] as String, c["device_id"] as String) } catch (e: IllegalArgumentException) {
            report(false, "cohort", c, e.message ?: "refused"); continue
        }
        val percent = c["percent"] as Double
        val ok = bucket == (c["bucket"] as Double).toInt() && OtaCohort.basisPoints(percent) == (c["basis_points"] as Double).toInt() &&
            OtaCohort.inCohort(bucket, percent) == c["in_rollout"]
        report(ok, "cohort", c, "bucket $bucket")
    }
}

private fun envelopes(dir: String) {
    @Suppress("UNCHECKED_CAST")
    val doc = Json.parse(File(dir, "envelopes.json").readText()) as Map<String, Any?>
    val keys = doc["keys"] as Map<*, *>
    for (c in cases(dir, "envelopes.json")) {
        val trusted = (c["trusted"] as List<*>).map { name ->
            val k = keys[name] as Map<*, *>
            TrustedKey(Base64.getDecoder().decode(k["spki_der_base64"] as String)).also { check(it.keyid == k["keyid"]) { "keyid of $name" } }
        }
        val r = DsseVerifier.verify(c["envelope"] as String, doc["payload_type"] as String, trusted)
        val expect = c["expect"] as Map<*, *>
        var ok = r.name == expect["result"]
        if (ok && r is EnvelopeResult.Ok) {
            ok = r.keyids.toSet() == (expect["keyids"] as List<*>).toSet() && sha256Hex(r.payload) == expect["payload_sha256"]
        }
        report(ok, "envelopes", c, r.name)
    }
}

private fun manifestOf(c: Map<*, *>): Manifest = Manifest.parse(toJson(c["manifest"]))

private fun freshness(dir: String) {
    for (c in cases(dir, "freshness.json")) {
        val m = try { manifestOf(c) } catch (e: ManifestException) { report(false, "freshness", c, e.message ?: "parse"); continue }
        val s = c["state"] as Map<*, *>
        // The device's clock, not a signed timestamp: it may carry an offset.
        val now = java.time.OffsetDateTime.parse(s["now"] as String).toInstant().toEpochMilli()
        val got = Freshness.check(m, now, (s["highest_sequence"] as Double?)?.toLong(), s["app"] as String?, s["channel"] as String?)
        report(got == (c["expect"] as Map<*, *>)["reason"], "freshness", c, got ?: "fresh")
    }
}

private fun decisions(dir: String) {
    for (c in cases(dir, "decisions.json")) {
        val m = try { manifestOf(c) } catch (e: ManifestException) { report(false, "decisions", c, e.message ?: "parse"); continue }
        val d = c["device"] as Map<*, *>
        val device = DeviceFacts(
            d["device_id"] as String, (d["current_version_code"] as Double).toLong(),
            (d["tags"] as List<*>? ?: emptyList<String>()).map { it as String }, d["model"] as String?, d["chip"] as String?
        )
        val k = c["conditions"] as Map<*, *>
        val cond = Conditions(k["wifi"] as Boolean?, (k["battery"] as Double?)?.toInt(), k["charging"] as Boolean?, k["in_call"] as Boolean?, (k["free_disk_bytes"] as Double?)?.toLong(), LocalClock.minuteOf(k["local_time"] as String?))
        val got = OtaDecision.decide(m, device, cond)
        val e = c["expect"] as Map<*, *>
        val ok = got.action.name.toLowerCase() == e["action"] && got.reason == e["reason"] && got.build?.buildId == e["build_id"] &&
            got.bucket == (e["bucket"] as Double).toInt() && got.inCohort == e["in_cohort"] && got.canary == e["canary"]
        report(ok, "decisions", c, "${got.action} ${got.reason} bucket ${got.bucket} in_cohort ${got.inCohort} canary ${got.canary}")
    }
}

private fun hex(b: ByteArray) = b.joinToString("") { String.format("%02x", it.toInt() and 0xff) }

/** nudge.json: the signing string, the signature under key_hex and the verdict, from the message's JSON text. */
private fun nudges(dir: String) {
    @Suppress("UNCHECKED_CAST")
    val doc = Json.parse(File(dir, "nudge.json").readText()) as Map<String, Any?>
    val windowOk = (doc["window_seconds"] as Double).toLong() == NudgeVerifier.WINDOW_SECONDS &&
        doc["target_tag_prefix"] == "otactl-nudge-target\n" && (doc["max_depth"] as Double).toInt() == Json.DEVICE_MAX_DEPTH
    for (c in cases(dir, "nudge.json")) {
        val keyHex = c["key_hex"] as String
        val key = ByteArray(keyHex.length / 2) { i -> keyHex.substring(2 * i, 2 * i + 2).toInt(16).toByte() }
        val d = c["device"] as Map<*, *>
        val device = NudgeDevice(key, d["app"] as String, d["channel"] as String, d["device_id"] as String)
        val now = (c["now"] as Double).toLong()
        val replay = NudgeReplayCache()
        val seenOk = (c["seen_request_ids"] as List<*>).all {
            val seen = it as Map<*, *>
            replay.admit(seen["request_id"] as String, (seen["issued_at"] as Double).toLong(), now).wire == "valid"
        }
        val parsed = Nudge.fromJson(c["message_text"] as String? ?: toJson(c["message"]))
        // The signing string and signature of the signed message (message_text may be a damaged copy of it).
        val m = c["message"] as Map<*, *>
        val at = m["issued_at"].let { if (it is Double) it.toLong().toString() else it.toString() }
        val signing = "v1\n${m["request_id"]}\n${m["device_id"]}\n${m["action"]}\n$at"
        val sigOk = signing == c["signing_string"] && hex(NudgeVerifier.hmacSha256(key, signing)) == c["expected_sig"]
        val tagOk = device.targetTag == c["device_tag"]
        val got = NudgeVerifier.verify(parsed, device, now, replay).wire
        val notes = listOfNotNull(
            if (sigOk) null else "signing string or signature differs", if (tagOk) null else "device tag ${device.targetTag} differs",
            if (seenOk) null else "could not seed the replay cache", if (windowOk) null else "window, tag prefix or depth differs"
        )
        report(windowOk && seenOk && sigOk && tagOk && got == c["verdict"], "nudge", c, (listOf("verdict $got") + notes).joinToString(", "))
    }
}

private fun long(m: Map<*, *>, k: String): Long? = (m[k] as Double?)?.toLong()

/** boot.json: each case's steps through BootValidation.step, the state and action checked after each. */
private fun boot(dir: String) {
    for (c in cases(dir, "boot.json")) {
        val lim = c["limits"] as Map<*, *>
        val limits = BootValidation.Limits(long(lim, "max_boots")!!.toInt(), long(lim, "max_failures")!!.toInt(), long(lim, "max_pending_ms")!!)
        fun stateOf(m: Map<*, *>) = BootValidation.State(
            BootValidation.Status.values().first { it.wire == m["status"] }, long(m, "boots")!!.toInt(), long(m, "failures")!!.toInt(), long(m, "first_boot_ms")
        )
        var state = stateOf(c["start"] as Map<*, *>)
        var what: String? = null
        (c["steps"] as List<*>).forEachIndexed { i, raw ->
            val step = raw as Map<*, *>
            val ev = step["event"] as Map<*, *>
            val type = BootValidation.EventType.values().first { it.wire == ev["type"] }
            val got = BootValidation.step(state, BootValidation.Event(type, long(ev, "now_ms"), ev["running_installed"] as Boolean? ?: true), limits)
            state = got.state
            val x = step["expect"] as Map<*, *>
            val ok = got.state == stateOf(x) && got.action.wire == x["action"] && got.reason == x["reason"]
            if (!ok && what == null) what = "step ${i + 1}: ${got.state} ${got.action.wire} ${got.reason}"
        }
        report(what == null, "boot", c, what ?: "all steps")
    }
}

/** resume.json: the Range start, the plan for the response, and what stays after body_bytes. */
private fun resume(dir: String) {
    for (c in cases(dir, "resume.json")) {
        val size = long(c, "size")!!
        val from = RangeResume.rangeFrom(long(c, "have")!!, size)
        val r = c["response"] as Map<*, *>
        val p = RangeResume.plan(from, size, long(r, "status")!!.toInt(), r["content_range"] as String?, long(r, "content_length"))
        val (outcome, onDisk) = RangeResume.outcome(p, from, size, long(c, "body_bytes")!!)
        val x = c["expect"] as Map<*, *>
        val ok = from == long(x, "range_from") && p.action.wire == x["action"] && p.reason == x["reason"] && p.offset == long(x, "offset") &&
            p.length == long(x, "length") && outcome.wire == x["outcome"] && onDisk == long(x, "on_disk")
        report(ok, "resume", c, "range_from $from, ${p.action.wire} ${p.reason} offset ${p.offset} length ${p.length}, ${outcome.wire} on disk $onDisk")
    }
}

/** telemetry.json: the telemetry id, the check and beacon URLs, and each boot step's outcome. */
private fun telemetry(dir: String) {
    for (c in cases(dir, "telemetry.json")) {
        val got: String
        val want: String
        when (c["kind"]) {
            "telemetry_id" -> { got = Telemetry.telemetryId(c["device_id"] as String); want = c["telemetry_id"] as String }
            "check_url" -> { got = Telemetry.checkUrl(c["manifest_url"] as String, c["telemetry_id"] as String, long(c, "version_code")!!); want = c["url"] as String }
            "beacon_url" -> {
                got = Telemetry.beaconUrl(c["manifest_url"] as String, c["build_id"] as String, c["outcome"] as String, c["telemetry_id"] as String, c["channel"] as String, c["reason"] as String?)
                want = c["url"] as String
            }
            "failure_outcome" -> {
                val out = Telemetry.failureOutcome(c["event"] as String, c["detail"] as String?)
                got = "${out?.first} ${out?.second}"
                want = "${c["outcome"]} ${c["beacon_reason"]}"
            }
            else -> {
                val action = BootValidation.Action.values().first { it.wire == c["action"] }
                val out = Telemetry.bootOutcome(action, c["reason"] as String?, c["pending_boot"] as Boolean)
                got = "${out?.first} ${out?.second}"
                want = "${c["outcome"]} ${c["beacon_reason"]}"
            }
        }
        report(got == want, "telemetry", c, "got $got, want $want")
    }
}

@Suppress("UNCHECKED_CAST")
private fun topList(dir: String, file: String, key: String): List<Map<String, Any?>> =
    (Json.parse(File(dir, file).readText()) as Map<String, Any?>)[key] as List<Map<String, Any?>>

/** freshness.json's `timestamps`: the manifest's timestamp reader, validity and instant. */
private fun timestamps(dir: String) {
    for (c in topList(dir, "freshness.json", "timestamps")) {
        val got = Timestamp.epochMs(c["text"] as String)
        report((got != null) == c["valid"] && got == long(c, "unix_ms"), "timestamps", c, "epoch ms $got")
    }
}

/** cohort.json's `device_ids`, from their UTF-16 code units (a case without them is bytes only: C's). */
private fun deviceIds(dir: String) {
    for (c in topList(dir, "cohort.json", "device_ids")) {
        val units = c["utf16_hex"] as String? ?: continue
        val id = String(CharArray(units.length / 4) { i -> units.substring(4 * i, 4 * i + 4).toInt(16).toChar() })
        val valid = DeviceId.isValid(id)
        val bucket = try { OtaCohort.bucket(c["salt"] as String, id) } catch (e: IllegalArgumentException) { null }
        report(valid == c["valid"] && bucket == long(c, "bucket")?.toInt(), "device_ids", c, "valid $valid bucket $bucket")
    }
}

fun main(args: Array<String>) {
    if (args.size !in 1..2 || (args.size == 2 && args[1] != "--readers")) {
        System.err.println("usage: VectorsMainKt <test/vectors dir> [--readers]")
        exitProcess(2)
    }
    if (args.size == 2) {
        // The readers' own lists (timestamps, device ids), counted apart from the cases every client runs.
        timestamps(args[0])
        deviceIds(args[0])
        println("$passed passed, $failed failed")
        exitProcess(if (failed == 0) 0 else 1)
    }
    cohort(args[0])
    envelopes(args[0])
    freshness(args[0])
    decisions(args[0])
    nudges(args[0])
    boot(args[0])
    resume(args[0])
    telemetry(args[0])
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
