#ifndef OTA_TIME_H
#define OTA_TIME_H

#include <stdint.h>

/* A signed document's time (BRIEF contract 4, the zod schema's rule): RFC 3339 in UTC,
 * "YYYY-MM-DDTHH:MM:SS[.fraction]Z" with an uppercase T and Z and no offset, a real calendar date
 * (Gregorian leap years), seconds 00..59. To milliseconds since the Unix epoch (finer digits are
 * truncated). Portable: no timegm/strptime (neither is in newlib everywhere). 0 on success, -1 for
 * anything else. */
int ota_parse_time_ms(const char *text, int64_t *ms);

#endif
