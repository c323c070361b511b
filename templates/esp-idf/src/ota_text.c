#include "ota_text.h"

#include <string.h>

size_t ota_utf8_sequence(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07u;
    } else {
        return 0; /* a continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if (n < len) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[k] & 0x3Fu);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

bool ota_device_id_valid(const char *id) { return id != NULL && ota_device_id_valid_bytes(id, strlen(id)); }

bool ota_device_id_valid_bytes(const char *id, size_t n)
{
    if (id == NULL || n < 1 || n > OTA_DEVICE_ID_MAX_BYTES) return false;
    const unsigned char *s = (const unsigned char *)id;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = ota_utf8_sequence(s + i, n - i, &cp);
        if (k == 0 || cp < 0x20 || cp == 0x7F) return false;
        i += k;
    }
    return true;
}
