/* The install: esp_https_ota streams the build into the next OTA partition; before
 * esp_https_ota_finish switches the boot partition, the app description must be the manifest's
 * (project, version, secure_version), the byte count its size and the SHA-256 of the staged
 * partition its sha256. The image is hashed where it was written, not through the decrypt hook:
 * with CONFIG_ESP_HTTPS_OTA_DECRYPT_CB, esp_https_ota_get_img_desc answers ESP_ERR_NOT_SUPPORTED
 * (ESP-IDF 5.0 to 6.0) and esp_https_ota_begin refuses ota_resumption. */
#include <stdlib.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_efuse.h"
#include "esp_https_ota.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "nvs.h"
#include "ota_agent.h"
#include "ota_cohort.h"
#include "ota_glue_rules.h"
#include "sdkconfig.h"

#if CONFIG_ESP_HTTPS_OTA_DECRYPT_CB
#error "otactl: turn CONFIG_ESP_HTTPS_OTA_DECRYPT_CB off: with it esp_https_ota_get_img_desc answers ESP_ERR_NOT_SUPPORTED and resumption is refused; otactl hashes the staged partition instead"
#endif

/* ESP-IDF 6 ships Mbed TLS 4, whose hashing is PSA (the build takes port/ota_crypto_psa.c there). */
#if ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(6, 0, 0)
#include "psa/crypto.h"
typedef psa_hash_operation_t sha256_stream_t;
static bool sha256_begin(sha256_stream_t *s)
{
    *s = psa_hash_operation_init();
    return psa_crypto_init() == PSA_SUCCESS && psa_hash_setup(s, PSA_ALG_SHA_256) == PSA_SUCCESS;
}
static bool sha256_add(sha256_stream_t *s, const uint8_t *data, size_t n) { return psa_hash_update(s, data, n) == PSA_SUCCESS; }
static bool sha256_end(sha256_stream_t *s, uint8_t out[32])
{
    size_t len = 0;
    bool ok = psa_hash_finish(s, out, 32, &len) == PSA_SUCCESS && len == 32;
    psa_hash_abort(s); /* a no-op after a finish; frees after a failure */
    return ok;
}
#else
#include "mbedtls/md.h"
typedef mbedtls_md_context_t sha256_stream_t;
static bool sha256_begin(sha256_stream_t *s)
{
    mbedtls_md_init(s);
    return mbedtls_md_setup(s, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0) == 0 && mbedtls_md_starts(s) == 0;
}
static bool sha256_add(sha256_stream_t *s, const uint8_t *data, size_t n) { return mbedtls_md_update(s, data, n) == 0; }
static bool sha256_end(sha256_stream_t *s, uint8_t out[32])
{
    bool ok = mbedtls_md_finish(s, out) == 0;
    mbedtls_md_free(s);
    return ok;
}
#endif

/* ota_resumption / ota_image_bytes_written: ESP-IDF 5.5 and later. */
#define OTA_CAN_RESUME (ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(5, 5, 0))
#define NVS_NS "otactl"
#define SAVE_EVERY (64 * 1024) /* bytes between two saves of the download's progress (NVS wear) */
#define HASH_CHUNK 4096

static const char *TAG = "otactl";

/* The partly staged download to continue: ota_resume_from over what NVS holds. */
static int64_t resume_point(const ota_build_t *build)
{
    char saved[65] = "";
    size_t len = sizeof saved;
    int64_t written = 0;
    nvs_handle_t h;
    if (!OTA_CAN_RESUME || nvs_open(NVS_NS, NVS_READONLY, &h) != ESP_OK) return 0;
    if (nvs_get_str(h, "dl_sha", saved, &len) != ESP_OK || nvs_get_i64(h, "dl_done", &written) != ESP_OK) written = 0;
    nvs_close(h);
    return ota_resume_from(saved, written, build->sha256, build->size);
}

/* Remembers that `written` bytes of build are staged (0: forget any download). */
static void save_progress(const ota_build_t *build, int64_t written)
{
    nvs_handle_t h;
    if (nvs_open(NVS_NS, NVS_READWRITE, &h) != ESP_OK) return;
    if (written > 0 && OTA_CAN_RESUME) {
        nvs_set_str(h, "dl_sha", build->sha256);
        nvs_set_i64(h, "dl_done", written);
    } else {
        nvs_erase_key(h, "dl_sha");
        nvs_erase_key(h, "dl_done");
    }
    nvs_commit(h);
    nvs_close(h);
}

/* The image must be the build the manifest names: same project, same version string, and a
 * secure_version the eFuse anti-rollback counter accepts (ESP-IDF would refuse to boot it otherwise). */
static const char *app_desc_problem(const esp_app_desc_t *next, const ota_build_t *build)
{
    const esp_app_desc_t *running = esp_app_get_description();
    if (strncmp(next->project_name, running->project_name, sizeof next->project_name) != 0) return "another project";
    if (strncmp(next->version, build->version_name, sizeof next->version) != 0) return "version differs from the manifest";
    if (build->secure_version != OTA_NONE && (int64_t)next->secure_version != build->secure_version) return "secure_version differs from the manifest";
#if CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK
    if (!esp_efuse_check_secure_version(next->secure_version)) return "secure_version below the eFuse anti-rollback counter";
#endif
    return NULL;
}

/* SHA-256 of the first `size` bytes of the staged partition (read back, decrypted by flash
 * encryption if on) as lowercase hex; false when it could not be computed. */
static bool staged_sha256(const esp_partition_t *part, int64_t size, char hex[65])
{
    if (part == NULL || size > (int64_t)part->size) return false;
    uint8_t *buf = malloc(HASH_CHUNK);
    sha256_stream_t sha;
    bool ok = sha256_begin(&sha); /* always paired with sha256_end, which frees */
    ok = ok && buf != NULL;
    for (int64_t off = 0; ok && off < size; off += HASH_CHUNK) {
        size_t n = size - off < HASH_CHUNK ? (size_t)(size - off) : HASH_CHUNK;
        ok = esp_partition_read(part, (size_t)off, buf, n) == ESP_OK && sha256_add(&sha, buf, n);
    }
    uint8_t digest[32];
    ok = sha256_end(&sha, digest) && ok;
    if (ok) ota_hex(digest, 32, hex);
    free(buf);
    return ok;
}

#define RESPONSE_DOES_NOT_FIT ESP_ERR_INVALID_SIZE

/* One download from byte `from` (0: the whole build) into the next OTA partition, checked and
 * switched to. *problem names a verification failure (nothing is switched then); *finish_failed
 * says esp_https_ota_finish refused the image. */
static esp_err_t attempt(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url, int64_t from, const char **problem, bool *finish_failed)
{
    /* The request line must fit buffer_size_tx (512 by default): a CloudFront signed URL with its
     * custom policy runs to ~700 characters, and esp_http_client fails with "Out of buffer". */
    esp_http_client_config_t http = {.url = url, .cert_pem = cfg->server_cert_pem, .keep_alive_enable = true, .buffer_size_tx = 2048};
    esp_https_ota_config_t ota = {.http_config = &http};
#if OTA_CAN_RESUME
    ota.ota_resumption = true; /* sends Range: bytes=<from>- ; 6.0 starts over itself on a 200 */
    ota.ota_image_bytes_written = (size_t)from;
#endif
    (void)from;
    esp_https_ota_handle_t handle = NULL;
    esp_err_t err = esp_https_ota_begin(&ota, &handle);
    if (err != ESP_OK) return err;
    /* Bytes esp_https_ota kept (RESUME state); -1 in the BEGIN state: none. */
    int kept = esp_https_ota_get_image_len_read(handle);
    int64_t already = kept > 0 ? kept : 0;
    if (!ota_response_fits(already, esp_https_ota_get_image_size(handle), build->size)) {
        esp_https_ota_abort(handle); /* nothing of this response was written */
        *problem = already > 0 ? "the server did not send the rest of the build (Range ignored)" : "the server's length differs from the manifest's size";
        return RESPONSE_DOES_NOT_FIT;
    }
    esp_app_desc_t next;
    err = esp_https_ota_get_img_desc(handle, &next);
    if (err == ESP_OK) *problem = app_desc_problem(&next, build);
    int64_t saved = already;
    while (err == ESP_OK && *problem == NULL) {
        esp_err_t step = esp_https_ota_perform(handle);
        int done = esp_https_ota_get_image_len_read(handle);
        if (done > build->size) {
            *problem = "more bytes than the manifest's size";
        } else if (step == ESP_ERR_HTTPS_OTA_IN_PROGRESS) {
            if (OTA_CAN_RESUME && done - saved >= SAVE_EVERY) {
                save_progress(build, done);
                saved = done;
            }
            continue;
        } else if (step != ESP_OK && OTA_CAN_RESUME && done > saved) {
            save_progress(build, done); /* a broken link: the next check continues from here */
        }
        err = step;
        break;
    }
    char hex[65];
    if (err == ESP_OK && *problem == NULL) {
        if (!esp_https_ota_is_complete_data_received(handle) || esp_https_ota_get_image_len_read(handle) != build->size) {
            *problem = "incomplete image";
        } else if (!staged_sha256(esp_ota_get_next_update_partition(NULL), build->size, hex)) {
            err = ESP_FAIL;
        } else if (strcmp(hex, build->sha256) != 0) {
            *problem = "sha256 does not match the manifest";
        }
    }
    if (err != ESP_OK || *problem != NULL) {
        esp_https_ota_abort(handle); /* the boot partition stays as it is */
        if (*problem != NULL) save_progress(build, 0); /* wrong bytes: start over next time */
        return *problem != NULL ? ESP_ERR_INVALID_CRC : err;
    }
    save_progress(build, 0);
    err = esp_https_ota_finish(handle); /* esp_ota_end validates the image, then the boot partition switches */
    if (err != ESP_OK) *finish_failed = true;
    return err;
}

esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url)
{
    const char *problem = NULL;
    bool finish_failed = false;
    int64_t from = resume_point(build);
    if (from > 0) ESP_LOGI(TAG, "continuing %s from byte %lld", build->build_id, (long long)from);
    esp_err_t err = attempt(cfg, build, url, from, &problem, &finish_failed);
    if (err == RESPONSE_DOES_NOT_FIT && from > 0) {
        save_progress(build, 0); /* the server cannot continue it: once more, from byte 0 */
        problem = NULL;
        err = attempt(cfg, build, url, 0, &problem, &finish_failed);
    }
    if (err == ESP_OK) {
        ESP_LOGI(TAG, "installed %s; restarting into it", build->build_id);
    } else if (finish_failed) {
        cfg->emit("ota.install.fail", build->build_id, esp_err_to_name(err));
    } else if (problem != NULL) {
        cfg->emit("ota.verify.fail", build->build_id, problem);
    } else {
        cfg->emit("ota.download.fail", build->build_id, esp_err_to_name(err));
    }
    return err;
}
