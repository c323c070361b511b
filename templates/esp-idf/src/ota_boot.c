#include "ota_boot.h"

#include <stddef.h>

static bool past_deadline(const ota_boot_state_t *s, int64_t now_ms, const ota_boot_limits_t *l)
{
    return l->max_pending_ms > 0 && now_ms != OTA_BOOT_NO_TIME && s->first_boot_ms != OTA_BOOT_NO_TIME && now_ms - s->first_boot_ms >= l->max_pending_ms;
}

static ota_boot_action_t roll_back(ota_boot_state_t *s, const char *why, const char **reason)
{
    s->status = OTA_BOOT_ROLLED_BACK;
    if (reason != NULL) *reason = why;
    return OTA_BOOT_ROLLBACK;
}

static ota_boot_action_t confirm(ota_boot_state_t *s, ota_boot_action_t action)
{
    const ota_boot_state_t confirmed = OTA_BOOT_STATE_CONFIRMED;
    *s = confirmed;
    return action;
}

ota_boot_action_t ota_boot_step(ota_boot_state_t *s, const ota_boot_event_t *e, const ota_boot_limits_t *l, const char **reason)
{
    if (reason != NULL) *reason = NULL;
    if (e->type == OTA_BOOT_EV_INSTALLED) {
        const ota_boot_state_t fresh = {OTA_BOOT_PENDING, 0, 0, OTA_BOOT_NO_TIME};
        *s = fresh;
        return OTA_BOOT_NONE;
    }
    if (s->status == OTA_BOOT_CONFIRMED) return OTA_BOOT_NONE;
    if (s->status == OTA_BOOT_ROLLED_BACK) {
        if (e->type != OTA_BOOT_EV_BOOT) return OTA_BOOT_NONE;
        if (e->running_installed) return roll_back(s, "not_reverted", reason);
        return confirm(s, OTA_BOOT_REVERTED);
    }
    if (e->type == OTA_BOOT_EV_BOOT) {
        if (!e->running_installed) return confirm(s, OTA_BOOT_REVERTED);
        if (s->boots < UINT32_MAX) s->boots++;
        if (s->first_boot_ms == OTA_BOOT_NO_TIME) s->first_boot_ms = e->now_ms;
        if (s->boots > l->max_boots) return roll_back(s, "boots", reason);
        return past_deadline(s, e->now_ms, l) ? roll_back(s, "deadline", reason) : OTA_BOOT_NONE;
    }
    /* Until the installed build has booted, checks are the old build's: they say nothing about it. */
    if (s->boots == 0) return OTA_BOOT_NONE;
    if (past_deadline(s, e->now_ms, l)) return roll_back(s, "deadline", reason);
    if (e->type == OTA_BOOT_EV_CHECK_OK) return confirm(s, OTA_BOOT_MARK_VALID);
    if (e->type == OTA_BOOT_EV_CHECK_FAILED) {
        if (s->failures < UINT32_MAX) s->failures++;
        if (s->failures >= l->max_failures) return roll_back(s, "failures", reason);
    }
    return OTA_BOOT_NONE;
}

const char *ota_boot_status_name(ota_boot_status_t status)
{
    switch (status) {
    case OTA_BOOT_CONFIRMED: return "confirmed";
    case OTA_BOOT_PENDING: return "pending";
    case OTA_BOOT_ROLLED_BACK: return "rolled_back";
    }
    return "?";
}

const char *ota_boot_action_name(ota_boot_action_t action)
{
    switch (action) {
    case OTA_BOOT_NONE: return "none";
    case OTA_BOOT_MARK_VALID: return "mark_valid";
    case OTA_BOOT_ROLLBACK: return "rollback";
    case OTA_BOOT_REVERTED: return "reverted";
    }
    return "?";
}
