#include "ota_der.h"

#include <string.h>

/* One DER INTEGER at *p (bounded by end) as a 32-byte big-endian scalar; false when it is not
 * minimally encoded, negative, empty or wider than 32 bytes. A P-256 INTEGER is at most 33 bytes
 * long, so only short-form lengths are valid. */
static bool der_scalar(const uint8_t **p, const uint8_t *end, uint8_t scalar[OTA_P256_SCALAR_LEN])
{
    const uint8_t *q = *p;
    if (end - q < 2 || q[0] != 0x02 || q[1] > 0x7f) return false;
    size_t len = q[1];
    q += 2;
    if (len == 0 || (size_t)(end - q) < len) return false;
    if (q[0] & 0x80) return false;                               /* negative */
    if (len > 1 && q[0] == 0x00 && !(q[1] & 0x80)) return false; /* a leading zero it does not need */
    const uint8_t *digits = q;
    size_t n = len;
    if (n > 1 && digits[0] == 0x00) {
        digits++;
        n--;
    }
    if (n > OTA_P256_SCALAR_LEN) return false;
    memset(scalar, 0, OTA_P256_SCALAR_LEN - n);
    memcpy(scalar + OTA_P256_SCALAR_LEN - n, digits, n);
    *p = q + len;
    return true;
}

bool ota_p256_der_to_raw(const uint8_t *sig, size_t sig_len, uint8_t raw[2 * OTA_P256_SCALAR_LEN])
{
    if (sig == NULL || sig_len < 2 || sig[0] != 0x30 || sig[1] > 0x7f || (size_t)sig[1] != sig_len - 2) return false;
    const uint8_t *p = sig + 2;
    const uint8_t *end = sig + sig_len;
    return der_scalar(&p, end, raw) && der_scalar(&p, end, raw + OTA_P256_SCALAR_LEN) && p == end;
}
