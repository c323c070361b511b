#include "ota_nudge.h"

#include <stdio.h>
#include <string.h>

#include "cJSON.h"
#include "ota_cohort.h"
#include "ota_crypto.h"
#include "ota_json_strict.h"
#include "ota_text.h"

#define MAX_EXACT_INT 9007199254740991.0
#define TARGET_TAG_HEX 16 /* the request id's second half (contract 6) */

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

/* The message's shape: what the TypeScript schema (src/protocol/nudge-message.ts) requires. app and channel
 * are compared with the device's own afterwards, so any string will do here. */
static bool well_formed(const ota_nudge_t *m)
{
    return m->action != NULL && strcmp(m->action, "update") == 0 && m->app != NULL && m->channel != NULL
           && lower_hex(m->request_id, 32) && (strcmp(m->device_id ? m->device_id : "", "*") == 0 || ota_device_id_valid(m->device_id))
           && m->issued_at >= 0 && lower_hex(m->sig, 64);
}

int ota_nudge_signing_string(const ota_nudge_t *m, char *out, size_t cap)
{
    int n = snprintf(out, cap, "v1\n%s\n%s\n%s\n%lld", m->request_id, m->device_id, m->action, (long long)m->issued_at);
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

/* The HMAC over the signing string's parts, hashed in place: no copy of the message on the stack
 * (the ESP8266's whole stack is 4 KiB). */
static bool signature_matches(const ota_nudge_t *m, const ota_nudge_device_t *dev)
{
    char issued[24];
    snprintf(issued, sizeof issued, "%lld", (long long)m->issued_at);
    const ota_span_t parts[] = {
        {"v1\n", 3}, {m->request_id, strlen(m->request_id)}, {"\n", 1}, {m->device_id, strlen(m->device_id)},
        {"\n", 1}, {m->action, strlen(m->action)}, {"\n", 1}, {issued, strlen(issued)},
    };
    uint8_t expected[32];
    if (ota_hmac_sha256(dev->key, dev->key_len, parts, sizeof parts / sizeof parts[0], expected) != 0) return false;
    /* Constant time: every byte is compared whatever the first difference. */
    uint8_t diff = 0;
    for (size_t i = 0; i < 32; i++) diff |= (uint8_t)(expected[i] ^ (uint8_t)((nibble(m->sig[2 * i]) << 4) | nibble(m->sig[2 * i + 1])));
    return diff == 0;
}

int ota_nudge_target_tag(const char *app, const char *channel, char out[17])
{
    static const char domain[] = "otactl-nudge-target\n";
    const ota_span_t parts[] = {{domain, sizeof domain - 1}, {app, strlen(app)}, {"\n", 1}, {channel, strlen(channel)}};
    uint8_t h[32];
    if (ota_sha256(parts, sizeof parts / sizeof parts[0], h) != 0) return -1;
    ota_hex(h, TARGET_TAG_HEX / 2, out);
    return 0;
}

/* Contract 6: the request id ends with this app and channel's tag, so a captured nudge (whose HMAC
 * covers the request id) cannot be pointed at another app or channel. */
static bool bound_to(const ota_nudge_t *m, const ota_nudge_device_t *dev)
{
    char tag[TARGET_TAG_HEX + 1];
    return ota_nudge_target_tag(dev->app, dev->channel, tag) == 0 && strcmp(m->request_id + 32 - TARGET_TAG_HEX, tag) == 0;
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
    if (strcmp(m->app, dev->app) != 0 || strcmp(m->channel, dev->channel) != 0 || !bound_to(m, dev)
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
    /* Bounded before cJSON sees it: length, nesting, escapes, duplicate keys. */
    cJSON *doc = len <= OTA_NUDGE_MAX_JSON ? ota_json_parse_strict(json, len) : NULL;
    /* Exactly the seven fields (the names are unique, so an unknown key leaves one of them missing). */
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
