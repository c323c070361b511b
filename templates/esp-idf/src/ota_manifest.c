#include "ota_manifest.h"

#include <string.h>

#include "ota_cohort.h"
#include "ota_json_strict.h"
#include "ota_time.h"

#define MAX_EXACT_INT 9007199254740991.0 /* 2^53 - 1: JSON numbers are doubles */

typedef struct {
    const char *bad; /* first bad field, or NULL */
} parse_t;

static const cJSON *item(const cJSON *obj, const char *key) { return cJSON_GetObjectItemCaseSensitive(obj, key); }

static const char *str(parse_t *p, const cJSON *obj, const char *key, bool nullable)
{
    const cJSON *v = item(obj, key);
    if (cJSON_IsString(v)) return v->valuestring;
    if (nullable && (v == NULL || cJSON_IsNull(v))) return NULL;
    if (p->bad == NULL) p->bad = key;
    return NULL;
}

static int64_t integer(parse_t *p, const cJSON *obj, const char *key, double min, double max, bool nullable)
{
    const cJSON *v = item(obj, key);
    if (nullable && (v == NULL || cJSON_IsNull(v))) return OTA_NONE;
    if (cJSON_IsNumber(v) && v->valuedouble >= min && v->valuedouble <= max && v->valuedouble == (double)(int64_t)v->valuedouble) {
        return (int64_t)v->valuedouble;
    }
    if (p->bad == NULL) p->bad = key;
    return OTA_NONE;
}

static bool boolean(parse_t *p, const cJSON *obj, const char *key, int dflt /* -1: required */)
{
    const cJSON *v = item(obj, key);
    if (cJSON_IsBool(v)) return cJSON_IsTrue(v);
    if (v == NULL && dflt >= 0) return dflt == 1;
    if (p->bad == NULL) p->bad = key;
    return false;
}

static bool is_hex64(const char *s)
{
    if (s == NULL || strlen(s) != 64) return false;
    for (const char *c = s; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'))) return false;
    }
    return true;
}

/* A time the zod schema accepts (contract 4), else the field is bad. */
static const char *timestamp(parse_t *p, const cJSON *obj, const char *key)
{
    const char *v = str(p, obj, key, false);
    int64_t ms;
    if (v != NULL && ota_parse_time_ms(v, &ms) != 0 && p->bad == NULL) p->bad = key;
    return v;
}

/* An array of strings; absent means empty (the schema's default). */
static const cJSON *strings(parse_t *p, const cJSON *obj, const char *key, bool hex)
{
    static cJSON empty = {.type = cJSON_Array};
    const cJSON *v = item(obj, key);
    if (v == NULL) return &empty;
    bool ok = cJSON_IsArray(v);
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (!cJSON_IsString(e) || (hex && !is_hex64(e->valuestring))) ok = false;
    }
    if (!ok && p->bad == NULL) p->bad = key;
    return ok ? v : &empty;
}

static void build(parse_t *p, const cJSON *v, const char *key, ota_build_t *b)
{
    memset(b, 0, sizeof *b);
    if (v == NULL || cJSON_IsNull(v)) return;
    if (!cJSON_IsObject(v)) {
        if (p->bad == NULL) p->bad = key;
        return;
    }
    b->present = true;
    b->build_id = str(p, v, "build_id", false);
    b->kind = str(p, v, "kind", false);
    b->version_name = str(p, v, "version_name", false);
    b->url = str(p, v, "url", false);
    b->sha256 = str(p, v, "sha256", false);
    b->signer_fingerprint = str(p, v, "signer_fingerprint", true);
    b->chip = str(p, v, "chip", true);
    b->version_code = integer(p, v, "version_code", 0, MAX_EXACT_INT, false);
    b->size = integer(p, v, "size", 0, MAX_EXACT_INT, false);
    b->secure_version = integer(p, v, "secure_version", 0, MAX_EXACT_INT, true);
    if (p->bad == NULL && (!is_hex64(b->sha256) || (b->signer_fingerprint && !is_hex64(b->signer_fingerprint)))) p->bad = key;
}

/* constraints.install_window: absent, or {start, end} as "HH:MM" that differ (the zod schema's rule). */
static void install_window(parse_t *p, const cJSON *w, ota_manifest_t *m)
{
    if (w == NULL) return;
    const cJSON *start = item(w, "start"), *end = item(w, "end");
    m->install_start = cJSON_IsString(start) ? ota_parse_local_time(start->valuestring) : -1;
    m->install_end = cJSON_IsString(end) ? ota_parse_local_time(end->valuestring) : -1;
    m->has_install_window = true;
    if ((m->install_start < 0 || m->install_end < 0 || m->install_start == m->install_end) && p->bad == NULL) p->bad = "install_window";
}

int ota_manifest_parse(const char *json, size_t len, ota_manifest_t *m, const char **field)
{
    memset(m, 0, sizeof *m);
    *field = NULL;
    m->root = ota_json_parse_strict(json, len);
    if (!cJSON_IsObject(m->root)) {
        *field = "(not a JSON object, deeper than 8 levels, or a duplicate key)";
        ota_manifest_free(m);
        return -1;
    }
    parse_t p = {NULL};
    const cJSON *r = m->root;
    if (integer(&p, r, "schema_version", 1, 1, false) != 1) p.bad = "schema_version";
    m->app = str(&p, r, "app", false);
    m->channel = str(&p, r, "channel", false);
    m->sequence = integer(&p, r, "sequence", 1, MAX_EXACT_INT, false);
    m->issued_at = timestamp(&p, r, "issued_at");
    m->expires_at = timestamp(&p, r, "expires_at");
    m->salt = str(&p, r, "salt", false);

    const cJSON *b = item(r, "build");
    build(&p, b, "build", &m->build);
    if (!m->build.present && p.bad == NULL) p.bad = "build";
    m->wifi_only = boolean(&p, b, "wifi_only", -1);
    m->must_install = boolean(&p, b, "must_install", -1);
    const cJSON *pct = item(b, "staged_rollout_percent");
    if (cJSON_IsNumber(pct) && pct->valuedouble >= 0 && pct->valuedouble <= 100) {
        m->percent = pct->valuedouble;
        m->basis_points = ota_basis_points(pct->valuedouble);
    } else if (p.bad == NULL) {
        p.bad = "staged_rollout_percent";
    }

    build(&p, item(r, "last_safe"), "last_safe", &m->last_safe);
    const cJSON *canary = item(r, "canary");
    m->canary_tags = strings(&p, canary, "tags", false);
    m->canary_device_sha256 = strings(&p, canary, "device_sha256", true);
    m->force_downgrade = boolean(&p, r, "force_downgrade", -1);
    m->rolled_back_from = str(&p, r, "rolled_back_from", true);

    const cJSON *c = item(r, "constraints");
    m->min_battery = (int)integer(&p, c, "min_battery", 0, 100, false);
    m->defer_in_call = boolean(&p, c, "defer_in_call", 1);
    install_window(&p, item(c, "install_window"), m);

    const cJSON *g = item(r, "gating");
    m->models = strings(&p, g, "models", false);
    m->chips = strings(&p, g, "chips", false);
    m->min_current_version = integer(&p, g, "min_current_version", 0, MAX_EXACT_INT, true);
    build(&p, item(g, "intermediate"), "intermediate", &m->intermediate);

    if (p.bad != NULL) {
        *field = p.bad;
        ota_manifest_free(m);
        return -1;
    }
    return 0;
}

void ota_manifest_free(ota_manifest_t *m)
{
    cJSON_Delete(m->root);
    memset(m, 0, sizeof *m);
}

bool ota_json_array_has(const cJSON *array, const char *s)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, array) {
        if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0) return true;
    }
    return false;
}
