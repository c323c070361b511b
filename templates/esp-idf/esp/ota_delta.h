/* Delta updates (docs/delta.md): an esp_delta_ota patch from the image the device runs to the
 * build, listed in the signed manifest's build.deltas. Needs the espressif/esp_delta_ota component
 * (>= 1.1.4, idf_component.yml). Any failure leaves the boot partition as it is; the agent then
 * downloads the full image. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "ota_agent.h"
#include "ota_manifest.h"

typedef struct {
    const char *from_build_id;
    const char *url;    /* as in the manifest (resolve it like the build's url) */
    const char *sha256; /* of the patch file, 64 lowercase hex */
    int64_t size;       /* of the patch file, header included */
} ota_delta_t;

/* The build's esp_delta_ota patch made against the running image: the one whose
 * from_validation_hash is esp_partition_get_sha256() of the running partition. Points into m. */
bool ota_delta_for_running(const ota_manifest_t *m, ota_delta_t *out);

/* Streams the patch from url through esp_delta_ota into the next OTA partition (the base read
 * from the running partition), then checks the result exactly as a full download (byte count,
 * app description, SHA-256 of the staged partition) before switching the boot partition. */
esp_err_t ota_install_delta(const ota_agent_config_t *cfg, const ota_build_t *build, const ota_delta_t *delta, const char *url);
