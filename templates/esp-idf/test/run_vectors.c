/* Conformance run of the C core over the shared vectors (test/vectors/, docs/vectors.md).
 *   run_vectors <vectors dir>
 * Prints one line per failing case and a final "N passed, N failed"; exits 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "ota_boot.h"
#include "ota_cohort.h"
#include "ota_decision.h"
#include "ota_envelope.h"
#include "ota_freshness.h"
#include "ota_nudge.h"
#include "ota_time.h"
#include "ota_resume.h"
#include "ota_telemetry.h"
#include "ota_time.h"
#include "../src/ota_base64.h"
#include "../src/ota_crypto.h"
#include "../src/ota_json_strict.h"
#include "../src/ota_text.h"

static int passed, failed;

static void report(bool ok, const char *file, const cJSON *c, const char *what)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(c, "note");
    printf("FAIL %s: %s: %s\n", file, cJSON_IsString(note) ? note->valuestring : "?", what);
}

static cJSON *load(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n);
    if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) exit(2);
    fclose(f);
    cJSON *doc = cJSON_ParseWithLength(text, (size_t)n);
    free(text);
    if (!doc) {
        printf("FAIL %s is not JSON\n", path);
        exit(2);
    }
    return doc;
}

static const char *s(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *k, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static ota_tristate_t tri(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsBool(v) ? (cJSON_IsTrue(v) ? OTA_YES : OTA_NO) : OTA_UNKNOWN;
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap);

/* cohort.json "device_ids": validity from the bytes (a C client is given bytes), the bucket of a
 * valid id. An id holding a NUL byte cannot reach a C string API at all: it must be invalid. */
static void device_ids(const cJSON *doc)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "device_ids")) {
        const char *hex = s(c, "utf8_hex");
        size_t cap = hex ? strlen(hex) / 2 + 1 : 1;
        char *id = calloc(cap, 1);
        size_t n = hex && *hex ? unhex(hex, (uint8_t *)id, cap) : 0;
        bool valid = ota_device_id_valid_bytes(id, n);
        bool c_string_agrees = memchr(id, 0, n) != NULL ? !valid : valid == ota_device_id_valid(id);
        uint32_t bucket = ota_cohort_bucket(s(c, "salt"), id);
        bool want_valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "valid"));
        bool ok = valid == want_valid && c_string_agrees && (valid ? bucket == (uint32_t)num(c, "bucket", -1) : bucket == OTA_BUCKET_NONE || memchr(id, 0, n) != NULL);
        char what[96];
        snprintf(what, sizeof what, "device id %s, bucket %u", valid ? "valid" : "invalid", (unsigned)bucket);
        report(ok, "cohort", c, what);
        free(id);
    }
}

static void cohort(const char *dir)
{
    cJSON *doc = load(dir, "cohort.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        uint32_t bucket = ota_cohort_bucket(s(c, "salt"), s(c, "device_id"));
        uint32_t bp = ota_basis_points(num(c, "percent", -1));
        bool ok = bucket == (uint32_t)num(c, "bucket", -1) && bp == (uint32_t)num(c, "basis_points", -1)
                  && ota_in_cohort(bucket, bp) == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "in_rollout"));
        char what[96];
        snprintf(what, sizeof what, "bucket %u, basis points %u", (unsigned)bucket, (unsigned)bp);
        report(ok, "cohort", c, what);
    }
    device_ids(doc);
    cJSON_Delete(doc);
}

#define MAX_KEYS 8

static void envelopes(const char *dir)
{
    cJSON *doc = load(dir, "envelopes.json");
    const char *type = s(doc, "payload_type");
    const cJSON *keys = cJSON_GetObjectItemCaseSensitive(doc, "keys");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        uint8_t spki[MAX_KEYS][128];
        ota_trusted_key_t trusted[MAX_KEYS];
        size_t n = 0;
        bool keys_ok = true;
        const cJSON *name;
        cJSON_ArrayForEach(name, cJSON_GetObjectItemCaseSensitive(c, "trusted")) {
            const cJSON *k = cJSON_GetObjectItemCaseSensitive(keys, name->valuestring);
            const char *b64 = s(k, "spki_der_base64");
            long len = ota_base64_decode(b64, strlen(b64), spki[n], sizeof spki[n]);
            keys_ok = keys_ok && len > 0 && ota_key_init(&trusted[n], spki[n], (size_t)len) == 0 && strcmp(trusted[n].keyid, s(k, "keyid")) == 0;
            n++;
        }
        const char *env = s(c, "envelope");
        static uint8_t payload[1 << 16];
        size_t payload_len = 0;
        uint32_t verified = 0;
        ota_env_result_t r = ota_verify_envelope(env, strlen(env), type, trusted, n, payload, sizeof payload, &payload_len, &verified);
        const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
        bool ok = keys_ok && strcmp(ota_env_result_name(r), s(expect, "result")) == 0;
        if (ok && r == OTA_ENV_OK) {
            /* keyids that verified, compared as a set */
            uint32_t want = 0;
            const cJSON *id;
            cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(expect, "keyids")) {
                for (size_t i = 0; i < n; i++) {
                    if (strcmp(trusted[i].keyid, id->valuestring) == 0) want |= 1u << i;
                }
            }
            uint8_t h[32];
            char hex[65];
            const ota_span_t part = {payload, payload_len};
            ota_sha256(&part, 1, h);
            ota_hex(h, 32, hex);
            ok = want == verified && strcmp(hex, s(expect, "payload_sha256")) == 0;
        }
        report(ok, "envelopes", c, ota_env_result_name(r));
    }
    cJSON_Delete(doc);
}

/* Parses the case's manifest object with the device's own parser (from its JSON text). */
static bool manifest_of(const cJSON *c, ota_manifest_t *m, const char **field)
{
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "manifest"));
    int rc = ota_manifest_parse(text, strlen(text), m, field);
    free(text);
    return rc == 0;
}

/* Runs check() on every case of a file whose cases carry a manifest, parsed by the device's parser. */
static void manifest_cases(const char *dir, const char *file, void (*check)(const cJSON *c, const ota_manifest_t *m))
{
    cJSON *doc = load(dir, file);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        ota_manifest_t m;
        const char *field;
        if (!manifest_of(c, &m, &field)) {
            report(false, file, c, field);
            continue;
        }
        check(c, &m);
        ota_manifest_free(&m);
    }
    cJSON_Delete(doc);
}

static void freshness_case(const cJSON *c, const ota_manifest_t *m)
{
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(c, "state");
    int64_t now = 0;
    bool ok = ota_parse_time_ms(s(state, "now"), &now) == 0;
    const char *got = ota_check_freshness(m, now, (int64_t)num(state, "highest_sequence", OTA_NONE), s(state, "app"), s(state, "channel"));
    const char *want = s(cJSON_GetObjectItemCaseSensitive(c, "expect"), "reason");
    ok = ok && (got == NULL ? want == NULL : want != NULL && strcmp(got, want) == 0);
    report(ok, "freshness", c, got ? got : "fresh");
}

/* freshness.json: its manifest cases, then "timestamps" read by the parser manifests use. */
static void freshness(const char *dir)
{
    manifest_cases(dir, "freshness.json", freshness_case);
    cJSON *doc = load(dir, "freshness.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "timestamps")) {
        int64_t ms = 0;
        bool valid = ota_parse_time_ms(s(c, "text"), &ms) == 0;
        const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "unix_ms");
        bool ok = valid == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "valid")) && (!valid || (cJSON_IsNumber(want) && (double)ms == want->valuedouble));
        char what[64];
        snprintf(what, sizeof what, valid ? "read as %lld ms" : "refused", (long long)ms);
        report(ok, "freshness", c, what);
    }
    cJSON_Delete(doc);
}

static void decision_case(const cJSON *c, const ota_manifest_t *m)
{
    const cJSON *dv = cJSON_GetObjectItemCaseSensitive(c, "device");
    const char *tags[16];
    size_t n_tags = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(dv, "tags")) {
        if (n_tags < 16) tags[n_tags++] = t->valuestring;
    }
    ota_device_t device = {s(dv, "device_id"), (int64_t)num(dv, "current_version_code", 0), tags, n_tags, s(dv, "model"), s(dv, "chip")};
    const cJSON *cv = cJSON_GetObjectItemCaseSensitive(c, "conditions");
    const int local = ota_parse_local_time(s(cv, "local_time")); /* absent or not HH:MM: unknown */
    ota_conditions_t cond = {tri(cv, "wifi"), (int)num(cv, "battery", -1), tri(cv, "charging"), tri(cv, "in_call"), (int64_t)num(cv, "free_disk_bytes", -1), local >= 0, local};
    ota_decision_t d = ota_decide(m, &device, &cond);

    const cJSON *e = cJSON_GetObjectItemCaseSensitive(c, "expect");
    const char *want_build = s(e, "build_id");
    bool ok = strcmp(ota_action_name(d.action), s(e, "action")) == 0 && strcmp(d.reason, s(e, "reason")) == 0
              && (d.build == NULL ? want_build == NULL : want_build != NULL && strcmp(d.build->build_id, want_build) == 0)
              && d.bucket == (uint32_t)num(e, "bucket", -1)
              && d.in_cohort == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "in_cohort"))
              && d.canary == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "canary"));
    char what[160];
    snprintf(what, sizeof what, "%s %s bucket %u in_cohort %d canary %d", ota_action_name(d.action), d.reason, (unsigned)d.bucket, d.in_cohort, d.canary);
    report(ok, "decisions", c, what);
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex) / 2;
    if (n > cap) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1) return 0;
        out[i] = (uint8_t)byte;
    }
    return n;
}

/* nudge.json: the signing string, the signature under key_hex, and the verdict of a device whose
 * replay table already holds seen_request_ids, all from the message's JSON text. */
static void nudges(const char *dir)
{
    cJSON *doc = load(dir, "nudge.json");
    const char *prefix = s(doc, "target_tag_prefix");
    bool window_ok = num(doc, "window_seconds", -1) == OTA_NUDGE_WINDOW_S && num(doc, "max_depth", -1) == OTA_JSON_MAX_DEPTH
                     && prefix != NULL && strcmp(prefix, "otactl-nudge-target\n") == 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        uint8_t key[128];
        size_t key_len = unhex(s(c, "key_hex"), key, sizeof key);
        const cJSON *dv = cJSON_GetObjectItemCaseSensitive(c, "device");
        const ota_nudge_device_t device = {key, key_len, s(dv, "app"), s(dv, "channel"), s(dv, "device_id")};
        int64_t now = (int64_t)num(c, "now", 0);
        static ota_nudge_replay_t replay;
        ota_nudge_replay_init(&replay);
        bool seen_ok = true;
        const cJSON *seen;
        cJSON_ArrayForEach(seen, cJSON_GetObjectItemCaseSensitive(c, "seen_request_ids")) {
            /* Seeded as a device would have: by accepting a valid nudge with that id. */
            ota_nudge_t m = {.request_id = s(seen, "request_id"), .device_id = device.device_id, .action = "update", .issued_at = (int64_t)num(seen, "issued_at", 0), .app = device.app, .channel = device.channel};
            char signing[512];
            uint8_t mac[32];
            char sig[65];
            int len = ota_nudge_signing_string(&m, signing, sizeof signing);
            const ota_span_t part = {signing, len < 0 ? 0 : (size_t)len};
            seen_ok = seen_ok && len > 0 && ota_hmac_sha256(key, key_len, &part, 1, mac) == 0;
            ota_hex(mac, 32, sig);
            m.sig = sig;
            seen_ok = seen_ok && ota_nudge_verify(&m, &device, now, &replay) == OTA_NUDGE_VALID;
        }
        /* The signing string and the signature the message should carry. */
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(c, "message");
        const ota_nudge_t fields = {.request_id = s(msg, "request_id"), .device_id = s(msg, "device_id"), .action = s(msg, "action"), .issued_at = (int64_t)num(msg, "issued_at", -1)};
        size_t cap = strlen(s(c, "signing_string")) + 64;
        char *signing = malloc(cap);
        uint8_t mac[32];
        char expected_sig[65] = "";
        int len = fields.request_id && fields.device_id && fields.action ? ota_nudge_signing_string(&fields, signing, cap) : -1;
        const ota_span_t part = {signing, len < 0 ? 0 : (size_t)len};
        bool sig_ok = len > 0 && strcmp(signing, s(c, "signing_string")) == 0 && ota_hmac_sha256(key, key_len, &part, 1, mac) == 0;
        free(signing);
        ota_hex(mac, 32, expected_sig);
        sig_ok = sig_ok && strcmp(expected_sig, s(c, "expected_sig")) == 0;
        char tag[17] = "";
        bool tag_ok = ota_nudge_target_tag(device.app, device.channel, tag) == 0 && strcmp(tag, s(c, "device_tag")) == 0;

        /* The exact text when the case gives one (duplicates, depth, escapes), else the message serialized. */
        const char *given = s(c, "message_text");
        char *text = given ? NULL : cJSON_PrintUnformatted(msg);
        const char *json = given ? given : text;
        ota_nudge_verdict_t v = ota_nudge_verify_json(json, strlen(json), &device, now, &replay);
        free(text);
        char what[200];
        snprintf(what, sizeof what, "verdict %s%s%s%s%s", ota_nudge_verdict_name(v), sig_ok ? "" : ", signing string or signature differs",
                 tag_ok ? "" : ", device tag differs", seen_ok ? "" : ", could not seed the replay table", window_ok ? "" : ", window, prefix or depth differs");
        report(window_ok && seen_ok && sig_ok && tag_ok && strcmp(ota_nudge_verdict_name(v), s(c, "verdict")) == 0, "nudge", c, what);
    }
    cJSON_Delete(doc);
}

/* A number, or `absent` for JSON null (or a missing member). */
static int64_t int_or(const cJSON *o, const char *k, int64_t absent)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : absent;
}

static bool same_str(const char *got, const char *want)
{
    return got == NULL ? want == NULL : want != NULL && strcmp(got, want) == 0;
}

/* boot.json: each case's steps through ota_boot_step, the state and action checked after each. */
static void boot(const char *dir)
{
    cJSON *doc = load(dir, "boot.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        const cJSON *lim = cJSON_GetObjectItemCaseSensitive(c, "limits");
        const ota_boot_limits_t limits = {(uint32_t)num(lim, "max_boots", 0), (uint32_t)num(lim, "max_failures", 0), int_or(lim, "max_pending_ms", 0)};
        const cJSON *start = cJSON_GetObjectItemCaseSensitive(c, "start");
        static const char *const statuses[] = {"confirmed", "pending", "rolled_back"};
        ota_boot_state_t st = {OTA_BOOT_CONFIRMED, (uint32_t)num(start, "boots", 0), (uint32_t)num(start, "failures", 0), int_or(start, "first_boot_ms", OTA_BOOT_NO_TIME)};
        for (int i = 0; i < 3; i++) {
            if (same_str(s(start, "status"), statuses[i])) st.status = (ota_boot_status_t)i;
        }
        bool ok = true;
        char what[160] = "all steps";
        int n = 0;
        const cJSON *step;
        cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(c, "steps")) {
            n++;
            const cJSON *ev = cJSON_GetObjectItemCaseSensitive(step, "event");
            static const char *const types[] = {"installed", "boot", "check_ok", "check_failed", "tick"};
            ota_boot_event_t e = {OTA_BOOT_EV_TICK, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "running_installed")), int_or(ev, "now_ms", OTA_BOOT_NO_TIME)};
            for (int i = 0; i < 5; i++) {
                if (same_str(s(ev, "type"), types[i])) e.type = (ota_boot_event_type_t)i;
            }
            const char *reason = "unset";
            ota_boot_action_t a = ota_boot_step(&st, &e, &limits, &reason);
            const cJSON *x = cJSON_GetObjectItemCaseSensitive(step, "expect");
            bool step_ok = same_str(ota_boot_status_name(st.status), s(x, "status")) && st.boots == (uint32_t)num(x, "boots", -1)
                           && st.failures == (uint32_t)num(x, "failures", -1) && st.first_boot_ms == int_or(x, "first_boot_ms", OTA_BOOT_NO_TIME)
                           && same_str(ota_boot_action_name(a), s(x, "action")) && same_str(reason, s(x, "reason"));
            if (ok && !step_ok) {
                snprintf(what, sizeof what, "step %d: %s boots %u failures %u first %lld, %s %s", n, ota_boot_status_name(st.status), (unsigned)st.boots,
                         (unsigned)st.failures, (long long)st.first_boot_ms, ota_boot_action_name(a), reason ? reason : "-");
                ok = false;
            }
        }
        report(ok, "boot", c, what);
    }
    cJSON_Delete(doc);
}

/* resume.json: the Range start, the plan for the response, and what stays after body_bytes. */
static void resume(const char *dir)
{
    cJSON *doc = load(dir, "resume.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        int64_t size = int_or(c, "size", -2), have = int_or(c, "have", -2);
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(c, "response");
        int64_t from = ota_resume_range_from(have, size);
        ota_resume_plan_t p = ota_resume_plan(from, size, (int)num(r, "status", 0), s(r, "content_range"), int_or(r, "content_length", OTA_RESUME_ABSENT));
        int64_t on_disk = -2;
        ota_resume_outcome_t o = ota_resume_outcome(&p, from, size, int_or(c, "body_bytes", 0), &on_disk);
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(c, "expect");
        bool ok = from == int_or(x, "range_from", OTA_RESUME_ABSENT) && same_str(ota_resume_action_name(p.action), s(x, "action")) && same_str(p.reason, s(x, "reason"))
                  && p.offset == int_or(x, "offset", OTA_RESUME_ABSENT) && p.length == int_or(x, "length", OTA_RESUME_ABSENT)
                  && same_str(ota_resume_outcome_name(o), s(x, "outcome")) && on_disk == int_or(x, "on_disk", -3);
        char what[200];
        snprintf(what, sizeof what, "range_from %lld, %s %s offset %lld length %lld, %s on disk %lld", (long long)from, ota_resume_action_name(p.action), p.reason,
                 (long long)p.offset, (long long)p.length, ota_resume_outcome_name(o), (long long)on_disk);
        report(ok, "resume", c, what);
    }
    cJSON_Delete(doc);
}

/* An outcome and its beacon reason (either may be NULL) as "OUTCOME REASON" in got, compared
 * with the case's "outcome" and "beacon_reason" (null where absent). */
static bool outcome_as_listed(const cJSON *c, const char *outcome, const char *reason, char *got, size_t got_size)
{
    snprintf(got, got_size, "%s %s", outcome ? outcome : "null", reason ? reason : "null");
    const char *wo = s(c, "outcome");
    const char *wr = s(c, "beacon_reason");
    char expect[160];
    snprintf(expect, sizeof expect, "%s %s", wo ? wo : "null", wr ? wr : "null");
    return same_str(got, expect);
}

/* telemetry.json: the telemetry id, the check and beacon URLs, and each boot step's outcome. */
static void telemetry(const char *dir)
{
    cJSON *doc = load(dir, "telemetry.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        const char *kind = s(c, "kind");
        char got[512] = "";
        const char *want = NULL;
        bool ok;
        if (same_str(kind, "telemetry_id")) {
            want = s(c, "telemetry_id");
            ok = ota_telemetry_id(s(c, "device_id"), got) == 0 && same_str(got, want);
        } else if (same_str(kind, "check_url")) {
            want = s(c, "url");
            ok = ota_check_url(s(c, "manifest_url"), s(c, "telemetry_id"), (uint32_t)num(c, "version_code", 0), got, sizeof got) == 0 && same_str(got, want);
        } else if (same_str(kind, "beacon_url")) {
            want = s(c, "url");
            ok = ota_beacon_url(s(c, "manifest_url"), s(c, "build_id"), s(c, "outcome"), s(c, "telemetry_id"), s(c, "channel"), s(c, "reason"), got, sizeof got) == 0 &&
                 same_str(got, want);
        } else if (same_str(kind, "failure_outcome")) {
            const char *reason = NULL;
            const char *outcome = ota_failure_outcome(s(c, "event"), s(c, "detail"), &reason);
            ok = outcome_as_listed(c, outcome, reason, got, sizeof got);
            want = "(see note)";
        } else {
            static const char *const actions[] = {"none", "mark_valid", "rollback", "reverted"};
            ota_boot_action_t action = OTA_BOOT_NONE;
            for (int i = 0; i < 4; i++) {
                if (same_str(s(c, "action"), actions[i])) action = (ota_boot_action_t)i;
            }
            const char *reason = NULL;
            const char *outcome = ota_boot_outcome(action, s(c, "reason"), cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "pending_boot")), &reason);
            ok = outcome_as_listed(c, outcome, reason, got, sizeof got);
            want = "(see note)";
        }
        char what[700];
        snprintf(what, sizeof what, "got %s, want %s", got, want ? want : "?");
        report(ok, "telemetry", c, what);
    }
    cJSON_Delete(doc);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: run_vectors <test/vectors dir>\n");
        return 2;
    }
    cohort(argv[1]);
    envelopes(argv[1]);
    freshness(argv[1]);
    manifest_cases(argv[1], "decisions.json", decision_case);
    nudges(argv[1]);
    boot(argv[1]);
    resume(argv[1]);
    telemetry(argv[1]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
