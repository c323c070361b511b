/* esp/ota_install.c run on the host, compiled against the real ESP-IDF v5.5 headers and linked with
 * the stand-ins below for the ESP-IDF functions it calls. The stand-in for esp_https_ota follows
 * what esp_https_ota.c of v5.5 does (read for this): with ota_resumption and at least 1024 bytes
 * written it asks "Range: bytes=<n>-" and keeps those bytes whatever the answer (a 200 included),
 * esp_https_ota_get_image_len_read is -1 before the first perform, esp_https_ota_get_img_desc reads
 * the staged partition once the kept bytes cover the description (and answers ESP_ERR_NOT_SUPPORTED
 * when built with CONFIG_ESP_HTTPS_OTA_DECRYPT_CB), perform writes after the kept bytes, abort
 * leaves the partition as it is, finish switches the boot partition. The "server" is a
 * table per scenario. Nothing here stands for a chip: it exercises the glue's own decisions (what is
 * written, when the boot partition may switch, what is saved for a resume, what is reported).
 * Prints one line per failing check and "N passed, N failed"; exits 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_app_format.h"
#include "esp_efuse.h"
#include "esp_err.h"
#include "esp_https_ota.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "nvs.h"
#include "ota_agent.h"
#include "ota_cohort.h"
#include "ota_crypto.h"
#include "scenario_checks.h"

#define IMAGE_SIZE 200000
#define PART_SIZE (256 * 1024)
#define DESC_OFFSET (sizeof(esp_image_header_t) + sizeof(esp_image_segment_header_t))
#define CHUNK 1024

/* ---- the scenario's server ---- */
typedef struct {
    bool honours_range; /* a Range request gets a 206 */
    int64_t range_end;  /* last byte a 206 carries (0: to the end of the file) */
    int64_t break_at;   /* the link breaks once the file offset reaches it (0: never) */
    int64_t length;     /* the Content-Length of a 200 (0: the file's size) */
} server_t;

static uint8_t file[IMAGE_SIZE];       /* the build as the CDN serves it */
static uint8_t flash[PART_SIZE];       /* the staged OTA partition */
static server_t server;

/* ---- what the stand-ins saw ---- */
static struct {
    int begins, performs, aborts, finishes;
    int64_t bytes_written; /* by perform, over the whole scenario */
    char event[64], detail[128];
    int emits;
} seen;

/* ---- NVS: one namespace, a few keys ---- */
static struct {
    char sha[65];
    bool has_sha;
    int64_t done;
    bool has_done;
} nvs;

esp_err_t nvs_open(const char *name, nvs_open_mode_t mode, nvs_handle_t *out)
{
    (void)name, (void)mode;
    *out = 1;
    return ESP_OK;
}
esp_err_t nvs_get_str(nvs_handle_t h, const char *key, char *out, size_t *len)
{
    (void)h;
    if (strcmp(key, "dl_sha") != 0 || !nvs.has_sha) return ESP_ERR_NVS_NOT_FOUND;
    if (*len < strlen(nvs.sha) + 1) return ESP_ERR_NVS_INVALID_LENGTH;
    strcpy(out, nvs.sha);
    return ESP_OK;
}
esp_err_t nvs_get_i64(nvs_handle_t h, const char *key, int64_t *out)
{
    (void)h;
    if (strcmp(key, "dl_done") != 0 || !nvs.has_done) return ESP_ERR_NVS_NOT_FOUND;
    *out = nvs.done;
    return ESP_OK;
}
esp_err_t nvs_set_str(nvs_handle_t h, const char *key, const char *value)
{
    (void)h;
    if (strcmp(key, "dl_sha") == 0) snprintf(nvs.sha, sizeof nvs.sha, "%s", value), nvs.has_sha = true;
    return ESP_OK;
}
esp_err_t nvs_set_i64(nvs_handle_t h, const char *key, int64_t value)
{
    (void)h;
    if (strcmp(key, "dl_done") == 0) nvs.done = value, nvs.has_done = true;
    return ESP_OK;
}
esp_err_t nvs_erase_key(nvs_handle_t h, const char *key)
{
    (void)h;
    if (strcmp(key, "dl_sha") == 0) nvs.has_sha = false;
    if (strcmp(key, "dl_done") == 0) nvs.has_done = false;
    return ESP_OK;
}
esp_err_t nvs_commit(nvs_handle_t h) { return (void)h, ESP_OK; }
void nvs_close(nvs_handle_t h) { (void)h; }

/* ---- the running app, eFuse, partitions ---- */
static esp_app_desc_t running = {.magic_word = ESP_APP_DESC_MAGIC_WORD, .version = "1.0.0", .project_name = "sensor-fw"};
const esp_app_desc_t *esp_app_get_description(void) { return &running; }
bool esp_efuse_check_secure_version(uint32_t v) { return v >= 2; }
const char *esp_err_to_name(esp_err_t code) { return code == ESP_OK ? "ESP_OK" : "ESP_ERR"; }
void esp_log(esp_log_config_t config, const char *tag, const char *format, ...) { (void)config, (void)tag, (void)format; }
uint32_t esp_log_timestamp(void) { return 0; }

static const esp_partition_t staging = {.type = ESP_PARTITION_TYPE_APP, .subtype = ESP_PARTITION_SUBTYPE_APP_OTA_1, .address = 0x210000, .size = PART_SIZE};
const esp_partition_t *esp_ota_get_next_update_partition(const esp_partition_t *start) { return (void)start, &staging; }
esp_err_t esp_partition_read(const esp_partition_t *p, size_t offset, void *dst, size_t size)
{
    if (p != &staging || offset + size > PART_SIZE) return ESP_ERR_INVALID_ARG;
    memcpy(dst, flash + offset, size);
    return ESP_OK;
}

/* ---- esp_https_ota as v5.5 behaves ---- */
typedef enum { ST_BEGIN, ST_IN_PROGRESS, ST_SUCCESS, ST_RESUME } ota_state_t;
typedef struct {
    ota_state_t state;
    int64_t written;           /* binary_file_len: bytes kept or written */
    int64_t at, end;           /* file offsets the response body covers: [at, end) still to come */
    int status;
    int64_t content_length;
} fake_ota_t;
static fake_ota_t one;
static fake_ota_t *H(esp_https_ota_handle_t h) { return h; } /* a void * in ESP-IDF 5.x */

esp_err_t esp_https_ota_begin(const esp_https_ota_config_t *cfg, esp_https_ota_handle_t *out)
{
    seen.begins++;
    fake_ota_t *h = &one;
    memset(h, 0, sizeof *h);
    int64_t from = cfg->ota_resumption && cfg->ota_image_bytes_written >= CHUNK ? (int64_t)cfg->ota_image_bytes_written : 0;
    h->written = from;
    h->state = from > 0 ? ST_RESUME : ST_BEGIN;
    http_event_handle_cb on_event = cfg->http_config->event_handler;
    esp_http_client_event_t ev = {.event_id = HTTP_EVENT_HEADERS_SENT, .user_data = cfg->http_config->user_data};
    if (on_event != NULL) on_event(&ev);
    char range[80];
    if (from > 0 && server.honours_range) {
        int64_t last = server.range_end > 0 ? server.range_end : IMAGE_SIZE - 1;
        snprintf(range, sizeof range, "bytes %lld-%lld/%d", (long long)from, (long long)last, IMAGE_SIZE);
        ev.event_id = HTTP_EVENT_ON_HEADER;
        ev.header_key = "Content-Range";
        ev.header_value = range;
        if (on_event != NULL) on_event(&ev);
        h->status = 206, h->at = from, h->end = last + 1;
    } else {
        h->status = 200, h->at = 0, h->end = IMAGE_SIZE; /* v5.5 keeps h->written = from all the same */
    }
    h->content_length = h->status == 200 && server.length > 0 ? server.length : h->end - h->at;
    *out = h;
    return ESP_OK;
}
int esp_https_ota_get_image_len_read(esp_https_ota_handle_t handle) { return H(handle)->state == ST_BEGIN ? -1 : (int)H(handle)->written; }
int esp_https_ota_get_status_code(esp_https_ota_handle_t handle) { return H(handle)->status; }
int esp_https_ota_get_image_size(esp_https_ota_handle_t handle) { return (int)H(handle)->content_length; }
esp_err_t esp_https_ota_get_img_desc(esp_https_ota_handle_t handle, esp_app_desc_t *desc)
{
#if CONFIG_ESP_HTTPS_OTA_DECRYPT_CB
    return ESP_ERR_NOT_SUPPORTED; /* what v5.0 to v6.0 answer with the decrypt hook enabled */
#endif
    fake_ota_t *h = H(handle);
    if (h->written >= (int64_t)(DESC_OFFSET + sizeof *desc)) {
        memcpy(desc, flash + DESC_OFFSET, sizeof *desc); /* from the staged partition */
    } else {
        memcpy(desc, file + h->at + DESC_OFFSET, sizeof *desc); /* from the first bytes of the response */
    }
    return desc->magic_word == ESP_APP_DESC_MAGIC_WORD ? ESP_OK : ESP_FAIL;
}
esp_err_t esp_https_ota_perform(esp_https_ota_handle_t handle)
{
    fake_ota_t *h = H(handle);
    seen.performs++;
    if (h->state == ST_BEGIN || h->state == ST_RESUME) h->state = ST_IN_PROGRESS;
    if (server.break_at > 0 && h->at >= server.break_at) return ESP_FAIL; /* "Connection closed" */
    int64_t n = h->end - h->at < CHUNK ? h->end - h->at : CHUNK;
    if (n > 0) {
        if (h->written + n > PART_SIZE) return ESP_FAIL;
        memcpy(flash + h->written, file + h->at, (size_t)n); /* after what is kept, whatever the body is */
        h->written += n, h->at += n, seen.bytes_written += n;
    }
    if (h->at < h->end) return ESP_ERR_HTTPS_OTA_IN_PROGRESS;
    h->state = ST_SUCCESS;
    return ESP_OK;
}
bool esp_https_ota_is_complete_data_received(esp_https_ota_handle_t handle) { return H(handle)->at == H(handle)->end; }
esp_err_t esp_https_ota_abort(esp_https_ota_handle_t h) { return (void)h, seen.aborts++, ESP_OK; }
esp_err_t esp_https_ota_finish(esp_https_ota_handle_t h) { return (void)h, seen.finishes++, ESP_OK; }

/* ---- scenarios ---- */

static void emit(const char *event, const char *build_id, const char *detail)
{
    (void)build_id;
    seen.emits++;
    snprintf(seen.event, sizeof seen.event, "%s", event);
    snprintf(seen.detail, sizeof seen.detail, "%s", detail ? detail : "");
}

static char sha_hex[65];
static ota_build_t build;
static const ota_agent_config_t cfg = {.emit = emit, .server_cert_pem = "-"};

/* A fresh image (header, segment header, app description, filler), its digest, a clean flash. */
static void start(const char *name, const char *version, const char *project, uint32_t secure_version)
{
    scenario = name;
    memset(&seen, 0, sizeof seen);
    memset(&nvs, 0, sizeof nvs);
    memset(&server, 0, sizeof server);
    memset(flash, 0xff, sizeof flash);
    for (size_t i = 0; i < sizeof file; i++) file[i] = (uint8_t)(i * 7 + 3);
    esp_app_desc_t desc = {.magic_word = ESP_APP_DESC_MAGIC_WORD, .secure_version = secure_version};
    snprintf(desc.version, sizeof desc.version, "%s", version);
    snprintf(desc.project_name, sizeof desc.project_name, "%s", project);
    memcpy(file + DESC_OFFSET, &desc, sizeof desc);
    uint8_t digest[32];
    const ota_span_t all = {file, sizeof file};
    ota_sha256(&all, 1, digest);
    ota_hex(digest, 32, sha_hex);
    build = (ota_build_t){.build_id = "b-2", .version_name = "2.0.0", .sha256 = sha_hex, .size = IMAGE_SIZE, .secure_version = 2};
}

static bool flash_holds_image(void) { return memcmp(flash, file, sizeof file) == 0; }

int main(void)
{
    esp_err_t err;

    start("a fresh install", "2.0.0", "sensor-fw", 2);
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("returns ESP_OK", err, ESP_OK);
    check("finish switched the boot partition", seen.finishes, 1);
    check("nothing aborted", seen.aborts, 0);
    check("the image is staged", flash_holds_image(), 1);
    check("nothing reported", seen.emits, 0);
    check("no download left to continue", nvs.has_done, 0);

    start("a digest that is not the manifest's", "2.0.0", "sensor-fw", 2);
    build.sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("fails", err != ESP_OK, 1);
    check("the boot partition stays", seen.finishes, 0);
    check("aborted", seen.aborts, 1);
    check_text("reported", seen.event, "ota.verify.fail");
    check_text("why", seen.detail, "sha256 does not match the manifest");
    check("no download left to continue", nvs.has_done, 0);

    start("another version than the manifest's", "2.0.1", "sensor-fw", 2);
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("the boot partition stays", seen.finishes, 0);
    check("not a byte written", seen.bytes_written, 0);
    check_text("reported", seen.event, "ota.verify.fail");
    check_text("why", seen.detail, "version differs from the manifest");

    start("another project", "2.0.0", "other-fw", 2);
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("not a byte written", seen.bytes_written, 0);
    check_text("why", seen.detail, "another project");

    start("a secure_version the eFuse counter refuses", "2.0.0", "sensor-fw", 1);
    build.secure_version = 1;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("not a byte written", seen.bytes_written, 0);
    check_text("why", seen.detail, "secure_version below the eFuse anti-rollback counter");

    start("a 200 of another length", "2.0.0", "sensor-fw", 2);
    server.length = IMAGE_SIZE - 1;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("not a byte written", seen.bytes_written, 0);
    check_text("reported", seen.event, "ota.download.fail");
    check_text("why", seen.detail, "total_mismatch");

    start("a link that breaks after 147 KiB", "2.0.0", "sensor-fw", 2);
    server.break_at = 147 * 1024;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("fails", err != ESP_OK, 1);
    check("the boot partition stays", seen.finishes, 0);
    check_text("reported", seen.event, "ota.download.fail");
    check("the written bytes are saved", nvs.done, 147 * 1024);
    check_text("for this build", nvs.has_sha ? nvs.sha : "", sha_hex);

    /* The next check continues it: the server honours Range. */
    memset(&seen, 0, sizeof seen);
    server.break_at = 0;
    server.honours_range = true;
    scenario = "... continued with a 206";
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("returns ESP_OK", err, ESP_OK);
    check("only the rest was downloaded", seen.bytes_written, IMAGE_SIZE - 147 * 1024);
    check("the image is staged", flash_holds_image(), 1);
    check("finish", seen.finishes, 1);
    check("no download left to continue", nvs.has_done, 0);

    start("a resume the server answers with a 200 (Range ignored)", "2.0.0", "sensor-fw", 2);
    server.break_at = 147 * 1024;
    ota_install(&cfg, &build, "https://cdn/b-2.bin");
    memset(&seen, 0, sizeof seen);
    server.break_at = 0;
    server.honours_range = false;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("returns ESP_OK", err, ESP_OK);
    check("two begins: the 200 refused, then from byte 0", seen.begins, 2);
    check("the 200 was aborted", seen.aborts, 1);
    check("the whole file, written once from byte 0", seen.bytes_written, IMAGE_SIZE);
    check("the image is staged", flash_holds_image(), 1);

    start("a saved count whose bytes are not the build's", "2.0.0", "sensor-fw", 2);
    memcpy(flash, file, 150000);
    flash[100000] ^= 1; /* a bad byte among the kept ones */
    nvs.has_sha = nvs.has_done = true;
    strcpy(nvs.sha, sha_hex);
    nvs.done = 150000;
    server.honours_range = true;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("fails", err != ESP_OK, 1);
    check("the boot partition stays", seen.finishes, 0);
    check_text("why", seen.detail, "sha256 does not match the manifest");
    check("the saved count is forgotten", nvs.has_done, 0);

    start("a count saved for another build", "2.0.0", "sensor-fw", 2);
    nvs.has_sha = nvs.has_done = true;
    strcpy(nvs.sha, "1111111111111111111111111111111111111111111111111111111111111111");
    nvs.done = 150000;
    server.honours_range = true;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("returns ESP_OK", err, ESP_OK);
    check("the whole file from byte 0", seen.bytes_written, IMAGE_SIZE);

    start("a shorter 206 (the CDN serves 64 KiB ranges)", "2.0.0", "sensor-fw", 2);
    server.break_at = 20 * 1024;
    ota_install(&cfg, &build, "https://cdn/b-2.bin");
    server.break_at = 0;
    server.honours_range = true;
    server.range_end = 20480 + 65535;
    memset(&seen, 0, sizeof seen);
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("not yet installed", err != ESP_OK, 1);
    check_text("why", seen.detail, "partial");
    check("its end is saved", nvs.done, 20480 + 65536);
    server.range_end = 0;
    err = ota_install(&cfg, &build, "https://cdn/b-2.bin");
    check("then installed", err, ESP_OK);
    check("the image is staged", flash_holds_image(), 1);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
