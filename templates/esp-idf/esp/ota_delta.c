/* Delta install (docs/delta.md): the manifest's build.deltas may list an esp_delta_ota patch made
 * against the image this device runs, named by that image's validation hash (the SHA-256 appended
 * to it, which esp_partition_get_sha256 returns for the running app partition). The patch is a
 * 64-byte header (magic 0xfccdde10 little-endian, the base validation hash, 28 zero bytes) and a
 * detools sequential heatshrink patch, applied by esp_delta_ota while the new image is written
 * to the next OTA partition. The result is checked as a full download is before the boot
 * partition switches; on any failure nothing switches and the agent downloads the full image. */
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "esp_app_desc.h"
#include "esp_delta_ota.h"
#include "esp_http_client.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "ota_cohort.h"
#include "ota_delta.h"
#include "ota_install_checks.h"

#define DELTA_MAGIC 0xfccdde10u
#define DELTA_HEADER_LEN 64
#define CHUNK 1024
#define MAX_EXACT_INT 9007199254740991.0

static const char *TAG = "otactl";

static bool is_hex64(const char *s)
{
    if (s == NULL || strlen(s) != 64) return false;
    for (const char *c = s; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'))) return false;
    }
    return true;
}

bool ota_delta_for_running(const ota_manifest_t *m, ota_delta_t *out)
{
    const cJSON *deltas = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(m->root, "build"), "deltas");
    if (!cJSON_IsArray(deltas)) return false; /* absent: an older otactl, --no-deltas, or no base worth a patch */
    const esp_partition_t *running = esp_ota_get_running_partition();
    uint8_t hash[32];
    char running_hex[65];
    if (running == NULL || esp_partition_get_sha256(running, hash) != ESP_OK) return false;
    ota_hex(hash, sizeof hash, running_hex);
    const cJSON *d;
    cJSON_ArrayForEach(d, deltas) {
        const cJSON *format = cJSON_GetObjectItemCaseSensitive(d, "format");
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(d, "from_validation_hash");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "from_build_id");
        const cJSON *url = cJSON_GetObjectItemCaseSensitive(d, "url");
        const cJSON *sha = cJSON_GetObjectItemCaseSensitive(d, "sha256");
        const cJSON *size = cJSON_GetObjectItemCaseSensitive(d, "size");
        /* Another format, another base or a malformed entry: not this one (the full image stays). */
        if (!cJSON_IsString(format) || strcmp(format->valuestring, "esp_delta_ota") != 0) continue;
        if (!cJSON_IsString(from) || strcmp(from->valuestring, running_hex) != 0) continue;
        if (!cJSON_IsString(url) || !cJSON_IsString(sha) || !is_hex64(sha->valuestring) || !cJSON_IsString(id)) continue;
        if (!cJSON_IsNumber(size) || size->valuedouble <= DELTA_HEADER_LEN || size->valuedouble > MAX_EXACT_INT) continue;
        out->from_build_id = id->valuestring;
        out->url = url->valuestring;
        out->sha256 = sha->valuestring;
        out->size = (int64_t)size->valuedouble;
        return true;
    }
    return false;
}

typedef struct {
    const esp_partition_t *running;
    esp_ota_handle_t ota;
    int64_t written, limit;
} delta_io_t;

/* The base: the running partition, at the offset detools asks for. */
static esp_err_t read_base(uint8_t *buf, size_t size, int src_offset, void *user)
{
    delta_io_t *io = user;
    if (src_offset < 0 || (size_t)src_offset + size > io->running->size) return ESP_ERR_INVALID_SIZE;
    return esp_partition_read(io->running, (size_t)src_offset, buf, size);
}

/* The new image: into the next OTA partition, never more bytes than the build has. */
static esp_err_t write_next(const uint8_t *buf, size_t size, void *user)
{
    delta_io_t *io = user;
    if (io->written + (int64_t)size > io->limit) return ESP_ERR_INVALID_SIZE;
    esp_err_t err = esp_ota_write(io->ota, buf, size);
    if (err == ESP_OK) io->written += (int64_t)size;
    return err;
}

/* Reads exactly n bytes of the body (false: the body ended or the link failed). */
static bool read_exactly(esp_http_client_handle_t client, char *buf, int n)
{
    for (int got = 0; got < n;) {
        int r = esp_http_client_read(client, buf + got, n - got);
        if (r <= 0) return false;
        got += r;
    }
    return true;
}

typedef struct {
    esp_err_t err;
    const char *detail;
} delta_result_t;

static delta_result_t apply(const ota_agent_config_t *cfg, const ota_build_t *build, const ota_delta_t *delta, const char *url)
{
    delta_result_t res = {ESP_FAIL, NULL};
    delta_io_t io = {.running = esp_ota_get_running_partition(), .ota = 0, .written = 0, .limit = build->size};
    const esp_partition_t *next = esp_ota_get_next_update_partition(NULL);
    uint8_t running_hash[32];
    if (io.running == NULL || next == NULL || esp_partition_get_sha256(io.running, running_hash) != ESP_OK) {
        res.detail = "no running or next OTA partition";
        return res;
    }
    esp_http_client_config_t http = {.url = url, .cert_pem = cfg->server_cert_pem, .keep_alive_enable = true, .buffer_size_tx = 2048};
    esp_http_client_handle_t client = esp_http_client_init(&http);
    if (client == NULL) {
        res.detail = "esp_http_client_init";
        return res;
    }
    char *buf = malloc(CHUNK);
    esp_delta_ota_handle_t patcher = NULL;
    bool begun = false;
    if (buf == NULL) {
        res.detail = "out of memory";
        goto done;
    }
    if (esp_http_client_open(client, 0) != ESP_OK || esp_http_client_fetch_headers(client) < 0 || esp_http_client_get_status_code(client) != 200) {
        res.detail = "the patch could not be fetched";
        goto done;
    }
    /* The device's own check first, as esp_delta_ota's example does: a patch for another base is
     * refused before a byte is written. */
    if (!read_exactly(client, buf, DELTA_HEADER_LEN)) {
        res.detail = "the patch ends inside its header";
        goto done;
    }
    const uint8_t *h = (const uint8_t *)buf;
    uint32_t magic = (uint32_t)h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16 | (uint32_t)h[3] << 24;
    if (magic != DELTA_MAGIC || memcmp(h + 4, running_hash, sizeof running_hash) != 0) {
        res.detail = magic != DELTA_MAGIC ? "not an esp_delta_ota patch" : "the patch is for another base image";
        goto done;
    }
    if ((res.err = esp_ota_begin(next, OTA_SIZE_UNKNOWN, &io.ota)) != ESP_OK) {
        res.detail = "esp_ota_begin";
        goto done;
    }
    begun = true;
    esp_delta_ota_cfg_t dcfg = {.user_data = &io, .read_cb_with_user_data = read_base, .write_cb_with_user_data = write_next};
    patcher = esp_delta_ota_init(&dcfg);
    if (patcher == NULL) {
        res.err = ESP_ERR_NO_MEM;
        res.detail = "esp_delta_ota_init";
        goto done;
    }
    int64_t fed = DELTA_HEADER_LEN;
    for (;;) {
        int n = esp_http_client_read(client, buf, CHUNK);
        if (n < 0) {
            res.err = ESP_FAIL;
            res.detail = "the link failed while reading the patch";
            goto done;
        }
        if (n == 0) break;
        fed += n;
        if (fed > delta->size) {
            res.err = ESP_ERR_INVALID_SIZE;
            res.detail = "the patch is longer than the manifest says";
            goto done;
        }
        if ((res.err = esp_delta_ota_feed_patch(patcher, (const uint8_t *)buf, n)) != ESP_OK) {
            res.detail = "esp_delta_ota refused the patch";
            goto done;
        }
    }
    if (fed != delta->size || !esp_http_client_is_complete_data_received(client)) {
        res.err = ESP_ERR_INVALID_SIZE;
        res.detail = "the patch is shorter than the manifest says";
        goto done;
    }
    if ((res.err = esp_delta_ota_finalize(patcher)) != ESP_OK) {
        res.detail = "esp_delta_ota found the patch incomplete";
        goto done;
    }
    if (io.written != build->size) {
        res.err = ESP_ERR_INVALID_SIZE;
        res.detail = "the patched image is not the build's size";
        goto done;
    }
    begun = false; /* esp_ota_end frees the handle whatever it answers */
    if ((res.err = esp_ota_end(io.ota)) != ESP_OK) {
        res.detail = "esp_ota_end: the patched image does not validate";
        goto done;
    }
    /* Exactly what a full download must pass (ota_install.c), on the staged partition. */
    esp_app_desc_t desc;
    char hex[65];
    if ((res.err = esp_ota_get_partition_description(next, &desc)) != ESP_OK || (res.detail = ota_app_desc_problem(&desc, build)) != NULL) {
        if (res.err == ESP_OK) res.err = ESP_ERR_INVALID_VERSION;
        if (res.detail == NULL) res.detail = "no app description";
        goto done;
    }
    if (!ota_staged_sha256(next, build->size, hex) || strcmp(hex, build->sha256) != 0) {
        res.err = ESP_ERR_INVALID_CRC;
        res.detail = "sha256 does not match the manifest";
        goto done;
    }
    if ((res.err = esp_ota_set_boot_partition(next)) != ESP_OK) res.detail = "esp_ota_set_boot_partition";
done:
    if (patcher != NULL) esp_delta_ota_deinit(patcher);
    if (begun) esp_ota_abort(io.ota); /* the boot partition stays as it is */
    free(buf);
    esp_http_client_close(client);
    esp_http_client_cleanup(client);
    return res;
}

esp_err_t ota_install_delta(const ota_agent_config_t *cfg, const ota_build_t *build, const ota_delta_t *delta, const char *url)
{
    delta_result_t r = apply(cfg, build, delta, url);
    if (r.err == ESP_OK) {
        ESP_LOGI(TAG, "installed %s from a delta patch against %s", build->build_id, delta->from_build_id);
    } else {
        cfg->emit("ota.delta.fail", build->build_id, r.detail != NULL ? r.detail : esp_err_to_name(r.err));
    }
    return r.err;
}
