package otactl.agent

import com.google.firebase.messaging.FirebaseMessagingService
import com.google.firebase.messaging.RemoteMessage
import otactl.core.Nudge
import otactl.core.NudgeDevice
import otactl.core.NudgeReplayCache
import otactl.core.NudgeVerdict
import otactl.core.NudgeVerifier

/**
 * The FCM nudge (`otactl nudge`, docs/nudge.md): a data message checked by the core's NudgeVerifier
 * (HMAC with the provisioned key, this app and channel, this device or "*", within 300 s, never seen
 * before). A valid one means "check now"; anything else is counted (ota.nudge.<verdict>) and ignored.
 * The push carries no authority: the worker still fetches and verifies the signed manifest.
 */
class OtaMessagingService : FirebaseMessagingService() {
    override fun onMessageReceived(message: RemoteMessage) {
        val config = (application as OtaConfigProvider).otaConfig()
        val key = config.nudgeKey ?: return OtaEvents.emit("ota.nudge.no_key")
        val device = NudgeDevice(key, config.app, config.channel, config.deviceId)
        val verdict = NudgeVerifier.verify(Nudge.fromMap(message.data), device, System.currentTimeMillis() / 1000, replay)
        if (verdict != NudgeVerdict.VALID) return OtaEvents.emit("ota.nudge.${verdict.wire}", "channel" to message.data["channel"])
        OtaEvents.emit("ota.nudge.received", "channel" to config.channel)
        OtaScheduler.checkNow(applicationContext)
    }

    companion object {
        /** Per process: FCM's TTL (300 s) bounds what a restarted process could see replayed. */
        private val replay = NudgeReplayCache()
    }
}
