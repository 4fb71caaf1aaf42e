/*
 * Minimal Mbed TLS 2.28 configuration for the anchor firmware: RSA public-key
 * PKCS#1 v1.5 verify with SHA-256, and HMAC-SHA-256 through the MD layer.
 * Everything else of the default config.h is off (no platform layer:
 * mbedtls_calloc/free are newlib's calloc/free; no entropy, no PSA, no X.509,
 * no PK parsing: the key is imported as raw n and e).
 */
#ifndef ANCHOR_MBEDTLS_CONFIG_H
#define ANCHOR_MBEDTLS_CONFIG_H

/* bn_mul.h's inline assembly (on Armv7E-M with the DSP extension: UMAAL). */
#define MBEDTLS_HAVE_ASM

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
/* rsa.c needs it for the DigestInfo of the PKCS#1 v1.5 encoding. */
#define MBEDTLS_OID_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
/* Default (unrolled) SHA-256; MBEDTLS_SHA256_SMALLER would trade speed for ROM. */

/* Default MPI limits (MBEDTLS_MPI_MAX_SIZE 1024 bytes, window 6). */

#include "mbedtls/check_config.h"

#endif
