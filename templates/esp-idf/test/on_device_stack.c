/* run_vectors.c (every shared vector, the real crypto port included) on a thread with a device-sized
 * stack: 16 KiB, pthread_attr_setstacksize. The vectors carry 10,000 unclosed "[" and 2,000 nested
 * objects; without the pre-scan of src/ota_json_strict.c cJSON recurses up to its limit of 1000
 * and this stack overflows.
 *   on_device_stack <vectors dir>    same output and exit code as run_vectors */
#define main run_vectors_main
#include "run_vectors.c"
#undef main
#include "device_stack.h"

static char *vectors_dir;
static int exit_code = 2;

static void *run(void *arg)
{
    (void)arg;
    char *argv[] = {"run_vectors", vectors_dir, NULL};
    exit_code = run_vectors_main(2, argv);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: on_device_stack <test/vectors dir>\n");
        return 2;
    }
    vectors_dir = argv[1];
    if (run_on_device_stack(run) != 0) return 2;
    return exit_code;
}
