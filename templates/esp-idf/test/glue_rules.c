/* The ESP-IDF glue's pure rules (esp/ota_glue_rules.c) on the host: the agent's sleep in ticks at
 * CONFIG_FREERTOS_HZ 100 and 1000, the capped manifest read, and how esp_https_ota's view of a
 * resumed download maps onto the shared Range rules (ota_resume.h). Prints one line per failing check and "N passed, N failed"; exits 1
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

/* The step for a response esp_https_ota opened after keeping `kept` bytes of a 100000-byte build. */
static void response_case(const char *what, int64_t kept, int status, const char *content_range, int64_t content_length, ota_idf_step_t want)
{
    ota_resume_plan_t plan = ota_resume_plan(ota_idf_range_asked(kept, status), 100000, status, content_range, content_length);
    check(what, ota_idf_response_step(&plan, kept), want);
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

    /* Resume bookkeeping: what NVS saved. */
    const char *a = "1111111111111111111111111111111111111111111111111111111111111111";
    const char *b = "2222222222222222222222222222222222222222222222222222222222222222";
    check("resume the same build", ota_idf_resume_from(a, 4096, a, 100000), 4096);
    check("another build starts over", ota_idf_resume_from(b, 4096, a, 100000), OTA_RESUME_ABSENT);
    check("nothing saved starts over", ota_idf_resume_from(NULL, 4096, a, 100000), OTA_RESUME_ABSENT);
    check("a count at the size starts over", ota_idf_resume_from(a, 100000, a, 100000), OTA_RESUME_ABSENT);
    check("a count of 0 starts over", ota_idf_resume_from(a, 0, a, 100000), OTA_RESUME_ABSENT);

    /* The Range esp_https_ota asked for the response it opened. */
    check("kept bytes: asked from there (206)", ota_idf_range_asked(4096, 206), 4096);
    check("kept bytes: asked from there (200)", ota_idf_range_asked(4096, 200), 4096);
    check("nothing kept, 206: ESP-IDF 6's bytes=0-", ota_idf_range_asked(0, 206), 0);
    check("nothing kept, 200: no Range", ota_idf_range_asked(0, 200), OTA_RESUME_ABSENT);
    check("BEGIN state (-1), 200: no Range", ota_idf_range_asked(-1, 200), OTA_RESUME_ABSENT);

    /* The opened response through the shared plan (ota_resume_plan), size 100000. */
    response_case("5.5 resumed, 206 with the rest", 4096, 206, "bytes 4096-99999/100000", 95904, OTA_IDF_WRITE);
    response_case("5.5 resumed, 200 with the whole file (Range ignored)", 4096, 200, NULL, 100000, OTA_IDF_START_OVER);
    response_case("6.0 fell back to a plain GET itself", 0, 200, NULL, 100000, OTA_IDF_WRITE);
    response_case("6.0 fresh start, 206 to bytes=0-", 0, 206, "bytes 0-99999/100000", 100000, OTA_IDF_WRITE);
    response_case("fresh, a length that is not the manifest's", 0, 200, NULL, 99999, OTA_IDF_STOP_DISCARD);
    response_case("fresh, unknown length (chunked)", 0, 200, NULL, OTA_RESUME_ABSENT, OTA_IDF_WRITE);
    response_case("resumed, 206 from another offset", 4096, 206, "bytes 0-99999/100000", 100000, OTA_IDF_START_OVER);
    response_case("resumed, 206 of another total", 4096, 206, "bytes 4096-99999/200000", 95904, OTA_IDF_START_OVER);
    response_case("resumed, 206 with a wrong length", 4096, 206, "bytes 4096-99999/100000", 100000, OTA_IDF_START_OVER);
    response_case("resumed, a shorter 206 (continued next time)", 4096, 206, "bytes 4096-8191/100000", 4096, OTA_IDF_WRITE);
    response_case("resumed, another status keeps the bytes", 4096, 503, NULL, OTA_RESUME_ABSENT, OTA_IDF_STOP_KEEP);
    ota_resume_plan_t shorter = ota_resume_plan(4096, 100000, 206, "bytes 4096-8191/100000", 4096);
    int64_t on_disk = -1;
    check("a shorter 206 read whole is partial", ota_resume_outcome(&shorter, 4096, 100000, 4096, &on_disk), OTA_RESUME_PARTIAL);
    check("... with its end on disk", on_disk, 8192);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
