#include "OtactlAgent.h"

#include <algorithm>

#include <ESP8266HTTPClient.h>
#include <ESP8266WiFi.h>
#include <LittleFS.h>
#include <StackThunk.h>
#include <Updater.h>
#include <WiFiClientSecure.h>
#include <bearssl/bearssl.h>
#include <sys/time.h>
#include <time.h>

extern "C" {
#include "ota_cohort.h"
#include "ota_freshness.h"
#include "ota_manifest.h"
#include "ota_nudge.h"
}

#ifndef OTACTL_MAX_MANIFEST_BYTES
#define OTACTL_MAX_MANIFEST_BYTES (8 * 1024) /* envelope text; a manifest is 2-3 KiB, and TLS holds ~22 KiB of heap meanwhile */
#endif
#define MIN_SANE_EPOCH_S 1735689600 /* 2025-01-01: before that the clock is not set (no SNTP yet) */
#define SEQ_FILE "/otactl/seq"
#define PENDING_FILE "/otactl/pending"

/* ---- LittleFS state: the highest sequence accepted, the build a restart is for ---- */

static String readLine(const char *path)
{
    File f = LittleFS.open(path, "r");
    if (!f) return String();
    String line = f.readStringUntil('\n');
    f.close();
    return line;
}

static void writeLine(const char *path, const String &line)
{
    LittleFS.mkdir("/otactl");
    File f = LittleFS.open(path, "w");
    if (f) {
        f.print(line);
        f.print('\n');
        f.close();
    }
}

static int64_t highestSequence()
{
    String s = readLine(SEQ_FILE);
    return s.length() > 0 ? strtoll(s.c_str(), nullptr, 10) : OTA_NONE;
}

/* ---- HTTPS with the server pinned ---- */

static void pinServer(BearSSL::WiFiClientSecure &client, const OtactlConfig &cfg)
{
    static BearSSL::X509List *anchors = nullptr; /* must outlive every client that uses it */
    if (cfg.caPem != nullptr) {
        if (anchors == nullptr) anchors = new BearSSL::X509List(cfg.caPem);
        client.setTrustAnchors(anchors);
        client.setX509Time(time(nullptr)); /* certificate validity needs the clock, set before a check */
    } else {
        client.setFingerprint(cfg.fingerprint);
    }
}

/* GET the manifest into a heap buffer of at most OTACTL_MAX_MANIFEST_BYTES (caller frees), or
 * NULL. The TLS session is closed when this returns, so its buffers are free for verification. */
static char *fetchManifest(const OtactlConfig &cfg, size_t *len)
{
    BearSSL::WiFiClientSecure client;
    pinServer(client, cfg);
    HTTPClient http;
    http.useHTTP10(true); /* no chunked framing in the raw stream */
    http.setTimeout(10000);
    if (!http.begin(client, cfg.manifestUrl)) return nullptr;
    char *buf = nullptr;
    int declared = 0;
    if (http.GET() == HTTP_CODE_OK && (declared = http.getSize()) <= OTACTL_MAX_MANIFEST_BYTES) {
        buf = static_cast<char *>(malloc(OTACTL_MAX_MANIFEST_BYTES));
        WiFiClient *stream = http.getStreamPtr();
        size_t n = 0;
        while (buf != nullptr && n < OTACTL_MAX_MANIFEST_BYTES) {
            size_t r = stream->readBytes(buf + n, OTACTL_MAX_MANIFEST_BYTES - n);
            if (r == 0) break; /* closed or timed out */
            n += r;
        }
        if (buf != nullptr && (n == OTACTL_MAX_MANIFEST_BYTES || (declared >= 0 && n != (size_t)declared))) {
            free(buf); /* at the cap (too large) or cut short */
            buf = nullptr;
        }
        *len = n;
    }
    http.end();
    return buf;
}

/* ---- envelope verification on the BearSSL stack (loop()'s 4 KiB stack is too small for ECDSA) ---- */

struct VerifyCall {
    const char *text;
    size_t len;
    const OtactlConfig *cfg;
    uint8_t *payload;
    size_t cap;
    size_t payloadLen;
    ota_env_result_t result;
};

extern "C" void otactl_verify_call(VerifyCall *c)
{
    uint32_t verified = 0;
    c->result = ota_verify_envelope(c->text, c->len, OTA_MANIFEST_PAYLOAD_TYPE, c->cfg->keys, c->cfg->nKeys, c->payload, c->cap, &c->payloadLen, &verified);
}
make_stack_thunk(otactl_verify_call);
extern "C" void thunk_otactl_verify_call(VerifyCall *c);

static ota_env_result_t verifyOnBearSslStack(VerifyCall *call)
{
    stack_thunk_add_ref();
    thunk_otactl_verify_call(call);
    stack_thunk_del_ref();
    return call->result;
}

bool OtactlAgent::openManifest(ota_manifest_t *m)
{
    size_t len = 0;
    char *text = fetchManifest(cfg_, &len);
    if (text == nullptr) {
        cfg_.emit("ota.manifest.fetch_failed", nullptr, cfg_.manifestUrl);
        return false;
    }
    VerifyCall call = {text, len, &cfg_, static_cast<uint8_t *>(malloc(len / 4 * 3 + 1)), len / 4 * 3, 0, OTA_ENV_TOO_LARGE};
    ota_env_result_t r = call.payload != nullptr ? verifyOnBearSslStack(&call) : OTA_ENV_TOO_LARGE;
    free(text);
    const char *field = nullptr;
    bool fresh = false;
    if (r != OTA_ENV_OK) {
        cfg_.emit("ota.verify.fail", nullptr, ota_env_result_name(r));
    } else if (ota_manifest_parse(reinterpret_cast<const char *>(call.payload), call.payloadLen, m, &field) != 0) {
        cfg_.emit("ota.verify.fail", nullptr, field);
    } else {
        struct timeval now;
        gettimeofday(&now, nullptr);
        int64_t highest = highestSequence();
        const char *stale = now.tv_sec < MIN_SANE_EPOCH_S
                                ? "ota.manifest.no_clock" /* expiry cannot be checked: do not act on it */
                                : ota_check_freshness(m, (int64_t)now.tv_sec * 1000 + now.tv_usec / 1000, highest, cfg_.app, cfg_.channel);
        if (stale != nullptr) {
            cfg_.emit(stale, m->build.build_id, m->expires_at);
            ota_manifest_free(m);
        } else {
            if (m->sequence > highest) writeLine(SEQ_FILE, String((long long)m->sequence));
            fresh = true;
        }
    }
    free(call.payload);
    return fresh;
}

/* The artifact URL: the build's url resolved against the manifest URL ("../../artifacts/..."). */
static String artifactUrl(const String &manifestUrl, String ref)
{
    if (ref.indexOf("://") >= 0) return ref;
    int hostEnd = manifestUrl.indexOf('/', manifestUrl.indexOf("://") + 3);
    String dir = manifestUrl.substring(0, manifestUrl.lastIndexOf('/'));
    while (ref.startsWith("../") && dir.lastIndexOf('/') > hostEnd) {
        ref.remove(0, 3);
        dir.remove(dir.lastIndexOf('/'));
    }
    return dir + "/" + ref;
}

/* ---- the install: stream through Update, hash with br_sha256, commit only on a match ---- */

bool OtactlAgent::install(const ota_build_t *build, const String &url)
{
    const char *id = build->build_id;
    const size_t size = (size_t)build->size;
    if (build->size <= 0 || size > ESP.getFreeSketchSpace()) {
        cfg_.emit("ota.download.fail", id, "the image does not fit the free sketch space");
        return false;
    }
    BearSSL::WiFiClientSecure client;
    pinServer(client, cfg_);
    HTTPClient http;
    http.useHTTP10(true);
    http.setTimeout(15000);
    int code = http.begin(client, url) ? http.GET() : HTTPC_ERROR_CONNECTION_FAILED;
    int declared = code == HTTP_CODE_OK ? http.getSize() : -1;
    const char *problem = nullptr; /* a verification failure */
    String failure;                /* a download or install failure */
    if (code != HTTP_CODE_OK) {
        failure = String("HTTP ") + code;
    } else if (declared >= 0 && (size_t)declared != size) {
        problem = "Content-Length differs from the manifest's size";
    } else if (!Update.begin(size)) {
        failure = Update.getErrorString();
    }
    if (problem != nullptr || failure.length() > 0) {
        http.end();
        cfg_.emit(problem ? "ota.verify.fail" : "ota.download.fail", id, problem ? problem : failure.c_str());
        return false;
    }
    /* The last chunk is held back from Update until the digest matches: the Updater is then never
     * complete on a bad image, and Update.end() on an incomplete one discards it without writing
     * the boot command (the running sketch stays). */
    WiFiClient *stream = http.getStreamPtr();
    br_sha256_context sha;
    br_sha256_init(&sha);
    uint8_t buf[512];
    size_t got = 0, held = 0;
    bool installFailed = false;
    while (got < size) {
        size_t n = stream->readBytes(buf, std::min(sizeof buf, size - got));
        if (n == 0) break; /* closed early or timed out: got < size */
        br_sha256_update(&sha, buf, n);
        got += n;
        if (got == size) {
            held = n;
        } else if (Update.write(buf, n) != n) {
            installFailed = true; /* flash write, or not an ESP8266 image (magic byte) */
            break;
        }
    }
    uint8_t extra;
    stream->setTimeout(2000);
    bool larger = got == size && declared < 0 && stream->readBytes(&extra, 1) == 1;
    http.end();
    uint8_t digest[32];
    char hex[65];
    br_sha256_out(&sha, digest);
    ota_hex(digest, 32, hex);
    if (installFailed) {
        failure = Update.getErrorString();
    } else if (got < size) {
        failure = String("the download ended after ") + String((unsigned)got) + " of " + String((unsigned)size) + " bytes";
    } else if (larger) {
        problem = "the artifact is larger than the manifest says";
    } else if (strcmp(hex, build->sha256) != 0) {
        problem = "sha256 does not match the manifest";
    }
    if (problem != nullptr || failure.length() > 0) {
        Update.end(); /* incomplete: discarded */
        cfg_.emit(problem ? "ota.verify.fail" : (installFailed ? "ota.install.fail" : "ota.download.fail"), id, problem ? problem : failure.c_str());
        return false;
    }
    if (Update.write(buf, held) != held || !Update.end()) { /* end() writes the boot command: eboot copies the image at restart */
        failure = Update.getErrorString();
        cfg_.emit("ota.install.fail", id, failure.c_str());
        return false;
    }
    writeLine(PENDING_FILE, String(id) + " " + String((long long)build->version_code));
    return true;
}

/* ---- the agent ---- */

void OtactlAgent::begin()
{
    String pending = readLine(PENDING_FILE);
    int space = pending.indexOf(' ');
    if (space <= 0) return;
    String buildId = pending.substring(0, space);
    int64_t promised = strtoll(pending.c_str() + space + 1, nullptr, 10);
    /* ESP8266 has no app rollback: eboot copied the image or the old sketch still runs. */
    if (promised == cfg_.device.current_version_code) {
        cfg_.emit("ota.install.ok", buildId.c_str(), nullptr);
    } else {
        cfg_.emit("ota.install.fail", buildId.c_str(), "the running sketch is not the installed build");
    }
    LittleFS.remove(PENDING_FILE);
}

void OtactlAgent::loop()
{
    if (!due_ && millis() - lastCheckMs_ < periodMs_) return;
    /* Stays due until Wi-Fi and the clock are up: the first check follows them at once. */
    if (WiFi.status() != WL_CONNECTED || time(nullptr) < MIN_SANE_EPOCH_S) return;
    due_ = false;
    lastCheckMs_ = millis();
    checkOnce();
}

bool OtactlAgent::checkOnce()
{
    cfg_.emit("ota.check", nullptr, cfg_.channel);
    ota_manifest_t m;
    if (!openManifest(&m)) return false;
    ota_device_t device = cfg_.device;
    if (device.chip == nullptr) device.chip = "esp8266";
    ota_conditions_t cond = OTA_CONDITIONS_UNKNOWN;
    if (cfg_.readConditions != nullptr) cfg_.readConditions(&cond);
    cond.wifi = WiFi.status() == WL_CONNECTED ? OTA_YES : OTA_NO;
    cond.free_disk_bytes = (int64_t)ESP.getFreeSketchSpace(); /* the image must fit beside the running sketch */
    ota_decision_t d = ota_decide(&m, &device, &cond);
    cfg_.emit(d.reason, d.build != nullptr ? d.build->build_id : nullptr, nullptr);
    bool ok = true;
    if (d.action == OTA_ACTION_UPDATE) {
        String url = artifactUrl(cfg_.manifestUrl, d.build->url);
        cfg_.emit("ota.download.start", d.build->build_id, url.c_str());
        ok = install(d.build, url);
    }
    bool restart = ok && d.action == OTA_ACTION_UPDATE;
    ota_manifest_free(&m);
    if (restart) ESP.restart(); /* begin() reports ota.install.ok or fail on the next boot */
    return ok;
}

bool OtactlAgent::handleNudge(const char *payload, size_t len)
{
    static ota_nudge_replay_t replay; /* zeroed: every slot free; in RAM, like the ESP-IDF agent's */
    time_t now = time(nullptr);
    if (cfg_.nudgeKey == nullptr || now < MIN_SANE_EPOCH_S) {
        cfg_.emit(cfg_.nudgeKey == nullptr ? "ota.nudge.no_key" : "ota.nudge.no_clock", nullptr, nullptr);
        return false;
    }
    const ota_nudge_device_t device = {cfg_.nudgeKey, cfg_.nudgeKeyLen, cfg_.app, cfg_.channel, cfg_.device.device_id};
    ota_nudge_verdict_t v = ota_nudge_verify_json(payload, len, &device, (int64_t)now, &replay);
    if (v != OTA_NUDGE_VALID) {
        String event = String("ota.nudge.") + ota_nudge_verdict_name(v);
        cfg_.emit(event.c_str(), nullptr, nullptr);
        return false;
    }
    cfg_.emit("ota.nudge.received", nullptr, cfg_.channel);
    nudge();
    return true;
}
