#include "ota_freshness.h"

#include <string.h>

#include "ota_time.h"

const char *ota_check_freshness(const ota_manifest_t *m, int64_t now_ms, int64_t highest_sequence, const char *app, const char *channel)
{
    if ((app != NULL && strcmp(m->app, app) != 0) || (channel != NULL && strcmp(m->channel, channel) != 0)) {
        return "ota.manifest.wrong_channel";
    }
    int64_t expires_ms;
    /* An expiry the device cannot read counts as expired: fail closed. */
    if (ota_parse_time_ms(m->expires_at, &expires_ms) != 0 || expires_ms <= now_ms) return "ota.manifest.expired";
    if (highest_sequence != OTA_NONE && m->sequence < highest_sequence) return "ota.manifest.replay";
    return NULL;
}
