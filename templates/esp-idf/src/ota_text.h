/* Text rules every otactl client applies byte for byte (BRIEF contract 3): well-formed UTF-8 and
 * what a device id is. */
#ifndef OTA_TEXT_H
#define OTA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OTA_DEVICE_ID_MAX_BYTES 256

/* Length (1..4) of the well-formed UTF-8 sequence at s, which has n >= 1 bytes available; 0 when
 * it is not one (overlong, a surrogate, above U+10FFFF, truncated). *cp receives the code point. */
size_t ota_utf8_sequence(const unsigned char *s, size_t n, uint32_t *cp);

/* A device id: 1..256 bytes of well-formed UTF-8 without a control character (U+0000..U+001F,
 * U+007F). NULL is not one. */
bool ota_device_id_valid(const char *id);

/* The same rule on len bytes (which may hold a NUL: then not a device id). */
bool ota_device_id_valid_bytes(const char *id, size_t len);

#endif
