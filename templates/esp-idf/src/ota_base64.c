#include "ota_base64.h"

static int sextet(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

long ota_base64_decode(const char *text, size_t len, uint8_t *out, size_t cap)
{
    if (len % 4 != 0) return -1;
    size_t pad = 0;
    if (len >= 1 && text[len - 1] == '=') pad++;
    if (len >= 2 && text[len - 2] == '=') pad++;
    size_t n = len / 4 * 3 - pad;
    if (out != NULL && n > cap) return -1;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        int v[4];
        for (int k = 0; k < 4; k++) {
            size_t at = i + (size_t)k;
            v[k] = (at >= len - pad) ? 0 : sextet(text[at]);
            if (v[k] < 0) return -1;
        }
        uint32_t w = ((uint32_t)v[0] << 18) | ((uint32_t)v[1] << 12) | ((uint32_t)v[2] << 6) | (uint32_t)v[3];
        uint8_t b[3] = {(uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w};
        for (int k = 0; out != NULL && k < 3 && o < n; k++) out[o++] = b[k];
        /* Canonical: the bits a padded group leaves over must be zero. */
        if (i + 4 == len && ((pad == 1 && (w & 0xff)) || (pad == 2 && (w & 0xffff)))) return -1;
    }
    return (long)n;
}
