/* The decisions of the ESP8266 glue (OtactlAgent.cpp) that need no Arduino API, in plain C so CI
 * builds and runs them on the host (test/glue_test.c): which server pin to use, the build copied
 * out of the manifest, the Range-resume loop of one install over the shared rule (ota_resume.h),
 * and the boot-validation record kept in LittleFS (ota_boot.h). */
#ifndef OTACTL_GLUE_H
#define OTACTL_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ota_boot.h"
#include "ota_manifest.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the server pin ---- */
typedef enum { OTACTL_PIN_NONE, OTACTL_PIN_CA, OTACTL_PIN_FINGERPRINT } otactl_pin_t;

/* CA when ca_pem is set (not read here: it may be in PROGMEM; the glue refuses one X509List cannot
 * parse, and a broken CA is never replaced by the fingerprint silently); else FINGERPRINT when
 * fingerprint (in RAM) is exactly 20 hex bytes (pairs of hex digits, optionally separated by one
 * ':' or ' '), written to sha1_out; else NONE: the agent refuses to connect. */
otactl_pin_t otactl_pin_choice(const char *ca_pem, const char *fingerprint, uint8_t sha1_out[20]);

/* ---- the build to install, copied so the manifest's cJSON tree is freed before the download's
 *      TLS session opens (the ESP8266 has ~40 KB of heap; TLS takes ~22 KB of it) ---- */
#ifndef OTACTL_MAX_URL
#define OTACTL_MAX_URL 1024
#endif
typedef struct {
    char build_id[72]; /* "b-" + 12..64 hex */
    char sha256[65];
    char url[OTACTL_MAX_URL + 1];
    int64_t size;
    int64_t version_code;
} otactl_build_t;

/* 0, or -1 when a field does not fit (the build is then not installed). */
int otactl_build_copy(const ota_build_t *b, otactl_build_t *out);

/* ---- one install's download over several HTTP responses (sessions), on the shared Range rule ---- */
typedef enum {
    OTACTL_DL_WRITE,        /* write the body after the bytes already written */
    OTACTL_DL_REWIND,       /* restart the image from 0 (Update.end() discards, Update.begin() again,
                             * the hash from scratch), then write the body */
    OTACTL_DL_RETRY,        /* nothing from this response; ask again for the rest */
    OTACTL_DL_REWIND_RETRY  /* restart the image from 0 and ask again, without Range */
} otactl_dl_action_t;

typedef struct {
    int64_t size;       /* the manifest's size */
    int64_t have;       /* bytes written to Update and hashed */
    int64_t range_from; /* Range start of the request in flight, or OTA_RESUME_ABSENT */
    int64_t announced;  /* body bytes the current response may bring */
} otactl_download_t;

void otactl_dl_init(otactl_download_t *d, int64_t size);
/* Before each request: the Range start ("Range: bytes=<n>-"), or OTA_RESUME_ABSENT for none. */
int64_t otactl_dl_range(otactl_download_t *d);
/* The response's status, Content-Range (NULL: absent) and Content-Length (-1: absent). *reason
 * (may be NULL) gets the rule's reason ("resume", "range_ignored", "range_mismatch", ...). */
otactl_dl_action_t otactl_dl_response(otactl_download_t *d, int status, const char *content_range, int64_t content_length, const char **reason);
/* n more body bytes: false when they exceed what the response announced (overlong: give up and
 * discard the image). */
bool otactl_dl_body(otactl_download_t *d, size_t n);
/* true when all size bytes are written (verify the SHA-256 now). */
bool otactl_dl_complete(const otactl_download_t *d);

/* ---- the boot-validation record (one line in LittleFS) ---- */
typedef struct {
    ota_boot_state_t state;
    int64_t version_code; /* of the installed build */
    char build_id[72];
} otactl_boot_record_t;

/* "<status> <boots> <failures> <first_boot_ms> <version_code> <build_id>": the length written, or -1. */
int otactl_boot_record_format(const otactl_boot_record_t *r, char *out, size_t cap);
/* 0, or -1 when the line is not such a record (a damaged record counts as none: confirmed). */
int otactl_boot_record_parse(const char *line, otactl_boot_record_t *r);

#ifdef __cplusplus
}
#endif

#endif
