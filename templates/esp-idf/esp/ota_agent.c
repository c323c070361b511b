#include "ota_agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "esp_app_desc.h"
#include "esp_http_client.h"
#include "esp_ota_ops.h"
#include "esp_system.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nvs.h"
#include "ota_freshness.h"
#include "ota_glue_rules.h"
#include "ota_manifest.h"

#ifndef OTA_MAX_MANIFEST_BYTES
#define OTA_MAX_MANIFEST_BYTES (16 * 1024) /* envelope text; the payload needs 3/4 of it again */
#endif
#define NVS_NS "otactl"
#define MIN_SANE_EPOCH_S 1735689600 /* 2025-01-01: before that the clock is not set (no SNTP yet) */

static TaskHandle_t agent_task;

/* A new build that passed its self-test and waits for its first verified manifest
 * (ota_agent_confirm_boot -> ota_agent_check_once). */
static struct {
    bool pending;
    uint32_t failed; /* checks in a row without a verified manifest */
    char build_id[72];
} confirm;

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
    esp_http_client_config_t http = {.url = cfg->manifest_url, .cert_pem = cfg->server_cert_pem, .timeout_ms = 10000};
    esp_http_client_handle_t c = esp_http_client_init(&http);
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

static void forget_pending_install(void)
{
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READWRITE, &h) == ESP_OK) {
        nvs_erase_key(h, "pending");
        nvs_commit(h);
        nvs_close(h);
    }
}

/* A pending build is marked valid only once it has fetched and verified the manifest itself. */
static void confirm_after_check(const ota_agent_config_t *cfg, bool manifest_verified)
{
    confirm.failed = manifest_verified ? 0 : confirm.failed + 1;
    switch (ota_confirm_step(manifest_verified, confirm.failed)) {
    case OTA_CONFIRM_VALID:
        if (esp_ota_mark_app_valid_cancel_rollback() != ESP_OK) return; /* still pending: try again next check */
        confirm.pending = false;
        cfg->emit("ota.install.ok", confirm.build_id, esp_app_get_description()->version);
        forget_pending_install();
        break;
    case OTA_CONFIRM_ROLL_BACK:
        /* The bootloader boots the previous app, which reports ota.install.fail. */
        esp_ota_mark_app_invalid_rollback_and_reboot();
        break;
    case OTA_CONFIRM_WAIT:
        break;
    }
}

esp_err_t ota_agent_check_once(const ota_agent_config_t *cfg)
{
    cfg->emit("ota.check", NULL, cfg->channel);
    ota_manifest_t m;
    esp_err_t opened = open_manifest(cfg, &m);
    if (confirm.pending) confirm_after_check(cfg, opened == ESP_OK); /* before any install: esp_ota_begin refuses while pending */
    if (opened != ESP_OK) return ESP_FAIL;
    ota_device_t device = {cfg->device_id, cfg->current_version_code, cfg->tags, cfg->n_tags, NULL, CONFIG_IDF_TARGET};
    ota_conditions_t cond = OTA_CONDITIONS_UNKNOWN;
    if (cfg->read_conditions) cfg->read_conditions(&cond);
    ota_decision_t d = ota_decide(&m, &device, &cond);
    cfg->emit(d.reason, d.build ? d.build->build_id : NULL, NULL);
    esp_err_t err = ESP_OK;
    if (d.action == OTA_ACTION_UPDATE) {
        char *url = artifact_url(cfg->manifest_url, d.build->url);
        cfg->emit("ota.download.start", d.build->build_id, url);
        err = url ? ota_install(cfg, d.build, url) : ESP_ERR_NO_MEM;
        free(url);
        if (err == ESP_OK) {
            nvs_handle_t h;
            if (nvs_open(NVS_NS, NVS_READWRITE, &h) == ESP_OK) { /* reported by ota_agent_confirm_boot */
                nvs_set_str(h, "pending", d.build->build_id);
                nvs_commit(h);
                nvs_close(h);
            }
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
        uint32_t wait_s = confirm.pending ? OTA_CONFIRM_RETRY_S : period_s;
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
    char pending[sizeof confirm.build_id] = "";
    size_t len = sizeof pending;
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READONLY, &h) == ESP_OK) {
        if (nvs_get_str(h, "pending", pending, &len) != ESP_OK) pending[0] = '\0';
        nvs_close(h);
    }
    esp_ota_img_states_t state;
    const esp_partition_t *running = esp_ota_get_running_partition();
    if (esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY) {
        if (!self_test()) {
            /* The bootloader boots the previous app, which reports the failure below. */
            esp_ota_mark_app_invalid_rollback_and_reboot();
            return;
        }
        /* Valid only after a verified manifest (ota_agent_check_once); "pending" stays in NVS so
         * that the previous app reports ota.install.fail if this one is rolled back. */
        confirm.pending = true;
        confirm.failed = 0;
        memcpy(confirm.build_id, pending, sizeof confirm.build_id);
        return;
    }
    if (pending[0] != '\0' && esp_ota_get_last_invalid_partition() != NULL) {
        cfg->emit("ota.install.fail", pending, "the new image was rolled back: its self-test failed, or it fetched no verified manifest");
    }
    if (pending[0] != '\0') forget_pending_install();
}
