/* ota_crypto.h on mbedTLS. Only APIs present in both 2.28 (Debian) and 3.x (ESP-IDF 5):
 * mbedtls_md_*, mbedtls_pk_parse_public_key, mbedtls_pk_verify (which takes the DER signature). */
#include "../src/ota_crypto.h"

#include <mbedtls/md.h>
#include <mbedtls/pk.h>

int ota_sha256(const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (info == NULL) return -1;
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, info, 0);
    if (rc == 0) rc = mbedtls_md_starts(&ctx);
    for (size_t i = 0; rc == 0 && i < n_parts; i++) {
        rc = mbedtls_md_update(&ctx, (const unsigned char *)parts[i].data, parts[i].len);
    }
    if (rc == 0) rc = mbedtls_md_finish(&ctx, out);
    mbedtls_md_free(&ctx);
    return rc;
}

bool ota_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t hash[32], const uint8_t *sig, size_t sig_len)
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    bool ok = mbedtls_pk_parse_public_key(&pk, spki, spki_len) == 0
              && mbedtls_pk_can_do(&pk, MBEDTLS_PK_ECDSA)
              && mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, 32, sig, sig_len) == 0;
    mbedtls_pk_free(&pk);
    return ok;
}
