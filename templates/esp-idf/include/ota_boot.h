/* Boot validation (issue 16 item 10): a freshly installed build is PENDING and becomes CONFIRMED
 * only after it has itself fetched and verified the channel manifest (signature, app/channel,
 * expiry, sequence: OTA_BOOT_CHECK_OK). Failed checks (max_failures), restarts (max_boots) or time
 * since its first boot (max_pending_ms) before that roll it back. The same rule as
 * src/device/boot-validation.ts, checked by test/vectors/boot.json. Pure: the caller persists the
 * state (NVS, LittleFS, RTC memory) and performs the action. */
#ifndef OTA_BOOT_H
#define OTA_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTA_BOOT_NO_TIME (-1) /* now_ms / first_boot_ms: the clock is not (was not) set */

typedef enum { OTA_BOOT_CONFIRMED = 0, OTA_BOOT_PENDING = 1, OTA_BOOT_ROLLED_BACK = 2 } ota_boot_status_t;

typedef struct {
    ota_boot_status_t status;
    uint32_t boots;        /* boots of the installed build since its install */
    uint32_t failures;     /* failed manifest checks by the installed build */
    int64_t first_boot_ms; /* wall clock of its first boot with a clock, or OTA_BOOT_NO_TIME */
} ota_boot_state_t;

#define OTA_BOOT_STATE_CONFIRMED {OTA_BOOT_CONFIRMED, 0, 0, OTA_BOOT_NO_TIME}

typedef struct {
    uint32_t max_boots;     /* boots allowed before it validates; the next one rolls back */
    uint32_t max_failures;  /* failed checks that roll it back */
    int64_t max_pending_ms; /* time from its first boot to validate in; 0: no limit */
} ota_boot_limits_t;

typedef enum {
    OTA_BOOT_EV_INSTALLED,    /* a build was written and will run at the next restart */
    OTA_BOOT_EV_BOOT,         /* this boot; running_installed: the running build is the installed one */
    OTA_BOOT_EV_CHECK_OK,     /* the running build fetched and verified the channel manifest */
    OTA_BOOT_EV_CHECK_FAILED, /* a check failed (fetch, signature, freshness, ...) */
    OTA_BOOT_EV_TICK          /* time passes (the time limit only) */
} ota_boot_event_type_t;

typedef struct {
    ota_boot_event_type_t type;
    bool running_installed; /* OTA_BOOT_EV_BOOT only */
    int64_t now_ms;         /* wall clock, or OTA_BOOT_NO_TIME: no time limit is evaluated */
} ota_boot_event_t;

typedef enum {
    OTA_BOOT_NONE,       /* nothing to do */
    OTA_BOOT_MARK_VALID, /* the build works: mark it valid (esp_ota_mark_app_valid_cancel_rollback) */
    OTA_BOOT_ROLLBACK,   /* go back to the previous build (save the state first) */
    OTA_BOOT_REVERTED    /* the previous build runs again: report the install as failed */
} ota_boot_action_t;

/* Applies e to *s (updated in place) and returns what to do; *reason (may be NULL) is set to
 * "boots" | "failures" | "deadline" | "not_reverted" for OTA_BOOT_ROLLBACK, else NULL. */
ota_boot_action_t ota_boot_step(ota_boot_state_t *s, const ota_boot_event_t *e, const ota_boot_limits_t *limits, const char **reason);

/* "confirmed" | "pending" | "rolled_back"; "none" | "mark_valid" | "rollback" | "reverted". */
const char *ota_boot_status_name(ota_boot_status_t status);
const char *ota_boot_action_name(ota_boot_action_t action);

#ifdef __cplusplus
}
#endif

#endif
