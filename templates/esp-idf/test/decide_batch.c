/* The C core deciding for many devices in one process, for the fleet acceptance run and the bench:
 *   decide_batch <envelope.json> <trusted-key.spki.der> <now-ms> [--bench ROUNDS] < devices.tsv
 * The envelope is verified (DSSE, mbedTLS) and checked for expiry exactly as a device does, then each
 * input line "device_id TAB version_code TAB wifi TAB battery TAB charging TAB in_call TAB free_disk"
 * (tristates 1/0/-1, -1 for an unknown number) gets one output line
 * "device_id TAB action TAB reason TAB build_id|- TAB bucket TAB in_cohort TAB canary".
 * An envelope that does not verify or is not fresh prints "REJECT <reason>" and exits 3.
 * --bench ROUNDS decides every device ROUNDS times and prints only "decisions N seconds S". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ota_decision.h"
#include "ota_envelope.h"
#include "ota_freshness.h"

#define MAX_DEVICES 200000

typedef struct {
    char id[128];
    ota_device_t device;
    ota_conditions_t cond;
} row_t;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static ota_tristate_t tri(long v) { return v < 0 ? OTA_UNKNOWN : v ? OTA_YES : OTA_NO; }

/* Parses one TSV line into r; 0 on success. */
static int parse_row(char *line, row_t *r)
{
    char *f[7];
    char *save = NULL;
    for (int i = 0; i < 7; i++) {
        f[i] = strtok_r(i == 0 ? line : NULL, "\t\r\n", &save);
        if (!f[i]) return -1;
    }
    if (strlen(f[0]) >= sizeof r->id) return -1;
    strcpy(r->id, f[0]);
    r->device = (ota_device_t){r->id, strtoll(f[1], NULL, 10), NULL, 0, NULL, NULL};
    r->cond = (ota_conditions_t){tri(strtol(f[2], NULL, 10)), (int)strtol(f[3], NULL, 10), tri(strtol(f[4], NULL, 10)),
                                 tri(strtol(f[5], NULL, 10)), strtoll(f[6], NULL, 10),
                                 false, -1 /* local time unknown: the fleet demo sets no install window */};
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 && !(argc == 6 && strcmp(argv[4], "--bench") == 0)) {
        fprintf(stderr, "usage: decide_batch <envelope.json> <key.spki.der> <now-ms> [--bench ROUNDS] < devices.tsv\n");
        return 2;
    }
    size_t env_len = 0, spki_len = 0;
    char *env = slurp(argv[1], &env_len);
    char *spki = slurp(argv[2], &spki_len);
    ota_trusted_key_t key;
    if (!env || !spki || ota_key_init(&key, (const uint8_t *)spki, spki_len) != 0) {
        fprintf(stderr, "decide_batch: cannot read the envelope or the key\n");
        return 2;
    }
    static uint8_t payload[1 << 20];
    size_t payload_len = 0;
    uint32_t verified = 0;
    ota_env_result_t r = ota_verify_envelope(env, env_len, OTA_MANIFEST_PAYLOAD_TYPE, &key, 1, payload, sizeof payload, &payload_len, &verified);
    if (r != OTA_ENV_OK) {
        printf("REJECT %s\n", ota_env_result_name(r));
        return 3;
    }
    ota_manifest_t m;
    const char *field = NULL;
    if (ota_manifest_parse((const char *)payload, payload_len, &m, &field) != 0) {
        printf("REJECT schema %s\n", field ? field : "?");
        return 3;
    }
    const char *stale = ota_check_freshness(&m, strtoll(argv[3], NULL, 10), OTA_NONE, NULL, NULL);
    if (stale) {
        printf("REJECT %s\n", stale);
        ota_manifest_free(&m);
        return 3;
    }

    row_t *rows = malloc(sizeof(row_t) * MAX_DEVICES);
    size_t n = 0;
    char line[512];
    while (rows && n < MAX_DEVICES && fgets(line, sizeof line, stdin)) {
        if (parse_row(line, &rows[n]) == 0) n++;
    }
    if (argc == 6) {
        long rounds = strtol(argv[5], NULL, 10);
        struct timespec t0, t1;
        unsigned long sink = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long k = 0; k < rounds; k++) {
            for (size_t i = 0; i < n; i++) sink += ota_decide(&m, &rows[i].device, &rows[i].cond).bucket;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        printf("decisions %lu seconds %.6f sink %lu\n", (unsigned long)(n * (size_t)rounds), s, sink);
    } else {
        for (size_t i = 0; i < n; i++) {
            ota_decision_t d = ota_decide(&m, &rows[i].device, &rows[i].cond);
            printf("%s\t%s\t%s\t%s\t%u\t%d\t%d\n", rows[i].id, ota_action_name(d.action), d.reason, d.build ? d.build->build_id : "-",
                   (unsigned)d.bucket, d.in_cohort, d.canary);
        }
    }
    free(rows);
    free(env);
    free(spki);
    ota_manifest_free(&m);
    return 0;
}
