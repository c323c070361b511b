/* esp/ota_delta.c run on the host: compiled against the real ESP-IDF v5.5 headers, linked with the
 * real esp_delta_ota component (1.1.4) and detools' C library it builds, with esp/ota_install.c for
 * the checks a full download shares, and with stand-ins below for the partitions (two RAM
 * buffers), esp_ota_* (writes into the "next" buffer; esp_ota_end accepts an image that starts
 * with the 0xE9 magic) and esp_http_client (serves one file from memory). Nothing here stands for a
 * chip: it exercises the glue's own decisions (what is written, when the boot partition may switch,
 * what is reported) on real patches made by otactl.
 *
 *   delta_scenarios BASE.bin NEW.bin PATCH.bin [MANIFEST.json FROM_BUILD_ID]
 *
 * With a manifest payload otactl published (build.deltas listing a patch from FROM_BUILD_ID, whose
 * image is BASE), it also checks that the strict JSON gate and ota_manifest_parse accept it and
 * that ota_delta_for_running picks that entry for the running base and none for another image.
 *
 * Prints one line per failing check and "N passed, N failed"; exits 1 on any failure. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esp_app_desc.h"
#include "esp_app_format.h"
#include "esp_efuse.h"
#include "esp_err.h"
#include "esp_http_client.h"
#include "esp_https_ota.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "nvs.h"
#include "ota_agent.h"
#include "ota_cohort.h"
#include "ota_crypto.h"
#include "ota_delta.h"
#include "ota_json_strict.h"
#include "ota_manifest.h"
#include "scenario_checks.h"
#include "host_file.h"

#define PART_SIZE (512 * 1024)
#define DESC_OFFSET (sizeof(esp_image_header_t) + sizeof(esp_image_segment_header_t))

static uint8_t running_flash[PART_SIZE], next_flash[PART_SIZE];
static uint8_t running_hash[32]; /* what esp_partition_get_sha256 says of the running image */
static const esp_partition_t running_part = {.type = ESP_PARTITION_TYPE_APP, .subtype = ESP_PARTITION_SUBTYPE_APP_OTA_0, .address = 0x10000, .size = PART_SIZE};
static const esp_partition_t next_part = {.type = ESP_PARTITION_TYPE_APP, .subtype = ESP_PARTITION_SUBTYPE_APP_OTA_1, .address = 0x90000, .size = PART_SIZE};

static struct {
    const uint8_t *bytes;
    size_t len, at;
    int status;
} server;

static struct {
    int begins, ends, aborts, boot_sets, emits;
    size_t written;
    char event[64], detail[128];
} seen;

/* ---- partitions and esp_ota_* ---- */
const esp_partition_t *esp_ota_get_running_partition(void) { return &running_part; }
const esp_partition_t *esp_ota_get_next_update_partition(const esp_partition_t *start) { return (void)start, &next_part; }
esp_err_t esp_partition_get_sha256(const esp_partition_t *p, uint8_t *out)
{
    if (p != &running_part) return ESP_ERR_NOT_SUPPORTED;
    memcpy(out, running_hash, sizeof running_hash);
    return ESP_OK;
}
esp_err_t esp_partition_read(const esp_partition_t *p, size_t offset, void *dst, size_t size)
{
    if (offset + size > PART_SIZE) return ESP_ERR_INVALID_ARG;
    memcpy(dst, (p == &running_part ? running_flash : next_flash) + offset, size);
    return ESP_OK;
}
esp_err_t esp_ota_begin(const esp_partition_t *p, size_t size, esp_ota_handle_t *out)
{
    (void)size;
    if (p != &next_part) return ESP_ERR_INVALID_ARG;
    seen.begins++;
    memset(next_flash, 0xff, sizeof next_flash);
    seen.written = 0;
    *out = 7;
    return ESP_OK;
}
esp_err_t esp_ota_write(esp_ota_handle_t h, const void *data, size_t size)
{
    if (h != 7 || seen.written + size > PART_SIZE) return ESP_ERR_INVALID_SIZE;
    memcpy(next_flash + seen.written, data, size);
    seen.written += size;
    return ESP_OK;
}
esp_err_t esp_ota_end(esp_ota_handle_t h)
{
    (void)h;
    seen.ends++;
    return next_flash[0] == ESP_IMAGE_HEADER_MAGIC ? ESP_OK : ESP_ERR_OTA_VALIDATE_FAILED;
}
esp_err_t esp_ota_abort(esp_ota_handle_t h) { return (void)h, seen.aborts++, ESP_OK; }
esp_err_t esp_ota_set_boot_partition(const esp_partition_t *p) { return (void)p, seen.boot_sets++, ESP_OK; }
esp_err_t esp_ota_get_partition_description(const esp_partition_t *p, esp_app_desc_t *desc)
{
    const uint8_t *flash = p == &running_part ? running_flash : next_flash;
    memcpy(desc, flash + DESC_OFFSET, sizeof *desc);
    return desc->magic_word == ESP_APP_DESC_MAGIC_WORD ? ESP_OK : ESP_ERR_NOT_FOUND;
}
static esp_app_desc_t running_desc;
const esp_app_desc_t *esp_app_get_description(void) { return &running_desc; }
bool esp_efuse_check_secure_version(uint32_t v) { return (void)v, true; }
const char *esp_err_to_name(esp_err_t code) { return code == ESP_OK ? "ESP_OK" : "ESP_ERR"; }
void esp_log(esp_log_config_t config, const char *tag, const char *format, ...) { (void)config, (void)tag, (void)format; }
uint32_t esp_log_timestamp(void) { return 0; }

/* ---- esp_http_client: one file from memory ---- */
static struct esp_http_client *const CLIENT = (struct esp_http_client *)&server;
esp_http_client_handle_t esp_http_client_init(const esp_http_client_config_t *config) { return (void)config, CLIENT; }
esp_err_t esp_http_client_open(esp_http_client_handle_t c, int write_len) { return (void)c, (void)write_len, server.at = 0, ESP_OK; }
int64_t esp_http_client_fetch_headers(esp_http_client_handle_t c) { return (void)c, (int64_t)server.len; }
int esp_http_client_get_status_code(esp_http_client_handle_t c) { return (void)c, server.status; }
int esp_http_client_read(esp_http_client_handle_t c, char *buf, int len)
{
    (void)c;
    size_t n = server.len - server.at < (size_t)len ? server.len - server.at : (size_t)len;
    memcpy(buf, server.bytes + server.at, n);
    server.at += n;
    return (int)n;
}
bool esp_http_client_is_complete_data_received(esp_http_client_handle_t c) { return (void)c, server.at == server.len; }
esp_err_t esp_http_client_close(esp_http_client_handle_t c) { return (void)c, ESP_OK; }
esp_err_t esp_http_client_cleanup(esp_http_client_handle_t c) { return (void)c, ESP_OK; }

/* ---- what ota_install.c's full-download path calls: never reached here ---- */
esp_err_t esp_https_ota_begin(const esp_https_ota_config_t *cfg, esp_https_ota_handle_t *h) { return (void)cfg, (void)h, ESP_FAIL; }
esp_err_t esp_https_ota_perform(esp_https_ota_handle_t h) { return (void)h, ESP_FAIL; }
esp_err_t esp_https_ota_finish(esp_https_ota_handle_t h) { return (void)h, ESP_FAIL; }
esp_err_t esp_https_ota_abort(esp_https_ota_handle_t h) { return (void)h, ESP_FAIL; }
esp_err_t esp_https_ota_get_img_desc(esp_https_ota_handle_t h, esp_app_desc_t *d) { return (void)h, (void)d, ESP_FAIL; }
int esp_https_ota_get_image_len_read(esp_https_ota_handle_t h) { return (void)h, -1; }
int esp_https_ota_get_image_size(esp_https_ota_handle_t h) { return (void)h, -1; }
int esp_https_ota_get_status_code(esp_https_ota_handle_t h) { return (void)h, 0; }
bool esp_https_ota_is_complete_data_received(esp_https_ota_handle_t h) { return (void)h, false; }
esp_err_t nvs_open(const char *name, nvs_open_mode_t mode, nvs_handle_t *out) { return (void)name, (void)mode, (void)out, ESP_FAIL; }
esp_err_t nvs_get_str(nvs_handle_t h, const char *key, char *out, size_t *len) { return (void)h, (void)key, (void)out, (void)len, ESP_FAIL; }
esp_err_t nvs_get_i64(nvs_handle_t h, const char *key, int64_t *out) { return (void)h, (void)key, (void)out, ESP_FAIL; }
esp_err_t nvs_set_str(nvs_handle_t h, const char *key, const char *v) { return (void)h, (void)key, (void)v, ESP_FAIL; }
esp_err_t nvs_set_i64(nvs_handle_t h, const char *key, int64_t v) { return (void)h, (void)key, (void)v, ESP_FAIL; }
esp_err_t nvs_erase_key(nvs_handle_t h, const char *key) { return (void)h, (void)key, ESP_FAIL; }
esp_err_t nvs_commit(nvs_handle_t h) { return (void)h, ESP_FAIL; }
void nvs_close(nvs_handle_t h) { (void)h; }

/* ---- scenarios ---- */

static void emit(const char *event, const char *build_id, const char *detail)
{
    (void)build_id;
    seen.emits++;
    snprintf(seen.event, sizeof seen.event, "%s", event);
    snprintf(seen.detail, sizeof seen.detail, "%s", detail != NULL ? detail : "");
}

static uint8_t *base, *target, *patch;
static size_t base_len, target_len, patch_len;
static char target_sha[65], version[33];
static ota_agent_config_t cfg = {.emit = emit};

/* The device as it is before an update: base in the running partition, its appended hash as its
 * validation hash, the patch served as the manifest lists it. */
static void reset(const uint8_t *served, size_t served_len)
{
    memset(&seen, 0, sizeof seen);
    memset(running_flash, 0xff, sizeof running_flash);
    memset(next_flash, 0xff, sizeof next_flash);
    memcpy(running_flash, base, base_len);
    memcpy(running_hash, base + base_len - 32, 32);
    memcpy(&running_desc, base + DESC_OFFSET, sizeof running_desc);
    server.bytes = served;
    server.len = served_len;
    server.at = 0;
    server.status = 200;
}

static esp_err_t run(const char *name, int64_t listed_size, const char *version_name)
{
    scenario = name;
    ota_build_t build = {.present = true, .build_id = "b-0123456789ab", .kind = "esp-app", .version_name = version_name,
                         .url = "../../../../artifacts/sha256/x", .sha256 = target_sha, .version_code = 2, .size = (int64_t)target_len,
                         .secure_version = OTA_NONE};
    ota_delta_t delta = {.from_build_id = "b-ba5eba5eba5e", .url = "https://cdn.example/p", .sha256 = target_sha, .size = listed_size};
    return ota_install_delta(&cfg, &build, &delta, delta.url);
}

/* Nothing switched, and the failure reported as ota.delta.fail (the agent then downloads in full). */
static void refused(esp_err_t err, const char *why)
{
    check("not ESP_OK", err != ESP_OK, 1);
    check("boot partition unchanged", seen.boot_sets, 0);
    check("one ota.delta.fail", seen.emits == 1 && strcmp(seen.event, "ota.delta.fail") == 0, 1);
    check_has("reason", seen.detail, why);
    check("an opened OTA write is aborted or ended", seen.begins, seen.aborts + seen.ends);
}

static void manifest_scenarios(const char *path, const char *from_build_id)
{
    size_t len;
    char *json = (char *)slurp(path, &len);
    if (json == NULL) exit(2);
    scenario = "a published manifest with build.deltas";
    check("strict JSON gate (depth 8)", ota_json_well_formed(json, len, 8), 1);
    ota_manifest_t m;
    const char *field = NULL;
    check("ota_manifest_parse", ota_manifest_parse(json, len, &m, &field), 0);
    reset(patch, patch_len);
    ota_delta_t d = {0};
    check("a patch for the running base", ota_delta_for_running(&m, &d), 1);
    check("from that build", d.from_build_id != NULL && strcmp(d.from_build_id, from_build_id) == 0, 1);
    check("its listed size", d.size == (int64_t)patch_len, 1);
    running_hash[5] ^= 1;
    check("none for another running image", ota_delta_for_running(&m, &d), 0);
    ota_manifest_free(&m);
    free(json);
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 6) return 2;
    base = slurp(argv[1], &base_len);
    target = slurp(argv[2], &target_len);
    patch = slurp(argv[3], &patch_len);
    if (base == NULL || target == NULL || patch == NULL || base_len > PART_SIZE || target_len > PART_SIZE) return 2;
    uint8_t digest[32];
    const ota_span_t whole = {target, target_len};
    if (ota_sha256(&whole, 1, digest) != 0) return 2;
    ota_hex(digest, 32, target_sha);
    memcpy(version, target + DESC_OFFSET + offsetof(esp_app_desc_t, version), 32);

    reset(patch, patch_len);
    esp_err_t err = run("the running base, a good patch", (int64_t)patch_len, version);
    check("ESP_OK", err, ESP_OK);
    check("boot partition switched once", seen.boot_sets, 1);
    check("written the build's size", (long long)seen.written, (long long)target_len);
    check("the new image byte for byte", memcmp(next_flash, target, target_len) == 0, 1);
    check("nothing reported", seen.emits, 0);

    reset(patch, patch_len);
    running_hash[0] ^= 1; /* the device runs another image than the patch's base */
    err = run("a patch for another base", (int64_t)patch_len, version);
    refused(err, "another base");
    check("nothing written", seen.begins, 0);

    reset(patch, patch_len);
    running_flash[base_len / 2] ^= 0xff; /* flash no longer what its hash says: detools writes another image */
    running_flash[base_len / 3] ^= 0xff;
    err = run("running image bytes that do not match its hash", (int64_t)patch_len, version);
    refused(err, "sha256 does not match");

    reset(patch, patch_len - 40);
    err = run("a truncated patch", (int64_t)patch_len, version);
    refused(err, "shorter than the manifest");

    reset(patch, patch_len);
    err = run("a patch longer than the manifest lists", (int64_t)patch_len - 1, version);
    refused(err, "longer than the manifest");

    reset(patch, patch_len);
    err = run("a build whose version is not the image's", (int64_t)patch_len, "9.9.9");
    refused(err, "version differs");

    uint8_t *bad = malloc(patch_len);
    const size_t at[] = {64, 65, 66, 100, 300, patch_len / 2, patch_len - 3};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        memcpy(bad, patch, patch_len);
        bad[at[i]] ^= 0x5a;
        reset(bad, patch_len);
        err = run("a corrupted patch", (int64_t)patch_len, version);
        if (err == ESP_OK) { /* a flip nothing reads may still give the exact image: then it is the build */
            check("a corrupted patch installs only the exact build", memcmp(next_flash, target, target_len) == 0, 1);
        } else {
            check("corrupted: boot partition unchanged", seen.boot_sets, 0);
            check("corrupted: ota.delta.fail", strcmp(seen.event, "ota.delta.fail") == 0, 1);
        }
    }
    free(bad);

    reset(patch, patch_len);
    server.status = 404;
    err = run("the patch is gone (404)", (int64_t)patch_len, version);
    refused(err, "could not be fetched");
    check("nothing written", seen.begins, 0);

    if (argc == 6) manifest_scenarios(argv[4], argv[5]);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
