/* ESP-IDF glue of the otactl template: fetch + verify + decide + install, and the rollback check
 * after an update. Needs ESP-IDF 5.x with CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE and
 * CONFIG_ESP_HTTPS_OTA_DECRYPT_CB (used as a pass-through to hash the image while it streams). */
#pragma once

#include <stdint.h>

#include "esp_err.h"
#include "ota_decision.h"
#include "ota_envelope.h"
#include "ota_nudge.h"

typedef struct {
    const char *manifest_url;        /* https://cdn.example.com/com.example.fw/channels/stable/manifest.json */
    const char *app;
    const char *channel;
    const char *server_cert_pem;     /* CA of the CDN */
    const ota_trusted_key_t *keys;   /* provisioned keys (ota_key_init on SPKI DER in flash) */
    size_t n_keys;
    const char *device_id;           /* e.g. the MAC as 12 upper-case hex digits, as the fleet reports it */
    const char *const *tags;
    size_t n_tags;
    int64_t current_version_code;    /* of the running app */
    /* Live conditions for decide(); NULL: every condition unknown. */
    void (*read_conditions)(ota_conditions_t *out);
    /* The fleet's nudge HMAC key (otactl nudge signs with it; 32 bytes or more); NULL: nudges ignored. */
    const uint8_t *nudge_key;
    size_t nudge_key_len;
    /* Reports an event (ota.check, ota.eligible, ota.defer.*, ota.install.ok|fail, ...). */
    void (*emit)(const char *event, const char *build_id, const char *detail);
} ota_agent_config_t;

/* One check; returns ESP_OK when nothing was to do or the device stays/defers, and restarts the
 * chip after a successful install. */
esp_err_t ota_agent_check_once(const ota_agent_config_t *cfg);

/* A FreeRTOS task: a check now, then every period_s seconds or when ota_agent_nudge() is called
 * (e.g. from the MQTT "update" handler). */
void ota_agent_start(const ota_agent_config_t *cfg, uint32_t period_s);
void ota_agent_nudge(void);

/* An MQTT nudge payload (topics ota/{app}/{channel}/{device_id} and ota/{app}/{channel}): verified
 * with ota_nudge_verify_json against cfg's key, app, channel and device id and the SNTP clock; a
 * valid one calls ota_agent_nudge(), anything else is reported as ota.nudge.<verdict> and ignored.
 * Returns the verdict. Call it from one task (the MQTT event handler): the replay table is not locked. */
ota_nudge_verdict_t ota_agent_handle_nudge(const ota_agent_config_t *cfg, const char *payload, size_t len);

/* Call early in app_main(). When this boot is a new image pending verification, runs self_test():
 * on true the image is marked valid (rollback cancelled) and ota.install.ok is reported; on false
 * the device rolls back and reboots. After a rollback it reports ota.install.fail once. */
void ota_agent_confirm_boot(const ota_agent_config_t *cfg, bool (*self_test)(void));

/* Streams build into the next OTA partition with esp_https_ota, checking the SHA-256 of the bytes
 * as they arrive, the app description (project, version) and secure_version before switching the
 * boot partition. */
esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url);
