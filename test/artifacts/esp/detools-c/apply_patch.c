/*
 * otactl test driver: applies an esp_delta_ota patch with detools' sequential apply API, the way
 * esp_delta_ota does on a device (header checked first, then the patch fed in chunks, base read
 * through callbacks, output written through a callback).
 *
 *   apply_patch BASE PATCH OUT RUNNING_HASH_HEX [CHUNK]
 *
 * RUNNING_HASH_HEX is the validation hash of the image the "device" runs; "-" means PATCH is a
 * bare detools patch with no esp_delta_ota header. Exit: 0 applied, 2 usage or I/O, 3 header
 * refused (magic or base hash), 4 detools refused the patch.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detools.h"
#include "host_file.h"

#define HEADER_LEN 64
#define MAGIC 0xfccdde10u

struct io {
    const uint8_t *base;
    size_t base_len;
    long from;
    FILE *out;
};

static int from_read(void *arg, uint8_t *buf, size_t size)
{
    struct io *io = arg;
    /* A device reads its running partition; reading outside the base image is refused here. */
    if (io->from < 0 || (size_t)io->from + size > io->base_len) return -1;
    memcpy(buf, io->base + io->from, size);
    io->from += (long)size;
    return 0;
}

static int from_seek(void *arg, int offset)
{
    struct io *io = arg;
    io->from += offset;
    return 0;
}

static int to_write(void *arg, const uint8_t *buf, size_t size)
{
    struct io *io = arg;
    return fwrite(buf, 1, size, io->out) == size ? 0 : -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: apply_patch BASE PATCH OUT RUNNING_HASH_HEX [CHUNK]\n");
        return 2;
    }
    size_t base_len, patch_len;
    uint8_t *base = slurp(argv[1], &base_len);
    uint8_t *patch = slurp(argv[2], &patch_len);
    size_t chunk = argc > 5 ? (size_t)atoi(argv[5]) : 1024;
    if (base == NULL || patch == NULL || chunk == 0) {
        fprintf(stderr, "cannot read inputs\n");
        return 2;
    }
    size_t start = 0;
    if (strcmp(argv[4], "-") != 0) {
        uint8_t running[32];
        if (strlen(argv[4]) != 64) return 2;
        for (int i = 0; i < 32; i++) {
            int hi = hexval(argv[4][2 * i]), lo = hexval(argv[4][2 * i + 1]);
            if (hi < 0 || lo < 0) return 2;
            running[i] = (uint8_t)(hi << 4 | lo);
        }
        if (patch_len < HEADER_LEN) {
            fprintf(stderr, "patch header not received\n");
            return 3;
        }
        uint32_t magic = (uint32_t)patch[0] | (uint32_t)patch[1] << 8 | (uint32_t)patch[2] << 16 | (uint32_t)patch[3] << 24;
        if (magic != MAGIC) {
            fprintf(stderr, "invalid magic word in patch\n");
            return 3;
        }
        if (memcmp(patch + 4, running, 32) != 0) {
            fprintf(stderr, "patch made for another base image\n");
            return 3;
        }
        start = HEADER_LEN;
    }
    struct io io = { base, base_len, 0, fopen(argv[3], "wb") };
    if (io.out == NULL) return 2;
    struct detools_apply_patch_t ap;
    int res = detools_apply_patch_init(&ap, from_read, from_seek, 0, to_write, &io);
    for (size_t off = start; res == 0 && off < patch_len; off += chunk) {
        size_t n = patch_len - off < chunk ? patch_len - off : chunk;
        res = detools_apply_patch_process(&ap, patch + off, n);
    }
    if (res == 0) res = detools_apply_patch_finalize(&ap);
    fclose(io.out);
    if (res < 0) {
        fprintf(stderr, "detools: %s\n", detools_error_as_string(res));
        return 4;
    }
    printf("%d\n", res);
    return 0;
}
