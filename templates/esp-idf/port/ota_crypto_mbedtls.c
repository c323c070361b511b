/* ota_crypto.h on mbedTLS. Only APIs present in both 2.28 (Debian) and 3.x (ESP-IDF 5):
 * mbedtls_md_* (the HMAC ones included), mbedtls_pk_parse_public_key, mbedtls_pk_verify (which takes the DER signature). */
#include "ota_crypto.h" /* by name: src/ is the port's private include directory (ESP-IDF PRIV_INCLUDE_DIRS; flat in the Arduino library) */
#include "ota_der.h"

#include <mbedtls/md.h>
#include <mbedtls/pk.h>

/* SHA-256 (key NULL) or HMAC-SHA256 (key given) over the parts. */
static int sha256_parts(const uint8_t *key, size_t key_len, const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (info == NULL) return -1;
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, info, key != NULL);
    if (rc == 0) rc = key != NULL ? mbedtls_md_hmac_starts(&ctx, key, key_len) : mbedtls_md_starts(&ctx);
    for (size_t i = 0; rc == 0 && i < n_parts; i++) {
        const unsigned char *data = (const unsigned char *)parts[i].data;
        rc = key != NULL ? mbedtls_md_hmac_update(&ctx, data, parts[i].len) : mbedtls_md_update(&ctx, data, parts[i].len);
    }
    if (rc == 0) rc = key != NULL ? mbedtls_md_hmac_finish(&ctx, out) : mbedtls_md_finish(&ctx, out);
    mbedtls_md_free(&ctx);
    return rc;
}

int ota_sha256(const ota_span_t *parts, size_t n_parts, uint8_t out[32]) { return sha256_parts(NULL, 0, parts, n_parts, out); }

int ota_hmac_sha256(const uint8_t *key, size_t key_len, const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    if (key == NULL) return -1;
    return sha256_parts(key, key_len, parts, n_parts, out);
}

bool ota_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t hash[32], const uint8_t *sig, size_t sig_len)
{
    uint8_t raw[2 * OTA_P256_SCALAR_LEN];
    if (!ota_p256_der_to_raw(sig, sig_len, raw)) return false; /* mbedtls_pk_verify also takes BER forms */
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    bool ok = mbedtls_pk_parse_public_key(&pk, spki, spki_len) == 0
              && mbedtls_pk_can_do(&pk, MBEDTLS_PK_ECDSA)
              && mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, 32, sig, sig_len) == 0;
    mbedtls_pk_free(&pk);
    return ok;
}
