package otactl.agent

import com.google.firebase.messaging.FirebaseMessagingService
import com.google.firebase.messaging.RemoteMessage

/**
 * The FCM nudge (`otactl nudge`): a data message {"type": "update", ...} means "check now". The push
 * carries no authority: the worker still fetches and verifies the signed manifest.
 */
class OtaMessagingService : FirebaseMessagingService() {
    override fun onMessageReceived(message: RemoteMessage) {
        if (message.data["type"] == "update") {
            OtaEvents.emit("ota.nudge.received", "channel" to message.data["channel"])
            OtaScheduler.checkNow(applicationContext)
        }
    }
}
