#ifndef OTA_TIME_H
#define OTA_TIME_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A signed document's time (BRIEF contract 4, the zod schema's rule): RFC 3339 in UTC,
 * "YYYY-MM-DDTHH:MM:SS[.fraction]Z" with an uppercase T and Z and no offset, a real calendar date
 * (Gregorian leap years), seconds 00..59. To milliseconds since the Unix epoch (finer digits are
 * truncated). Portable: no timegm/strptime (neither is in newlib everywhere). 0 on success, -1 for
 * anything else. */
int ota_parse_time_ms(const char *text, int64_t *ms);

/* "HH:MM" (00:00..23:59, exactly five characters) as minutes since midnight; -1 for anything else.
 * How install windows and a device's local time are written (docs/manifest.md). */
int ota_parse_local_time(const char *text);

/* The local time of day at unix_s, in minutes since midnight, read with localtime_r under the TZ
 * environment variable (set it with setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1) and tzset()).
 * -1 when unix_s is below min_sane_s: the clock is not set yet (no SNTP sync), so the local time is
 * unknown and a manifest with an install window defers. *utc_assumed (may be NULL) is set when TZ is
 * unset or empty: the time is then UTC, which the agent reports as ota.time.utc_assumed. */
int ota_local_minute(int64_t unix_s, int64_t min_sane_s, bool *utc_assumed);

#ifdef __cplusplus
}
#endif
#endif
