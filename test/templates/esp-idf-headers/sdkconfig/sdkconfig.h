/* A stand-in for the sdkconfig.h an ESP-IDF build generates: only the options the glue and the
 * headers it includes read, for the host "linux" target (test/templates/esp-idf.test.ts).
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
/* ESP-IDF's logging defaults: without a CONFIG_LOG_TIMESTAMP_SOURCE_* ESP_LOG_LEVEL stays undefined,
 * and since ESP_LOGI comes from a system header gcc does not flag the call it expands to (found when
 * install_scenarios.c linked; esp-idf.test.ts now checks every call is declared). */
#define CONFIG_LOG_VERSION_1 1
#define CONFIG_LOG_VERSION 1
#define CONFIG_LOG_MODE_TEXT_EN 1
#define CONFIG_LOG_MODE_TEXT 1
#define CONFIG_LOG_TIMESTAMP_SOURCE_RTOS 1
#define CONFIG_LOG_TIMESTAMP_SUPPORT 1
#define CONFIG_LOG_DYNAMIC_LEVEL_CONTROL 1
