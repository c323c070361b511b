// The nudge replay cache's bounds: at most `capacity` live ids, a new nudge refused when full of them
// (FLOOD) instead of evicting one, ids that left the window forgotten, forgeries never stored.
//   java -cp ... otactl.test.ReplayMainKt
// Prints one line per failing check and "N passed, N failed"; exits 1 on any failure.
package otactl.test

import kotlin.system.exitProcess
import otactl.core.Nudge
import otactl.core.NudgeDevice
import otactl.core.NudgeReplayCache
import otactl.core.NudgeVerdict
import otactl.core.NudgeVerifier

private var ok = 0
private var bad = 0

private fun expect(what: String, got: NudgeVerdict, want: NudgeVerdict) {
    if (got == want) ok++ else {
        bad++
        println("FAIL $what: ${got.wire}, expected ${want.wire}")
    }
}

fun main() {
    val key = ByteArray(32) { 7 }
    val device = NudgeDevice(key, "com.example.agent", "stable", "A1")
    val replay = NudgeReplayCache(3)
    fun send(n: Int, at: Long, now: Long, k: ByteArray = key): NudgeVerdict {
        val unsigned = Nudge("update", device.app, device.channel, n.toString().padStart(16, '0') + device.targetTag, device.deviceId, at, "0".repeat(64))
        val sig = NudgeVerifier.hmacSha256(k, unsigned.signingString).joinToString("") { String.format("%02x", it.toInt() and 0xff) }
        val m = Nudge(unsigned.action, unsigned.app, unsigned.channel, unsigned.requestId, unsigned.deviceId, at, sig)
        return NudgeVerifier.verify(m, device, now, replay)
    }
    for (n in 1..3) expect("filling the cache", send(n, 1000, 1000), NudgeVerdict.VALID)
    expect("a fourth live id: refused, nothing evicted", send(4, 1000, 1000), NudgeVerdict.FLOOD)
    expect("the first id is still remembered", send(1, 1000, 1000), NudgeVerdict.REPLAY)
    for (n in 10 until 20) expect("forgeries are refused", send(n, 1000, 1000, ByteArray(32) { 8 }), NudgeVerdict.BAD_SIG)
    expect("forgeries took no room", send(5, 1000, 1000), NudgeVerdict.FLOOD)
    expect("301 s later the stale ids are forgotten", send(6, 1301, 1301), NudgeVerdict.VALID)
    expect("the cache holds only the live id", if (replay.size == 1) NudgeVerdict.VALID else NudgeVerdict.FLOOD, NudgeVerdict.VALID)
    expect("the new id is remembered", send(6, 1301, 1301), NudgeVerdict.REPLAY)
    expect("FCM data (strings) parses", NudgeVerifier.verify(Nudge.fromMap(mapOf(
        "action" to "update", "app" to "a", "channel" to "c", "request_id" to "0".repeat(32), "device_id" to "d", "issued_at" to "12", "sig" to "0".repeat(64)
    )), device, 12, replay), NudgeVerdict.BAD_SIG)
    expect("an extra field is malformed", NudgeVerifier.verify(Nudge.fromJson("""{"action":"update","app":"a","channel":"c","request_id":"${"0".repeat(32)}","device_id":"d","issued_at":1,"sig":"${"0".repeat(64)}","x":1}"""), device, 1, replay), NudgeVerdict.MALFORMED)
    println("$ok passed, $bad failed")
    exitProcess(if (bad == 0) 0 else 1)
}
