/* The ESP-IDF glue's pure rules (esp/ota_glue_rules.c) on the host: the agent's sleep in ticks at
 * CONFIG_FREERTOS_HZ 100 and 1000, the capped manifest read, the resume bookkeeping and the
 * confirmation of a new build. Prints one line per failing check and "N passed, N failed"; exits 1
 * on any failure. */
#include <stdio.h>
#include <string.h>

#include "ota_glue_rules.h"

static int passed, failed;

static void check(const char *what, long long got, long long want)
{
    if (got == want) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s: got %lld, expected %lld\n", what, got, want);
}

/* A body served in reads of at most `chunk` bytes; fail_at >= 0 makes the read at that offset fail. */
typedef struct {
    size_t size, at, chunk;
    long fail_at;
} body_t;

static int serve(void *ctx, char *buf, int len)
{
    body_t *b = ctx;
    if (b->fail_at >= 0 && b->at == (size_t)b->fail_at) return -1;
    size_t n = b->size - b->at;
    if (n > (size_t)len) n = (size_t)len;
    if (n > b->chunk) n = b->chunk;
    memset(buf, 'x', n);
    b->at += n;
    return (int)n;
}

static void read_case(const char *what, size_t size, size_t chunk, long fail_at, ota_read_result_t want, size_t want_len)
{
    char buf[64];
    body_t b = {size, 0, chunk, fail_at};
    size_t len = 12345;
    ota_read_result_t r = ota_read_capped(serve, &b, buf, sizeof buf, &len);
    char label[160];
    snprintf(label, sizeof label, "%s (result)", what);
    check(label, r, want);
    snprintf(label, sizeof label, "%s (length)", what);
    check(label, (long long)len, (long long)want_len);
}

int main(void)
{
    /* 6 h, the template's period, at both usual tick rates; pdMS_TO_TICKS gave 125163 at 1000 Hz. */
    check("6 h at 100 Hz", ota_seconds_to_ticks(6 * 3600, 100), 2160000);
    check("6 h at 1000 Hz", ota_seconds_to_ticks(6 * 3600, 1000), 21600000);
    check("24 h at 1000 Hz", ota_seconds_to_ticks(24 * 3600, 1000), 86400000);
    check("1 s at 100 Hz", ota_seconds_to_ticks(1, 100), 100);
    check("0 s", ota_seconds_to_ticks(0, 1000), 0);
    check("the longest exact wait at 1000 Hz", ota_seconds_to_ticks(4294967, 1000), 4294967000LL);
    check("one second more saturates below portMAX_DELAY", ota_seconds_to_ticks(4294968, 1000), (long long)OTA_TICKS_MAX);
    check("UINT32_MAX s saturates", ota_seconds_to_ticks(UINT32_MAX, 1000), (long long)OTA_TICKS_MAX);

    /* The manifest read, cap 64. */
    read_case("a small body", 10, 64, -1, OTA_READ_OK, 10);
    read_case("a body of exactly the cap in one read", 64, 64, -1, OTA_READ_OK, 64);
    read_case("a body of exactly the cap in small reads", 64, 7, -1, OTA_READ_OK, 64);
    read_case("one byte over the cap", 65, 64, -1, OTA_READ_TOO_LARGE, 64);
    read_case("far over the cap in small reads", 1000, 5, -1, OTA_READ_TOO_LARGE, 64);
    read_case("a read failing midway", 50, 8, 16, OTA_READ_ERROR, 16);
    read_case("a read failing right after the cap", 64, 64, 64, OTA_READ_ERROR, 64);
    read_case("an empty body", 0, 64, -1, OTA_READ_OK, 0);

    /* Resume bookkeeping. */
    const char *a = "1111111111111111111111111111111111111111111111111111111111111111";
    const char *b = "2222222222222222222222222222222222222222222222222222222222222222";
    check("resume the same build", ota_resume_from(a, 4096, a, 100000), 4096);
    check("another build starts over", ota_resume_from(b, 4096, a, 100000), 0);
    check("nothing saved starts over", ota_resume_from(NULL, 4096, a, 100000), 0);
    check("a count at the size starts over", ota_resume_from(a, 100000, a, 100000), 0);
    check("a count past the size starts over", ota_resume_from(a, 100001, a, 100000), 0);
    check("a negative count starts over", ota_resume_from(a, -5, a, 100000), 0);
    check("206 with the rest of the build", ota_response_fits(4096, 100000 - 4096, 100000), 1);
    check("200 with the whole build after kept bytes (Range ignored)", ota_response_fits(4096, 100000, 100000), 0);
    check("a shorter remainder", ota_response_fits(4096, 100, 100000), 0);
    check("unknown length after kept bytes", ota_response_fits(4096, -1, 100000), 0);
    check("from byte 0, the whole build", ota_response_fits(0, 100000, 100000), 1);
    check("from byte 0, unknown length", ota_response_fits(0, -1, 100000), 1);
    check("from byte 0, another length", ota_response_fits(0, 99999, 100000), 0);
    check("kept bytes beyond the build", ota_response_fits(100000, 0, 100000), 0);

    /* Confirmation of a new build. */
    check("verified manifest: valid", ota_confirm_step(true, 0), OTA_CONFIRM_VALID);
    check("verified after failures: valid", ota_confirm_step(true, OTA_CONFIRM_ATTEMPTS + 5), OTA_CONFIRM_VALID);
    check("first failure: wait", ota_confirm_step(false, 1), OTA_CONFIRM_WAIT);
    check("one failure short: wait", ota_confirm_step(false, OTA_CONFIRM_ATTEMPTS - 1), OTA_CONFIRM_WAIT);
    check("the last attempt failed: roll back", ota_confirm_step(false, OTA_CONFIRM_ATTEMPTS), OTA_CONFIRM_ROLL_BACK);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
