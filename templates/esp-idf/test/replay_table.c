/* The nudge replay table's bounds (built with -DOTA_NUDGE_REPLAY_CAPACITY=3): it holds at most that
 * many live ids, refuses a new nudge when full of them (flood) instead of evicting one, reuses the
 * slot of an id that left the window, and forgeries never take a slot; a validly signed nudge whose
 * request id is bound to another channel (contract 6) is wrong_target.
 * Prints one line per failing check and "N passed, N failed"; exits 1 on any failure. */
#include <stdio.h>
#include <string.h>

#include "ota_cohort.h"
#include "ota_nudge.h"
#include "../src/ota_crypto.h"

_Static_assert(OTA_NUDGE_REPLAY_CAPACITY == 3, "build with -DOTA_NUDGE_REPLAY_CAPACITY=3");

static int passed, failed;
static const uint8_t key[32] = {7};
static const ota_nudge_device_t device = {key, sizeof key, "fw-sensor", "beta", "esp-1"};

static void expect(const char *what, ota_nudge_verdict_t got, ota_nudge_verdict_t want)
{
    if (got == want) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s: %s, expected %s\n", what, ota_nudge_verdict_name(got), ota_nudge_verdict_name(want));
}

/* A nudge with request id n bound to `channel` (contract 6), issued at `at`, signed with `k`. */
static ota_nudge_verdict_t send_to(ota_nudge_replay_t *r, const char *channel, int n, int64_t at, int64_t now, const uint8_t *k)
{
    char id[33], tag[17], signing[256], sig[65];
    ota_nudge_target_tag(device.app, channel, tag);
    snprintf(id, sizeof id, "%016d%s", n, tag);
    ota_nudge_t m = {.request_id = id, .device_id = device.device_id, .action = "update", .issued_at = at, .app = device.app, .channel = device.channel};
    int len = ota_nudge_signing_string(&m, signing, sizeof signing);
    uint8_t mac[32];
    const ota_span_t part = {signing, (size_t)len};
    ota_hmac_sha256(k, 32, &part, 1, mac);
    ota_hex(mac, 32, sig);
    m.sig = sig;
    return ota_nudge_verify(&m, &device, now, r);
}

static ota_nudge_verdict_t send(ota_nudge_replay_t *r, int n, int64_t at, int64_t now, const uint8_t *k)
{
    return send_to(r, device.channel, n, at, now, k);
}

int main(void)
{
    static const uint8_t other_key[32] = {8};
    ota_nudge_replay_t r;
    ota_nudge_replay_init(&r);
    for (int n = 1; n <= 3; n++) expect("filling the table", send(&r, n, 1000, 1000, key), OTA_NUDGE_VALID);
    expect("a fourth live id: refused, nothing evicted", send(&r, 4, 1000, 1000, key), OTA_NUDGE_FLOOD);
    expect("the first id is still remembered", send(&r, 1, 1000, 1000, key), OTA_NUDGE_REPLAY);
    for (int n = 10; n < 20; n++) expect("forgeries are refused", send(&r, n, 1000, 1000, other_key), OTA_NUDGE_BAD_SIG);
    expect("forgeries took no slot", send(&r, 5, 1000, 1000, key), OTA_NUDGE_FLOOD);
    expect("301 s later a stale id's slot is reused", send(&r, 6, 1301, 1301, key), OTA_NUDGE_VALID);
    expect("the new id is remembered", send(&r, 6, 1301, 1301, key), OTA_NUDGE_REPLAY);
    ota_nudge_replay_t fresh;
    ota_nudge_replay_init(&fresh);
    expect("a signed nudge whose request id is bound to another channel", send_to(&fresh, "stable", 7, 1301, 1301, key), OTA_NUDGE_WRONG_TARGET);
    const char *extra = "{\"action\":\"update\",\"app\":\"fw-sensor\",\"channel\":\"beta\",\"request_id\":\"00000000000000000000000000000007\","
                        "\"device_id\":\"esp-1\",\"issued_at\":1301,\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"x\":1}";
    expect("an unknown field is malformed", ota_nudge_verify_json(extra, strlen(extra), &device, 1301, &r), OTA_NUDGE_MALFORMED);
    const char *dup = "{\"action\":\"update\",\"app\":\"fw-sensor\",\"app\":\"fw-sensor\",\"request_id\":\"00000000000000000000000000000007\","
                      "\"device_id\":\"esp-1\",\"issued_at\":1301,\"sig\":\"0000000000000000000000000000000000000000000000000000000000000000\"}";
    expect("a duplicate field is malformed", ota_nudge_verify_json(dup, strlen(dup), &device, 1301, &r), OTA_NUDGE_MALFORMED);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
