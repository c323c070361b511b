/* The one reading of an ECDSA P-256 signature for every crypto port: strict DER, as otactl's
 * node:crypto (OpenSSL) reads it. mbedTLS and BearSSL also accept BER forms of the same (r, s)
 * (a long-form length, an INTEGER with a superfluous leading zero, a "negative" INTEGER read as
 * unsigned); the ports call this first, so a device and otactl give one answer. */
#ifndef OTA_DER_H
#define OTA_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OTA_P256_SCALAR_LEN 32

/* SEQUENCE { INTEGER r, INTEGER s }: short-form lengths, minimal positive INTEGERs of at most 32
 * bytes of magnitude, nothing after it. On success raw = r || s, each 32 bytes big-endian. */
bool ota_p256_der_to_raw(const uint8_t *sig, size_t sig_len, uint8_t raw[2 * OTA_P256_SCALAR_LEN]);

#endif
