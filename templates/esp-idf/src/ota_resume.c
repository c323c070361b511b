#include "ota_resume.h"

#include <stdbool.h>
#include <stddef.h>

#define MAX_DIGITS 15 /* exact in a double, a Kotlin Long and an int64_t alike */

int64_t ota_resume_range_from(int64_t have, int64_t size)
{
    return have > 0 && have < size ? have : OTA_RESUME_ABSENT;
}

/* 1..MAX_DIGITS decimal digits at *p, up to the byte `stop`; advances *p past them. */
static bool number(const char **p, char stop, int64_t *out)
{
    int64_t v = 0;
    int n = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++) {
        if (++n > MAX_DIGITS) return false;
        v = v * 10 + (**p - '0');
    }
    if (n == 0 || **p != stop) return false;
    *out = v;
    return true;
}

/* "bytes <start>-<end>/<total>" exactly; total OTA_RESUME_ABSENT for "*". */
static bool parse_content_range(const char *h, int64_t *start, int64_t *end, int64_t *total)
{
    static const char unit[] = "bytes ";
    for (size_t i = 0; unit[i] != '\0'; i++) {
        if (h[i] != unit[i]) return false;
    }
    const char *p = h + sizeof unit - 1;
    if (!number(&p, '-', start)) return false;
    p++;
    if (!number(&p, '/', end)) return false;
    p++;
    if (p[0] == '*' && p[1] == '\0') {
        *total = OTA_RESUME_ABSENT;
        return true;
    }
    return number(&p, '\0', total);
}

static ota_resume_plan_t refuse(ota_resume_action_t action, const char *reason)
{
    const ota_resume_plan_t p = {action, reason, OTA_RESUME_ABSENT, OTA_RESUME_ABSENT};
    return p;
}

ota_resume_plan_t ota_resume_plan(int64_t range_from, int64_t size, int status, const char *content_range, int64_t content_length)
{
    if (status == 200) {
        if (content_length != OTA_RESUME_ABSENT && content_length != size) return refuse(OTA_RESUME_DISCARD, "total_mismatch");
        const ota_resume_plan_t p = {OTA_RESUME_RESTART, range_from == OTA_RESUME_ABSENT ? "full" : "range_ignored", 0, size};
        return p;
    }
    if (status == 416) return refuse(OTA_RESUME_DISCARD, "not_satisfiable");
    if (status != 206) return refuse(OTA_RESUME_KEEP, "status");
    if (range_from == OTA_RESUME_ABSENT) return refuse(OTA_RESUME_DISCARD, "unrequested_range");
    int64_t start, end, total;
    if (content_range == NULL || !parse_content_range(content_range, &start, &end, &total) || start != range_from) {
        return refuse(OTA_RESUME_DISCARD, "range_mismatch");
    }
    if (total != size) return refuse(OTA_RESUME_DISCARD, "total_mismatch");
    if (end < start || end >= size) return refuse(OTA_RESUME_DISCARD, "range_mismatch");
    if (content_length != OTA_RESUME_ABSENT && content_length != end - start + 1) return refuse(OTA_RESUME_DISCARD, "length_mismatch");
    const ota_resume_plan_t p = {OTA_RESUME_APPEND, "resume", start, end - start + 1};
    return p;
}

ota_resume_outcome_t ota_resume_outcome(const ota_resume_plan_t *p, int64_t range_from, int64_t size, int64_t received, int64_t *on_disk)
{
    switch (p->action) {
    case OTA_RESUME_KEEP:
        *on_disk = range_from == OTA_RESUME_ABSENT ? 0 : range_from;
        return OTA_RESUME_NOTHING;
    case OTA_RESUME_DISCARD:
        *on_disk = 0;
        return OTA_RESUME_NOTHING;
    case OTA_RESUME_APPEND:
    case OTA_RESUME_RESTART:
        break;
    }
    if (received > p->length) {
        *on_disk = 0;
        return OTA_RESUME_OVERLONG;
    }
    *on_disk = p->offset + received;
    return *on_disk == size ? OTA_RESUME_COMPLETE : OTA_RESUME_PARTIAL;
}

const char *ota_resume_action_name(ota_resume_action_t action)
{
    switch (action) {
    case OTA_RESUME_APPEND: return "append";
    case OTA_RESUME_RESTART: return "restart";
    case OTA_RESUME_KEEP: return "keep";
    case OTA_RESUME_DISCARD: return "discard";
    }
    return "?";
}

const char *ota_resume_outcome_name(ota_resume_outcome_t outcome)
{
    switch (outcome) {
    case OTA_RESUME_COMPLETE: return "complete";
    case OTA_RESUME_PARTIAL: return "partial";
    case OTA_RESUME_OVERLONG: return "overlong";
    case OTA_RESUME_NOTHING: return "none";
    }
    return "?";
}
