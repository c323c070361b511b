#include "ota_nudge.h"

#include <stdio.h>
#include <string.h>

#include "cJSON.h"
#include "ota_crypto.h"

#define MAX_DEVICE_ID_BYTES 1024 /* 256 characters of UTF-8 at most */
#define MAX_EXACT_INT 9007199254740991.0

void ota_nudge_replay_init(ota_nudge_replay_t *replay) { memset(replay, 0, sizeof *replay); }

static bool lower_hex(const char *s, size_t len)
{
    if (s == NULL || strlen(s) != len) return false;
    for (size_t i = 0; i < len; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    }
    return true;
}

static uint8_t nibble(char c) { return (uint8_t)(c <= '9' ? c - '0' : c - 'a' + 10); }

/* The message's shape: what the TypeScript schema (src/nudge/message.ts) requires. app and channel
 * are compared with the device's own afterwards, so any string will do here. */
static bool well_formed(const ota_nudge_t *m)
{
    size_t id_len = m->device_id ? strlen(m->device_id) : 0;
    return m->action != NULL && strcmp(m->action, "update") == 0 && m->app != NULL && m->channel != NULL
           && lower_hex(m->request_id, 32) && id_len >= 1 && id_len <= MAX_DEVICE_ID_BYTES && m->issued_at >= 0
           && lower_hex(m->sig, 64);
}

int ota_nudge_signing_string(const ota_nudge_t *m, char *out, size_t cap)
{
    int n = snprintf(out, cap, "v1\n%s\n%s\n%s\n%lld", m->request_id, m->device_id, m->action, (long long)m->issued_at);
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

static bool signature_matches(const ota_nudge_t *m, const ota_nudge_device_t *dev)
{
    char text[32 + MAX_DEVICE_ID_BYTES + 64];
    int len = ota_nudge_signing_string(m, text, sizeof text);
    uint8_t expected[32];
    const ota_span_t part = {text, len < 0 ? 0 : (size_t)len};
    if (len < 0 || ota_hmac_sha256(dev->key, dev->key_len, &part, 1, expected) != 0) return false;
    /* Constant time: every byte is compared whatever the first difference. */
    uint8_t diff = 0;
    for (size_t i = 0; i < 32; i++) diff |= (uint8_t)(expected[i] ^ (uint8_t)((nibble(m->sig[2 * i]) << 4) | nibble(m->sig[2 * i + 1])));
    return diff == 0;
}

static ota_nudge_verdict_t admit(ota_nudge_replay_t *replay, const ota_nudge_t *m, int64_t now_s)
{
    ota_nudge_seen_t *free_slot = NULL;
    for (size_t i = 0; i < OTA_NUDGE_REPLAY_CAPACITY; i++) {
        ota_nudge_seen_t *slot = &replay->slots[i];
        if (slot->request_id[0] != '\0' && strcmp(slot->request_id, m->request_id) == 0) return OTA_NUDGE_REPLAY;
        /* A slot is reusable when free or when its id left the window (that message is stale now). */
        bool reusable = slot->request_id[0] == '\0' || slot->issued_at < now_s - OTA_NUDGE_WINDOW_S;
        if (free_slot == NULL && reusable) free_slot = slot;
    }
    if (free_slot == NULL) return OTA_NUDGE_FLOOD;
    memcpy(free_slot->request_id, m->request_id, 33);
    free_slot->issued_at = m->issued_at;
    return OTA_NUDGE_VALID;
}

ota_nudge_verdict_t ota_nudge_verify(const ota_nudge_t *m, const ota_nudge_device_t *dev, int64_t now_s, ota_nudge_replay_t *replay)
{
    if (!well_formed(m)) return OTA_NUDGE_MALFORMED;
    if (!signature_matches(m, dev)) return OTA_NUDGE_BAD_SIG;
    if (strcmp(m->app, dev->app) != 0 || strcmp(m->channel, dev->channel) != 0
        || (strcmp(m->device_id, dev->device_id) != 0 && strcmp(m->device_id, "*") != 0)) {
        return OTA_NUDGE_WRONG_TARGET;
    }
    if (m->issued_at < now_s - OTA_NUDGE_WINDOW_S) return OTA_NUDGE_STALE;
    if (m->issued_at > now_s + OTA_NUDGE_WINDOW_S) return OTA_NUDGE_FUTURE;
    return admit(replay, m, now_s);
}

static const char *field(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

ota_nudge_verdict_t ota_nudge_verify_json(const char *json, size_t len, const ota_nudge_device_t *dev, int64_t now_s, ota_nudge_replay_t *replay)
{
    cJSON *doc = cJSON_ParseWithLength(json, len);
    /* Exactly the seven fields: with a duplicate or an unknown key one of them goes missing. */
    if (!cJSON_IsObject(doc) || cJSON_GetArraySize(doc) != 7) {
        cJSON_Delete(doc);
        return OTA_NUDGE_MALFORMED;
    }
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(doc, "issued_at");
    bool integral = cJSON_IsNumber(at) && at->valuedouble >= 0 && at->valuedouble <= MAX_EXACT_INT && at->valuedouble == (double)(int64_t)at->valuedouble;
    const ota_nudge_t m = {
        .request_id = field(doc, "request_id"),
        .device_id = field(doc, "device_id"),
        .action = field(doc, "action"),
        .issued_at = integral ? (int64_t)at->valuedouble : -1,
        .sig = field(doc, "sig"),
        .app = field(doc, "app"),
        .channel = field(doc, "channel"),
    };
    ota_nudge_verdict_t v = ota_nudge_verify(&m, dev, now_s, replay);
    cJSON_Delete(doc);
    return v;
}

const char *ota_nudge_verdict_name(ota_nudge_verdict_t v)
{
    static const char *const names[] = {"valid", "malformed", "bad_sig", "wrong_target", "stale", "future", "replay", "flood"};
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "?";
}
