/* The scoreboard the host scenario programs (install_scenarios.c, agent_scenarios.c,
 * delta_scenarios.c) share: each check counts a pass or prints one line naming the scenario and
 * what failed; main prints "N passed, N failed". Included by one source file of each program. */
#ifndef SCENARIO_CHECKS_H
#define SCENARIO_CHECKS_H

#include <stdio.h>
#include <string.h>

static int passed, failed;
static const char *scenario; /* named by the scenario being run, for the failure lines */

static inline void check(const char *what, long long got, long long want)
{
    if (got == want) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s: %s: got %lld, expected %lld\n", scenario, what, got, want);
}

static inline void check_text(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s: %s: got \"%s\", expected \"%s\"\n", scenario, what, got, want);
}

static inline void check_has(const char *what, const char *text, const char *part)
{
    if (strstr(text, part) != NULL) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL %s: %s: \"%s\" lacks \"%s\"\n", scenario, what, text, part);
}

#endif
