/* ota_crypto.h on the PSA Crypto API: what ESP-IDF 6 (Mbed TLS 4 / TF-PSA-Crypto 1.0) offers, where
 * mbedtls_md_hmac_* and mbedtls_pk_can_do are gone. Only calls in both TF-PSA-Crypto 1.0 and the PSA
 * implementation of Mbed TLS 2.28 / 3.6 (Debian's 2.28 runs it on the host): psa_crypto_init,
 * psa_hash_setup/update/finish, psa_import_key, psa_mac_sign_setup/update/sign_finish,
 * psa_verify_hash, psa_destroy_key. PSA takes neither a SubjectPublicKeyInfo nor a DER signature:
 * the point comes from the fixed P-256 SPKI layout ota_key_init checks, and the DER signature is
 * turned into r || s by ota_p256_der_to_raw (strict DER, the one reading every port applies). */
#include "ota_crypto.h" /* by name: src/ is the port's private include directory (ESP-IDF PRIV_INCLUDE_DIRS; flat in the Arduino library) */
#include "ota_der.h"

#include <psa/crypto.h>

/* A P-256 SubjectPublicKeyInfo DER is 91 bytes, its last 65 the uncompressed point (0x04 || X || Y). */
#define P256_SPKI_LEN 91
#define P256_POINT_LEN 65
#define P256_POINT_OFFSET (P256_SPKI_LEN - P256_POINT_LEN)

int ota_sha256(const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    if (psa_crypto_init() != PSA_SUCCESS) return -1;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    psa_status_t st = psa_hash_setup(&op, PSA_ALG_SHA_256);
    for (size_t i = 0; st == PSA_SUCCESS && i < n_parts; i++) st = psa_hash_update(&op, parts[i].data, parts[i].len);
    size_t out_len = 0;
    if (st == PSA_SUCCESS) st = psa_hash_finish(&op, out, 32, &out_len);
    if (st != PSA_SUCCESS) psa_hash_abort(&op);
    return st == PSA_SUCCESS && out_len == 32 ? 0 : -1;
}

/* A volatile key of the given type, usable only for alg and usage; PSA_KEY_ID_NULL when the import failed. */
static psa_key_id_t import_key(psa_key_type_t type, size_t bits, psa_algorithm_t alg, psa_key_usage_t usage, const uint8_t *data, size_t len)
{
    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attr, type);
    psa_set_key_bits(&attr, bits);
    psa_set_key_algorithm(&attr, alg);
    psa_set_key_usage_flags(&attr, usage);
    psa_key_id_t id = PSA_KEY_ID_NULL;
    if (psa_import_key(&attr, data, len, &id) != PSA_SUCCESS) id = PSA_KEY_ID_NULL;
    psa_reset_key_attributes(&attr);
    return id;
}

int ota_hmac_sha256(const uint8_t *key, size_t key_len, const ota_span_t *parts, size_t n_parts, uint8_t out[32])
{
    /* PSA imports no empty key; an HMAC key of zero bytes is no secret anyway. */
    if (key == NULL || key_len == 0 || psa_crypto_init() != PSA_SUCCESS) return -1;
    const psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
    psa_key_id_t id = import_key(PSA_KEY_TYPE_HMAC, PSA_BYTES_TO_BITS(key_len), alg, PSA_KEY_USAGE_SIGN_MESSAGE, key, key_len);
    if (id == PSA_KEY_ID_NULL) return -1;
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    psa_status_t st = psa_mac_sign_setup(&op, id, alg);
    for (size_t i = 0; st == PSA_SUCCESS && i < n_parts; i++) st = psa_mac_update(&op, parts[i].data, parts[i].len);
    size_t out_len = 0;
    if (st == PSA_SUCCESS) st = psa_mac_sign_finish(&op, out, 32, &out_len);
    if (st != PSA_SUCCESS) psa_mac_abort(&op);
    psa_destroy_key(id);
    return st == PSA_SUCCESS && out_len == 32 ? 0 : -1;
}

bool ota_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t hash[32], const uint8_t *sig, size_t sig_len)
{
    uint8_t raw[2 * OTA_P256_SCALAR_LEN];
    if (spki_len != P256_SPKI_LEN || spki[P256_POINT_OFFSET] != 0x04 || !ota_p256_der_to_raw(sig, sig_len, raw)) return false;
    if (psa_crypto_init() != PSA_SUCCESS) return false;
    const psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    psa_key_id_t id = import_key(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, alg, PSA_KEY_USAGE_VERIFY_HASH, spki + P256_POINT_OFFSET, P256_POINT_LEN);
    if (id == PSA_KEY_ID_NULL) return false;
    bool ok = psa_verify_hash(id, alg, hash, 32, raw, sizeof raw) == PSA_SUCCESS;
    psa_destroy_key(id);
    return ok;
}
