/* The primitives the pure core needs, behind a port so the core runs on mbedTLS (ESP-IDF, Debian:
 * port/ota_crypto_mbedtls.c) and on BearSSL (the ESP8266 Arduino core: port/ota_crypto_bearssl.c). */
#ifndef OTA_CRYPTO_H
#define OTA_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const void *data;
    size_t len;
} ota_span_t;

/* SHA-256 over the concatenation of parts. 0 on success. */
int ota_sha256(const ota_span_t *parts, size_t n_parts, uint8_t out[32]);

/* HMAC-SHA256 over the concatenation of parts. 0 on success. */
int ota_hmac_sha256(const uint8_t *key, size_t key_len, const ota_span_t *parts, size_t n_parts, uint8_t out[32]);

/* ECDSA P-256 verification of a DER signature over a SHA-256 hash; spki is a P-256
 * SubjectPublicKeyInfo DER (already checked by ota_key_init). */
bool ota_p256_verify(const uint8_t *spki, size_t spki_len, const uint8_t hash[32], const uint8_t *sig, size_t sig_len);

#endif
