/* Mbed TLS 2.28 configuration for compiling port/ota_crypto_mbedtls.c with the xtensa-lx106
 * cross-compiler against Debian's host headers (test/templates/arduino-esp8266.test.ts). Debian's own
 * config enables MBEDTLS_THREADING_PTHREAD, whose <pthread.h> picolibc does not have; ESP-IDF brings
 * its own config. Only the modules the port calls (and what check_config.h requires of them). */
#ifndef OTACTL_XTENSA_MBEDTLS_CONFIG_H
#define OTACTL_XTENSA_MBEDTLS_CONFIG_H

#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_OID_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECDSA_C
#define MBEDTLS_HMAC_DRBG_C

#include "mbedtls/check_config.h"

#endif
