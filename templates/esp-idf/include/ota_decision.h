/* What one device does with a verified, fresh manifest: the same answer as decide() in
 * src/protocol/decision.ts, checked by test/vectors/decisions.json. Pure: no I/O, no allocation. */
#ifndef OTA_DECISION_H
#define OTA_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ota_manifest.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { OTA_UNKNOWN = -1, OTA_NO = 0, OTA_YES = 1 } ota_tristate_t;

typedef struct {
    const char *device_id;
    int64_t current_version_code;
    const char *const *tags; /* n_tags device tags (aliases) */
    size_t n_tags;
    const char *model; /* NULL: unknown */
    const char *chip;  /* NULL: unknown */
} ota_device_t;

/* Live conditions; an unknown one (OTA_UNKNOWN / -1) does not block. */
typedef struct {
    ota_tristate_t wifi;
    int battery; /* percent, -1 unknown */
    ota_tristate_t charging;
    ota_tristate_t in_call;
    int64_t free_disk_bytes; /* -1 unknown */
    /* The device's local time of day (minutes since midnight, 0..1439) when local_time_known. Unlike
     * the others, an unknown local time blocks when the manifest has an install window (defer). A
     * zeroed struct leaves it unknown. ota_local_minute() (ota_time.h) reads it from the clock. */
    bool local_time_known;
    int local_minute;
} ota_conditions_t;

#define OTA_CONDITIONS_UNKNOWN {OTA_UNKNOWN, -1, OTA_UNKNOWN, OTA_UNKNOWN, -1, false, -1}

typedef enum { OTA_ACTION_UPDATE, OTA_ACTION_STAY, OTA_ACTION_DEFER } ota_action_t;

typedef struct {
    ota_action_t action;
    const char *reason;       /* event name, e.g. "ota.eligible", "ota.defer.wifi", "ota.defer.outside_install_window" */
    const ota_build_t *build; /* points into the manifest; NULL when the device stays */
    uint32_t bucket;
    bool in_cohort;
    bool canary;
} ota_decision_t;

ota_decision_t ota_decide(const ota_manifest_t *m, const ota_device_t *device, const ota_conditions_t *cond);
const char *ota_action_name(ota_action_t a);

#ifdef __cplusplus
}
#endif
#endif
