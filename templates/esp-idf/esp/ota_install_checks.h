/* What an install checks before the boot partition switches, shared by the full download
 * (ota_install.c) and the delta install (ota_delta.c), so a patched image is verified exactly as a
 * downloaded one. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "esp_app_desc.h"
#include "esp_partition.h"
#include "ota_manifest.h"

/* NULL when the staged image's app description is the manifest's build (project, version,
 * secure_version, anti-rollback); otherwise what differs. */
const char *ota_app_desc_problem(const esp_app_desc_t *next, const ota_build_t *build);

/* SHA-256 of the first `size` bytes of the partition (read back, decrypted by flash encryption if
 * on) as lowercase hex; false when it could not be computed. */
bool ota_staged_sha256(const esp_partition_t *part, int64_t size, char hex[65]);
