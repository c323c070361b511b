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

int64_t ota_resume_from(const char *saved_sha256, int64_t saved_written, const char *sha256, int64_t size)
{
    if (saved_sha256 == NULL || sha256 == NULL || strcmp(saved_sha256, sha256) != 0) return 0;
    return saved_written > 0 && saved_written < size ? saved_written : 0;
}

bool ota_response_fits(int64_t already, int64_t content_length, int64_t size)
{
    if (already < 0 || already >= size) return false;
    if (content_length < 0) return already == 0;
    return content_length == size - already;
}

ota_confirm_step_t ota_confirm_step(bool manifest_verified, uint32_t failed)
{
    if (manifest_verified) return OTA_CONFIRM_VALID;
    return failed >= OTA_CONFIRM_ATTEMPTS ? OTA_CONFIRM_ROLL_BACK : OTA_CONFIRM_WAIT;
}
