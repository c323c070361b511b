/* Reading a whole file on the host, for the test programs that take images and patches as files
 * (delta_scenarios.c, and test/artifacts/esp/detools-c/apply_patch.c, built with -I to this folder). */
#ifndef HOST_FILE_H
#define HOST_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The bytes of the file at path (malloc'ed, *len set), or NULL when it cannot be read. */
static inline uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

#endif
