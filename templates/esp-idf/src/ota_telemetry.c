#include "ota_telemetry.h"

#include <stdio.h>
#include <string.h>

#include "ota_cohort.h"
#include "ota_crypto.h"
#include "ota_text.h"

int ota_telemetry_id(const char *device_id, char out[OTA_TELEMETRY_ID_LEN + 1])
{
    if (!ota_device_id_valid(device_id)) return -1;
    static const char prefix[] = "otactl-device:";
    const ota_span_t parts[] = {{prefix, sizeof prefix - 1}, {device_id, strlen(device_id)}};
    uint8_t h[32];
    if (ota_sha256(parts, 2, h) != 0) return -1;
    ota_hex(h, sizeof h, out);
    return 0;
}

bool ota_telemetry_id_valid(const char *id)
{
    if (id == NULL) return false;
    size_t n = strlen(id);
    if (n == 0 || n > OTA_TELEMETRY_ID_LEN) return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

/* A writer that fails once anything does not fit. */
typedef struct {
    char *out;
    size_t cap;
    size_t len;
    bool full;
} sink_t;

static void put(sink_t *s, const char *text, size_t n)
{
    if (s->full || s->len + n + 1 > s->cap) {
        s->full = true;
        return;
    }
    memcpy(s->out + s->len, text, n);
    s->len += n;
    s->out[s->len] = '\0';
}

static void puts_(sink_t *s, const char *text) { put(s, text, strlen(text)); }

/* application/x-www-form-urlencoded, as URLSearchParams writes it. */
static void put_form(sink_t *s, const char *value, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)value[i];
        bool keep = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*' || c == '-' || c == '.' || c == '_';
        if (keep) put(s, (const char *)&value[i], 1);
        else if (c == ' ') put(s, "+", 1);
        else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 0x0f]};
            put(s, esc, 3);
        }
    }
}

int ota_check_url(const char *manifest_url, const char *id, uint32_t version_code, char *out, size_t cap)
{
    if (manifest_url == NULL || out == NULL || cap == 0 || !ota_telemetry_id_valid(id)) return -1;
    sink_t s = {out, cap, 0, false};
    out[0] = '\0';
    const char *q = strchr(manifest_url, '?');
    char v[16];
    snprintf(v, sizeof v, "%lu", (unsigned long)version_code);
    put(&s, manifest_url, q ? (size_t)(q - manifest_url) : strlen(manifest_url));
    puts_(&s, "?d=");
    puts_(&s, id);
    puts_(&s, "&v=");
    puts_(&s, v);
    if (q && q[1] != '\0') {
        puts_(&s, "&");
        puts_(&s, q + 1);
    }
    return s.full ? -1 : 0;
}

int ota_beacon_url(const char *manifest_url, const char *build_id, const char *outcome, const char *id, const char *channel,
                   const char *reason, char *out, size_t cap)
{
    if (manifest_url == NULL || build_id == NULL || outcome == NULL || channel == NULL || out == NULL || cap == 0 || !ota_telemetry_id_valid(id)) return -1;
    out[0] = '\0';
    size_t end = strcspn(manifest_url, "?#");
    const char *scheme = strstr(manifest_url, "://");
    size_t path = scheme && (size_t)(scheme - manifest_url) < end ? (size_t)(scheme - manifest_url) + 3 : 0;
    while (path < end && manifest_url[path] != '/') path++;
    /* Up three segments: the file, the channel and "channels"; they must be in the path. */
    size_t cut = end;
    for (int i = 0; i < 3; i++) {
        if (cut <= path) return -1;
        do cut--;
        while (cut > path && manifest_url[cut] != '/');
        if (manifest_url[cut] != '/') return -1;
    }
    sink_t s = {out, cap, 0, false};
    put(&s, manifest_url, cut + 1);
    puts_(&s, "beacons/");
    puts_(&s, build_id);
    puts_(&s, "/");
    puts_(&s, outcome);
    puts_(&s, ".txt?d=");
    puts_(&s, id);
    puts_(&s, "&c=");
    put_form(&s, channel, strlen(channel));
    if (reason != NULL && reason[0] != '\0') {
        size_t n = strlen(reason);
        puts_(&s, "&r=");
        put_form(&s, reason, n > OTA_BEACON_REASON_MAX ? OTA_BEACON_REASON_MAX : n);
    }
    return s.full ? -1 : 0;
}

const char *ota_boot_outcome(ota_boot_action_t action, const char *rollback_reason, bool pending_boot, const char **reason_out)
{
    const char *reason = NULL;
    const char *outcome = NULL;
    switch (action) {
    case OTA_BOOT_MARK_VALID: outcome = OTA_OUTCOME_HEALTHY; break;
    case OTA_BOOT_ROLLBACK:
        outcome = OTA_OUTCOME_ROLLED_BACK;
        reason = rollback_reason;
        break;
    case OTA_BOOT_REVERTED:
        outcome = OTA_OUTCOME_ROLLED_BACK;
        reason = "reverted";
        break;
    case OTA_BOOT_NONE: outcome = pending_boot ? OTA_OUTCOME_BOOTED : NULL; break;
    }
    if (reason_out) *reason_out = reason;
    return outcome;
}

static bool starts_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    return strncmp(text, word, n) == 0 && (text[n] == '\0' || text[n] == ' ' || text[n] == ':');
}

const char *ota_failure_outcome(const char *event, const char *detail, const char **reason_out)
{
    const char *outcome = NULL;
    const char *reason = NULL;
    if (event != NULL && strcmp(event, "ota.install.fail") == 0) {
        outcome = OTA_OUTCOME_FAIL;
        reason = "ota.install.fail";
    } else if (event != NULL && strcmp(event, "ota.verify.fail") == 0) {
        static const char *const checks[] = {"sha256", "size", "signer"};
        outcome = OTA_OUTCOME_VERIFY_FAIL;
        reason = "image";
        for (size_t i = 0; detail != NULL && i < sizeof checks / sizeof checks[0]; i++) {
            if (starts_word(detail, checks[i])) reason = checks[i];
        }
    }
    if (reason_out) *reason_out = reason;
    return outcome;
}
