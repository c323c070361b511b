#ifndef OTA_TIME_H
#define OTA_TIME_H

#include <stdint.h>

/* RFC 3339 date-time ("2026-01-08T00:00:00.000Z", "...+02:00") to milliseconds since the Unix
 * epoch, UTC. Portable: no timegm/strptime (neither is in newlib everywhere). 0 on success. */
int ota_parse_time_ms(const char *text, int64_t *ms);

#endif
