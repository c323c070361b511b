/* What the client tells the CDN's access logs (docs/telemetry.md, test/vectors/telemetry.json), shared
 * with the TypeScript and Kotlin clients: who it is and what it runs on every manifest request, and
 * one beacon GET per outcome beside the manifest. `otactl stats` and rollout plans read them. */
#ifndef OTA_TELEMETRY_H
#define OTA_TELEMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ota_boot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome names (the beacon objects otactl publishes per build). */
#define OTA_OUTCOME_OK "ok"                   /* installed (ota.install.ok) */
#define OTA_OUTCOME_FAIL "fail"               /* install failed (ota.install.fail) */
#define OTA_OUTCOME_VERIFY_FAIL "verify_fail" /* the download did not match the manifest (ota.verify.fail) */
#define OTA_OUTCOME_BOOTED "booted"           /* the installed build started, pending (ota.boot.pending) */
#define OTA_OUTCOME_HEALTHY "healthy"         /* it verified the manifest itself: a confirmed boot (ota.boot.valid) */
#define OTA_OUTCOME_ROLLED_BACK "rolled_back" /* went back (ota.boot.rollback, ota.boot.reverted) */
#define OTA_OUTCOME_DEFERRED "deferred"       /* offered, waiting: reason ota.defer.* */
#define OTA_OUTCOME_INELIGIBLE "ineligible"   /* not offered: reason ota.ineligible.* */

#define OTA_TELEMETRY_ID_LEN 64
#define OTA_BEACON_REASON_MAX 64

/* d = lowercase hex SHA-256("otactl-device" ":" device_id) + NUL. 0, or -1 for an id that is not a
 * device id (contract 3) or a crypto failure. A fleet with sensitive ids may send its own value
 * instead (an HMAC of the id under a fleet secret): 1..64 of [0-9A-Za-z_-]. */
int ota_telemetry_id(const char *device_id, char out[OTA_TELEMETRY_ID_LEN + 1]);

/* true for a value stats reads as a device id: 1..64 of [0-9A-Za-z_-]. */
bool ota_telemetry_id_valid(const char *id);

/* The manifest URL with "d=<id>&v=<version_code>" at the start of its query (a query of its own
 * follows after "&"). Writes a NUL-terminated string; 0, or -1 when it does not fit or id is invalid. */
int ota_check_url(const char *manifest_url, const char *id, uint32_t version_code, char *out, size_t cap);

/* The beacon URL of an outcome: the manifest URL without query or fragment, its last three path
 * segments (channels/<channel>/manifest.json) replaced by beacons/<build_id>/<outcome>.txt, then
 * ?d=<id>&c=<channel>[&r=<reason, cut to 64 bytes>] form-encoded. reason may be NULL.
 * 0, or -1 when it does not fit or the URL has too few path segments. */
int ota_beacon_url(const char *manifest_url, const char *build_id, const char *outcome, const char *id, const char *channel,
                   const char *reason, char *out, size_t cap);

/* The outcome a boot-validation step reports (NULL: nothing), and its reason (*reason_out, may be
 * NULL). pending_boot: the step was a boot of the pending build that left it pending. */
const char *ota_boot_outcome(ota_boot_action_t action, const char *rollback_reason, bool pending_boot, const char **reason_out);

/* The beacon of a failed update attempt (NULL: none), from the event the glue emitted for it and its
 * detail, with the reasons the TypeScript SDK sends: ota.install.fail -> "fail", reason
 * "ota.install.fail"; ota.verify.fail -> "verify_fail", reason the check that failed: the detail's
 * first word when it is "sha256", "size" or "signer", else "image" (the image did not fit the build:
 * chip, project, header); anything else (a failed download: nothing reached the installer) -> NULL. */
const char *ota_failure_outcome(const char *event, const char *detail, const char **reason_out);

#ifdef __cplusplus
}
#endif
#endif
