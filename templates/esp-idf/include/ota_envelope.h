/* DSSE envelope verification (docs/design.md): ECDSA P-256 / SHA-256 over
 *   PAE = "DSSEv1" SP len(type) SP type SP len(body) SP body,
 * DER signatures, keyid = hex SHA-256 of the signer's SubjectPublicKeyInfo DER. */
#ifndef OTA_ENVELOPE_H
#define OTA_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTA_MANIFEST_PAYLOAD_TYPE "application/vnd.otactl.manifest+json"

/* A provisioned public key. spki must stay valid while the key is used (e.g. in flash). */
typedef struct {
    const uint8_t *spki;
    size_t spki_len;
    char keyid[65];
} ota_trusted_key_t;

typedef enum {
    OTA_ENV_OK = 0,
    OTA_ENV_MALFORMED,     /* not strict JSON (src/ota_json_strict.h: depth 8, no duplicate name), missing
                              fields, wrong payloadType, a payload or sig not canonical base64, or, once a
                              signature verified, a payload that is not strict JSON */
    OTA_ENV_BAD_SIGNATURE, /* a provisioned keyid is named but no signature verifies */
    OTA_ENV_UNTRUSTED_KEY, /* no signature names a provisioned keyid */
    OTA_ENV_TOO_LARGE,     /* the payload does not fit the caller's buffer */
} ota_env_result_t;

/* Checks that spki is a P-256 SubjectPublicKeyInfo (uncompressed point) and computes its keyid.
 * 0 on success. */
int ota_key_init(ota_trusted_key_t *key, const uint8_t *spki, size_t spki_len);

/* Verifies an envelope (JSON text of len bytes) against n_keys provisioned keys. On OTA_ENV_OK the
 * decoded payload is in payload[0..*payload_len) and bit i of *verified is set when keys[i] signed
 * it (n_keys <= 32). Allocates only through cJSON while parsing, freed before returning. */
ota_env_result_t ota_verify_envelope(const char *json, size_t len, const char *payload_type,
                                     const ota_trusted_key_t *keys, size_t n_keys,
                                     uint8_t *payload, size_t payload_cap, size_t *payload_len,
                                     uint32_t *verified);

const char *ota_env_result_name(ota_env_result_t r);

#ifdef __cplusplus
}
#endif
#endif
