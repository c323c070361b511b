#ifndef OTA_FRESHNESS_H
#define OTA_FRESHNESS_H

#include <stdint.h>

#include "ota_manifest.h"

/* Freshness after the signature verifies, in this order: app/channel (NULL: not checked), expiry
 * (expired when now >= expires_at; no skew allowance), sequence (highest_sequence OTA_NONE: none
 * accepted yet; an equal sequence is accepted). Returns NULL when fresh, else the event name
 * "ota.manifest.wrong_channel" | "ota.manifest.expired" | "ota.manifest.replay". */
const char *ota_check_freshness(const ota_manifest_t *m, int64_t now_ms, int64_t highest_sequence, const char *app, const char *channel);

#endif
