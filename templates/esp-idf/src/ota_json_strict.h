/* What the device lets cJSON see (BRIEF contracts 1 and 2). cJSON recurses once per nesting level
 * (up to 1000), reads "\u+12x" as U+0000, accepts "+1", "01" and text after the value, and keeps the
 * first of two equal keys where JSON.parse keeps the last. Every device-facing document (envelope,
 * manifest payload, nudge) therefore goes through ota_json_parse_strict(): a linear, non-recursive
 * RFC 8259 scan first, then cJSON, then a duplicate-key check over the (now shallow) tree. */
#ifndef OTA_JSON_STRICT_H
#define OTA_JSON_STRICT_H

#include <stdbool.h>
#include <stddef.h>

#include "cJSON.h"

/* Each object or array is one level; the top-level value is level 1. */
#define OTA_JSON_MAX_DEPTH 8

/* true when json[0..len) is one RFC 8259 value (whitespace around it allowed) nested at most
 * max_depth (<= 32) levels, whose strings are well-formed UTF-8 with complete escapes: "\u" takes
 * exactly four hex digits, surrogates come in pairs, and "\u0000" is refused (a C string cannot
 * hold it, so the device could not read such a document as the other clients do). Constant stack,
 * one pass. */
bool ota_json_well_formed(const char *json, size_t len, unsigned max_depth);

/* true when no object of the tree has two members of the same name (compared after unescaping). */
bool ota_json_unique_keys(const cJSON *root);

/* ota_json_well_formed(OTA_JSON_MAX_DEPTH), then cJSON_ParseWithLength, then ota_json_unique_keys:
 * the tree, or NULL when the text is malformed (or memory ran out). Free with cJSON_Delete. */
cJSON *ota_json_parse_strict(const char *json, size_t len);

#endif
