/* Nudges ("check for updates now", docs/nudge.md): the device's checks, in order, the first failing
 * one being the verdict: malformed, bad_sig (HMAC-SHA256 with the provisioned key, compared in
 * constant time), wrong_target (another app or channel, a request id not bound to this app and channel
 * (contract 6), or neither this device nor "*"), stale /
 * future (issued_at more than OTA_NUDGE_WINDOW_S from the device's clock), replay (request_id
 * accepted before), flood (the replay table is full of live ids). Only a valid nudge enters the
 * replay table, so forgeries cannot fill it. A nudge grants nothing: the device still verifies the
 * manifest. Pure: no clock, no I/O; the caller passes unix seconds. */
#ifndef OTA_NUDGE_H
#define OTA_NUDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OTA_NUDGE_WINDOW_S 300

/* Accepted request ids are kept until their issued_at leaves the window (their message would be
 * stale by then). The table never evicts a live id: when all slots hold live ids a new nudge is
 * refused (flood) rather than forgetting an id that could then be replayed. 32 slots x 48 bytes
 * = 1.5 KiB; that is 32 nudges per 5 minutes, far above what a fleet sends. Override with
 * -DOTA_NUDGE_REPLAY_CAPACITY=n. */
#ifndef OTA_NUDGE_REPLAY_CAPACITY
#define OTA_NUDGE_REPLAY_CAPACITY 32
#endif

/* The longest nudge text ota_nudge_verify_json() parses (a 256-byte device id written as \u escapes
 * fits); anything longer is malformed before cJSON sees it. */
#ifndef OTA_NUDGE_MAX_JSON
#define OTA_NUDGE_MAX_JSON 4096
#endif

typedef enum {
    OTA_NUDGE_VALID,
    OTA_NUDGE_MALFORMED,
    OTA_NUDGE_BAD_SIG,
    OTA_NUDGE_WRONG_TARGET,
    OTA_NUDGE_STALE,
    OTA_NUDGE_FUTURE,
    OTA_NUDGE_REPLAY,
    OTA_NUDGE_FLOOD,
} ota_nudge_verdict_t;

typedef struct {
    char request_id[33]; /* "" when the slot is free */
    int64_t issued_at;
} ota_nudge_seen_t;

typedef struct {
    ota_nudge_seen_t slots[OTA_NUDGE_REPLAY_CAPACITY];
} ota_nudge_replay_t;

/* What the device was provisioned with. */
typedef struct {
    const uint8_t *key; /* the fleet's HMAC key, 32 bytes or more */
    size_t key_len;
    const char *app;
    const char *channel;
    const char *device_id;
} ota_nudge_device_t;

/* A parsed nudge; strings point into the caller's JSON tree. The signed fields first, in the
 * signing string's order; app and channel are checked, not signed. */
typedef struct {
    const char *request_id;
    const char *device_id;
    const char *action;
    int64_t issued_at;
    const char *sig;
    const char *app, *channel;
} ota_nudge_t;

void ota_nudge_replay_init(ota_nudge_replay_t *replay);

/* Verifies a nudge's JSON text (an MQTT payload, a webhook body) and, when valid, records its
 * request id. now_s: the device's clock in unix seconds. */
ota_nudge_verdict_t ota_nudge_verify_json(const char *json, size_t len, const ota_nudge_device_t *dev, int64_t now_s, ota_nudge_replay_t *replay);

/* The same on fields already extracted (e.g. FCM-style string maps). */
ota_nudge_verdict_t ota_nudge_verify(const ota_nudge_t *m, const ota_nudge_device_t *dev, int64_t now_s, ota_nudge_replay_t *replay);

/* "v1\n{request_id}\n{device_id}\n{action}\n{issued_at}"; the length, or -1 when it does not fit. */
int ota_nudge_signing_string(const ota_nudge_t *m, char *out, size_t cap);

/* The 16 lowercase hex chars that end the request id of a nudge for this app and channel
 * (contract 6): the first 8 bytes of SHA-256("otactl-nudge-target\n" app "\n" channel). 0 on success. */
int ota_nudge_target_tag(const char *app, const char *channel, char out[17]);

/* "valid", "malformed", "bad_sig", "wrong_target", "stale", "future", "replay", "flood". */
const char *ota_nudge_verdict_name(ota_nudge_verdict_t v);

#endif
