#include "ota_glue_rules.h"

#include <string.h>

uint32_t ota_seconds_to_ticks(uint32_t seconds, uint32_t tick_hz)
{
    uint64_t ticks = (uint64_t)seconds * tick_hz; /* < 2^64: both factors < 2^32 */
    return ticks > OTA_TICKS_MAX ? OTA_TICKS_MAX : (uint32_t)ticks;
}

ota_read_result_t ota_read_capped(ota_read_fn read, void *ctx, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            char extra;
            int r = read(ctx, &extra, 1); /* anything after cap bytes: too large */
            *len = n;
            return r > 0 ? OTA_READ_TOO_LARGE : r < 0 ? OTA_READ_ERROR : OTA_READ_OK;
        }
        size_t room = cap - n;
        int r = read(ctx, buf + n, room > INT32_MAX ? INT32_MAX : (int)room);
        if (r <= 0) {
            *len = n;
            return r < 0 ? OTA_READ_ERROR : OTA_READ_OK;
        }
        n += (size_t)r > room ? room : (size_t)r;
    }
}

int64_t ota_idf_resume_from(const char *saved_sha256, int64_t saved_written, const char *sha256, int64_t size)
{
    if (saved_sha256 == NULL || sha256 == NULL || strcmp(saved_sha256, sha256) != 0) return OTA_RESUME_ABSENT;
    return ota_resume_range_from(saved_written, size);
}

int64_t ota_idf_range_asked(int64_t kept, int status)
{
    if (kept > 0) return kept;
    return status == 206 ? 0 : OTA_RESUME_ABSENT;
}

ota_idf_step_t ota_idf_response_step(const ota_resume_plan_t *plan, int64_t kept)
{
    if (kept < 0) kept = 0;
    switch (plan->action) {
    case OTA_RESUME_APPEND:
    case OTA_RESUME_RESTART:
        return plan->offset == kept ? OTA_IDF_WRITE : OTA_IDF_START_OVER;
    case OTA_RESUME_DISCARD:
        return kept > 0 ? OTA_IDF_START_OVER : OTA_IDF_STOP_DISCARD;
    case OTA_RESUME_KEEP:
        break;
    }
    return OTA_IDF_STOP_KEEP;
}
