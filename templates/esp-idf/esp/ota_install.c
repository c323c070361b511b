#include <stdlib.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_efuse.h"
#include "esp_https_ota.h"
#include "esp_log.h"
#include "mbedtls/md.h"
#include "ota_agent.h"
#include "ota_cohort.h"
#include "sdkconfig.h"

#if !CONFIG_ESP_HTTPS_OTA_DECRYPT_CB
#error "otactl: enable CONFIG_ESP_HTTPS_OTA_DECRYPT_CB; its callback hashes the image as it streams"
#endif

static const char *TAG = "otactl";

typedef struct {
    mbedtls_md_context_t md;
    int64_t hashed;
    bool failed;
} stream_hash_t;

/* Not a decryption: hands each chunk on unchanged (esp_https_ota frees data_out) and hashes it. */
static esp_err_t hash_chunk(decrypt_cb_arg_t *args, void *user)
{
    stream_hash_t *h = user;
    args->data_out = malloc(args->data_in_len);
    if (args->data_out == NULL) return ESP_ERR_NO_MEM;
    memcpy(args->data_out, args->data_in, args->data_in_len);
    args->data_out_len = args->data_in_len;
    if (mbedtls_md_update(&h->md, (const unsigned char *)args->data_in, args->data_in_len) != 0) h->failed = true;
    h->hashed += (int64_t)args->data_in_len;
    return ESP_OK;
}

/* The image must be the build the manifest names: same version string, and a secure_version the
 * eFuse anti-rollback counter accepts (ESP-IDF would refuse to boot it otherwise). */
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

esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url)
{
    stream_hash_t h = {.hashed = 0, .failed = false};
    mbedtls_md_init(&h.md);
    if (mbedtls_md_setup(&h.md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0) != 0 || mbedtls_md_starts(&h.md) != 0) {
        mbedtls_md_free(&h.md);
        return ESP_ERR_NO_MEM;
    }
    /* The request line must fit buffer_size_tx (512 by default): a CloudFront signed URL with its
     * custom policy runs to ~700 characters, and esp_http_client fails with "Out of buffer". */
    esp_http_client_config_t http = {.url = url, .cert_pem = cfg->server_cert_pem, .keep_alive_enable = true, .buffer_size_tx = 2048};
    esp_https_ota_config_t ota = {.http_config = &http, .decrypt_cb = hash_chunk, .decrypt_user_ctx = &h};
    esp_https_ota_handle_t handle = NULL;
    const char *problem = NULL;
    esp_err_t err = esp_https_ota_begin(&ota, &handle);
    if (err == ESP_OK) {
        esp_app_desc_t next;
        err = esp_https_ota_get_img_desc(handle, &next);
        if (err == ESP_OK) problem = app_desc_problem(&next, build);
    }
    while (err == ESP_OK && problem == NULL && (err = esp_https_ota_perform(handle)) == ESP_ERR_HTTPS_OTA_IN_PROGRESS) {
        err = ESP_OK;
    }
    if (err == ESP_OK && problem == NULL) {
        uint8_t digest[32];
        char hex[65];
        if (!esp_https_ota_is_complete_data_received(handle) || h.failed || h.hashed != build->size || mbedtls_md_finish(&h.md, digest) != 0) {
            problem = "incomplete image";
        } else {
            ota_hex(digest, 32, hex);
            if (strcmp(hex, build->sha256) != 0) problem = "sha256 does not match the manifest";
        }
    }
    mbedtls_md_free(&h.md);
    if (handle != NULL && (err != ESP_OK || problem != NULL)) {
        esp_https_ota_abort(handle); /* the boot partition stays as it is */
        cfg->emit(problem ? "ota.verify.fail" : "ota.download.fail", build->build_id, problem ? problem : esp_err_to_name(err));
        return problem ? ESP_ERR_INVALID_CRC : err;
    }
    if (handle == NULL) {
        cfg->emit("ota.download.fail", build->build_id, esp_err_to_name(err));
        return err;
    }
    err = esp_https_ota_finish(handle); /* validates the image and switches the boot partition */
    if (err != ESP_OK) {
        cfg->emit("ota.install.fail", build->build_id, esp_err_to_name(err));
        return err;
    }
    ESP_LOGI(TAG, "installed %s; restarting into it", build->build_id);
    return ESP_OK;
}
