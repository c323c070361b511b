#include "ota_agent.h"
#include "ota_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "esp_app_desc.h"
#include "esp_http_client.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_system.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nvs.h"
#include "ota_boot.h"
#include "ota_freshness.h"
#include "ota_glue_rules.h"
#include "ota_delta.h"
#include "ota_manifest.h"
#include "ota_telemetry.h"

#ifndef OTA_MAX_MANIFEST_BYTES
#define OTA_MAX_MANIFEST_BYTES (16 * 1024) /* envelope text; the payload needs 3/4 of it again */
#endif
#define NVS_NS "otactl"
#define MIN_SANE_EPOCH_S 1735689600 /* 2025-01-01: before that the clock is not set (no SNTP yet) */

static const char *TAG = "otactl";
static TaskHandle_t agent_task;

/* Boot validation (ota_boot.h): a new build is marked valid only once it has itself fetched and
 * verified the channel manifest. max_boots 1: a pending image that restarts is rolled back (by
 * ESP-IDF's bootloader already, with CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE). */
#ifndef OTA_CONFIRM_MAX_FAILURES
#define OTA_CONFIRM_MAX_FAILURES 30 /* failed checks, one every OTA_CONFIRM_RETRY_S */
#endif
#ifndef OTA_CONFIRM_WITHIN_MS
#define OTA_CONFIRM_WITHIN_MS (30LL * 60 * 1000) /* from its first boot with the clock set */
#endif
#define OTA_CONFIRM_RETRY_S 60
static const ota_boot_limits_t boot_limits = {1, OTA_CONFIRM_MAX_FAILURES, OTA_CONFIRM_WITHIN_MS};
static ota_boot_state_t boot_state = OTA_BOOT_STATE_CONFIRMED;
static char installed_build[72]; /* its build_id, for ota.boot.* and the outcome beacons */

/* Telemetry (ota_telemetry.h, docs/telemetry.md): the manifest request carries ?d=<telemetry id>&v=<version>,
 * each outcome is one GET of a beacon beside the manifest. A boot outcome is known before the network
 * is up (ota_agent_confirm_boot runs early), so it waits here until the next check sends it. */
static char telemetry_id[OTA_TELEMETRY_ID_LEN + 1];
static const char *queued_outcome;
static const char *queued_reason;
static char waiting_reported[128]; /* the last deferral / ineligibility sent: build, reason (once per boot) */

static const char *own_telemetry_id(const ota_agent_config_t *cfg)
{
    if (cfg->no_telemetry) return NULL;
    if (cfg->telemetry_id != NULL) return ota_telemetry_id_valid(cfg->telemetry_id) ? cfg->telemetry_id : NULL;
    if (telemetry_id[0] == '\0' && ota_telemetry_id(cfg->device_id, telemetry_id) != 0) telemetry_id[0] = '\0';
    return telemetry_id[0] ? telemetry_id : NULL;
}

/* One beacon GET, best effort: a short timeout, the answer ignored. */
static void send_beacon(const ota_agent_config_t *cfg, const char *build_id, const char *outcome, const char *reason)
{
    const char *id = own_telemetry_id(cfg);
    if (id == NULL || build_id == NULL || build_id[0] == '\0') return;
    size_t cap = strlen(cfg->manifest_url) + 256;
    char *url = malloc(cap);
    if (url == NULL) return;
    if (ota_beacon_url(cfg->manifest_url, build_id, outcome, id, cfg->channel, reason, url, cap) == 0) {
        esp_http_client_config_t http = {.url = url, .cert_pem = cfg->server_cert_pem, .timeout_ms = 5000};
        esp_http_client_handle_t c = esp_http_client_init(&http);
        if (c != NULL && esp_http_client_open(c, 0) == ESP_OK) (void)esp_http_client_fetch_headers(c);
        if (c != NULL) esp_http_client_cleanup(c);
    }
    free(url);
}

/* The last event the full install emitted, and its detail: a failure's beacon is chosen from them. */
static const ota_agent_config_t *install_cfg;
static char install_event[32], install_detail[96];
static void note_install_event(const char *event, const char *build_id, const char *detail)
{
    snprintf(install_event, sizeof install_event, "%s", event ? event : "");
    snprintf(install_detail, sizeof install_detail, "%s", detail ? detail : "");
    install_cfg->emit(event, build_id, detail);
}

static void flush_boot_outcome(const ota_agent_config_t *cfg)
{
    if (queued_outcome == NULL) return;
    send_beacon(cfg, installed_build, queued_outcome, queued_reason);
    queued_outcome = NULL;
    queued_reason = NULL;
}

static void nvs_put_i64(const char *key, int64_t v)
{
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READWRITE, &h) != ESP_OK) return;
    nvs_set_i64(h, key, v);
    nvs_commit(h);
    nvs_close(h);
}

static int64_t nvs_get_i64_or(const char *key, int64_t dflt)
{
    nvs_handle_t h;
    int64_t v = dflt;
    if (nvs_open(NVS_NS, NVS_READONLY, &h) == ESP_OK) {
        if (nvs_get_i64(h, key, &v) != ESP_OK) v = dflt;
        nvs_close(h);
    }
    return v;
}

static int http_read(void *client, char *buf, int len) { return esp_http_client_read(client, buf, len); }

/* GET the manifest into a heap buffer of at most OTA_MAX_MANIFEST_BYTES; caller frees. On failure
 * NULL, and *why says what failed. */
static char *fetch(const ota_agent_config_t *cfg, size_t *len, const char **why)
{
    const char *id = own_telemetry_id(cfg);
    size_t cap = strlen(cfg->manifest_url) + OTA_TELEMETRY_ID_LEN + 32;
    char *url = id ? malloc(cap) : NULL;
    if (url != NULL && ota_check_url(cfg->manifest_url, id, (uint32_t)cfg->current_version_code, url, cap) != 0) {
        free(url);
        url = NULL;
    }
    esp_http_client_config_t http = {.url = url ? url : cfg->manifest_url, .cert_pem = cfg->server_cert_pem, .timeout_ms = 10000};
    esp_http_client_handle_t c = esp_http_client_init(&http);
    free(url); /* esp_http_client_init copies the URL */
    char *buf = NULL;
    *why = "no connection";
    if (c == NULL || esp_http_client_open(c, 0) != ESP_OK) goto out;
    int64_t declared = esp_http_client_fetch_headers(c);
    *why = "too large";
    if (declared > OTA_MAX_MANIFEST_BYTES) goto out;
    *why = "not 200";
    if (esp_http_client_get_status_code(c) != 200) goto out;
    buf = malloc(OTA_MAX_MANIFEST_BYTES);
    *why = "out of memory";
    if (buf == NULL) goto out;
    ota_read_result_t r = ota_read_capped(http_read, c, buf, OTA_MAX_MANIFEST_BYTES, len);
    *why = r == OTA_READ_TOO_LARGE ? "too large" : "read failed";
    if (r != OTA_READ_OK || !esp_http_client_is_complete_data_received(c)) {
        free(buf);
        buf = NULL;
    }
out:
    if (c != NULL) esp_http_client_cleanup(c);
    return buf;
}

/* Verified, fresh manifest in *m (free with ota_manifest_free), or an event and ESP_FAIL. */
static esp_err_t open_manifest(const ota_agent_config_t *cfg, ota_manifest_t *m)
{
    size_t len = 0;
    const char *why = NULL;
    char *text = fetch(cfg, &len, &why);
    if (text == NULL) {
        cfg->emit("ota.manifest.fetch_failed", NULL, why);
        return ESP_FAIL;
    }
    uint8_t *payload = malloc(len / 4 * 3 + 1);
    size_t payload_len = 0;
    uint32_t verified = 0;
    ota_env_result_t r = payload ? ota_verify_envelope(text, len, OTA_MANIFEST_PAYLOAD_TYPE, cfg->keys, cfg->n_keys, payload, len / 4 * 3, &payload_len, &verified) : OTA_ENV_TOO_LARGE;
    free(text);
    const char *field = NULL;
    esp_err_t err = ESP_FAIL;
    if (r != OTA_ENV_OK) {
        cfg->emit("ota.verify.fail", NULL, ota_env_result_name(r));
    } else if (ota_manifest_parse((const char *)payload, payload_len, m, &field) != 0) {
        cfg->emit("ota.verify.fail", NULL, field);
    } else {
        struct timeval now;
        gettimeofday(&now, NULL);
        const char *stale = NULL;
        if (now.tv_sec < MIN_SANE_EPOCH_S) {
            stale = "ota.manifest.no_clock"; /* expiry cannot be checked: do not act on it */
        } else {
            stale = ota_check_freshness(m, (int64_t)now.tv_sec * 1000 + now.tv_usec / 1000, nvs_get_i64_or("seq", OTA_NONE), cfg->app, cfg->channel);
        }
        if (stale != NULL) {
            cfg->emit(stale, m->build.build_id, m->expires_at);
            ota_manifest_free(m);
        } else {
            if (m->sequence > nvs_get_i64_or("seq", OTA_NONE)) nvs_put_i64("seq", m->sequence);
            err = ESP_OK;
        }
    }
    free(payload);
    return err;
}

/* The artifact URL: the build's url resolved against the manifest URL (relative "../artifacts/x"). */
static char *artifact_url(const char *manifest_url, const char *ref)
{
    if (strstr(ref, "://") != NULL) return strdup(ref);
    size_t base = strrchr(manifest_url, '/') - manifest_url + 1;
    while (strncmp(ref, "../", 3) == 0 && base > 1) {
        ref += 3;
        while (base > 1 && manifest_url[base - 2] != '/') base--;
        base--;
    }
    char *url = malloc(base + strlen(ref) + 1);
    if (url != NULL) {
        memcpy(url, manifest_url, base);
        strcpy(url + base, ref);
    }
    return url;
}

static int64_t wall_ms_or_none(void)
{
    struct timeval now;
    gettimeofday(&now, NULL);
    return now.tv_sec < MIN_SANE_EPOCH_S ? OTA_BOOT_NO_TIME : (int64_t)now.tv_sec * 1000 + now.tv_usec / 1000;
}

static void boot_state_save(void)
{
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READWRITE, &h) != ESP_OK) return;
    nvs_set_blob(h, "boot", &boot_state, sizeof boot_state);
    if (boot_state.status == OTA_BOOT_CONFIRMED) nvs_erase_key(h, "pending");
    nvs_commit(h);
    nvs_close(h);
}

/* Applies one boot-validation event and does what it asks. */
static void boot_event(const ota_agent_config_t *cfg, ota_boot_event_type_t type, bool running_installed)
{
    const ota_boot_event_t e = {type, running_installed, wall_ms_or_none()};
    const ota_boot_state_t before = boot_state;
    const char *reason = NULL;
    ota_boot_action_t action = ota_boot_step(&boot_state, &e, &boot_limits, &reason);
    if (before.status != boot_state.status || before.boots != boot_state.boots || before.failures != boot_state.failures
        || before.first_boot_ms != boot_state.first_boot_ms) {
        boot_state_save();
    }
    const bool pending_boot = action == OTA_BOOT_NONE && type == OTA_BOOT_EV_BOOT && boot_state.status == OTA_BOOT_PENDING && boot_state.boots > before.boots;
    const char *beacon_reason = NULL;
    const char *outcome = ota_boot_outcome(action, reason, pending_boot, &beacon_reason);
    if (outcome != NULL) {
        queued_outcome = outcome;
        queued_reason = beacon_reason;
    }
    /* The same event names as every client (ota.boot.pending|valid|rollback|reverted). */
    switch (action) {
    case OTA_BOOT_NONE:
        if (pending_boot) cfg->emit("ota.boot.pending", installed_build, esp_app_get_description()->version);
        break;
    case OTA_BOOT_MARK_VALID:
        if (esp_ota_mark_app_valid_cancel_rollback() != ESP_OK) ESP_LOGE(TAG, "could not mark the running app valid");
        cfg->emit("ota.boot.valid", installed_build, esp_app_get_description()->version);
        flush_boot_outcome(cfg); /* a check just succeeded: the network is up */
        break;
    case OTA_BOOT_ROLLBACK:
        /* The previous app boots and reports ota.boot.reverted. */
        ESP_LOGW(TAG, "rolling %s back: %s", installed_build, reason);
        cfg->emit("ota.boot.rollback", installed_build, reason);
        if (type != OTA_BOOT_EV_BOOT) flush_boot_outcome(cfg); /* at a boot the network is not up yet */
        esp_ota_mark_app_invalid_rollback_and_reboot(); /* returns only when there is no app to go back to */
        break;
    case OTA_BOOT_REVERTED:
        cfg->emit("ota.boot.reverted", installed_build, "rolled back: its self-test failed, or it did not fetch and verify the manifest in time");
        break;
    }
}

esp_err_t ota_agent_check_once(const ota_agent_config_t *cfg)
{
    cfg->emit("ota.check", NULL, cfg->channel);
    ota_manifest_t m;
    esp_err_t opened = open_manifest(cfg, &m);
    /* Before any install: esp_ota_begin refuses while the running app is pending verification. */
    boot_event(cfg, opened == ESP_OK ? OTA_BOOT_EV_CHECK_OK : OTA_BOOT_EV_CHECK_FAILED, true);
    if (opened != ESP_OK) return ESP_FAIL;
    flush_boot_outcome(cfg); /* booted, or reverted, noted at this boot */
    ota_device_t device = {cfg->device_id, cfg->current_version_code, cfg->tags, cfg->n_tags, NULL, CONFIG_IDF_TARGET};
    ota_conditions_t cond = OTA_CONDITIONS_UNKNOWN;
    /* Local time for the install window: localtime_r under the TZ the application set. Before SNTP
     * has set the clock it is unknown, and a manifest with a window defers (never a guess). Without
     * TZ the window is read in UTC, and said so. read_conditions may override it. */
    bool utc_assumed = false;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    cond.local_minute = ota_local_minute(tv.tv_sec, MIN_SANE_EPOCH_S, &utc_assumed);
    cond.local_time_known = cond.local_minute >= 0;
    if (m.has_install_window && cond.local_time_known && utc_assumed) cfg->emit("ota.time.utc_assumed", NULL, "TZ is not set: the install window is read in UTC");
    if (cfg->read_conditions) cfg->read_conditions(&cond);
    ota_decision_t d = ota_decide(&m, &device, &cond);
    cfg->emit(d.reason, d.build ? d.build->build_id : NULL, NULL);
    /* Waiting (deferred) or not offered (ineligible): said once per build and reason per boot. */
    const char *waiting = d.action == OTA_ACTION_DEFER && d.build ? OTA_OUTCOME_DEFERRED : strncmp(d.reason, "ota.ineligible.", 15) == 0 ? OTA_OUTCOME_INELIGIBLE : NULL;
    if (waiting != NULL) {
        const char *about = d.build ? d.build->build_id : m.build.build_id;
        char key[sizeof waiting_reported];
        snprintf(key, sizeof key, "%s %s", about, d.reason);
        if (strcmp(key, waiting_reported) != 0) {
            snprintf(waiting_reported, sizeof waiting_reported, "%s", key);
            send_beacon(cfg, about, waiting, d.reason);
        }
    }
    esp_err_t err = ESP_OK;
    if (d.action == OTA_ACTION_UPDATE) {
        /* A delta patch against the running image first (docs/delta.md); the full image on any failure. */
        ota_delta_t delta;
        err = ESP_ERR_NOT_FOUND;
        if (ota_delta_for_running(&m, &delta)) {
            char *patch_url = artifact_url(cfg->manifest_url, delta.url);
            cfg->emit("ota.delta.start", d.build->build_id, delta.from_build_id);
            err = patch_url ? ota_install_delta(cfg, d.build, &delta, patch_url) : ESP_ERR_NO_MEM;
            free(patch_url);
        }
        if (err != ESP_OK) {
            char *url = artifact_url(cfg->manifest_url, d.build->url);
            cfg->emit("ota.download.start", d.build->build_id, url);
            /* What the install says about a failure picks its beacon (ota_failure_outcome). */
            ota_agent_config_t watched = *cfg;
            watched.emit = note_install_event;
            install_cfg = cfg;
            install_event[0] = install_detail[0] = '\0';
            err = url ? ota_install(&watched, d.build, url) : ESP_ERR_NO_MEM;
            free(url);
            const char *reason = NULL;
            const char *failure = err == ESP_OK ? NULL : ota_failure_outcome(install_event, install_detail, &reason);
            if (failure != NULL) send_beacon(cfg, d.build->build_id, failure, reason);
        }
        if (err == ESP_OK) {
            cfg->emit("ota.install.ok", d.build->build_id, NULL);
            send_beacon(cfg, d.build->build_id, OTA_OUTCOME_OK, NULL);
            const esp_partition_t *next = esp_ota_get_boot_partition(); /* the one esp_https_ota_finish switched to */
            nvs_handle_t h;
            if (nvs_open(NVS_NS, NVS_READWRITE, &h) == ESP_OK) { /* reported after the restart */
                nvs_set_str(h, "pending", d.build->build_id);
                nvs_set_u32(h, "boot_part", next != NULL ? next->address : 0);
                nvs_commit(h);
                nvs_close(h);
            }
            boot_event(cfg, OTA_BOOT_EV_INSTALLED, false);
            ota_manifest_free(&m);
            esp_restart();
        }
    }
    ota_manifest_free(&m);
    return err;
}

static void agent_loop(void *arg)
{
    const ota_agent_config_t *cfg = ((void **)arg)[0];
    uint32_t period_s = (uint32_t)(uintptr_t)((void **)arg)[1];
    for (;;) {
        ota_agent_check_once(cfg);
        uint32_t wait_s = boot_state.status == OTA_BOOT_PENDING ? OTA_CONFIRM_RETRY_S : period_s;
        ulTaskNotifyTake(pdTRUE, ota_seconds_to_ticks(wait_s, configTICK_RATE_HZ)); /* a nudge wakes it early */
    }
}

void ota_agent_start(const ota_agent_config_t *cfg, uint32_t period_s)
{
    static void *args[2];
    args[0] = (void *)cfg;
    args[1] = (void *)(uintptr_t)period_s;
    xTaskCreate(agent_loop, "otactl", 8192, args, 5, &agent_task);
}

void ota_agent_nudge(void)
{
    if (agent_task != NULL) xTaskNotifyGive(agent_task);
}

ota_nudge_verdict_t ota_agent_handle_nudge(const ota_agent_config_t *cfg, const char *payload, size_t len)
{
    static ota_nudge_replay_t replay; /* zeroed: every slot free */
    struct timeval now;
    gettimeofday(&now, NULL);
    ota_nudge_verdict_t v = OTA_NUDGE_MALFORMED;
    if (cfg->nudge_key == NULL || now.tv_sec < MIN_SANE_EPOCH_S) {
        cfg->emit(cfg->nudge_key == NULL ? "ota.nudge.no_key" : "ota.nudge.no_clock", NULL, NULL);
        return v;
    }
    const ota_nudge_device_t device = {cfg->nudge_key, cfg->nudge_key_len, cfg->app, cfg->channel, cfg->device_id};
    v = ota_nudge_verify_json(payload, len, &device, (int64_t)now.tv_sec, &replay);
    if (v != OTA_NUDGE_VALID) {
        char event[32];
        snprintf(event, sizeof event, "ota.nudge.%s", ota_nudge_verdict_name(v));
        cfg->emit(event, NULL, NULL);
        return v;
    }
    cfg->emit("ota.nudge.received", NULL, cfg->channel);
    ota_agent_nudge();
    return v;
}

void ota_agent_confirm_boot(const ota_agent_config_t *cfg, bool (*self_test)(void))
{
    uint32_t installed_address = 0;
    size_t len = sizeof boot_state;
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READONLY, &h) == ESP_OK) {
        if (nvs_get_blob(h, "boot", &boot_state, &len) != ESP_OK || len != sizeof boot_state) {
            const ota_boot_state_t confirmed = OTA_BOOT_STATE_CONFIRMED;
            boot_state = confirmed;
        }
        len = sizeof installed_build;
        if (nvs_get_str(h, "pending", installed_build, &len) != ESP_OK) installed_build[0] = '\0';
        if (nvs_get_u32(h, "boot_part", &installed_address) != ESP_OK) installed_address = 0;
        nvs_close(h);
    }
    if (boot_state.status == OTA_BOOT_CONFIRMED) return;
    const esp_partition_t *running = esp_ota_get_running_partition();
    bool running_installed = running != NULL && running->address == installed_address;
    boot_event(cfg, OTA_BOOT_EV_BOOT, running_installed);
    if (boot_state.status == OTA_BOOT_PENDING && running_installed && !self_test()) {
        /* The previous app boots and reports ota.install.fail. */
        esp_ota_mark_app_invalid_rollback_and_reboot();
    }
}
