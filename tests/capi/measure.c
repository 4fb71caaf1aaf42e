/* One HS256 verification through the C API on Cortex-M4F (QEMU
   mps2-an386), measured as the Rust `measure` firmware measures its own
   (tests/firmware/src/bin/measure.rs): the same token
   (benches/fixtures/hs256.jwt), secret, policy and time; instructions
   between marker_start and marker_end (.ci/embedded/insn/), the painted
   stack peak of the call, and (by .ci/capi) the flash it adds: this image
   minus the same one built -DNO_VERIFY.

   Prints: stack_bytes=<N> alg=HS256 target=capi-thumbv7em, and exits with
   failure unless the token verifies (or, -DNO_VERIFY, nothing is done). */
#include <stdint.h>
#include <string.h>

#include "anchor.h"
#include "hs256_fixture.h" /* HS256_TOKEN, by .ci/capi */
#include "jwt_embedded.h"

void abort(void) {
    sh_write0("abort\n");
    sh_exit(0);
}

static volatile uint32_t marked;
__attribute__((noinline)) void marker_start(void) { __asm volatile("" ::: "memory"); }
__attribute__((noinline)) void marker_end(void) { marked = marked + 1; }

#define PAINT_WORDS (16 * 1024 / 4)
#define PAINT 0xC5A3E17Bu
static uint32_t *paint_low;

static inline uint32_t *sp_now(void) {
    uint32_t *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paints 16 KiB below this function's own frame (64 bytes of margin). */
__attribute__((noinline)) static void paint(void) {
    uint32_t *top = sp_now() - 16;
    paint_low = top - PAINT_WORDS;
    for (volatile uint32_t *p = paint_low; p < top; p++) *p = PAINT;
}

static uint32_t stack_peak(uint32_t *base) {
    uint32_t *p = paint_low;
    while (p < base && *p == PAINT) p++;
    return (uint32_t)((char *)base - (char *)p);
}

static void put_u(uint32_t v) {
    char buf[11];
    int i = 10;
    buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    sh_write0(buf + i);
}

static const char SECRET[] = "0123456789abcdef0123456789abcdef";
#ifndef NO_VERIFY
static uint8_t buf[JWT_BUFFER_LEN(sizeof HS256_TOKEN)];
static jwt_key key;
#endif

/* Verifies between the markers: 1 when the token verifies with `sub`. */
__attribute__((noinline)) static int verify_claims(void) {
#ifdef NO_VERIFY
    marker_start();
    marker_end();
    return 1;
#else
    static const jwt_bytes audience = {(const uint8_t *)"api://telemetry", 15};
    jwt_policy policy = {0};
    policy.issuer.ptr = (const uint8_t *)"https://issuer.example.com";
    policy.issuer.len = 26;
    policy.audiences = &audience;
    policy.audience_count = 1;
    policy.leeway = 60;
    jwt_verified out;
    marker_start();
    jwt_status st = jwt_verify_hs256((const uint8_t *)HS256_TOKEN, sizeof HS256_TOKEN - 1, &key, &policy,
                                     1750000000, buf, sizeof buf, &out);
    marker_end();
    return st == JWT_STATUS_OK && out.sub.ptr != NULL;
#endif
}

int main(void) {
    __asm volatile("" ::"r"(HS256_TOKEN), "r"(SECRET));
#ifndef NO_VERIFY
    if (jwt_hs256_key_from_secret(&key, (const uint8_t *)SECRET, 32) != JWT_STATUS_OK) return 1;
#endif
    paint();
    uint32_t *base = sp_now();
    int ok = verify_claims();
    sh_write0("stack_bytes=");
    put_u(stack_peak(base));
    sh_write0(" alg=HS256 target=capi-thumbv7em\n");
    return ok ? 0 : 1;
}
