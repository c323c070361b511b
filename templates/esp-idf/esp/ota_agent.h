/* ESP-IDF glue of the otactl template: fetch + verify + decide + install, and the rollback check
 * after an update. Needs ESP-IDF 5.0 or later (5.5 and later resume downloads) with
 * CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE, and CONFIG_ESP_HTTPS_OTA_DECRYPT_CB off. */
#pragma once

#include "esp_idf_version.h"
#if ESP_IDF_VERSION < ESP_IDF_VERSION_VAL(5, 0, 0)
#error "otactl needs ESP-IDF >= 5.0: ESP-IDF 4.4 has no esp_app_desc.h and its esp_https_ota lacks what the install uses"
#endif

#include <stdbool.h>
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
    /* Live conditions for decide(); NULL: every condition unknown but the local time, which the
     * agent fills in before the call (ota_local_minute: localtime_r under TZ; unknown before SNTP). */
    void (*read_conditions)(ota_conditions_t *out);
    /* The fleet's nudge HMAC key (otactl nudge signs with it; 32 bytes or more); NULL: nudges ignored. */
    const uint8_t *nudge_key;
    size_t nudge_key_len;
    /* Reports an event (ota.check, ota.eligible, ota.defer.*, ota.install.ok|fail, ota.boot.pending|valid|rollback|reverted, ...). */
    void (*emit)(const char *event, const char *build_id, const char *detail);
    /* Telemetry (docs/telemetry.md): the value sent as d= on manifest requests and beacons. NULL: the
     * telemetry id of device_id (ota_telemetry_id); a fleet with sensitive ids passes its own
     * (e.g. an HMAC of the id under a fleet secret, hex). no_telemetry: the plain manifest URL, no beacons. */
    const char *telemetry_id;
    bool no_telemetry;
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

/* Call early in app_main(), after NVS. When a new build was installed, applies the shared boot
 * validation (ota_boot.h): the installed build runs its self_test() (false: rolled back now) and
 * stays pending until a check has fetched and verified the channel manifest itself
 * (ota_agent_check_once): then it is marked valid (esp_ota_mark_app_valid_cancel_rollback) and
 * ota.install.ok is reported. While pending the agent task checks every OTA_CONFIRM_RETRY_S (60)
 * seconds; OTA_CONFIRM_MAX_FAILURES (30) failed checks, OTA_CONFIRM_WITHIN_MS (30 min) after its
 * first boot with the clock set, or a restart before that roll it back: a build that cannot update
 * itself does not stay. The previous build, booted again, reports ota.install.fail once. */
void ota_agent_confirm_boot(const ota_agent_config_t *cfg, bool (*self_test)(void));

/* Streams build into the next OTA partition with esp_https_ota (continuing a download an earlier
 * session left, on ESP-IDF 5.5+), checks the app description (project, version, secure_version),
 * the byte count and the SHA-256 of the staged partition against the manifest, and only then lets
 * esp_https_ota_finish switch the boot partition. */
esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url);
