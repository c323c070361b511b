#include "otactl_glue.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ota_resume.h"

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Exactly 20 hex pairs, one optional ':' or ' ' between two pairs, nothing else. (The core's
 * setFingerprint(const char *) skips any other byte and, in 3.x, returns nothing: a typo would
 * leave the client with no pin at all.) */
static bool parse_fingerprint(const char *s, uint8_t out[20])
{
    for (int i = 0; i < 20; i++) {
        if (i > 0 && (*s == ':' || *s == ' ')) s++;
        int hi = hex_digit(s[0]);
        int lo = hi < 0 ? -1 : hex_digit(s[1]);
        if (lo < 0) return false;
        out[i] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    return *s == '\0';
}

otactl_pin_t otactl_pin_choice(const char *ca_pem, const char *fingerprint, uint8_t sha1_out[20])
{
    /* Not read here: it may sit in PROGMEM (byte reads of flash fault); X509List parses it, and the
     * glue refuses a CA it could not parse (getCount() == 0). */
    if (ca_pem != NULL) return OTACTL_PIN_CA;
    if (fingerprint != NULL && parse_fingerprint(fingerprint, sha1_out)) return OTACTL_PIN_FINGERPRINT;
    return OTACTL_PIN_NONE;
}

static bool copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = src == NULL ? 0 : strlen(src);
    if (src == NULL || n >= cap) return false;
    memcpy(dst, src, n + 1);
    return true;
}

int otactl_build_copy(const ota_build_t *b, otactl_build_t *out)
{
    if (!b->present || !copy_str(out->build_id, sizeof out->build_id, b->build_id) || !copy_str(out->sha256, sizeof out->sha256, b->sha256)
        || !copy_str(out->url, sizeof out->url, b->url)) {
        return -1;
    }
    out->size = b->size;
    out->version_code = b->version_code;
    return 0;
}

void otactl_dl_init(otactl_download_t *d, int64_t size)
{
    d->size = size;
    d->have = 0;
    d->range_from = OTA_RESUME_ABSENT;
    d->announced = 0;
}

int64_t otactl_dl_range(otactl_download_t *d)
{
    d->range_from = ota_resume_range_from(d->have, d->size);
    d->announced = 0;
    return d->range_from;
}

otactl_dl_action_t otactl_dl_response(otactl_download_t *d, int status, const char *content_range, int64_t content_length, const char **reason)
{
    const ota_resume_plan_t p = ota_resume_plan(d->range_from, d->size, status, content_range, content_length);
    if (reason != NULL) *reason = p.reason;
    const bool had = d->have > 0;
    switch (p.action) {
    case OTA_RESUME_APPEND: /* offset == range_from == have */
        d->announced = p.length;
        return OTACTL_DL_WRITE;
    case OTA_RESUME_RESTART: /* a 200 is the whole file: never appended to what was written */
        d->have = 0;
        d->announced = p.length;
        return had ? OTACTL_DL_REWIND : OTACTL_DL_WRITE;
    case OTA_RESUME_KEEP:
        return OTACTL_DL_RETRY;
    case OTA_RESUME_DISCARD:
        d->have = 0;
        return had ? OTACTL_DL_REWIND_RETRY : OTACTL_DL_RETRY;
    }
    return OTACTL_DL_RETRY;
}

bool otactl_dl_body(otactl_download_t *d, size_t n)
{
    if ((int64_t)n > d->announced) return false;
    d->announced -= (int64_t)n;
    d->have += (int64_t)n;
    return true;
}

bool otactl_dl_complete(const otactl_download_t *d)
{
    return d->have == d->size;
}

static const char *const STATUS[] = {"confirmed", "pending", "rolled_back"};

int otactl_boot_record_format(const otactl_boot_record_t *r, char *out, size_t cap)
{
    if ((unsigned)r->state.status > OTA_BOOT_ROLLED_BACK) return -1;
    int n = snprintf(out, cap, "%s %" PRIu32 " %" PRIu32 " %" PRId64 " %" PRId64 " %s", STATUS[r->state.status], r->state.boots, r->state.failures,
                     r->state.first_boot_ms, r->version_code, r->build_id);
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

/* A decimal integer (optional '-') up to the next space or the end; advances *p past one space. */
static bool field(const char **p, int64_t *v)
{
    char *end;
    if (**p == '\0' || **p == ' ') return false;
    long long x = strtoll(*p, &end, 10);
    if (*end != ' ' && *end != '\0') return false;
    *v = x;
    *p = *end == ' ' ? end + 1 : end;
    return true;
}

int otactl_boot_record_parse(const char *line, otactl_boot_record_t *r)
{
    int status = -1;
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(STATUS[i]);
        if (strncmp(line, STATUS[i], n) == 0 && line[n] == ' ') {
            status = i;
            line += n + 1;
        }
    }
    int64_t boots, failures, first, version;
    if (status < 0 || !field(&line, &boots) || !field(&line, &failures) || !field(&line, &first) || !field(&line, &version)) return -1;
    if (boots < 0 || boots > UINT32_MAX || failures < 0 || failures > UINT32_MAX || first < OTA_BOOT_NO_TIME) return -1;
    size_t id_len = strcspn(line, " \r\n");
    const char *rest = line + id_len;
    rest += strspn(rest, "\r\n");
    if (id_len == 0 || id_len >= sizeof r->build_id || *rest != '\0') return -1;
    r->state.status = (ota_boot_status_t)status;
    r->state.boots = (uint32_t)boots;
    r->state.failures = (uint32_t)failures;
    r->state.first_boot_ms = first;
    r->version_code = version;
    memcpy(r->build_id, line, id_len);
    r->build_id[id_len] = '\0';
    return 0;
}
