#include "ota_envelope.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cJSON.h"
#include "ota_base64.h"
#include "ota_cohort.h"
#include "ota_crypto.h"
#include "ota_json_strict.h"

/* DER prefix of a P-256 SubjectPublicKeyInfo: SEQ { SEQ { id-ecPublicKey, prime256v1 }, BIT STRING (65 bytes) }. */
static const uint8_t P256_SPKI_PREFIX[] = {
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
};
#define P256_SPKI_LEN 91
#define MAX_DER_SIG 80 /* ECDSA P-256 DER is at most 72 bytes */

int ota_key_init(ota_trusted_key_t *key, const uint8_t *spki, size_t spki_len)
{
    if (spki_len != P256_SPKI_LEN || memcmp(spki, P256_SPKI_PREFIX, sizeof P256_SPKI_PREFIX) != 0) return -1;
    uint8_t h[32];
    const ota_span_t part = {spki, spki_len};
    if (ota_sha256(&part, 1, h) != 0) return -1;
    key->spki = spki;
    key->spki_len = spki_len;
    ota_hex(h, 32, key->keyid);
    return 0;
}

/* SHA-256 of PAE(type, body), hashed in parts so the message is never copied. */
static int pae_hash(const char *type, const uint8_t *body, size_t body_len, uint8_t out[32])
{
    char type_len[24], body_len_text[24];
    snprintf(type_len, sizeof type_len, "%lu", (unsigned long)strlen(type));
    snprintf(body_len_text, sizeof body_len_text, "%lu", (unsigned long)body_len);
    const ota_span_t parts[] = {
        {"DSSEv1 ", 7}, {type_len, strlen(type_len)}, {" ", 1}, {type, strlen(type)},
        {" ", 1}, {body_len_text, strlen(body_len_text)}, {" ", 1}, {body, body_len},
    };
    return ota_sha256(parts, sizeof parts / sizeof parts[0], out);
}

static const ota_trusted_key_t *find_key(const ota_trusted_key_t *keys, size_t n, const char *keyid, size_t *index)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(keys[i].keyid, keyid) == 0) {
            *index = i;
            return &keys[i];
        }
    }
    return NULL;
}

/* Every entry is an object with a string keyid and a non-empty, canonical base64 sig (as the
 * TypeScript schema and contract 5 require), whether or not its key is provisioned. */
static bool signatures_well_formed(const cJSON *sigs)
{
    if (!cJSON_IsArray(sigs) || sigs->child == NULL) return false;
    const cJSON *s;
    cJSON_ArrayForEach(s, sigs) {
        const cJSON *keyid = cJSON_GetObjectItemCaseSensitive(s, "keyid");
        const cJSON *sig = cJSON_GetObjectItemCaseSensitive(s, "sig");
        if (!cJSON_IsObject(s) || !cJSON_IsString(keyid) || !cJSON_IsString(sig)) return false;
        size_t len = strlen(sig->valuestring);
        if (len == 0 || ota_base64_decode(sig->valuestring, len, NULL, 0) < 0) return false;
    }
    return true;
}

/* Tries each signature; sets bits of *verified and says whether any named a provisioned key. */
static bool check_signatures(const cJSON *sigs, const uint8_t hash[32], const ota_trusted_key_t *keys, size_t n_keys, uint32_t *verified)
{
    bool named_known = false;
    const cJSON *s;
    cJSON_ArrayForEach(s, sigs) {
        const char *keyid = cJSON_GetObjectItemCaseSensitive(s, "keyid")->valuestring;
        const char *sig = cJSON_GetObjectItemCaseSensitive(s, "sig")->valuestring;
        size_t index = 0;
        const ota_trusted_key_t *key = find_key(keys, n_keys, keyid, &index);
        if (key == NULL) continue; /* unknown keys are ignored (rotation), never trusted */
        named_known = true;
        uint8_t der[MAX_DER_SIG];
        long der_len = ota_base64_decode(sig, strlen(sig), der, sizeof der);
        if (der_len > 0 && ota_p256_verify(key->spki, key->spki_len, hash, der, (size_t)der_len)) *verified |= 1u << index;
    }
    return named_known;
}

static bool payload_is_json(const uint8_t *payload, size_t len)
{
    cJSON *tree = ota_json_parse_strict((const char *)payload, len);
    bool ok = tree != NULL;
    cJSON_Delete(tree);
    return ok;
}

ota_env_result_t ota_verify_envelope(const char *json, size_t len, const char *payload_type,
                                     const ota_trusted_key_t *keys, size_t n_keys,
                                     uint8_t *payload, size_t payload_cap, size_t *payload_len,
                                     uint32_t *verified)
{
    *verified = 0;
    *payload_len = 0;
    if (n_keys > 32) n_keys = 32;
    cJSON *root = ota_json_parse_strict(json, len);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return OTA_ENV_MALFORMED;
    }
    ota_env_result_t result = OTA_ENV_MALFORMED;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "payloadType");
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(root, "payload");
    const cJSON *sigs = cJSON_GetObjectItemCaseSensitive(root, "signatures");
    if (!cJSON_IsString(type) || !cJSON_IsString(body) || !signatures_well_formed(sigs)) goto done;
    if (strcmp(type->valuestring, payload_type) != 0) goto done;
    size_t text_len = strlen(body->valuestring);
    if (ota_base64_max_decoded(text_len) > payload_cap) {
        result = OTA_ENV_TOO_LARGE;
        goto done;
    }
    long n = ota_base64_decode(body->valuestring, text_len, payload, payload_cap);
    if (n < 0) goto done;
    uint8_t hash[32];
    if (pae_hash(type->valuestring, payload, (size_t)n, hash) != 0) goto done;
    bool named_known = check_signatures(sigs, hash, keys, n_keys, verified);
    if (*verified != 0) {
        *payload_len = (size_t)n;
        result = OTA_ENV_OK;
    } else {
        result = named_known ? OTA_ENV_BAD_SIGNATURE : OTA_ENV_UNTRUSTED_KEY;
    }
done:
    cJSON_Delete(root); /* before the payload's tree: one tree on the heap at a time */
    /* Signed bytes are read by the same rules (depth, duplicates) or not at all: a signer's bug or a
     * spliced payload must not read differently here and in otactl. */
    if (result == OTA_ENV_OK && !payload_is_json(payload, *payload_len)) {
        *verified = 0;
        *payload_len = 0;
        result = OTA_ENV_MALFORMED;
    }
    return result;
}

/* Indexed by ota_env_result_t (contiguous from OTA_ENV_OK = 0). */
static const char *const ENV_RESULT_NAMES[] = {
    [OTA_ENV_OK] = "ok", [OTA_ENV_MALFORMED] = "malformed", [OTA_ENV_BAD_SIGNATURE] = "bad_signature",
    [OTA_ENV_UNTRUSTED_KEY] = "untrusted_key", [OTA_ENV_TOO_LARGE] = "too_large",
};

const char *ota_env_result_name(ota_env_result_t r)
{
    size_t i = (size_t)r;
    return i < sizeof ENV_RESULT_NAMES / sizeof ENV_RESULT_NAMES[0] ? ENV_RESULT_NAMES[i] : "?";
}
