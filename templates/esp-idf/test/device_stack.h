/* A host test program's work run on a thread with a device-sized stack (16 KiB, the ESP8266's and a
 * small FreeRTOS task's order): a recursion the device could not afford overflows here too.
 * Shared by hostile_input.c and on_device_stack.c. */
#ifndef DEVICE_STACK_H
#define DEVICE_STACK_H

#include <pthread.h>
#include <stdio.h>

#define DEVICE_STACK (16 * 1024)

/* Runs work(NULL) on such a thread and waits for it: 0, or 2 (with a FAIL line) when the thread
 * cannot be started. */
static inline int run_on_device_stack(void *(*work)(void *))
{
    pthread_attr_t attr;
    pthread_t thread;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, DEVICE_STACK) != 0 || pthread_create(&thread, &attr, work, NULL) != 0) {
        printf("FAIL cannot start a thread with a %d-byte stack\n", DEVICE_STACK);
        return 2;
    }
    pthread_join(thread, NULL);
    return 0;
}

#endif
