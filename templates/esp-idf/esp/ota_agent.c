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
#include "ota_manifest.h"

#ifndef OTA_MAX_MANIFEST_BYTES
#define OTA_MAX_MANIFEST_BYTES (16 * 1024) /* envelope text; the payload needs 3/4 of it again */
#endif
#define NVS_NS "otactl"
#define MIN_SANE_EPOCH_S 1735689600 /* 2025-01-01: before that the clock is not set (no SNTP yet) */

static TaskHandle_t agent_task;

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

/* GET url into a heap buffer of at most OTA_MAX_MANIFEST_BYTES; caller frees. */
static char *fetch(const ota_agent_config_t *cfg, size_t *len)
{
    esp_http_client_config_t http = {.url = cfg->manifest_url, .cert_pem = cfg->server_cert_pem, .timeout_ms = 10000};
    esp_http_client_handle_t c = esp_http_client_init(&http);
    char *buf = NULL;
    if (c == NULL || esp_http_client_open(c, 0) != ESP_OK) goto out;
    int64_t declared = esp_http_client_fetch_headers(c);
    if (esp_http_client_get_status_code(c) != 200 || declared > OTA_MAX_MANIFEST_BYTES) goto out;
    buf = malloc(OTA_MAX_MANIFEST_BYTES);
    size_t n = 0;
    int r;
    while (buf != NULL && (r = esp_http_client_read(c, buf + n, OTA_MAX_MANIFEST_BYTES - n)) > 0) {
        n += (size_t)r;
        if (n == OTA_MAX_MANIFEST_BYTES) r = -1; /* at the cap: too large */
    }
    if (buf != NULL && (r < 0 || !esp_http_client_is_complete_data_received(c))) {
        free(buf);
        buf = NULL;
    }
    *len = n;
out:
    if (c != NULL) esp_http_client_cleanup(c);
    return buf;
}

/* Verified, fresh manifest in *m (free with ota_manifest_free), or an event and ESP_FAIL. */
static esp_err_t open_manifest(const ota_agent_config_t *cfg, ota_manifest_t *m)
{
    size_t len = 0;
    char *text = fetch(cfg, &len);
    if (text == NULL) {
        cfg->emit("ota.manifest.fetch_failed", NULL, cfg->manifest_url);
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

esp_err_t ota_agent_check_once(const ota_agent_config_t *cfg)
{
    cfg->emit("ota.check", NULL, cfg->channel);
    ota_manifest_t m;
    if (open_manifest(cfg, &m) != ESP_OK) return ESP_FAIL;
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
        ulTaskNotifyTake(pdTRUE, pdMS_TO_TICKS((uint64_t)period_s * 1000)); /* a nudge wakes it early */
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
    char pending[72] = "";
    size_t len = sizeof pending;
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READWRITE, &h) == ESP_OK) {
        if (nvs_get_str(h, "pending", pending, &len) != ESP_OK) pending[0] = '\0';
        nvs_close(h);
    }
    esp_ota_img_states_t state;
    const esp_partition_t *running = esp_ota_get_running_partition();
    if (esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY) {
        if (self_test()) {
            esp_ota_mark_app_valid_cancel_rollback();
            cfg->emit("ota.install.ok", pending, esp_app_get_description()->version);
        } else {
            /* The bootloader boots the previous app, which reports the failure below. */
            esp_ota_mark_app_invalid_rollback_and_reboot();
        }
    } else if (pending[0] != '\0' && esp_ota_get_last_invalid_partition() != NULL) {
        cfg->emit("ota.install.fail", pending, "the new image failed its first boot and was rolled back");
    }
    if (pending[0] != '\0' && nvs_open(NVS_NS, NVS_READWRITE, &h) == ESP_OK) {
        nvs_erase_key(h, "pending");
        nvs_commit(h);
        nvs_close(h);
    }
}
