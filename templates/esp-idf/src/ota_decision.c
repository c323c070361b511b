#include "ota_decision.h"

#include <string.h>

#include "ota_cohort.h"
#include "ota_text.h"

static bool is_canary(const ota_manifest_t *m, const ota_device_t *d, const char *digest_hex)
{
    for (size_t i = 0; i < d->n_tags; i++) {
        if (ota_json_array_has(m->canary_tags, d->tags[i])) return true;
    }
    return ota_json_array_has(m->canary_device_sha256, digest_hex);
}

static bool gated_out(const cJSON *allowed, const char *value)
{
    return cJSON_GetArraySize(allowed) > 0 && (value == NULL || !ota_json_array_has(allowed, value));
}

static bool chip_gated_out(const ota_manifest_t *m, const char *chip)
{
    if (cJSON_GetArraySize(m->chips) > 0) return gated_out(m->chips, chip);
    /* Fail closed: a device that does not say its chip does not get chip-specific firmware. */
    return m->build.chip != NULL && (chip == NULL || strcmp(m->build.chip, chip) != 0);
}

/* Which build to go for, or NULL with *reason saying why the device stays. */
static const ota_build_t *pick_target(const ota_manifest_t *m, int64_t current, bool in_rollout, bool canary, const char **reason)
{
    if (m->min_current_version != OTA_NONE && current < m->min_current_version) {
        if (m->intermediate.present && m->intermediate.version_code > current) {
            *reason = "ota.eligible.intermediate";
            return &m->intermediate;
        }
        *reason = "ota.ineligible.min_version";
        return NULL;
    }
    if (!in_rollout) {
        /* Outside the cohort: only the last safe build, and only to devices below it. */
        if (m->last_safe.present && m->last_safe.version_code > current) {
            *reason = "ota.eligible.last_safe";
            return &m->last_safe;
        }
        *reason = "ota.ineligible.cohort";
        return NULL;
    }
    if (m->build.version_code == current) {
        *reason = "ota.skip.current";
        return NULL;
    }
    if (m->build.version_code < current) {
        if (m->force_downgrade && m->rolled_back_from != NULL) {
            *reason = "ota.eligible.force_downgrade";
            return &m->build;
        }
        *reason = "ota.skip.downgrade";
        return NULL;
    }
    *reason = canary ? "ota.eligible.canary" : "ota.eligible";
    return &m->build;
}

/* The install window first (it is the schedule; the rest is the moment). A must_install build and
 * a forced downgrade (a rollback moving devices off a bad build) do not wait for it. */
static bool outside_window(const ota_manifest_t *m, const char *reason, const ota_conditions_t *c)
{
    if (!m->has_install_window || m->must_install || strcmp(reason, "ota.eligible.force_downgrade") == 0) return false;
    if (!c->local_time_known || c->local_minute < 0 || c->local_minute > 1439) return true; /* unknown time: defer */
    int t = c->local_minute;
    return m->install_start < m->install_end ? !(t >= m->install_start && t < m->install_end)
                                             : !(t >= m->install_start || t < m->install_end);
}

/* The first failing constraint (window, Wi-Fi, battery, call, disk), or NULL. */
static const char *deferral(const ota_manifest_t *m, const ota_build_t *target, const char *reason, const ota_conditions_t *c)
{
    if (outside_window(m, reason, c)) return "ota.defer.outside_install_window";
    if (m->wifi_only && c->wifi == OTA_NO) return "ota.defer.wifi";
    if (c->battery >= 0 && c->battery < m->min_battery && c->charging != OTA_YES) return "ota.defer.battery";
    if (m->defer_in_call && c->in_call == OTA_YES) return "ota.defer.call";
    if (c->free_disk_bytes >= 0 && c->free_disk_bytes < target->size) return "ota.defer.disk";
    return NULL;
}

ota_decision_t ota_decide(const ota_manifest_t *m, const ota_device_t *device, const ota_conditions_t *cond)
{
    ota_decision_t d = {OTA_ACTION_STAY, NULL, NULL, OTA_BUCKET_NONE, false, false};
    if (!ota_device_id_valid(device->device_id)) {
        d.reason = "ota.ineligible.device_id"; /* contract 3: no bucket, no canary hash, nothing */
        return d;
    }
    uint8_t digest[32];
    char digest_hex[65] = "";
    if (ota_cohort_digest(m->salt, device->device_id, digest) == 0) {
        d.bucket = ota_bucket_of_digest(digest);
        ota_hex(digest, 32, digest_hex);
    }
    d.canary = is_canary(m, device, digest_hex);
    d.in_cohort = d.canary || ota_in_cohort(d.bucket, m->basis_points);

    if (gated_out(m->models, device->model)) {
        d.reason = "ota.ineligible.model";
        return d;
    }
    if (chip_gated_out(m, device->chip)) {
        d.reason = "ota.ineligible.chip";
        return d;
    }
    const ota_build_t *target = pick_target(m, device->current_version_code, d.in_cohort, d.canary, &d.reason);
    if (target == NULL) return d;
    d.build = target;
    const char *wait = deferral(m, target, d.reason, cond);
    d.action = wait ? OTA_ACTION_DEFER : OTA_ACTION_UPDATE;
    if (wait) d.reason = wait;
    return d;
}

const char *ota_action_name(ota_action_t a)
{
    switch (a) {
    case OTA_ACTION_UPDATE: return "update";
    case OTA_ACTION_STAY: return "stay";
    case OTA_ACTION_DEFER: return "defer";
    }
    return "?";
}
