/* localtime_r is POSIX, not C11: ask for it (glibc on the host; newlib on ESP-IDF and ESP8266 has it). */
#define _POSIX_C_SOURCE 200809L

#include "ota_time.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static bool expect(const char **p, char c)
{
    if (**p != c) return false;
    (*p)++;
    return true;
}

static bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

int ota_parse_time_ms(const char *text, int64_t *ms)
{
    const char *p = text;
    int y, mo, d, h, mi, s, frac = 0;
    if (p == NULL || !digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') || !digits(&p, 2, &d)) return -1;
    if (!expect(&p, 'T')) return -1;
    if (!digits(&p, 2, &h) || !expect(&p, ':') || !digits(&p, 2, &mi) || !expect(&p, ':') || !digits(&p, 2, &s)) return -1;
    if (*p == '.') {
        p++;
        int scale = 100, n = 0;
        for (; *p >= '0' && *p <= '9'; p++, n++) { /* milliseconds; finer digits are truncated */
            frac += (*p - '0') * scale;
            scale /= 10;
        }
        if (n == 0) return -1;
    }
    if (!expect(&p, 'Z') || *p != '\0') return -1;
    /* A real calendar date and time: no Feb 31, no leap second (s = 60), as the zod schema. */
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59) return -1;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    *ms = secs * 1000 + frac;
    return 0;
}

int ota_parse_local_time(const char *text)
{
    const char *p = text;
    int h, m;
    if (p == NULL || !digits(&p, 2, &h) || !expect(&p, ':') || !digits(&p, 2, &m) || *p != '\0') return -1;
    return h <= 23 && m <= 59 ? h * 60 + m : -1;
}

int ota_local_minute(int64_t unix_s, int64_t min_sane_s, bool *utc_assumed)
{
    const char *tz = getenv("TZ");
    if (utc_assumed != NULL) *utc_assumed = tz == NULL || tz[0] == '\0';
    if (unix_s < min_sane_s) return -1;
    time_t t = (time_t)unix_s;
    struct tm local;
    if (localtime_r(&t, &local) == NULL) return -1;
    return local.tm_hour * 60 + local.tm_min;
}
