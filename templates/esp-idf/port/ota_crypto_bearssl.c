/* ota_crypto.h on BearSSL (the ESP8266 Arduino core ships it; Debian's libbearssl-dev). Only APIs
 * of BearSSL 0.6: br_sha256_*, br_hmac_*, br_ecdsa_i31_vrfy_raw with br_ec_p256_m31 (P-256 code
 * only, smaller than br_ec_get_default()'s every curve). BearSSL allocates nothing: every context
 * is on the stack. */
#include "ota_crypto.h" /* by name: src/ is the port's private include directory (ESP-IDF PRIV_INCLUDE_DIRS; flat in the Arduino library) */
#include "ota_der.h"

#include <string.h>

#include <bearssl/bearssl.h> /* the path both Debian and the ESP8266 core (tools/sdk/include) use */

/* A P-256 SubjectPublicKeyInfo DER is 91 bytes, its last 65 the uncompressed point (0x04 || X || Y):
 * the fixed layout ota_key_init checks. BearSSL parses no SPKI, so the point is taken from there. */
#define P256_SPKI_LEN 91
#define P256_POINT_LEN 65
#define P256_POINT_OFFSET (P256_SPKI_LEN - P256_POINT_LEN)

int ota_sha256(const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    br_sha256_context ctx;
    br_sha256_init(&ctx);
    for (size_t i = 0; i < n_parts; i++) br_sha256_update(&ctx, parts[i].data, parts[i].len);
    br_sha256_out(&ctx, out);
    return 0;
}

int ota_hmac_sha256(const uint8_t *key, size_t key_len, const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    if (key == NULL) return -1;
    br_hmac_key_context kc;
    br_hmac_context ctx;
    br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
    br_hmac_init(&ctx, &kc, 0);
    for (size_t i = 0; i < n_parts; i++) br_hmac_update(&ctx, parts[i].data, parts[i].len);
    return br_hmac_out(&ctx, out) == 32 ? 0 : -1;
}

bool ota_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t hash[32], const uint8_t *sig, size_t sig_len)
{
    uint8_t raw[2 * OTA_P256_SCALAR_LEN];
    if (spki_len != P256_SPKI_LEN || spki[P256_POINT_OFFSET] != 0x04) return false;
    if (!ota_p256_der_to_raw(sig, sig_len, raw)) return false; /* strict DER: br_ecdsa_i31_vrfy_asn1 would take BER forms too */
    unsigned char point[P256_POINT_LEN]; /* br_ec_public_key.q is not const */
    memcpy(point, spki + P256_POINT_OFFSET, sizeof point);
    const br_ec_public_key pk = {BR_EC_secp256r1, point, sizeof point};
    return br_ecdsa_i31_vrfy_raw(&br_ec_p256_m31, hash, 32, &pk, raw, sizeof raw) == 1;
}
