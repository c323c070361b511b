/* Host check of ota_time.h's local-time helpers (test/templates/esp-idf.test.ts): prints
 * "<minute> <utc_assumed>" for ota_local_minute(argv[1], argv[2]) under the TZ of the environment,
 * or with "parse TEXT" the result of ota_parse_local_time(TEXT) ("parse" alone: NULL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ota_time.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "parse") == 0) {
        printf("%d\n", ota_parse_local_time(argc >= 3 ? argv[2] : NULL));
        return 0;
    }
    if (argc != 3) return 2;
    bool utc = false;
    int minute = ota_local_minute(strtoll(argv[1], NULL, 10), strtoll(argv[2], NULL, 10), &utc);
    printf("%d %d\n", minute, utc ? 1 : 0);
    return 0;
}
