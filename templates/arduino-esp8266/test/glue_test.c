/* The ESP8266 glue's pure decisions (src/otactl_glue.c) on the host: the server pin, the build
 * copied out of the manifest, one install's download over several responses on the shared Range
 * rule, the boot-validation record. Prints one line per failed check and "N passed, N failed".
 *   glue_test */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ota_resume.h"
#include "otactl_glue.h"

static int passed, failed;

#define CHECK(what, cond)                          \
    do {                                           \
        if (cond) {                                \
            passed++;                              \
        } else {                                   \
            failed++;                              \
            printf("FAIL glue: %s\n", what);       \
        }                                          \
    } while (0)

static void pins(void)
{
    uint8_t fp[20];
    static const uint8_t want[20] = {0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0x0a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    CHECK("neither CA nor fingerprint: refuse", otactl_pin_choice(NULL, NULL, fp) == OTACTL_PIN_NONE);
    CHECK("a PEM CA", otactl_pin_choice("-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n", NULL, fp) == OTACTL_PIN_CA);
    CHECK("a CA wins over a fingerprint (never read here: it may be in PROGMEM)",
          otactl_pin_choice("MIIB...", "ab:cd:ef:01:23:45:67:89:0a:bc:de:f0:12:34:56:78:9a:bc:de:f0", fp) == OTACTL_PIN_CA);
    memset(fp, 0, sizeof fp);
    CHECK("a fingerprint with ':'", otactl_pin_choice(NULL, "AB:CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0", fp) == OTACTL_PIN_FINGERPRINT && memcmp(fp, want, 20) == 0);
    memset(fp, 0, sizeof fp);
    CHECK("a fingerprint with spaces", otactl_pin_choice(NULL, "ab cd ef 01 23 45 67 89 0a bc de f0 12 34 56 78 9a bc de f0", fp) == OTACTL_PIN_FINGERPRINT && memcmp(fp, want, 20) == 0);
    CHECK("a fingerprint without separators", otactl_pin_choice(NULL, "abcdef0123456789" "0abcdef0123456789abcdef0", fp) == OTACTL_PIN_FINGERPRINT);
    static const char *const bad[] = {"", "ab:cd", "AB:CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE",
                                      "AB:CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:11", "AB:CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:",
                                      "AB:CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:FG", "AB::CD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0",
                                      "A:BCD:EF:01:23:45:67:89:0A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char what[160];
        snprintf(what, sizeof what, "a malformed fingerprint is refused: \"%s\"", bad[i]);
        CHECK(what, otactl_pin_choice(NULL, bad[i], fp) == OTACTL_PIN_NONE);
    }
}

static void build_copy(void)
{
    static const char json[] =
        "{\"schema_version\":1,\"app\":\"com.example.fw\",\"channel\":\"stable\",\"sequence\":3,\"issued_at\":\"2026-01-01T00:00:00.000Z\","
        "\"expires_at\":\"2026-01-08T00:00:00.000Z\",\"salt\":\"0123456789abcdef\",\"build\":{\"build_id\":\"b-0123456789ab\",\"kind\":\"esp\","
        "\"version_code\":1002003,\"version_name\":\"1.2.3\",\"url\":\"../../artifacts/sha256/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
        "\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":5000000000,\"signer_fingerprint\":null,\"chip\":\"esp8266\","
        "\"secure_version\":null,\"wifi_only\":false,\"must_install\":false,\"staged_rollout_percent\":100},\"last_safe\":null,"
        "\"canary\":{\"tags\":[],\"device_sha256\":[]},\"force_downgrade\":false,\"rolled_back_from\":null,"
        "\"constraints\":{\"min_battery\":0,\"defer_in_call\":false},\"gating\":{\"models\":[],\"chips\":[],\"min_current_version\":null,\"intermediate\":null},"
        "\"change\":\"43f1a06baaf1986fb23716ba784cc60b3bfb04bb35eb979c0ccdeafefc968d65\"}";
    ota_manifest_t m;
    const char *field = NULL;
    int rc = ota_manifest_parse(json, strlen(json), &m, &field);
    if (rc != 0) {
        printf("FAIL glue: the test manifest does not parse (%s)\n", field ? field : "?");
        failed++;
        return;
    }
    otactl_build_t *b = malloc(sizeof *b);
    CHECK("the build is copied", b != NULL && otactl_build_copy(&m.build, b) == 0);
    ota_manifest_free(&m); /* the tree is gone before the download: the copy must not point into it (ASan) */
    CHECK("the copy holds the build", b != NULL && strcmp(b->build_id, "b-0123456789ab") == 0 && strncmp(b->url, "../../artifacts/sha256/aaaa", 27) == 0
                                          && strlen(b->sha256) == 64 && b->size == 5000000000LL && b->version_code == 1002003);
    ota_build_t big = {.present = true, .build_id = "b-0123456789ab", .sha256 = b ? b->sha256 : "", .version_code = 1, .size = 1};
    char *url = malloc(OTACTL_MAX_URL + 2);
    memset(url, 'u', OTACTL_MAX_URL + 1);
    url[OTACTL_MAX_URL + 1] = '\0';
    big.url = url;
    CHECK("a URL longer than OTACTL_MAX_URL is refused", b != NULL && otactl_build_copy(&big, b) == -1);
    url[OTACTL_MAX_URL] = '\0';
    CHECK("a URL of OTACTL_MAX_URL bytes fits", b != NULL && otactl_build_copy(&big, b) == 0 && strlen(b->url) == OTACTL_MAX_URL);
    big.present = false;
    CHECK("an absent build is not copied", b != NULL && otactl_build_copy(&big, b) == -1);
    free(url);
    free(b);
}

static void downloads(void)
{
    otactl_download_t d;
    const char *why = NULL;

    otactl_dl_init(&d, 1000);
    CHECK("a fresh download asks no Range", otactl_dl_range(&d) == OTA_RESUME_ABSENT);
    CHECK("a 200 is written", otactl_dl_response(&d, 200, NULL, 1000, &why) == OTACTL_DL_WRITE && strcmp(why, "full") == 0);
    CHECK("its 300 bytes arrive, then the link drops", otactl_dl_body(&d, 300) && !otactl_dl_complete(&d));
    CHECK("the next session asks the rest", otactl_dl_range(&d) == 300);
    CHECK("a 206 continuing it is appended", otactl_dl_response(&d, 206, "bytes 300-999/1000", 700, &why) == OTACTL_DL_WRITE && strcmp(why, "resume") == 0);
    CHECK("and completes the image", otactl_dl_body(&d, 500) && otactl_dl_body(&d, 200) && otactl_dl_complete(&d));

    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    otactl_dl_body(&d, 400);
    CHECK("Range after 400 bytes", otactl_dl_range(&d) == 400);
    CHECK("a 200 to it (Range ignored) rewinds the image: never appended", otactl_dl_response(&d, 200, NULL, 1000, &why) == OTACTL_DL_REWIND && strcmp(why, "range_ignored") == 0 && d.have == 0);
    CHECK("the whole body is then written from 0", otactl_dl_body(&d, 1000) && otactl_dl_complete(&d));

    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    otactl_dl_body(&d, 400);
    otactl_dl_range(&d);
    CHECK("a 206 from another offset rewinds and asks again", otactl_dl_response(&d, 206, "bytes 0-999/1000", 1000, &why) == OTACTL_DL_REWIND_RETRY && strcmp(why, "range_mismatch") == 0);
    CHECK("... without Range", otactl_dl_range(&d) == OTA_RESUME_ABSENT);
    CHECK("a 206 to a request without Range is refused", otactl_dl_response(&d, 206, "bytes 0-999/1000", 1000, &why) == OTACTL_DL_RETRY && strcmp(why, "unrequested_range") == 0);

    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    otactl_dl_body(&d, 400);
    otactl_dl_range(&d);
    CHECK("a 503 keeps what is written and asks again", otactl_dl_response(&d, 503, NULL, -1, &why) == OTACTL_DL_RETRY && d.have == 400 && otactl_dl_range(&d) == 400);
    CHECK("a total other than the manifest's size rewinds", otactl_dl_response(&d, 206, "bytes 400-1999/2000", 1600, &why) == OTACTL_DL_REWIND_RETRY && strcmp(why, "total_mismatch") == 0);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    otactl_dl_body(&d, 400);
    otactl_dl_range(&d);
    CHECK("416 rewinds", otactl_dl_response(&d, 416, "bytes */1000", -1, &why) == OTACTL_DL_REWIND_RETRY && strcmp(why, "not_satisfiable") == 0);

    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    otactl_dl_body(&d, 400);
    otactl_dl_range(&d);
    CHECK("a shorter 206 is appended as stated", otactl_dl_response(&d, 206, "bytes 400-599/1000", -1, &why) == OTACTL_DL_WRITE);
    CHECK("one byte more than it announced is overlong", otactl_dl_body(&d, 200) && !otactl_dl_body(&d, 1));
    CHECK("the next session asks from 600", otactl_dl_range(&d) == 600);

    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    otactl_dl_response(&d, 200, NULL, -1, NULL);
    CHECK("a 200 without Content-Length sending more than the size is overlong", otactl_dl_body(&d, 1000) && !otactl_dl_body(&d, 1));
    otactl_dl_init(&d, 1000);
    otactl_dl_range(&d);
    CHECK("a 200 whose Content-Length is not the size is refused", otactl_dl_response(&d, 200, NULL, 999, &why) == OTACTL_DL_RETRY && strcmp(why, "total_mismatch") == 0);
}

static void boot_records(void)
{
    const otactl_boot_record_t states[] = {
        {{OTA_BOOT_PENDING, 0, 0, OTA_BOOT_NO_TIME}, 1002003, "b-0123456789ab"},
        {{OTA_BOOT_PENDING, 2, 4, 1750000000000LL}, 1002003, "b-0123456789ab"},
        {{OTA_BOOT_ROLLED_BACK, 4, 5, 1750000000000LL}, 9007199254740991LL, "b-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
        {{OTA_BOOT_CONFIRMED, 0, 0, OTA_BOOT_NO_TIME}, 7, "b-aaaaaaaaaaaa"},
    };
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        char line[160];
        otactl_boot_record_t back;
        memset(&back, 0x5a, sizeof back);
        int n = otactl_boot_record_format(&states[i], line, sizeof line);
        bool same = n > 0 && otactl_boot_record_parse(line, &back) == 0 && back.state.status == states[i].state.status && back.state.boots == states[i].state.boots
                    && back.state.failures == states[i].state.failures && back.state.first_boot_ms == states[i].state.first_boot_ms
                    && back.version_code == states[i].version_code && strcmp(back.build_id, states[i].build_id) == 0;
        char what[200];
        snprintf(what, sizeof what, "the record round-trips: %s", line);
        CHECK(what, same);
    }
    otactl_boot_record_t r;
    CHECK("a trailing newline is accepted", otactl_boot_record_parse("pending 1 0 -1 5 b-0123456789ab\n", &r) == 0 && r.state.boots == 1);
    static const char *const damaged[] = {"", "pending", "pending 1 2 3", "pending x 0 -1 5 b-0123456789ab", "unknown 0 0 -1 1 b-0123456789ab",
                                          "pending 1 0 -1 5 ", "pending 1 0 -1 5 b-0123456789ab extra", "pending -1 0 -1 5 b-0123456789ab",
                                          "pending 1 0 -2 5 b-0123456789ab", "pending 4294967296 0 -1 5 b-0123456789ab", "pending 1 0 -1 5 b-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"};
    for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
        char what[200];
        snprintf(what, sizeof what, "a damaged record is refused: \"%s\"", damaged[i]);
        CHECK(what, otactl_boot_record_parse(damaged[i], &r) == -1);
    }
    char small[8];
    CHECK("a record that does not fit the buffer is not written", otactl_boot_record_format(&states[0], small, sizeof small) == -1);
}

int main(void)
{
    pins();
    build_copy();
    downloads();
    boot_records();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
