/* Valgrind memcheck client requests for the ct harness (the "ctgrind"
 * method). Outside valgrind each request is a few no-op instructions. */
#include <stddef.h>
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

/* Marks `len` bytes at `p` as undefined: secret, for memcheck. */
void jwt_ct_secret(const void *p, size_t len) {
    (void)VALGRIND_MAKE_MEM_UNDEFINED(p, len);
}

/* Marks `len` bytes at `p` as defined: declassified. */
void jwt_ct_declassify(const void *p, size_t len) {
    (void)VALGRIND_MAKE_MEM_DEFINED(p, len);
}

/* Nonzero when running under valgrind. */
unsigned jwt_ct_running_on_valgrind(void) {
    return (unsigned)RUNNING_ON_VALGRIND;
}

/* Errors memcheck has reported so far (all tools' error count). */
unsigned jwt_ct_error_count(void) {
    return (unsigned)VALGRIND_COUNT_ERRORS;
}

/* Number of bytes in [p, p+len) with at least one undefined (secret-derived)
 * bit, read from memcheck's shadow memory without reporting anything;
 * -1 when not running under memcheck or the range is not addressable. */
long jwt_ct_undefined_bytes(const void *p, size_t len) {
    unsigned char vbits[64];
    const unsigned char *at = (const unsigned char *)p;
    long undefined = 0;
    while (len > 0) {
        size_t n = len < sizeof vbits ? len : sizeof vbits;
        if (VALGRIND_GET_VBITS(at, vbits, n) != 1) {
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            undefined += vbits[i] != 0;
        }
        at += n;
        len -= n;
    }
    return undefined;
}
