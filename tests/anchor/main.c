/*
 * Mbed TLS anchor firmware (QEMU mps2-an386, Cortex-M4F): the operations
 * jwt-embedded's `measure` firmware measures, done with Mbed TLS, each
 * between marker_start() and marker_end() for the instruction-counting QEMU
 * plugin (.ci/embedded/insn/), in this order:
 *
 *   1. RS256-2048-first: SHA-256 of the RS256 fixture's signing input +
 *      mbedtls_rsa_pkcs1_verify, the first verify with the key (Mbed TLS
 *      computes R^2 mod N then and caches it in the context);
 *   2. RS256-2048: the same again (R^2 cached: the steady state);
 *   3. HS256-floor: HMAC-SHA-256 of the HS256 fixture's signing input with a
 *      prepared key (mbedtls_md_hmac_reset/update/finish on a context set up
 *      once with mbedtls_md_setup + mbedtls_md_hmac_starts) + a constant-time
 *      compare (mbedtls_ct_memcmp) of the 32-byte tag;
 *   4. HS256-oneshot: the same with mbedtls_md_hmac() (setup, key, HMAC,
 *      free: what a verify without a prepared context does) + the compare.
 *
 * Prints, per measured operation, in that order:
 *   stack_bytes=<N> heap_bytes=<N> alg=<ALG> target=mbedtls-thumbv7em
 * stack_bytes: the painted stack peak of the call holding the operation
 * (from the caller's SP: the callee's frame and everything below it);
 * heap_bytes: how far newlib's heap (sbrk) grew during it. The heap is never
 * given back, so only the first operation to need memory shows it: the
 * first RSA verify (its temporaries and the cached R^2 mod N); the later
 * ones reuse the freed blocks and print 0.
 * A tampered signature and tag (one bit flipped) must be rejected; the exit
 * status is success only if every check passed.
 *
 * -DNO_RSA / -DNO_HMAC leave an operation out (for the flash differences);
 * with both, the image verifies nothing and measures an empty interval
 * ("none"). Every image holds the same inputs and runs the same glue.
 */
#include <stdint.h>
#include <string.h>

#include "anchor.h"
#include "inputs.h"

#if !defined(NO_RSA)
#include "mbedtls/rsa.h"
#include "mbedtls/sha256.h"
#endif
#if !defined(NO_HMAC)
#include "mbedtls/md.h"
#endif
#include "mbedtls/constant_time.h"

static volatile uint32_t marked;

__attribute__((noinline)) void marker_start(void)
{
    __asm volatile("" ::: "memory");
}

__attribute__((noinline)) void marker_end(void)
{
    marked = marked + 1;
}

/* --- output ------------------------------------------------------------ */

static char line[160];
static size_t line_len;

static void put(const char *s)
{
    while (*s && line_len < sizeof line - 1) line[line_len++] = *s++;
}

static void put_u(uint32_t v)
{
    char buf[11];
    int i = 10;
    buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    put(buf + i);
}

static void flush(void)
{
    line[line_len++] = '\n';
    line[line_len] = 0;
    sh_write0(line);
    line_len = 0;
}

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        put("FAIL: ");
        put(what);
        flush();
        failures++;
    }
}

/* --- stack painting ---------------------------------------------------- */

#define PAINT_WORDS (16 * 1024 / 4)
#define PAINT 0xC5A3E17Bu
static uint32_t *paint_low;

static inline uint32_t *sp_now(void)
{
    uint32_t *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paints 16 KiB below this function's own frame (64 bytes of margin). */
__attribute__((noinline)) static void paint(void)
{
    uint32_t *top = sp_now() - 16;
    paint_low = top - PAINT_WORDS;
    for (volatile uint32_t *p = paint_low; p < top; p++) *p = PAINT;
}

/* Bytes from `base` (the caller's SP at the call) down to the lowest word
 * no longer holding the paint. */
static uint32_t stack_peak(uint32_t *base)
{
    uint32_t *p = paint_low;
    while (p < base && *p == PAINT) p++;
    return (uint32_t)((char *)base - (char *)p);
}

static void report(const char *alg, uint32_t *base, char *heap_before)
{
    put("stack_bytes=");
    put_u(stack_peak(base));
    put(" heap_bytes=");
    put_u((uint32_t)(heap_high - heap_before));
    put(" alg=");
    put(alg);
    put(" target=mbedtls-thumbv7em");
    flush();
}

#define MEASURE(alg, call)                      \
    do {                                        \
        char *heap_before = heap_high;          \
        paint();                                \
        uint32_t *base = sp_now();              \
        int ok_ = (call);                       \
        report(alg, base, heap_before);         \
        check(ok_, alg);                        \
    } while (0)

/* --- RS256-2048 ---------------------------------------------------------- */

#if !defined(NO_RSA)
static mbedtls_rsa_context rsa;
static unsigned char rs_sig[256];

/* Verifies `sig` over the RS256 signing input: 1 if valid. */
__attribute__((noinline)) static int rs256_verify(const unsigned char *sig, int mark)
{
    unsigned char hash[32];
    if (mark) marker_start();
    int ret = mbedtls_sha256_ret(RS256_INPUT, sizeof RS256_INPUT, hash, 0);
    if (ret == 0) {
        ret = mbedtls_rsa_pkcs1_verify(&rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC,
                                       MBEDTLS_MD_SHA256, 32, hash, sig);
    }
    if (mark) marker_end();
    return ret == 0;
}

static void rs256(void)
{
    mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, 0);
    check(mbedtls_rsa_import_raw(&rsa, RS256_N, sizeof RS256_N, NULL, 0, NULL, 0,
                                 NULL, 0, RS256_E, sizeof RS256_E) == 0, "rsa import");
    check(mbedtls_rsa_complete(&rsa) == 0, "rsa complete");
    check(mbedtls_rsa_check_pubkey(&rsa) == 0, "rsa check_pubkey");
    memcpy(rs_sig, RS256_SIG, sizeof rs_sig);
    MEASURE("RS256-2048-first", rs256_verify(rs_sig, 1));
    MEASURE("RS256-2048", rs256_verify(rs_sig, 1));
    rs_sig[100] ^= 0x10;
    check(!rs256_verify(rs_sig, 0), "RS256 tampered signature accepted");
    rs_sig[100] ^= 0x10;
    check(rs256_verify(rs_sig, 0), "RS256 verify after tamper");
    mbedtls_rsa_free(&rsa);
}
#endif

/* --- HS256 ------------------------------------------------------------- */

#if !defined(NO_HMAC)
static mbedtls_md_context_t hmac;
static unsigned char hs_tag[32];

/* Prepared key: reset (inner pad block) + update + finish, then compare. */
__attribute__((noinline)) static int hs256_prepared(const unsigned char *tag, int mark)
{
    unsigned char mac[32];
    if (mark) marker_start();
    int ok = mbedtls_md_hmac_reset(&hmac) == 0 &&
             mbedtls_md_hmac_update(&hmac, HS256_INPUT, sizeof HS256_INPUT) == 0 &&
             mbedtls_md_hmac_finish(&hmac, mac) == 0 &&
             mbedtls_ct_memcmp(mac, tag, 32) == 0;
    if (mark) marker_end();
    return ok;
}

/* One call: mbedtls_md_hmac (allocates, keys, hashes, frees), then compare. */
__attribute__((noinline)) static int hs256_oneshot(const unsigned char *tag, int mark)
{
    unsigned char mac[32];
    if (mark) marker_start();
    int ok = mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
                             HS256_SECRET, sizeof HS256_SECRET,
                             HS256_INPUT, sizeof HS256_INPUT, mac) == 0 &&
             mbedtls_ct_memcmp(mac, tag, 32) == 0;
    if (mark) marker_end();
    return ok;
}

static void hs256(void)
{
    mbedtls_md_init(&hmac);
    check(mbedtls_md_setup(&hmac, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) == 0,
          "md setup");
    check(mbedtls_md_hmac_starts(&hmac, HS256_SECRET, sizeof HS256_SECRET) == 0,
          "hmac starts");
    memcpy(hs_tag, HS256_TAG, sizeof hs_tag);
    MEASURE("HS256-floor", hs256_prepared(hs_tag, 1));
    MEASURE("HS256-oneshot", hs256_oneshot(hs_tag, 1));
    hs_tag[31] ^= 0x01;
    check(!hs256_prepared(hs_tag, 0), "HS256 tampered tag accepted (prepared)");
    check(!hs256_oneshot(hs_tag, 0), "HS256 tampered tag accepted (one-shot)");
    hs_tag[31] ^= 0x01;
    check(hs256_prepared(hs_tag, 0), "HS256 verify after tamper");
    mbedtls_md_free(&hmac);
}
#endif

#if defined(NO_RSA) && defined(NO_HMAC)
/* The baseline verifies nothing but runs the same glue (markers, painting,
 * printing) once. */
__attribute__((noinline)) static int nothing(void)
{
    marker_start();
    marker_end();
    return 1;
}
#endif

/* Keeps an input in every image (asm operand), whether used or not. */
#define KEEP(x) __asm volatile("" ::"r"(x))

int main(void)
{
    /* Every image holds the same inputs, so that the differences in flash
     * between images are code and the library's own constants. */
    KEEP(RS256_INPUT); KEEP(RS256_SIG); KEEP(RS256_N); KEEP(RS256_E);
    KEEP(HS256_INPUT); KEEP(HS256_TAG); KEEP(HS256_SECRET);
#if !defined(NO_RSA)
    rs256();
#endif
#if !defined(NO_HMAC)
    hs256();
#endif
#if defined(NO_RSA) && defined(NO_HMAC)
    MEASURE("none", nothing());
#endif
    put(failures ? "anchor: FAILED" : "anchor: all checks passed");
    flush();
    return failures;
}
