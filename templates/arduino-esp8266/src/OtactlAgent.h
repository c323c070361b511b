/* ESP8266 Arduino glue of the otactl template: on Wi-Fi, every 6 h (the seeds' cadence) and on a
 * nudge, fetch the channel manifest over HTTPS (BearSSL::WiFiClientSecure, pinned CA or
 * fingerprint), verify it with the shared C core (templates/esp-idf/src on port/ota_crypto_bearssl.c),
 * check freshness, decide, and stream the build through Update while hashing it with br_sha256;
 * the image is committed only when its size and SHA-256 match the signed manifest.
 * Needs the ESP8266 Arduino core 3.x, LittleFS mounted (the highest sequence and the boot-validation
 * record are kept there) and the clock set (configTime): expiry cannot be checked without it. */
#pragma once

#include <Arduino.h>

#include "ota_boot.h"
#include "ota_decision.h"
#include "ota_envelope.h"
#include "otactl_glue.h"

struct OtactlConfig {
    const char *manifestUrl;        /* https://cdn.example.com/apps/com.example.fw/channels/stable/manifest.json */
    const char *app;
    const char *channel;
    const char *caPem;              /* the CDN's CA (PEM), pinned; or NULL and ... */
    const char *fingerprint;        /* ... the server certificate's SHA-1 fingerprint ("AB:CD:...", 20 bytes), pinned.
                                     * Neither usable: the agent refuses to check (ota.check.refused). */
    const ota_trusted_key_t *keys;  /* provisioned keys (ota_key_init on SPKI DER in PROGMEM-free RAM/flash) */
    size_t nKeys;
    /* The core's device record: device_id (e.g. the MAC as 12 upper-case hex digits, as the fleet
     * reports it), current_version_code of the running sketch, tags, model (NULL: unknown) and
     * chip (NULL: "esp8266"). */
    ota_device_t device;
    /* Live conditions beyond Wi-Fi and free sketch space (which the agent reads); NULL: unknown. */
    void (*readConditions)(ota_conditions_t *out);
    /* The fleet's nudge HMAC key (32 bytes or more); NULL: nudges ignored. */
    const uint8_t *nudgeKey;
    size_t nudgeKeyLen;
    /* Reports an event (ota.check, ota.eligible, ota.defer.*, ota.download.start, ota.install.ok|fail, ...). */
    void (*emit)(const char *event, const char *buildId, const char *detail);
    /* Called when an installed sketch did not verify a manifest within the limits (3 boots, 5
     * failed checks, 24 h): the ESP8266 keeps no previous sketch to go back to (README), so this is
     * where a sketch with its own recovery (a factory image, a safe mode) acts. NULL: reported only. */
    void (*onRollback)(const char *buildId, const char *reason);
    /* Telemetry (docs/telemetry.md): the value sent as d= on manifest requests and outcome beacons.
     * NULL: the telemetry id of device.device_id (ota_telemetry_id); a fleet with sensitive ids passes
     * its own (an HMAC of the id under a fleet secret, hex). noTelemetry: the plain URL, no beacons. */
    const char *telemetryId;
    bool noTelemetry;
};

class OtactlAgent {
  public:
    static constexpr uint32_t DEFAULT_PERIOD_MS = 6UL * 3600UL * 1000UL;

    /* cfg is kept by reference: it must outlive the agent (a static, as in the example). */
    explicit OtactlAgent(const OtactlConfig &cfg, uint32_t periodMs = DEFAULT_PERIOD_MS) : cfg_(cfg), periodMs_(periodMs) {}

    /* Call once in setup(), after LittleFS.begin(): counts this boot for boot validation. An
     * installed sketch is pending until it has itself fetched and verified the channel manifest
     * (then ota.boot.valid and a healthy beacon); if the old sketch runs again, ota.boot.reverted. */
    void begin();

    /* Call from loop(): checks when Wi-Fi is up and the clock is set, at once after begin(), then
     * every period or after nudge(). Restarts the chip after a successful install. */
    void loop();

    /* A check at the next loop(). */
    void nudge() { due_ = true; }

    /* One check now: false when nothing was fetched, verified or installed. */
    bool checkOnce();

    /* An MQTT nudge payload (topics ota/{app}/{channel}/{device_id} and ota/{app}/{channel}):
     * verified with ota_nudge_verify_json; a valid one calls nudge(), anything else is reported
     * as ota.nudge.<verdict>. Returns true when valid. */
    bool handleNudge(const char *payload, size_t len);

  private:
    bool openManifest(ota_manifest_t *m);
    bool install(const otactl_build_t *build, const String &url);
    ota_boot_action_t bootEvent(ota_boot_event_type_t type, bool runningInstalled, const otactl_build_t *installed);
    const char *telemetryId();
    void sendBeacon(const char *buildId, const char *outcome, const char *reason);
    void reportFailure(const char *buildId, const char *event, const char *detail);
    void flushBootOutcome();

    const OtactlConfig &cfg_;
    uint32_t periodMs_;
    uint32_t lastCheckMs_ = 0;
    bool due_ = true;
    char telemetryId_[65] = "";
    /* A boot outcome noted before Wi-Fi is up (begin()): sent by the next check. */
    const char *queuedOutcome_ = nullptr;
    const char *queuedReason_ = nullptr;
    char queuedBuild_[72] = "";
    String waitingReported_; /* the last deferral / ineligibility sent: build and reason */
};
