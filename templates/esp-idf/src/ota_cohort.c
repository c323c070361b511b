#include "ota_cohort.h"

#include <string.h>

#include "ota_crypto.h"
#include "ota_text.h"

int ota_cohort_digest(const char *salt, const char *device_id, uint8_t out[32])
{
    if (salt == NULL || !ota_device_id_valid(device_id)) return -1;
    const ota_span_t parts[] = {
        {salt, strlen(salt)},
        {":", 1},
        {device_id, strlen(device_id)},
    };
    return ota_sha256(parts, 3, out);
}

uint32_t ota_cohort_bucket(const char *salt, const char *device_id)
{
    uint8_t h[32];
    if (ota_cohort_digest(salt, device_id, h) != 0) return OTA_BUCKET_NONE;
    return ota_bucket_of_digest(h);
}

uint32_t ota_bucket_of_digest(const uint8_t digest[32])
{
    uint32_t be = ((uint32_t)digest[0] << 24) | ((uint32_t)digest[1] << 16) | ((uint32_t)digest[2] << 8) | (uint32_t)digest[3];
    return be % OTA_BUCKETS;
}

void ota_hex(const uint8_t *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

uint32_t ota_basis_points(double percent)
{
    /* Round half up; percent * 100 may be a hair below the integer (4.35 * 100 = 434.99999999999994). */
    if (!(percent > 0)) return 0;
    if (percent >= 100) return OTA_BUCKETS;
    return (uint32_t)(percent * 100.0 + 0.5);
}
