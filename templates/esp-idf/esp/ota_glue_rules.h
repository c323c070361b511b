/* The arithmetic and bookkeeping of the ESP-IDF glue that needs no ESP-IDF: the agent's sleep in
 * ticks, the capped manifest read, which bytes of a download may be kept, and when a new build is
 * confirmed or rolled back. Pure C11, so the host tests run it (test/templates/esp-idf-glue.test.ts). */
#ifndef OTA_GLUE_RULES_H
#define OTA_GLUE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest wait in ticks: one below portMAX_DELAY (0xFFFFFFFF with 32-bit ticks), which FreeRTOS
 * reads as "forever". At 1000 Hz that is 49.7 days. */
#define OTA_TICKS_MAX UINT32_C(0xFFFFFFFE)

/* seconds at tick_hz as FreeRTOS ticks, computed in 64 bits and saturated at OTA_TICKS_MAX.
 * pdMS_TO_TICKS multiplies in TickType_t (32 bits): 6 h at 1000 Hz wrapped to ~125 s. */
uint32_t ota_seconds_to_ticks(uint32_t seconds, uint32_t tick_hz);

/* esp_http_client_read's shape: > 0 bytes read, 0 at the end of the body, < 0 an error. */
typedef int (*ota_read_fn)(void *ctx, char *buf, int len);

typedef enum {
    OTA_READ_OK,        /* the whole body, at most cap bytes, is in buf */
    OTA_READ_TOO_LARGE, /* the body has more than cap bytes */
    OTA_READ_ERROR,     /* a read failed */
} ota_read_result_t;

/* Reads a body of at most cap bytes into buf (cap bytes long); *len gets the bytes read. A body of
 * exactly cap bytes is read whole; one more byte makes it TOO_LARGE, whatever the reads after it say. */
ota_read_result_t ota_read_capped(ota_read_fn read, void *ctx, char *buf, size_t cap, size_t *len);

/* Bytes of a partly staged download esp_https_ota may continue from (its ota_image_bytes_written):
 * the saved count when the saved digest is the build's and the count lies inside it (0 < written <
 * size), else 0 (start over). The staged bytes are hashed again before the boot partition moves,
 * so a stale count can cost a download but never install a wrong image. */
int64_t ota_resume_from(const char *saved_sha256, int64_t saved_written, const char *sha256, int64_t size);

/* Whether the response esp_https_ota_begin opened may be written after the `already` bytes it kept
 * (esp_https_ota_get_image_len_read before the first perform): its Content-Length must be exactly
 * the rest of the build. A server that ignores Range answers 200 with the whole file, which written
 * after the kept bytes would corrupt the image: refused (content_length < 0, unknown, is accepted
 * only from byte 0, where the size and digest checks at the end still hold). */
bool ota_response_fits(int64_t already, int64_t content_length, int64_t size);

/* A new build that booted and passed its self-test stays pending until a check has fetched and
 * verified the channel manifest itself: only then is it marked valid. */
typedef enum {
    OTA_CONFIRM_WAIT,      /* keep trying: check again after OTA_CONFIRM_RETRY_S */
    OTA_CONFIRM_VALID,     /* esp_ota_mark_app_valid_cancel_rollback */
    OTA_CONFIRM_ROLL_BACK, /* esp_ota_mark_app_invalid_rollback_and_reboot */
} ota_confirm_step_t;

#define OTA_CONFIRM_RETRY_S 60
#ifndef OTA_CONFIRM_ATTEMPTS
#define OTA_CONFIRM_ATTEMPTS 30 /* with a check a minute: half an hour without a verified manifest */
#endif

/* After a check of a pending build: VALID when it verified a manifest, ROLL_BACK when `failed`
 * checks in a row (this one included) reached OTA_CONFIRM_ATTEMPTS, else WAIT. */
ota_confirm_step_t ota_confirm_step(bool manifest_verified, uint32_t failed);

#endif
