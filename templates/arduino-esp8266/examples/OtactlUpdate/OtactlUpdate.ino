// otactl on an ESP8266: checks the signed channel manifest at start and every 6 h while on Wi-Fi,
// installs a build only when the manifest verifies and the image matches its size and SHA-256.
// Fill in the constants below (see the library's README: provisioning).
#include <ESP8266WiFi.h>
#include <LittleFS.h>
#include <OtactlAgent.h>
#include <time.h>

static const char WIFI_SSID[] = "...";
static const char WIFI_PASSWORD[] = "...";

// The release public key as P-256 SubjectPublicKeyInfo DER (91 bytes):
//   openssl pkey -pubin -in release.pub.pem -outform DER | xxd -i
static const uint8_t RELEASE_SPKI[91] = {0x30, 0x59 /* , ... */};

// The CDN's CA certificate (PEM), pinned: the root that signs the manifest host's certificate.
static const char CDN_CA[] PROGMEM = R"PEM(
-----BEGIN CERTIFICATE-----
...
-----END CERTIFICATE-----
)PEM";

static const int64_t VERSION_CODE = 1002003; // MAJOR*1000000 + MINOR*1000 + PATCH, as otactl derived it at upload

static ota_trusted_key_t keys[1];
static char deviceId[13]; // the MAC as 12 upper-case hex digits

static void report(const char *event, const char *buildId, const char *detail)
{
    Serial.printf("%s build=%s %s\n", event, buildId ? buildId : "-", detail ? detail : "");
}

static OtactlConfig config = {
    "https://cdn.example.com/apps/com.example.sensor/channels/stable/manifest.json",
    "com.example.sensor",
    "stable",
    CDN_CA,
    nullptr, // or a SHA-1 fingerprint of the server certificate instead of the CA
    keys,
    1,
    {deviceId, VERSION_CODE, nullptr, 0, "sensor-v2" /* model */, nullptr /* chip: esp8266 */},
    nullptr, // readConditions: a battery probe, if the board has one
    nullptr, // nudgeKey (32 bytes) for ota/{app}/{channel}/{device_id} MQTT nudges
    0,
    report,
    nullptr, // onRollback: no previous sketch to return to on an ESP8266; a recovery of your own goes here
    nullptr, // telemetryId: NULL sends the telemetry id of the device id; your own (an HMAC of it) when ids are sensitive
    false,   // noTelemetry: true sends no ?d=&v= and no outcome beacons (docs/telemetry.md)
};
static OtactlAgent agent(config);

void setup()
{
    Serial.begin(115200);
    LittleFS.begin();
    String mac = WiFi.macAddress(); // "AA:BB:CC:DD:EE:FF"
    mac.replace(":", "");
    mac.toCharArray(deviceId, sizeof deviceId);
    if (ota_key_init(&keys[0], RELEASE_SPKI, sizeof RELEASE_SPKI) != 0) Serial.println("otactl: RELEASE_SPKI is not a P-256 SPKI");
    WiFi.mode(WIFI_STA);
    WiFi.begin(WIFI_SSID, WIFI_PASSWORD);
    configTime(0, 0, "pool.ntp.org"); // the agent waits for the clock: manifests expire
    agent.begin();                    // reports the install the last restart was for
}

void loop()
{
    agent.loop();
    // With an MQTT client subscribed to the nudge topics: agent.handleNudge(payload, length);
}
