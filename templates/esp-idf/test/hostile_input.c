/* The core against hostile input before any signature or HMAC is checked, on a thread with a
 * device-sized stack (16 KiB, pthread_attr_setstacksize): nesting deep but inside cJSON's own limit
 * of 1000, very long strings, duplicate keys, lax escapes and numbers, text after the value, bad
 * times, non-canonical base64, invalid device ids. Every answer must be "malformed" (or the named
 * refusal), without a crash; the harness builds it with ASan/UBSan where gcc can.
 * Prints one line per failing check and "N passed, N failed"; exits 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ota_cohort.h"
#include "ota_decision.h"
#include "ota_envelope.h"
#include "ota_manifest.h"
#include "ota_nudge.h"
#include "ota_time.h"
#include "../src/ota_base64.h"
#include "../src/ota_crypto.h"
#include "../src/ota_json_strict.h"
#include "device_stack.h"

#define DEEP 900 /* under cJSON's CJSON_NESTING_LIMIT (1000): cJSON alone would recurse this far */

static int passed, failed;

static void check(bool ok, const char *what)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s\n", what);
}

/* A heap string: prefix, then `count` copies of `unit`, then suffix (the thread's stack is small). */
static char *repeat(const char *prefix, const char *unit, size_t count, const char *suffix)
{
    size_t p = strlen(prefix), u = strlen(unit), s = strlen(suffix);
    char *out = malloc(p + u * count + s + 1);
    if (out == NULL) abort();
    memcpy(out, prefix, p);
    for (size_t i = 0; i < count; i++) memcpy(out + p + i * u, unit, u);
    memcpy(out + p + u * count, suffix, s + 1);
    return out;
}

static const char *envelope_verdict(const char *json)
{
    static uint8_t payload[4096];
    size_t payload_len = 0;
    uint32_t verified = 0;
    ota_env_result_t r = ota_verify_envelope(json, strlen(json), OTA_MANIFEST_PAYLOAD_TYPE, NULL, 0, payload, sizeof payload, &payload_len, &verified);
    return ota_env_result_name(r);
}

static void envelope_is(const char *json, const char *want, const char *what)
{
    const char *got = envelope_verdict(json);
    char line[200];
    snprintf(line, sizeof line, "envelope: %s: %s, expected %s", what, got, want);
    check(strcmp(got, want) == 0, line);
}

/* "{" + "\"x\":" + "[" x depth ... so the document is depth + 1 levels deep. */
static char *nested_envelope(size_t depth)
{
    char *open = repeat("{\"payloadType\":\"" OTA_MANIFEST_PAYLOAD_TYPE "\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}],\"x\":", "[", depth, "");
    char *doc = repeat(open, "]", depth, "}");
    free(open);
    return doc;
}

#define ENV_HEAD "{\"payloadType\":\"" OTA_MANIFEST_PAYLOAD_TYPE "\","

static void envelopes(void)
{
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "untrusted_key", "control: well formed, no provisioned key");
    char *doc = nested_envelope(7);
    envelope_is(doc, "untrusted_key", "8 levels deep (the bound) is read");
    free(doc);
    doc = nested_envelope(8);
    envelope_is(doc, "malformed", "9 levels deep");
    free(doc);
    doc = nested_envelope(DEEP);
    envelope_is(doc, "malformed", "900 levels deep");
    free(doc);
    doc = repeat("", "[", DEEP, "");
    envelope_is(doc, "malformed", "900 unclosed [");
    free(doc);
    doc = repeat("", "{\"a\":", DEEP, "1");
    envelope_is(doc, "malformed", "900 unclosed objects");
    free(doc);

    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"payload\":\"eyJhIjoxfQ==\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "malformed", "duplicate payload");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\",\"sig\":\"AAAA\"}]}", "malformed", "duplicate sig inside a signature");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"p\\u0061yload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "malformed", "duplicate payload, one escaped");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]} {}", "malformed", "text after the value");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\\u+123\",\"sig\":\"AAAA\"}]}", "malformed", "\\u+123 (cJSON reads U+0000)");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\\u00\",\"sig\":\"AAAA\"}]}", "malformed", "\\u with two hex digits");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\\u0000x\",\"sig\":\"AAAA\"}]}", "malformed", "\\u0000 (a C string cannot hold it)");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"\\udc00\",\"sig\":\"AAAA\"}]}", "malformed", "a lone low surrogate");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\\x\",\"sig\":\"AAAA\"}]}", "malformed", "an unknown escape");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"n\":+1,\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "malformed", "a number +1");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"n\":01,\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "malformed", "a number 01");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\xc3\",\"sig\":\"AAAA\"}]}", "malformed", "invalid UTF-8");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\xed\xa0\x80\",\"sig\":\"AAAA\"}]}", "malformed", "a surrogate in UTF-8");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\t\",\"sig\":\"AAAA\"}]}", "malformed", "a raw tab in a string");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAB\"}]}", "untrusted_key", "control: canonical sig, unknown key");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAB=\"}]}", "malformed", "sig with non-zero trailing bits");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAA\"}]}", "malformed", "sig without padding");
    envelope_is(ENV_HEAD "\"payload\":\"e31=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}", "malformed", "payload with non-zero trailing bits");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"\"}]}", "malformed", "an empty sig");
    envelope_is(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"},7]}", "malformed", "a signature that is not an object");

    doc = repeat(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"", "k", 200000, "\",\"sig\":\"AAAA\"}]}");
    envelope_is(doc, "untrusted_key", "a 200 kB keyid is read, not trusted");
    free(doc);
    doc = repeat(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"", "A", 200001, "\"}]}");
    envelope_is(doc, "malformed", "a 200 kB sig that is not base64 (length)");
    free(doc);
    doc = repeat(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"", "k", 200000, "");
    envelope_is(doc, "malformed", "a 200 kB unterminated string");
    free(doc);
    doc = repeat(ENV_HEAD "\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"", "\\u12", 50000, "\"}]}");
    envelope_is(doc, "malformed", "50,000 broken \\u escapes");
    free(doc);
}

static const uint8_t KEY[32] = {1};
static const ota_nudge_device_t DEVICE = {KEY, sizeof KEY, "fw", "beta", "esp-1"};

static void nudge_is(const char *json, ota_nudge_verdict_t want, const char *what)
{
    static ota_nudge_replay_t replay;
    ota_nudge_replay_init(&replay);
    ota_nudge_verdict_t got = ota_nudge_verify_json(json, strlen(json), &DEVICE, 1000, &replay);
    char line[200];
    snprintf(line, sizeof line, "nudge: %s: %s, expected %s", what, ota_nudge_verdict_name(got), ota_nudge_verdict_name(want));
    check(got == want, line);
}

#define NUDGE_HEAD "{\"action\":\"update\",\"app\":\"fw\",\"channel\":\"beta\",\"request_id\":\"00000000000000000000000000000000\",\"issued_at\":1000,"
#define NUDGE_SIG "\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\""

static void nudges(void)
{
    nudge_is(NUDGE_HEAD "\"device_id\":\"esp-1\"," NUDGE_SIG "}", OTA_NUDGE_BAD_SIG, "control: well formed, wrong HMAC");
    nudge_is(NUDGE_HEAD "\"device_id\":\"esp-1\",\"device_id\":\"*\"," NUDGE_SIG "}", OTA_NUDGE_MALFORMED, "duplicate device_id (8 members)");
    nudge_is(NUDGE_HEAD "\"device_id\":\"esp-1\",\"app\":\"other\"," NUDGE_SIG "}", OTA_NUDGE_MALFORMED, "duplicate app");
    char *doc = repeat(NUDGE_HEAD "\"device_id\":", "[", DEEP, "");
    nudge_is(doc, OTA_NUDGE_MALFORMED, "900 unclosed [ in device_id");
    free(doc);
    char *open = repeat(NUDGE_HEAD NUDGE_SIG ",\"device_id\":", "[", DEEP, "");
    doc = repeat(open, "]", DEEP, "}");
    nudge_is(doc, OTA_NUDGE_MALFORMED, "device_id nested 900 deep");
    free(open);
    free(doc);
    open = repeat(NUDGE_HEAD NUDGE_SIG ",\"device_id\":", "[", 7, "\"esp-1\"");
    doc = repeat(open, "]", 7, "}");
    nudge_is(doc, OTA_NUDGE_MALFORMED, "device_id nested 8 deep: read, not a string");
    free(open);
    free(doc);
    doc = repeat(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"", "e", 100000, "\"}");
    nudge_is(doc, OTA_NUDGE_MALFORMED, "a 100 kB device_id");
    free(doc);
    doc = repeat(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"", "e", 257, "\"}");
    nudge_is(doc, OTA_NUDGE_MALFORMED, "a 257-byte device_id");
    free(doc);
    doc = repeat(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"", "e", 256, "\"}");
    nudge_is(doc, OTA_NUDGE_BAD_SIG, "a 256-byte device_id is read");
    free(doc);
    nudge_is(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"esp\\u0001\"}", OTA_NUDGE_MALFORMED, "a control character in device_id");
    nudge_is(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"esp\\ud800\"}", OTA_NUDGE_MALFORMED, "a lone high surrogate in device_id");
    nudge_is(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"esp-1\\u+001\"}", OTA_NUDGE_MALFORMED, "device_id \"esp-1\\u+001\" (cJSON reads \"esp-1\")");
    nudge_is(NUDGE_HEAD NUDGE_SIG ",\"device_id\":\"esp-1\"} x", OTA_NUDGE_MALFORMED, "text after the value");
}

static void manifests(void)
{
    ota_manifest_t m;
    const char *field;
    char *doc = repeat("{\"schema_version\":1,\"x\":", "[", DEEP, "");
    check(ota_manifest_parse(doc, strlen(doc), &m, &field) != 0, "manifest: 900 unclosed [ refused");
    free(doc);
    const char *dup = "{\"schema_version\":1,\"schema_version\":1}";
    check(ota_manifest_parse(dup, strlen(dup), &m, &field) != 0, "manifest: duplicate key refused");
}

static void times(void)
{
    static const struct {
        const char *text;
        bool ok;
    } cases[] = {
        {"2026-02-28T23:59:59Z", true}, {"2024-02-29T00:00:00.123Z", true}, {"2000-02-29T00:00:00Z", true},
        {"2026-02-29T00:00:00Z", false}, {"1900-02-29T00:00:00Z", false}, {"2026-02-31T00:00:00Z", false},
        {"2026-04-31T00:00:00Z", false}, {"2026-12-31T23:59:60Z", false}, {"2026-01-01t00:00:00Z", false},
        {"2026-01-01T00:00:00z", false}, {"2026-01-01T00:00:00+00:00", false}, {"2026-01-01T24:00:00Z", false},
        {"2026-01-01T00:00:00.Z", false}, {"2026-01-01T00:00Z", false}, {"2026-01-01T00:00:00Z ", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t ms;
        char line[120];
        snprintf(line, sizeof line, "time %s: expected %s", cases[i].text, cases[i].ok ? "read" : "refused");
        check((ota_parse_time_ms(cases[i].text, &ms) == 0) == cases[i].ok, line);
    }
}

static void device_ids(void)
{
    static const struct {
        const char *id;
        bool ok;
    } cases[] = {
        {"esp-1", true}, {"d\xc3\xa9vice", true}, {"\xf0\x9f\x98\x80", true}, {"", false}, {"esp\n", false}, {"esp\t", false},
        {"esp\x7f", false}, {"esp\xed\xa0\x80", false}, {"esp\xc0\xaf", false}, {"esp\xff", false}, {"esp\xe2\x82", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[120];
        snprintf(line, sizeof line, "device id case %u: expected %s", (unsigned)i, cases[i].ok ? "a bucket" : "none");
        check((ota_cohort_bucket("salt", cases[i].id) != OTA_BUCKET_NONE) == cases[i].ok, line);
    }
    char *longest = repeat("", "e", 256, "");
    char *too_long = repeat("", "e", 257, "");
    check(ota_cohort_bucket("salt", longest) != OTA_BUCKET_NONE, "device id of 256 bytes has a bucket");
    check(ota_cohort_bucket("salt", too_long) == OTA_BUCKET_NONE, "device id of 257 bytes has none");
    free(longest);
    free(too_long);
}

static void *run(void *arg)
{
    (void)arg;
    envelopes();
    nudges();
    manifests();
    times();
    device_ids();
    return NULL;
}

int main(void)
{
    if (run_on_device_stack(run) != 0) return 2;
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
