/* A verified manifest payload (docs/manifest.md, docs/schema/), parsed with cJSON. The strings point
 * into the cJSON tree the struct owns: free it with ota_manifest_free(). */
#ifndef OTA_MANIFEST_H
#define OTA_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cJSON.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OTA_NONE (-1) /* an absent (JSON null) integer field */

typedef struct {
    bool present;
    const char *build_id;
    const char *kind;
    const char *version_name;
    const char *url;
    const char *sha256;             /* 64 lowercase hex */
    const char *signer_fingerprint; /* NULL when absent */
    const char *chip;               /* NULL when absent */
    int64_t version_code;
    int64_t size;
    int64_t secure_version;         /* OTA_NONE when absent */
} ota_build_t;

typedef struct {
    cJSON *root;
    const char *app;
    const char *channel;
    const char *salt;
    const char *issued_at;
    const char *expires_at;
    int64_t sequence;
    ota_build_t build;
    bool wifi_only;
    bool must_install;
    double percent;
    uint32_t basis_points;
    ota_build_t last_safe;
    const cJSON *canary_tags;          /* array of strings (may be empty) */
    const cJSON *canary_device_sha256; /* array of 64-hex strings (may be empty) */
    bool force_downgrade;
    const char *rolled_back_from;      /* NULL when absent */
    int min_battery;
    bool defer_in_call;
    bool has_install_window; /* constraints.install_window (format 1.2); absent: any time */
    int install_start;       /* minutes since local midnight, included */
    int install_end;         /* excluded; below install_start: the window wraps midnight */
    const cJSON *models; /* array of strings (may be empty) */
    const cJSON *chips;  /* array of strings (may be empty) */
    int64_t min_current_version; /* OTA_NONE when absent */
    ota_build_t intermediate;
} ota_manifest_t;

/* Parses and checks the fields the device relies on (types, ranges, hex digests; defaults as the
 * JSON Schema gives them). 0 on success; on failure *field names the first bad field. */
int ota_manifest_parse(const char *json, size_t len, ota_manifest_t *m, const char **field);
void ota_manifest_free(ota_manifest_t *m);

/* true when the JSON array of strings holds s (exact, byte for byte). */
bool ota_json_array_has(const cJSON *array, const char *s);

#ifdef __cplusplus
}
#endif
#endif
