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

#include "ota_time.h"

extern "C" {
#include "ota_boot.h"
#include "ota_cohort.h"
#include "ota_freshness.h"
#include "ota_manifest.h"
#include "ota_nudge.h"
#include "ota_resume.h"
#include "ota_telemetry.h"
#include "otactl_glue.h"
}

#ifndef OTACTL_MAX_MANIFEST_BYTES
#define OTACTL_MAX_MANIFEST_BYTES (8 * 1024) /* envelope text; a manifest is 2-3 KiB, and TLS holds ~22 KiB of heap meanwhile */
#endif
#define MIN_SANE_EPOCH_S 1735689600 /* 2025-01-01: before that the clock is not set (no SNTP yet) */
#ifndef OTACTL_MAX_SESSIONS
#define OTACTL_MAX_SESSIONS 5 /* HTTP responses per install: the first and up to 4 Range resumptions */
#endif
#define SEQ_FILE "/otactl/seq"
#define BOOT_FILE "/otactl/boot"

/* Boot validation on the ESP8266 (README): 3 boots, 5 failed checks, 24 h (only with a clock at begin()). */
static const ota_boot_limits_t BOOT_LIMITS = {3, 5, 24LL * 3600 * 1000};

/* ---- LittleFS state: the highest sequence accepted, the boot-validation record ---- */

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

/* Pins the server: the configured CA, else the certificate's SHA-1 fingerprint. false (and no
 * connection) when neither is usable: the agent never talks to an unpinned server. */
static bool pinServer(BearSSL::WiFiClientSecure &client, const OtactlConfig &cfg)
{
    static BearSSL::X509List *anchors = nullptr; /* must outlive every client that uses it */
    uint8_t sha1[20];
    switch (otactl_pin_choice(cfg.caPem, cfg.fingerprint, sha1)) {
    case OTACTL_PIN_CA:
        if (anchors == nullptr) anchors = new BearSSL::X509List(cfg.caPem);
        if (anchors->getCount() == 0) return false; /* the PEM did not parse */
        client.setTrustAnchors(anchors);
        client.setX509Time(time(nullptr)); /* certificate validity needs the clock, set before a check */
        return true;
    case OTACTL_PIN_FINGERPRINT:
        client.setFingerprint(sha1);
        return true;
    case OTACTL_PIN_NONE:
        break;
    }
    return false;
}

/* GET the manifest into a heap buffer of at most OTACTL_MAX_MANIFEST_BYTES (caller frees), or
 * NULL. The TLS session is closed when this returns, so its buffers are free for verification. */
static char *fetchManifest(const OtactlConfig &cfg, const char *url, size_t *len)
{
    BearSSL::WiFiClientSecure client;
    if (!pinServer(client, cfg)) return nullptr;
    HTTPClient http;
    http.useHTTP10(true); /* no chunked framing in the raw stream */
    http.setTimeout(10000);
    if (!http.begin(client, url)) return nullptr;
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
    /* ?d=<telemetry id>&v=<running version>: stats counts every polling device (docs/telemetry.md). */
    const char *id = telemetryId();
    String url = cfg_.manifestUrl;
    if (id != nullptr) {
        const size_t cap = strlen(cfg_.manifestUrl) + OTA_TELEMETRY_ID_LEN + 32;
        char *with = static_cast<char *>(malloc(cap));
        if (with != nullptr && ota_check_url(cfg_.manifestUrl, id, (uint32_t)cfg_.device.current_version_code, with, cap) == 0) url = with;
        free(with);
    }
    char *text = fetchManifest(cfg_, url.c_str(), &len);
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

/* ---- the install: stream through Update over one or more HTTP responses (Range resume on the
 *      shared rule, ota_resume.h via otactl_glue.h), hash with br_sha256, commit only on a match ---- */

/* A failed attempt: its event, and its beacon (fail, verify_fail; none for a failed download) with the SDK's reasons. */
void OtactlAgent::reportFailure(const char *buildId, const char *event, const char *detail)
{
    cfg_.emit(event, buildId, detail);
    const char *reason = nullptr;
    const char *outcome = ota_failure_outcome(event, detail, &reason);
    if (outcome != nullptr) sendBeacon(buildId, outcome, reason);
}

bool OtactlAgent::install(const otactl_build_t *build, const String &url)
{
    const char *id = build->build_id;
    const size_t size = (size_t)build->size;
    if (build->size <= 0 || size > ESP.getFreeSketchSpace()) {
        reportFailure(id, "ota.download.fail", "the image does not fit the free sketch space");
        return false;
    }
    if (!Update.begin(size)) {
        reportFailure(id, "ota.download.fail", Update.getErrorString().c_str());
        return false;
    }
    /* The last chunk is held back from Update until the digest matches: the Updater is then never
     * complete on a bad image, and Update.end() on an incomplete one discards it without writing
     * the boot command (the running sketch stays). */
    otactl_download_t dl;
    otactl_dl_init(&dl, build->size);
    br_sha256_context sha;
    br_sha256_init(&sha);
    uint8_t buf[512];
    size_t held = 0;
    const char *problem = nullptr; /* a verification failure: the server does not serve this build */
    String failure;                /* a download or install failure */
    bool installFailed = false;
    static const char *collected[] = {"Content-Range"}; /* collectHeaders() takes const char *[] */
    for (int session = 0; session < OTACTL_MAX_SESSIONS && !otactl_dl_complete(&dl) && problem == nullptr && !installFailed; session++) {
        if (session > 0) delay(1000UL * session); /* a flaky link: back off a little */
        BearSSL::WiFiClientSecure client;
        if (!pinServer(client, cfg_)) {
            failure = "the server pin is not usable";
            break;
        }
        HTTPClient http;
        http.useHTTP10(true); /* no chunked framing in the raw stream */
        http.setTimeout(15000);
        if (!http.begin(client, url)) {
            failure = "cannot open the artifact URL";
            break;
        }
        http.collectHeaders(collected, 1);
        const int64_t from = otactl_dl_range(&dl);
        if (from != OTA_RESUME_ABSENT) http.addHeader("Range", String("bytes=") + String((long long)from) + "-");
        const int code = http.GET();
        if (code <= 0) { /* no response (connection, TLS): try again */
            failure = HTTPClient::errorToString(code);
            http.end();
            continue;
        }
        const String range = http.header("Content-Range");
        const int declared = http.getSize(); /* Content-Length, -1 when absent */
        const char *reason = nullptr;
        const otactl_dl_action_t a = otactl_dl_response(&dl, code, range.length() > 0 ? range.c_str() : nullptr, declared, &reason);
        if (a == OTACTL_DL_REWIND || a == OTACTL_DL_REWIND_RETRY) { /* never append to what another response wrote */
            Update.end(); /* incomplete: discarded */
            br_sha256_init(&sha);
            if (!Update.begin(size)) {
                installFailed = true;
                http.end();
                break;
            }
        }
        if (a == OTACTL_DL_RETRY || a == OTACTL_DL_REWIND_RETRY) {
            http.end();
            if (strcmp(reason, "status") == 0) {
                failure = String("HTTP ") + code;
            } else if (from == OTA_RESUME_ABSENT) {
                problem = reason; /* even without Range the answer is not this build (another length, a 206) */
            } else {
                failure = reason; /* the next request goes without Range */
            }
            continue;
        }
        WiFiClient *stream = http.getStreamPtr();
        while (!otactl_dl_complete(&dl)) {
            size_t n = stream->readBytes(buf, std::min(sizeof buf, (size_t)(dl.size - dl.have)));
            if (n == 0) break; /* closed or timed out: the next session resumes */
            if (!otactl_dl_body(&dl, n)) {
                problem = "size: more bytes than the response announced";
                break;
            }
            br_sha256_update(&sha, buf, n);
            if (otactl_dl_complete(&dl)) {
                held = n;
            } else if (Update.write(buf, n) != n) {
                installFailed = true; /* flash write, or not an ESP8266 image (magic byte) */
                break;
            }
        }
        uint8_t extra;
        stream->setTimeout(2000);
        if (problem == nullptr && otactl_dl_complete(&dl) && declared < 0 && stream->readBytes(&extra, 1) == 1) {
            problem = "size: the artifact is larger than the manifest says";
        }
        if (!otactl_dl_complete(&dl)) failure = String("the response ended after ") + String((long long)dl.have) + " of " + String((long long)dl.size) + " bytes";
        http.end();
    }
    uint8_t digest[32];
    char hex[65];
    br_sha256_out(&sha, digest);
    ota_hex(digest, 32, hex);
    if (installFailed) {
        failure = Update.getErrorString();
    } else if (problem == nullptr && !otactl_dl_complete(&dl)) {
        failure += String(" (after ") + OTACTL_MAX_SESSIONS + " responses at most)";
    } else if (problem == nullptr && strcmp(hex, build->sha256) != 0) {
        problem = "sha256 does not match the manifest";
    }
    if (problem != nullptr || installFailed || !otactl_dl_complete(&dl)) {
        Update.end(); /* incomplete: discarded */
        reportFailure(id, problem ? "ota.verify.fail" : (installFailed ? "ota.install.fail" : "ota.download.fail"), problem ? problem : failure.c_str());
        return false;
    }
    if (Update.write(buf, held) != held || !Update.end()) { /* end() writes the boot command: eboot copies the image at restart */
        reportFailure(id, "ota.install.fail", Update.getErrorString().c_str());
        return false;
    }
    return true;
}

/* ---- boot validation: the record in LittleFS through ota_boot_step ---- */

static int64_t wallClockMs()
{
    struct timeval now;
    gettimeofday(&now, nullptr);
    return now.tv_sec < MIN_SANE_EPOCH_S ? OTA_BOOT_NO_TIME : (int64_t)now.tv_sec * 1000 + now.tv_usec / 1000;
}

/* ---- telemetry: the check URL and outcome beacons (ota_telemetry.h) ---- */

const char *OtactlAgent::telemetryId()
{
    if (cfg_.noTelemetry) return nullptr;
    if (cfg_.telemetryId != nullptr) return ota_telemetry_id_valid(cfg_.telemetryId) ? cfg_.telemetryId : nullptr;
    if (telemetryId_[0] == '\0' && ota_telemetry_id(cfg_.device.device_id, telemetryId_) != 0) telemetryId_[0] = '\0';
    return telemetryId_[0] != '\0' ? telemetryId_ : nullptr;
}

/* One GET beside the manifest, best effort: a short timeout, the answer ignored. */
void OtactlAgent::sendBeacon(const char *buildId, const char *outcome, const char *reason)
{
    const char *id = telemetryId();
    if (id == nullptr || buildId == nullptr || buildId[0] == '\0' || WiFi.status() != WL_CONNECTED) return;
    const size_t cap = strlen(cfg_.manifestUrl) + 256;
    char *url = static_cast<char *>(malloc(cap));
    if (url != nullptr && ota_beacon_url(cfg_.manifestUrl, buildId, outcome, id, cfg_.channel, reason, url, cap) == 0) {
        BearSSL::WiFiClientSecure client;
        if (pinServer(client, cfg_)) {
            HTTPClient http;
            http.setTimeout(5000);
            if (http.begin(client, url)) {
                (void)http.GET();
                http.end();
            }
        }
    }
    free(url);
}

void OtactlAgent::flushBootOutcome()
{
    if (queuedOutcome_ == nullptr) return;
    sendBeacon(queuedBuild_, queuedOutcome_, queuedReason_);
    queuedOutcome_ = nullptr;
    queuedReason_ = nullptr;
}

ota_boot_action_t OtactlAgent::bootEvent(ota_boot_event_type_t type, bool runningInstalled, const otactl_build_t *installed)
{
    otactl_boot_record_t rec;
    String line = readLine(BOOT_FILE);
    if (otactl_boot_record_parse(line.c_str(), &rec) != 0) { /* none, or damaged: the running sketch counts as confirmed */
        const otactl_boot_record_t none = {OTA_BOOT_STATE_CONFIRMED, 0, ""};
        rec = none;
    }
    if (installed != nullptr) {
        rec.version_code = installed->version_code;
        memcpy(rec.build_id, installed->build_id, sizeof rec.build_id);
    }
    const ota_boot_event_t e = {type, runningInstalled, wallClockMs()};
    const char *reason = nullptr;
    const uint32_t bootsBefore = rec.state.boots;
    const ota_boot_action_t a = ota_boot_step(&rec.state, &e, &BOOT_LIMITS, &reason);
    const bool pendingBoot = a == OTA_BOOT_NONE && type == OTA_BOOT_EV_BOOT && rec.state.status == OTA_BOOT_PENDING && rec.state.boots > bootsBefore;
    const char *beaconReason = nullptr;
    const char *outcome = ota_boot_outcome(a, reason, pendingBoot, &beaconReason);
    if (outcome != nullptr) { /* sent by the next check, once Wi-Fi is up */
        queuedOutcome_ = outcome;
        queuedReason_ = beaconReason;
        memcpy(queuedBuild_, rec.build_id, sizeof queuedBuild_);
        queuedBuild_[sizeof queuedBuild_ - 1] = '\0';
    }
    char out[160];
    if (rec.state.status == OTA_BOOT_CONFIRMED) {
        if (line.length() > 0) LittleFS.remove(BOOT_FILE);
    } else if (otactl_boot_record_format(&rec, out, sizeof out) > 0) {
        writeLine(BOOT_FILE, String(out)); /* saved before acting on it */
    }
    /* The same event names as every client (ota.boot.pending|valid|rollback|reverted). */
    switch (a) {
    case OTA_BOOT_MARK_VALID: /* the new sketch verified the channel manifest itself */
        cfg_.emit("ota.boot.valid", rec.build_id, "verified the channel manifest itself");
        break;
    case OTA_BOOT_ROLLBACK: /* no second app slot on the ESP8266: reported; the sketch's hook may act */
        cfg_.emit("ota.boot.rollback", rec.build_id, reason);
        if (cfg_.onRollback != nullptr) cfg_.onRollback(rec.build_id, reason);
        break;
    case OTA_BOOT_REVERTED:
        cfg_.emit("ota.boot.reverted", rec.build_id, "the running sketch is not the installed build");
        break;
    case OTA_BOOT_NONE:
        if (pendingBoot) cfg_.emit("ota.boot.pending", rec.build_id, nullptr);
        break;
    }
    return a;
}

/* ---- the agent ---- */

void OtactlAgent::begin()
{
    otactl_boot_record_t rec;
    const bool pending = otactl_boot_record_parse(readLine(BOOT_FILE).c_str(), &rec) == 0;
    /* eboot copied the new image at the restart, or the old sketch still runs (it failed to). */
    bootEvent(OTA_BOOT_EV_BOOT, pending && rec.version_code == cfg_.device.current_version_code, nullptr);
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
    uint8_t sha1[20];
    if (otactl_pin_choice(cfg_.caPem, cfg_.fingerprint, sha1) == OTACTL_PIN_NONE) {
        cfg_.emit("ota.check.refused", nullptr, "no usable server pin: set caPem (PEM) or fingerprint (20 hex bytes)");
        bootEvent(OTA_BOOT_EV_CHECK_FAILED, true, nullptr); /* a sketch that cannot check cannot update either */
        return false;
    }
    ota_manifest_t m;
    if (!openManifest(&m)) {
        bootEvent(OTA_BOOT_EV_CHECK_FAILED, true, nullptr);
        return false;
    }
    /* This sketch fetched and verified the manifest itself: that, and only that, makes it valid. */
    const ota_boot_action_t validated = bootEvent(OTA_BOOT_EV_CHECK_OK, true, nullptr);
    flushBootOutcome(); /* booted, healthy, rolled_back: noted at boot or just now */
    if (validated == OTA_BOOT_ROLLBACK) {
        ota_manifest_free(&m);
        return false;
    }
    ota_device_t device = cfg_.device;
    if (device.chip == nullptr) device.chip = "esp8266";
    ota_conditions_t cond = OTA_CONDITIONS_UNKNOWN;
    /* Local time for the install window: localtime_r under the TZ given to configTime(); unknown
     * before the clock is set (a window then defers). Without TZ it is UTC, and said so. */
    bool utcAssumed = false;
    cond.local_minute = ota_local_minute((int64_t)time(nullptr), MIN_SANE_EPOCH_S, &utcAssumed);
    cond.local_time_known = cond.local_minute >= 0;
    if (m.has_install_window && cond.local_time_known && utcAssumed) cfg_.emit("ota.time.utc_assumed", nullptr, "TZ is not set: the install window is read in UTC");
    if (cfg_.readConditions != nullptr) cfg_.readConditions(&cond);
    cond.wifi = WiFi.status() == WL_CONNECTED ? OTA_YES : OTA_NO;
    cond.free_disk_bytes = (int64_t)ESP.getFreeSketchSpace(); /* the image must fit beside the running sketch */
    ota_decision_t d = ota_decide(&m, &device, &cond);
    cfg_.emit(d.reason, d.build != nullptr ? d.build->build_id : nullptr, nullptr);
    if (d.action != OTA_ACTION_UPDATE) {
        /* Waiting (deferred) or not offered (ineligible): said once per build and reason per boot. */
        const char *waiting = d.action == OTA_ACTION_DEFER && d.build != nullptr ? OTA_OUTCOME_DEFERRED : strncmp(d.reason, "ota.ineligible.", 15) == 0 ? OTA_OUTCOME_INELIGIBLE : nullptr;
        const char *about = d.build != nullptr ? d.build->build_id : m.build.build_id;
        String key = String(about) + " " + d.reason;
        String aboutCopy = about;
        String reasonCopy = d.reason;
        ota_manifest_free(&m); /* before a TLS session opens: both do not fit the heap */
        if (waiting != nullptr && key != waitingReported_) {
            waitingReported_ = key;
            sendBeacon(aboutCopy.c_str(), waiting, reasonCopy.c_str());
        }
        return true;
    }
    /* The build is copied and the manifest's cJSON tree freed before the download's TLS session
     * opens: both at once do not fit the ESP8266's heap. */
    otactl_build_t *build = static_cast<otactl_build_t *>(malloc(sizeof(otactl_build_t)));
    const bool copied = build != nullptr && otactl_build_copy(d.build, build) == 0;
    ota_manifest_free(&m);
    if (!copied) {
        cfg_.emit("ota.download.fail", nullptr, "the build's URL is longer than OTACTL_MAX_URL, or no memory");
        free(build);
        return false;
    }
    String url = artifactUrl(cfg_.manifestUrl, build->url);
    cfg_.emit("ota.download.start", build->build_id, url.c_str());
    const bool ok = install(build, url);
    if (ok) {
        cfg_.emit("ota.install.ok", build->build_id, nullptr);
        sendBeacon(build->build_id, OTA_OUTCOME_OK, nullptr);
        bootEvent(OTA_BOOT_EV_INSTALLED, false, build); /* pending: valid only once it verifies a manifest itself */
    }
    free(build);
    if (ok) ESP.restart(); /* begin() counts the boot of the new sketch */
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
