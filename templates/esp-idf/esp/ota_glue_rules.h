/* The arithmetic and bookkeeping of the ESP-IDF glue that needs no ESP-IDF: the agent's sleep in
 * ticks, the capped manifest read, and how esp_https_ota's view of a resumed download maps onto the
 * shared Range rules (ota_resume.h). Pure C11, so the host tests run it
 * (test/templates/esp-idf.test.ts). Boot validation is the shared ota_boot.h as it is. */
#ifndef OTA_GLUE_RULES_H
#define OTA_GLUE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "ota_resume.h"

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

/* Where esp_https_ota continues: ota_resume_range_from over what NVS saved, when the saved digest
 * is the build's; else OTA_RESUME_ABSENT (start over). The staged bytes are hashed again before
 * the boot partition moves, so a stale count costs a download but never installs a wrong image. */
int64_t ota_idf_resume_from(const char *saved_sha256, int64_t saved_written, const char *sha256, int64_t size);

/* The Range start of the request whose response esp_https_ota_begin opened, from the bytes it kept
 * (esp_https_ota_get_image_len_read before the first perform; -1 there means none) and the status:
 * with bytes kept it asked "bytes=<kept>-"; without, only ESP-IDF 6's fresh start with
 * ota_resumption asks "bytes=0-" (a 206 says so); else no Range (OTA_RESUME_ABSENT). */
int64_t ota_idf_range_asked(int64_t kept, int status);

typedef enum {
    OTA_IDF_WRITE,        /* esp_https_ota_perform may write this response */
    OTA_IDF_START_OVER,   /* abort, forget the kept bytes, download again from byte 0 */
    OTA_IDF_STOP_KEEP,    /* abort, keep the kept bytes for a later check */
    OTA_IDF_STOP_DISCARD, /* abort, forget the kept bytes */
} ota_idf_step_t;

/* What to do with the opened response under ota_resume_plan's plan, given the bytes esp_https_ota
 * kept. Its writes go after the kept bytes whatever the response is: a 200 after kept bytes (a
 * server that ignores Range, which ESP-IDF 5.5 would append) or a 206 that does not start there
 * must start over, never be written. */
ota_idf_step_t ota_idf_response_step(const ota_resume_plan_t *plan, int64_t kept);

#endif
