package otactl.core

import java.security.KeyFactory
import java.security.MessageDigest
import java.security.PublicKey
import java.security.Signature
import java.security.spec.X509EncodedKeySpec
import java.util.Base64

const val MANIFEST_PAYLOAD_TYPE = "application/vnd.otactl.manifest+json"

/** A provisioned public key: a P-256 SubjectPublicKeyInfo DER; keyid = hex SHA-256 of those bytes. */
class TrustedKey(spki: ByteArray) {
    init {
        require(spki.size == 91 && spki.copyOfRange(0, P256_SPKI_PREFIX.size).contentEquals(P256_SPKI_PREFIX)) {
            "not a P-256 SubjectPublicKeyInfo"
        }
    }

    val keyid: String = MessageDigest.getInstance("SHA-256").digest(spki).toHex()
    val publicKey: PublicKey = KeyFactory.getInstance("EC").generatePublic(X509EncodedKeySpec(spki))

    private companion object {
        val P256_SPKI_PREFIX = byteArrayOf(
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86.toByte(), 0x48, 0xce.toByte(), 0x3d, 0x02, 0x01,
            0x06, 0x08, 0x2a, 0x86.toByte(), 0x48, 0xce.toByte(), 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04
        )
    }
}

/** The outcome of verifying an envelope; the names are those of test/vectors/envelopes.json. */
sealed class EnvelopeResult(val name: String) {
    class Ok(val payload: ByteArray, val keyids: List<String>) : EnvelopeResult("ok")
    object Malformed : EnvelopeResult("malformed")
    object BadSignature : EnvelopeResult("bad_signature")
    object UntrustedKey : EnvelopeResult("untrusted_key")
}

/**
 * DSSE verification (docs/design.md): ECDSA P-256 / SHA-256 DER signatures over
 * PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body. Accepts when at least one signature by
 * a provisioned key verifies; signatures by unknown keys are ignored (rotation), never trusted.
 * Reading order (docs/vectors.md): the text (depth 8 pre-scan, strict JSON, no duplicate name), the
 * shape (payloadType, canonical base64 payload and sigs), the signatures, then the payload bytes.
 */
object DsseVerifier {
    fun verify(envelopeJson: String, payloadType: String, trusted: List<TrustedKey>): EnvelopeResult {
        val env = try { Json.parse(envelopeJson, Json.DEVICE_MAX_DEPTH) } catch (e: JsonException) { return EnvelopeResult.Malformed }
        if (env !is Map<*, *>) return EnvelopeResult.Malformed
        val type = env["payloadType"] as? String ?: return EnvelopeResult.Malformed
        val payloadText = env["payload"] as? String ?: return EnvelopeResult.Malformed
        val sigs = env["signatures"] as? List<*> ?: return EnvelopeResult.Malformed
        if (sigs.isEmpty() || type != payloadType) return EnvelopeResult.Malformed
        val body = canonicalBase64(payloadText) ?: return EnvelopeResult.Malformed
        // The shape before any signature: every sig, whoever's, is canonical non-empty base64.
        val signatures = sigs.map { s ->
            val keyid = (s as? Map<*, *>)?.get("keyid") as? String ?: return EnvelopeResult.Malformed
            val der = (s["sig"] as? String)?.let { canonicalBase64(it) }?.takeIf { it.isNotEmpty() } ?: return EnvelopeResult.Malformed
            keyid to der
        }
        val message = pae(type, body)

        var namedKnown = false
        val verified = ArrayList<String>()
        for ((keyid, der) in signatures) {
            val key = trusted.firstOrNull { it.keyid == keyid } ?: continue
            namedKnown = true
            if (verifies(key.publicKey, message, der)) verified.add(keyid)
        }
        return when {
            verified.isEmpty() -> if (namedKnown) EnvelopeResult.BadSignature else EnvelopeResult.UntrustedKey
            // Signed bytes are read by the same rules as the envelope: JSON, one reading, depth 8.
            !isDeviceJson(body) -> EnvelopeResult.Malformed
            else -> EnvelopeResult.Ok(body, verified)
        }
    }

    private fun isDeviceJson(bytes: ByteArray): Boolean = try {
        Json.parse(Json.decodeUtf8(bytes), Json.DEVICE_MAX_DEPTH)
        true
    } catch (e: JsonException) {
        false
    }

    fun pae(type: String, body: ByteArray): ByteArray {
        val t = type.toByteArray(Charsets.UTF_8)
        return "DSSEv1 ${t.size} ".toByteArray(Charsets.US_ASCII) + t + " ${body.size} ".toByteArray(Charsets.US_ASCII) + body
    }

    /** Standard alphabet, padded, zero trailing bits: one spelling per byte string, as every client. */
    fun canonicalBase64(text: String): ByteArray? {
        val bytes = try { Base64.getDecoder().decode(text) } catch (e: IllegalArgumentException) { return null }
        return if (Base64.getEncoder().encodeToString(bytes) == text) bytes else null
    }

    private fun verifies(key: PublicKey, message: ByteArray, der: ByteArray): Boolean = try {
        Signature.getInstance("SHA256withECDSA").run {
            initVerify(key)
            update(message)
            verify(der)
        }
    } catch (e: java.security.SignatureException) {
        false // not a DER signature: simply not a valid one
    }
}
