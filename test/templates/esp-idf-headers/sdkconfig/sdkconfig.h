/* A stand-in for the sdkconfig.h an ESP-IDF build generates: only the options the glue and the
 * headers it includes read, for the host "linux" target (test/templates/esp-idf-glue.test.ts).
 * The glue's own options are set so that every branch that calls ESP-IDF is compiled. */
#pragma once

#define CONFIG_IDF_TARGET "linux"
#define CONFIG_IDF_TARGET_LINUX 1
#define CONFIG_FREERTOS_HZ 1000
#define CONFIG_FREERTOS_NUMBER_OF_CORES 1
#define CONFIG_FREERTOS_UNICORE 1
#define CONFIG_FREERTOS_MAX_TASK_NAME_LEN 16
#define CONFIG_FREERTOS_TASK_NOTIFICATION_ARRAY_ENTRIES 1
#define CONFIG_LOG_DEFAULT_LEVEL 3
#define CONFIG_LOG_MAXIMUM_LEVEL 3
#define CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE 1
#define CONFIG_BOOTLOADER_APP_ANTI_ROLLBACK 1
