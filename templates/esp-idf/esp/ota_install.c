/* The install: esp_https_ota streams the build into the next OTA partition; before
 * esp_https_ota_finish switches the boot partition, the app description must be the manifest's
 * (project, version, secure_version), the byte count its size and the SHA-256 of the staged
 * partition its sha256. The image is hashed where it was written, not through the decrypt hook:
 * with CONFIG_ESP_HTTPS_OTA_DECRYPT_CB, esp_https_ota_get_img_desc answers ESP_ERR_NOT_SUPPORTED
 * (ESP-IDF 5.0 to 6.0) and esp_https_ota_begin refuses ota_resumption. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
#include "ota_install_checks.h"
#include "ota_resume.h"
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

/* The partly staged download to continue (OTA_RESUME_ABSENT: none), from what NVS holds. */
static int64_t resume_point(const ota_build_t *build)
{
    char saved[65] = "";
    size_t len = sizeof saved;
    int64_t written = 0;
    nvs_handle_t h;
    if (!OTA_CAN_RESUME || nvs_open(NVS_NS, NVS_READONLY, &h) != ESP_OK) return OTA_RESUME_ABSENT;
    bool found = nvs_get_str(h, "dl_sha", saved, &len) == ESP_OK && nvs_get_i64(h, "dl_done", &written) == ESP_OK;
    nvs_close(h);
    return found ? ota_idf_resume_from(saved, written, build->sha256, build->size) : OTA_RESUME_ABSENT;
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
const char *ota_app_desc_problem(const esp_app_desc_t *next, const ota_build_t *build)
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
bool ota_staged_sha256(const esp_partition_t *part, int64_t size, char hex[65])
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

/* The response headers esp_https_ota never shows: its Content-Range, seen through esp_http_client's
 * events (reset at each request, so only the response esp_https_ota_begin kept counts). */
typedef struct {
    char content_range[64];
    bool seen, too_long;
} response_seen_t;

static esp_err_t on_http_event(esp_http_client_event_t *evt)
{
    response_seen_t *r = evt->user_data;
    if (evt->event_id == HTTP_EVENT_HEADERS_SENT) {
        r->seen = r->too_long = false;
    } else if (evt->event_id == HTTP_EVENT_ON_HEADER && evt->header_key != NULL && evt->header_value != NULL
               && strcasecmp(evt->header_key, "Content-Range") == 0) {
        size_t n = strlen(evt->header_value);
        r->seen = true;
        r->too_long = n >= sizeof r->content_range; /* longer than any valid one: refused by the plan */
        if (!r->too_long) memcpy(r->content_range, evt->header_value, n + 1);
    }
    return ESP_OK;
}

typedef struct {
    esp_err_t err;      /* ESP_OK: installed, the boot partition switched */
    const char *event;  /* otherwise: ota.download.fail | ota.verify.fail | ota.install.fail */
    const char *detail;
    bool start_over;    /* the response could not continue the kept bytes: once more from byte 0 */
} attempt_t;

static attempt_t failed(esp_https_ota_handle_t handle, esp_err_t err, const char *event, const char *detail)
{
    if (handle != NULL) esp_https_ota_abort(handle); /* the boot partition stays as it is */
    const attempt_t a = {err, event, detail, false};
    return a;
}

/* One download into the next OTA partition, continuing at byte `from` (ESP-IDF 5.5+,
 * OTA_RESUME_ABSENT: from the start), checked, and switched to. */
static attempt_t attempt(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url, int64_t from)
{
    response_seen_t seen = {.seen = false};
    /* The request line must fit buffer_size_tx (512 by default): a CloudFront signed URL with its
     * custom policy runs to ~700 characters, and esp_http_client fails with "Out of buffer". */
    esp_http_client_config_t http = {.url = url, .cert_pem = cfg->server_cert_pem, .keep_alive_enable = true, .buffer_size_tx = 2048,
                                     .event_handler = on_http_event, .user_data = &seen};
    esp_https_ota_config_t ota = {.http_config = &http};
#if OTA_CAN_RESUME
    ota.ota_resumption = true; /* asks Range: bytes=<from>- ; 6.0 falls back to a plain GET itself on a 200 */
    ota.ota_image_bytes_written = from > 0 ? (size_t)from : 0;
#else
    (void)from;
#endif
    int64_t kept = 0; /* bytes esp_https_ota kept from an earlier session */
    esp_https_ota_handle_t handle = NULL;
    esp_err_t err = esp_https_ota_begin(&ota, &handle);
    if (err != ESP_OK) return failed(NULL, err, "ota.download.fail", esp_err_to_name(err));
#if OTA_CAN_RESUME
    int kept_read = esp_https_ota_get_image_len_read(handle); /* -1 in the BEGIN state: nothing kept */
    kept = kept_read > 0 ? kept_read : 0;
    int status = esp_https_ota_get_status_code(handle);
#else
    int status = 200; /* no Range was sent, and esp_https_ota_begin refused 4xx and 5xx */
#endif
    int64_t asked = ota_idf_range_asked(kept, status);
    int length = esp_https_ota_get_image_size(handle); /* Content-Length, -1 when unknown */
    const char *content_range = !seen.seen ? NULL : seen.too_long ? "" : seen.content_range;
    ota_resume_plan_t plan = ota_resume_plan(asked, build->size, status, content_range, length < 0 ? OTA_RESUME_ABSENT : length);
    switch (ota_idf_response_step(&plan, kept)) {
    case OTA_IDF_WRITE:
        break;
    case OTA_IDF_START_OVER: {
        save_progress(build, 0);
        attempt_t again = failed(handle, ESP_ERR_INVALID_RESPONSE, "ota.download.fail", plan.reason);
        again.start_over = true;
        return again;
    }
    case OTA_IDF_STOP_DISCARD:
        save_progress(build, 0);
        return failed(handle, ESP_ERR_INVALID_RESPONSE, "ota.download.fail", plan.reason);
    case OTA_IDF_STOP_KEEP:
        return failed(handle, ESP_ERR_INVALID_RESPONSE, "ota.download.fail", plan.reason);
    }

    esp_app_desc_t next;
    err = esp_https_ota_get_img_desc(handle, &next);
    if (err != ESP_OK) return failed(handle, err, "ota.download.fail", esp_err_to_name(err));
    const char *problem = ota_app_desc_problem(&next, build);
    if (problem != NULL) {
        save_progress(build, 0);
        return failed(handle, ESP_ERR_INVALID_VERSION, "ota.verify.fail", problem);
    }

    int64_t saved = kept, received = 0, on_disk = 0;
    for (;;) {
        err = esp_https_ota_perform(handle);
        received = esp_https_ota_get_image_len_read(handle) - kept;
        if (received > plan.length) {
            save_progress(build, 0);
            return failed(handle, ESP_ERR_INVALID_SIZE, "ota.verify.fail", "size: more bytes than the response announced");
        }
        if (err != ESP_ERR_HTTPS_OTA_IN_PROGRESS) break;
        if (OTA_CAN_RESUME && kept + received - saved >= SAVE_EVERY) {
            saved = kept + received;
            save_progress(build, saved);
        }
    }
    if (err != ESP_OK) {
        if (OTA_CAN_RESUME && kept + received > saved) save_progress(build, kept + received); /* a broken link: continued at the next check */
        return failed(handle, err, "ota.download.fail", esp_err_to_name(err));
    }
    switch (ota_resume_outcome(&plan, asked, build->size, received, &on_disk)) {
    case OTA_RESUME_COMPLETE:
        break;
    case OTA_RESUME_PARTIAL: /* a shorter 206: the rest at the next check */
        save_progress(build, on_disk);
        return failed(handle, ESP_ERR_INVALID_SIZE, "ota.download.fail", "partial");
    case OTA_RESUME_OVERLONG:
    case OTA_RESUME_NOTHING:
        save_progress(build, 0);
        return failed(handle, ESP_ERR_INVALID_SIZE, "ota.verify.fail", "size: incomplete image");
    }
    char hex[65];
    if (!esp_https_ota_is_complete_data_received(handle) || !ota_staged_sha256(esp_ota_get_next_update_partition(NULL), build->size, hex)) {
        return failed(handle, ESP_FAIL, "ota.download.fail", "the staged image could not be read back");
    }
    save_progress(build, 0); /* installed or wrong: either way nothing to continue */
    if (strcmp(hex, build->sha256) != 0) return failed(handle, ESP_ERR_INVALID_CRC, "ota.verify.fail", "sha256 does not match the manifest");
    err = esp_https_ota_finish(handle); /* esp_ota_end validates the image, then the boot partition switches */
    const attempt_t done = {err, err == ESP_OK ? NULL : "ota.install.fail", err == ESP_OK ? NULL : esp_err_to_name(err), false};
    return done;
}

esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url)
{
    int64_t from = resume_point(build);
    if (from > 0) ESP_LOGI(TAG, "continuing %s from byte %lld", build->build_id, (long long)from);
    attempt_t a = attempt(cfg, build, url, from);
    if (a.start_over) {
        ESP_LOGW(TAG, "%s: the server did not continue the download (%s); from byte 0", build->build_id, a.detail);
        a = attempt(cfg, build, url, OTA_RESUME_ABSENT);
    }
    if (a.err == ESP_OK) {
        ESP_LOGI(TAG, "installed %s; restarting into it", build->build_id);
    } else {
        cfg->emit(a.event, build->build_id, a.detail);
    }
    return a.err;
}
