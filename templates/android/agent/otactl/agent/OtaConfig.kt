package otactl.agent

import android.util.Base64
import otactl.core.TrustedKey

/**
 * What the app provisions: where its channel manifest is and which keys may sign it. Fill these in
 * (e.g. from BuildConfig); keys are the base64 SubjectPublicKeyInfo DER printed by `otactl keys`.
 */
data class OtaConfig(
    val manifestUrl: String,
    val app: String,
    val channel: String,
    val trustedKeysSpkiBase64: List<String>,
    val deviceId: String,
    val deviceTags: List<String> = emptyList(),
    /** The fleet's nudge HMAC key as hex (64+ digits, the same key otactl nudge signs with); null: FCM nudges are ignored. */
    val nudgeKeyHex: String? = null,
    /** Telemetry (docs/telemetry.md): ?d=&v= on manifest requests and outcome beacons; false: neither. */
    val telemetry: Boolean = true,
    /** The value sent as d= (default: Telemetry.telemetryId(deviceId)); e.g. an HMAC of the id under a fleet secret when ids are sensitive. */
    val telemetryId: String? = null
) {
    val nudgeKey: ByteArray? by lazy { nudgeKeyHex?.let { hex -> ByteArray(hex.length / 2) { i -> hex.substring(2 * i, 2 * i + 2).toInt(16).toByte() } } }
    val trustedKeys: List<TrustedKey> by lazy { trustedKeysSpkiBase64.map { TrustedKey(Base64.decode(it, Base64.NO_WRAP)) } }
}

/** The app supplies its configuration through its Application class. */
interface OtaConfigProvider {
    fun otaConfig(): OtaConfig
}
