/* Range resume (issue 16 item 10): what a download may do with the answer to its request, given
 * the bytes of the build already on disk. A 200 is the whole file from 0 (never appended to what
 * is there); a 206 is appended only when its Content-Range starts exactly where the request asked
 * and its total is the manifest's size; anything else writes nothing. The body may not exceed what
 * the response announced, and the SHA-256 is verified once `size` bytes are there. The same rule
 * as src/device/resume.ts, checked by test/vectors/resume.json. Pure: no I/O, no allocation. */
#ifndef OTA_RESUME_H
#define OTA_RESUME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OTA_RESUME_ABSENT (-1) /* no Range sent / no Content-Length received / no offset */

/* The Range start to ask for ("Range: bytes=<n>-"): have when 0 < have < size, else
 * OTA_RESUME_ABSENT (no Range header, and a partial file is dropped first). */
int64_t ota_resume_range_from(int64_t have, int64_t size);

typedef enum {
    OTA_RESUME_APPEND,  /* write the body at offset (= the Range start) */
    OTA_RESUME_RESTART, /* truncate, write the body from 0 */
    OTA_RESUME_KEEP,    /* write nothing, keep the partial file (another status: try later) */
    OTA_RESUME_DISCARD  /* write nothing, drop the partial file (the response does not continue it) */
} ota_resume_action_t;

typedef struct {
    ota_resume_action_t action;
    /* "resume" | "full" | "range_ignored" | "status" | "not_satisfiable" | "unrequested_range" |
     * "range_mismatch" | "total_mismatch" | "length_mismatch" */
    const char *reason;
    int64_t offset; /* where the body goes (APPEND, RESTART), else OTA_RESUME_ABSENT */
    int64_t length; /* bytes the body must bring (APPEND, RESTART), else OTA_RESUME_ABSENT */
} ota_resume_plan_t;

/* range_from: what the request asked (ota_resume_range_from); size: the manifest's size;
 * content_range: the header or NULL; content_length: the header or OTA_RESUME_ABSENT. */
ota_resume_plan_t ota_resume_plan(int64_t range_from, int64_t size, int status, const char *content_range, int64_t content_length);

typedef enum {
    OTA_RESUME_COMPLETE, /* size bytes on disk: verify the SHA-256 now */
    OTA_RESUME_PARTIAL,  /* fewer: resume next time */
    OTA_RESUME_OVERLONG, /* more body than the response announced: nothing is kept */
    OTA_RESUME_NOTHING   /* KEEP / DISCARD: no body was used */
} ota_resume_outcome_t;

/* After `received` body bytes under plan p: the outcome and the bytes that stay on disk. A
 * streaming writer stops as soon as received exceeds p->length (OVERLONG). */
ota_resume_outcome_t ota_resume_outcome(const ota_resume_plan_t *p, int64_t range_from, int64_t size, int64_t received, int64_t *on_disk);

const char *ota_resume_action_name(ota_resume_action_t action);     /* "append" | "restart" | "keep" | "discard" */
const char *ota_resume_outcome_name(ota_resume_outcome_t outcome);  /* "complete" | "partial" | "overlong" | "none" */

#ifdef __cplusplus
}
#endif

#endif
