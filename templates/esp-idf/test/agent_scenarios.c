/* esp/ota_agent.c's boot validation run on the host: compiled against the real ESP-IDF v5.5 headers
 * and linked with stand-ins for the ESP-IDF calls it makes (NVS in memory, esp_http_client serving
 * one envelope or an error, the OTA partition calls recorded, the clock settable) and a stand-in
 * ota_install that does nothing. Each "boot" calls ota_agent_confirm_boot as app_main would; each
 * check calls ota_agent_check_once. What it checks is the glue's wiring of the shared rule
 * (ota_boot.h): a new build is marked valid only after it fetched and verified the manifest itself.
 * Usage: agent_scenarios <envelope file> <trusted SPKI hex> <a unix time inside the manifest's validity>
 * Prints one line per failing check and "N passed, N failed"; exits 1 on any failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "esp_app_desc.h"
#include "esp_http_client.h"
#include "esp_log.h"
#include "esp_ota_ops.h"
#include "esp_system.h"
#include "ota_delta.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nvs.h"
#include "ota_agent.h"
#include "ota_boot.h"
#include "scenario_checks.h"

/* ---- the clock ---- */
static int64_t clock_s;
int gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    tv->tv_sec = (time_t)clock_s;
    tv->tv_usec = 0;
    return 0;
}

/* ---- NVS: a handful of keys of any type, one namespace ---- */
#define SLOTS 16
static struct {
    char key[16];
    uint8_t value[128];
    size_t len;
    bool used;
} nvs[SLOTS];

static int slot(const char *key, bool create)
{
    for (int i = 0; i < SLOTS; i++) {
        if (nvs[i].used && strcmp(nvs[i].key, key) == 0) return i;
    }
    for (int i = 0; create && i < SLOTS; i++) {
        if (!nvs[i].used) {
            nvs[i].used = true;
            snprintf(nvs[i].key, sizeof nvs[i].key, "%s", key);
            return i;
        }
    }
    return -1;
}
static esp_err_t put(const char *key, const void *value, size_t len)
{
    int i = slot(key, true);
    if (i < 0 || len > sizeof nvs[i].value) return ESP_ERR_NVS_NOT_ENOUGH_SPACE;
    memcpy(nvs[i].value, value, len);
    nvs[i].len = len;
    return ESP_OK;
}
static esp_err_t get(const char *key, void *out, size_t *len)
{
    int i = slot(key, false);
    if (i < 0) return ESP_ERR_NVS_NOT_FOUND;
    if (*len < nvs[i].len) return ESP_ERR_NVS_INVALID_LENGTH;
    memcpy(out, nvs[i].value, nvs[i].len);
    *len = nvs[i].len;
    return ESP_OK;
}
esp_err_t nvs_open(const char *name, nvs_open_mode_t mode, nvs_handle_t *out) { return (void)name, (void)mode, *out = 1, ESP_OK; }
void nvs_close(nvs_handle_t h) { (void)h; }
esp_err_t nvs_commit(nvs_handle_t h) { return (void)h, ESP_OK; }
esp_err_t nvs_erase_key(nvs_handle_t h, const char *key)
{
    (void)h;
    int i = slot(key, false);
    if (i < 0) return ESP_ERR_NVS_NOT_FOUND;
    nvs[i].used = false;
    return ESP_OK;
}
esp_err_t nvs_set_blob(nvs_handle_t h, const char *key, const void *v, size_t len) { return (void)h, put(key, v, len); }
esp_err_t nvs_get_blob(nvs_handle_t h, const char *key, void *out, size_t *len) { return (void)h, get(key, out, len); }
esp_err_t nvs_set_str(nvs_handle_t h, const char *key, const char *v) { return (void)h, put(key, v, strlen(v) + 1); }
esp_err_t nvs_get_str(nvs_handle_t h, const char *key, char *out, size_t *len) { return (void)h, get(key, out, len); }
esp_err_t nvs_set_u32(nvs_handle_t h, const char *key, uint32_t v) { return (void)h, put(key, &v, sizeof v); }
esp_err_t nvs_get_u32(nvs_handle_t h, const char *key, uint32_t *out)
{
    size_t len = sizeof *out;
    return (void)h, get(key, out, &len);
}
esp_err_t nvs_set_i64(nvs_handle_t h, const char *key, int64_t v) { return (void)h, put(key, &v, sizeof v); }
esp_err_t nvs_get_i64(nvs_handle_t h, const char *key, int64_t *out)
{
    size_t len = sizeof *out;
    return (void)h, get(key, out, &len);
}

/* ---- partitions and the OTA calls ---- */
static const esp_partition_t ota_0 = {.type = ESP_PARTITION_TYPE_APP, .subtype = ESP_PARTITION_SUBTYPE_APP_OTA_0, .address = 0x10000, .size = 0x200000};
static const esp_partition_t ota_1 = {.type = ESP_PARTITION_TYPE_APP, .subtype = ESP_PARTITION_SUBTYPE_APP_OTA_1, .address = 0x210000, .size = 0x200000};
static const esp_partition_t *running_part = &ota_0;
static struct {
    int mark_valid, rollback, restarts;
    char event[48], build[72];
    int install_ok, install_fail;
    int manifest_with_id, healthy_beacons, reverted_beacons; /* requests the glue made (esp_http_client_init) */
} seen;

const esp_partition_t *esp_ota_get_running_partition(void) { return running_part; }
const esp_partition_t *esp_ota_get_boot_partition(void) { return &ota_1; }
esp_err_t esp_ota_mark_app_valid_cancel_rollback(void) { return seen.mark_valid++, ESP_OK; }
esp_err_t esp_ota_mark_app_invalid_rollback_and_reboot(void) { return seen.rollback++, ESP_FAIL; /* on a chip: reboots */ }
void esp_restart(void)
{
    seen.restarts++;
    abort(); /* not reached in these scenarios: no install happens */
}
static esp_app_desc_t running_desc = {.magic_word = ESP_APP_DESC_MAGIC_WORD, .version = "2.0.0", .project_name = "agent"};
const esp_app_desc_t *esp_app_get_description(void) { return &running_desc; }
void esp_log(esp_log_config_t config, const char *tag, const char *format, ...) { (void)config, (void)tag, (void)format; }
uint32_t esp_log_timestamp(void) { return 0; }
esp_err_t ota_install(const ota_agent_config_t *cfg, const ota_build_t *build, const char *url) { return (void)cfg, (void)build, (void)url, ESP_FAIL; }
bool ota_delta_for_running(const ota_manifest_t *m, ota_delta_t *out) { return (void)m, (void)out, false; }
esp_err_t ota_install_delta(const ota_agent_config_t *cfg, const ota_build_t *build, const ota_delta_t *delta, const char *url) { return (void)cfg, (void)build, (void)delta, (void)url, ESP_FAIL; }

/* FreeRTOS: the agent task is not started here. */
BaseType_t xTaskCreatePinnedToCore(TaskFunction_t f, const char *const name, const configSTACK_DEPTH_TYPE depth, void *const arg, UBaseType_t prio, TaskHandle_t *const out, const BaseType_t core)
{
    return (void)f, (void)name, (void)depth, (void)arg, (void)prio, (void)out, (void)core, pdFAIL;
}
BaseType_t xTaskGenericNotify(TaskHandle_t t, UBaseType_t i, uint32_t v, eNotifyAction a, uint32_t *prev) { return (void)t, (void)i, (void)v, (void)a, (void)prev, pdPASS; }
uint32_t ulTaskGenericNotifyTake(UBaseType_t i, BaseType_t c, TickType_t w) { return (void)i, (void)c, (void)w, 0; }

/* ---- esp_http_client: the manifest, or a 500 ---- */
static char *envelope;
static size_t envelope_len, served;
static int http_status = 200;
struct esp_http_client { int unused; };
static struct esp_http_client the_client;
esp_http_client_handle_t esp_http_client_init(const esp_http_client_config_t *c)
{
    /* Telemetry (ota_telemetry.h): the check carries the telemetry id of "device-1" and the running version; beacons beside the manifest. */
    if (c->url != NULL && strstr(c->url, "/manifest.json?d=") != NULL && strstr(c->url, "&v=200") != NULL && strlen(strstr(c->url, "?d=") + 3) == 64 + 6) seen.manifest_with_id++;
    if (c->url != NULL && strstr(c->url, "/apps/com.example.agent/beacons/b-2/healthy.txt?d=") != NULL && strstr(c->url, "&c=stable") != NULL) seen.healthy_beacons++;
    if (c->url != NULL && strstr(c->url, "/beacons/b-2/rolled_back.txt?d=") != NULL && strstr(c->url, "&r=reverted") != NULL) seen.reverted_beacons++;
    return served = 0, &the_client;
}
esp_err_t esp_http_client_open(esp_http_client_handle_t c, int n) { return (void)c, (void)n, ESP_OK; }
int64_t esp_http_client_fetch_headers(esp_http_client_handle_t c) { return (void)c, (int64_t)envelope_len; }
int esp_http_client_get_status_code(esp_http_client_handle_t c) { return (void)c, http_status; }
int esp_http_client_read(esp_http_client_handle_t c, char *buf, int len)
{
    (void)c;
    size_t n = envelope_len - served < (size_t)len ? envelope_len - served : (size_t)len;
    memcpy(buf, envelope + served, n);
    served += n;
    return (int)n;
}
bool esp_http_client_is_complete_data_received(esp_http_client_handle_t c) { return (void)c, served == envelope_len; }
esp_err_t esp_http_client_cleanup(esp_http_client_handle_t c) { return (void)c, ESP_OK; }

/* ---- scenarios ---- */
static void emit(const char *event, const char *build_id, const char *detail)
{
    (void)detail;
    snprintf(seen.event, sizeof seen.event, "%s", event);
    if (strcmp(event, "ota.boot.valid") == 0) seen.install_ok++, snprintf(seen.build, sizeof seen.build, "%s", build_id ? build_id : "");
    if (strcmp(event, "ota.boot.reverted") == 0) seen.install_fail++, snprintf(seen.build, sizeof seen.build, "%s", build_id ? build_id : "");
}

static ota_trusted_key_t key;
static ota_agent_config_t cfg = {.manifest_url = "https://cdn.example/apps/com.example.agent/channels/stable/manifest.json",
                                 .app = "com.example.agent", .channel = "stable", .keys = &key, .n_keys = 1,
                                 .device_id = "device-1", .current_version_code = 200, .emit = emit};
static bool self_test_result;
static bool self_test(void) { return self_test_result; }

/* The old build installed build b-2 into ota_1 and is about to restart (what ota_agent_check_once
 * records before esp_restart); the device then boots `running`. */
static void installed_then_boot(const char *name, const esp_partition_t *running, bool self_test_passes, int64_t now_s)
{
    scenario = name;
    memset(nvs, 0, sizeof nvs);
    memset(&seen, 0, sizeof seen);
    const ota_boot_state_t pending = {OTA_BOOT_PENDING, 0, 0, OTA_BOOT_NO_TIME};
    put("boot", &pending, sizeof pending);
    put("pending", "b-2", 4);
    uint32_t addr = ota_1.address;
    put("boot_part", &addr, sizeof addr);
    running_part = running;
    self_test_result = self_test_passes;
    clock_s = now_s;
    ota_agent_confirm_boot(&cfg, self_test);
}

static bool state_is(ota_boot_status_t status)
{
    ota_boot_state_t s;
    size_t len = sizeof s;
    return get("boot", &s, &len) == ESP_OK && s.status == status;
}

int main(int argc, char **argv)
{
    if (argc != 4) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) return 2;
    static char text[64 * 1024];
    envelope_len = fread(text, 1, sizeof text, f);
    fclose(f);
    envelope = text;
    static uint8_t spki[128];
    size_t spki_len = strlen(argv[2]) / 2;
    for (size_t i = 0; i < spki_len && i < sizeof spki; i++) sscanf(argv[2] + 2 * i, "%2hhx", &spki[i]);
    if (ota_key_init(&key, spki, spki_len) != 0) return 2;
    const int64_t now = atoll(argv[3]);

    installed_then_boot("the new build boots and passes its self-test", &ota_1, true, now);
    check("not yet marked valid", seen.mark_valid, 0);
    check("no rollback", seen.rollback, 0);
    check("still pending", state_is(OTA_BOOT_PENDING), 1);
    http_status = 500;
    ota_agent_check_once(&cfg);
    check("a failed check does not mark it valid", seen.mark_valid, 0);
    http_status = 200;
    ota_agent_check_once(&cfg);
    check("its own verified manifest marks it valid", seen.mark_valid, 1);
    check("ota.boot.valid reported", seen.install_ok, 1);
    check("for the installed build", strcmp(seen.build, "b-2"), 0);
    check("checks carry ?d=<telemetry id>&v=<running version>", seen.manifest_with_id > 0, 1);
    check("a healthy beacon for b-2 (a confirmed boot)", seen.healthy_beacons, 1);
    check("confirmed", state_is(OTA_BOOT_CONFIRMED), 1);
    check("the pending record is gone", slot("pending", false), -1);
    ota_agent_check_once(&cfg);
    check("later checks mark nothing again", seen.mark_valid, 1);

    installed_then_boot("the new build fails its self-test", &ota_1, false, now);
    check("rolled back at once", seen.rollback, 1);
    check("never marked valid", seen.mark_valid, 0);

    installed_then_boot("the new build cannot fetch the manifest", &ota_1, true, now);
    http_status = 500;
    for (int i = 1; i < 30; i++) ota_agent_check_once(&cfg);
    check("29 failed checks: still waiting", seen.rollback, 0);
    ota_agent_check_once(&cfg);
    check("the 30th rolls it back", seen.rollback, 1);
    check("never marked valid", seen.mark_valid, 0);
    check("the state says rolled back, for the previous build to report", state_is(OTA_BOOT_ROLLED_BACK), 1);
    http_status = 200;

    scenario = "... the previous build boots again";
    running_part = &ota_0;
    ota_agent_confirm_boot(&cfg, self_test);
    check("reports ota.boot.reverted", seen.install_fail, 1);
    check("for the installed build", strcmp(seen.build, "b-2"), 0);
    check("confirmed again", state_is(OTA_BOOT_CONFIRMED), 1);
    ota_agent_check_once(&cfg);
    check("its next check sends the rolled_back beacon (r=reverted) noted at boot", seen.reverted_beacons, 1);

    installed_then_boot("the new build is still pending 30 minutes after its first boot", &ota_1, true, now);
    http_status = 500;
    ota_agent_check_once(&cfg);
    clock_s = now + 30 * 60;
    ota_agent_check_once(&cfg);
    check("rolled back on time", seen.rollback, 1);
    http_status = 200;

    installed_then_boot("the bootloader already went back to the previous build", &ota_0, true, now);
    check("reports ota.boot.reverted", seen.install_fail, 1);
    check("no self-test, no rollback", seen.rollback, 0);
    check("confirmed", state_is(OTA_BOOT_CONFIRMED), 1);

    installed_then_boot("a restart before it validated", &ota_1, true, now);
    scenario = "... booting the new build a second time";
    ota_agent_confirm_boot(&cfg, self_test);
    check("rolled back", seen.rollback, 1);

    scenario = "a device with nothing pending";
    memset(nvs, 0, sizeof nvs);
    memset(&seen, 0, sizeof seen);
    running_part = &ota_0;
    ota_agent_confirm_boot(&cfg, self_test);
    ota_agent_check_once(&cfg);
    check("marks nothing", seen.mark_valid, 0);
    check("rolls nothing back", seen.rollback, 0);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
