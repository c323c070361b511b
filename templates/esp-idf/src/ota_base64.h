#ifndef OTA_BASE64_H
#define OTA_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* Strict decoder: standard alphabet, padded to a multiple of 4, zero trailing bits. Exactly one
 * spelling per byte string is accepted, as in every otactl client. Returns the decoded length, or
 * -1 when the text is not canonical base64 or does not fit in cap bytes. With out NULL it only
 * checks the text (cap unused). */
long ota_base64_decode(const char *text, size_t len, uint8_t *out, size_t cap);

/* Bytes needed to decode len characters of base64. */
static inline size_t ota_base64_max_decoded(size_t len) { return len / 4 * 3; }

#endif
