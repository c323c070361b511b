/* ota_p256_verify on encodings of one valid signature: the DER form verifies, every other form of
 * the same (r, s) does not (OpenSSL, behind node:crypto in otactl, accepts only DER too). Prints
 * "<form> <0|1>" per form; the test compares them with what each port must answer.
 * Usage: der_forms <spki hex> <sha256 hex> <DER signature hex, r with a leading 0x00> */
#include <stdio.h>
#include <string.h>

#include "../src/ota_crypto.h"

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex) / 2;
    if (n > cap) return 0;
    for (size_t i = 0; i < n; i++) sscanf(hex + 2 * i, "%2hhx", &out[i]);
    return n;
}

static const uint8_t *spki, *hash;
static size_t spki_len;

static void form(const char *name, const uint8_t *sig, size_t len)
{
    printf("%s %d\n", name, ota_p256_verify(spki, spki_len, hash, sig, len) ? 1 : 0);
}

int main(int argc, char **argv)
{
    static uint8_t key[128], digest[32], der[80], v[96];
    if (argc != 4) return 2;
    spki_len = unhex(argv[1], key, sizeof key);
    spki = key;
    hash = digest;
    size_t len = unhex(argv[3], der, sizeof der);
    if (unhex(argv[2], digest, sizeof digest) != 32 || len < 8 || der[0] != 0x30 || der[2] != 0x02 || der[4] != 0x00) return 2;
    size_t r_len = der[3];

    form("der", der, len);

    memcpy(v, der, len);
    v[len] = 0x00;
    form("trailing_byte", v, len + 1);

    v[0] = 0x30, v[1] = 0x81, v[2] = der[1];
    memcpy(v + 3, der + 2, len - 2);
    form("long_form_length", v, len + 1);

    /* r with one more leading zero than it needs */
    v[0] = 0x30, v[1] = (uint8_t)(der[1] + 1), v[2] = 0x02, v[3] = (uint8_t)(r_len + 1), v[4] = 0x00;
    memcpy(v + 5, der + 4, len - 4);
    form("r_extra_zero", v, len + 1);

    /* r without the zero that keeps it positive: a negative INTEGER */
    v[0] = 0x30, v[1] = (uint8_t)(der[1] - 1), v[2] = 0x02, v[3] = (uint8_t)(r_len - 1);
    memcpy(v + 4, der + 5, len - 5);
    form("r_negative", v, len - 1);

    form("truncated", der, len - 1);

    /* the sequence length one short of the content */
    memcpy(v, der, len);
    v[1] = (uint8_t)(der[1] - 1);
    form("sequence_length_short", v, len);
    return 0;
}
