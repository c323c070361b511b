/* Cohort contract of otactl (docs/manifest.md, docs/design.md), shared with the TypeScript and Kotlin clients:
 *   h = SHA-256(UTF-8(salt) || ':' || UTF-8(device_id)); bucket = u32be(h[0..4]) mod 10000;
 *   in rollout <=> bucket < round(percent * 100). */
#ifndef OTA_COHORT_H
#define OTA_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTA_BUCKETS 10000u
/* Returned by ota_cohort_bucket when hashing fails: above every threshold, so never in a cohort. */
#define OTA_BUCKET_NONE UINT32_MAX

/* The device's bucket 0..9999 for this salt. Both strings are used byte for byte (no trimming).
 * A device id that is not 1..256 bytes of well-formed UTF-8 without control characters (contract 3)
 * has no bucket: OTA_BUCKET_NONE. */
uint32_t ota_cohort_bucket(const char *salt, const char *device_id);

/* bucket = u32be(digest[0..4]) mod 10000. */
uint32_t ota_bucket_of_digest(const uint8_t digest[32]);

/* The full cohort digest (also the canary device hash, as 64 lowercase hex + NUL). 0 on success,
 * -1 for an invalid device id (see ota_cohort_bucket) or a crypto failure. */
int ota_cohort_digest(const char *salt, const char *device_id, uint8_t out[32]);
void ota_hex(const uint8_t *bytes, size_t n, char *out /* 2n + 1 */);

/* Basis points for a validated percent in [0, 100]: round(percent * 100). */
uint32_t ota_basis_points(double percent);

static inline bool ota_in_cohort(uint32_t bucket, uint32_t basis_points) { return bucket < basis_points; }

#ifdef __cplusplus
}
#endif
#endif
