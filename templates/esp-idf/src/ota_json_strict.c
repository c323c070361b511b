#include "ota_json_strict.h"

#include <stdint.h>
#include <string.h>

#include "ota_text.h"

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The code unit of "\uXXXX" at s[*i] (the backslash), advancing past it; -1 when malformed. */
static long utf16_escape(const unsigned char *s, size_t len, size_t *i)
{
    if (len - *i < 6 || s[*i] != '\\' || s[*i + 1] != 'u') return -1;
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = hex_value(s[*i + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    *i += 6;
    return v;
}

/* A string starting at s[*i] == '"'; on success *i is past its closing quote. */
static bool scan_string(const unsigned char *s, size_t len, size_t *i)
{
    size_t at = *i + 1;
    while (at < len) {
        unsigned char c = s[at];
        if (c == '"') {
            *i = at + 1;
            return true;
        }
        if (c < 0x20) return false; /* raw control characters must be escaped */
        if (c != '\\') {
            uint32_t cp;
            size_t k = ota_utf8_sequence(s + at, len - at, &cp);
            if (k == 0) return false;
            at += k;
            continue;
        }
        if (at + 1 >= len) return false;
        unsigned char e = s[at + 1];
        if (e != 'u') {
            if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') return false;
            at += 2;
            continue;
        }
        long unit = utf16_escape(s, len, &at);
        if (unit <= 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false; /* U+0000, or a lone low surrogate */
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            long low = utf16_escape(s, len, &at);
            if (low < 0xDC00 || low > 0xDFFF) return false;
        }
    }
    return false;
}

/* -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? starting at s[*i]. */
static bool scan_number(const unsigned char *s, size_t len, size_t *i)
{
    size_t at = *i;
    if (at < len && s[at] == '-') at++;
    if (at >= len || !is_digit(s[at])) return false;
    if (s[at] == '0') {
        at++;
    } else {
        while (at < len && is_digit(s[at])) at++;
    }
    if (at < len && s[at] == '.') {
        at++;
        if (at >= len || !is_digit(s[at])) return false;
        while (at < len && is_digit(s[at])) at++;
    }
    if (at < len && (s[at] == 'e' || s[at] == 'E')) {
        at++;
        if (at < len && (s[at] == '+' || s[at] == '-')) at++;
        if (at >= len || !is_digit(s[at])) return false;
        while (at < len && is_digit(s[at])) at++;
    }
    *i = at;
    return true;
}

static bool scan_word(const unsigned char *s, size_t len, size_t *i, const char *word)
{
    size_t n = strlen(word);
    if (len - *i < n || memcmp(s + *i, word, n) != 0) return false;
    *i += n;
    return true;
}

static bool scan_scalar(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    if (c == '"') return scan_string(s, len, i);
    if (c == '-' || is_digit(c)) return scan_number(s, len, i);
    return scan_word(s, len, i, "true") || scan_word(s, len, i, "false") || scan_word(s, len, i, "null");
}

bool ota_json_well_formed(const char *json, size_t len, unsigned max_depth)
{
    if (json == NULL || max_depth > 32) return false;
    const unsigned char *s = (const unsigned char *)json;
    /* What may come next. FIRST_*: just after '{' or '[' (which may close at once). */
    enum { VALUE, FIRST_VALUE, KEY, FIRST_KEY, COLON, AFTER } want = VALUE;
    uint32_t objects = 0; /* bit d set: level d + 1 is an object, else an array */
    unsigned depth = 0;
    size_t i = 0;
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        if (i == len) return want == AFTER && depth == 0;
        unsigned char c = s[i];
        bool in_object = depth > 0 && ((objects >> (depth - 1)) & 1u);
        switch (want) {
        case COLON:
            if (c != ':') return false;
            i++;
            want = VALUE;
            break;
        case AFTER:
            if (depth == 0) return false; /* text after the value */
            if (c == ',') {
                want = in_object ? KEY : VALUE;
            } else if (c == (in_object ? '}' : ']')) {
                depth--;
            } else {
                return false;
            }
            i++;
            break;
        case FIRST_KEY:
            if (c == '}') {
                depth--;
                i++;
                want = AFTER;
                break;
            }
            /* fall through */
        case KEY:
            if (c != '"' || !scan_string(s, len, &i)) return false;
            want = COLON;
            break;
        case FIRST_VALUE:
            if (c == ']') {
                depth--;
                i++;
                want = AFTER;
                break;
            }
            /* fall through */
        case VALUE:
            if (c == '{' || c == '[') {
                if (depth >= max_depth) return false;
                objects = c == '{' ? objects | (1u << depth) : objects & ~(1u << depth);
                depth++;
                i++;
                want = c == '{' ? FIRST_KEY : FIRST_VALUE;
                break;
            }
            if (!scan_scalar(s, len, &i)) return false;
            want = AFTER;
            break;
        }
    }
}

static bool names_unique(const cJSON *object)
{
    for (const cJSON *a = object->child; a != NULL; a = a->next) {
        for (const cJSON *b = a->next; b != NULL; b = b->next) {
            if (strcmp(a->string, b->string) == 0) return false;
        }
    }
    return true;
}

bool ota_json_unique_keys(const cJSON *root)
{
    if (root == NULL) return false;
    if (cJSON_IsObject(root) && !names_unique(root)) return false;
    /* Depth-first without recursion: next[d] is the next child to visit at level d + 2. */
    const cJSON *next[OTA_JSON_MAX_DEPTH];
    unsigned depth = 0;
    if (cJSON_IsObject(root) || cJSON_IsArray(root)) next[depth++] = root->child;
    while (depth > 0) {
        const cJSON *n = next[depth - 1];
        if (n == NULL) {
            depth--;
            continue;
        }
        next[depth - 1] = n->next;
        if (!cJSON_IsObject(n) && !cJSON_IsArray(n)) continue;
        if (cJSON_IsObject(n) && !names_unique(n)) return false;
        if (depth == OTA_JSON_MAX_DEPTH) return false; /* deeper than the scan allows: not from ota_json_parse_strict */
        next[depth++] = n->child;
    }
    return true;
}

cJSON *ota_json_parse_strict(const char *json, size_t len)
{
    if (!ota_json_well_formed(json, len, OTA_JSON_MAX_DEPTH)) return NULL;
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (root != NULL && !ota_json_unique_keys(root)) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}
