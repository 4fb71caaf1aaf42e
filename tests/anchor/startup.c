/*
 * Startup for QEMU mps2-an386 (Cortex-M4F): vector table, reset handler
 * (.data copy, .bss zero, FPU on), semihosting (SYS_WRITE0, SYS_EXIT) and
 * the _sbrk newlib's malloc grows its heap with (above .bss, with a
 * high-water mark the firmware reads).
 */
#include <stddef.h>
#include <stdint.h>

#include "anchor.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _stack_top, end;
int main(void);

static void fault(void)
{
    sh_write0("fault\n");
    sh_exit(0);
}

void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    /* CPACR: full access to CP10/CP11 (the FPU; -mfloat-abi=hard). */
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
    __asm volatile("dsb\n\tisb" ::: "memory");
    sh_exit(main() == 0);
}

__attribute__((section(".isr_vector"), used))
static void (*const vectors[16])(void) = {
    (void (*)(void))&_stack_top, Reset_Handler, fault, fault, fault, fault, fault,
    0, 0, 0, 0, fault, fault, 0, fault, fault,
};

static int semihost(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void sh_write0(const char *s) { semihost(0x04, s); }

void sh_exit(int success)
{
    /* SYS_EXIT, 32-bit: the reason itself. ApplicationExit = success. */
    semihost(0x18, (const void *)(uintptr_t)(success ? 0x20026 : 0x20023));
    for (;;) {}
}

static char *brk = (char *)&end;
char *heap_high = (char *)&end;

__attribute__((used)) void *_sbrk(ptrdiff_t incr)
{
    char *old = brk, *sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    if (brk + incr > sp - 32 * 1024) { /* keep 32 KiB for the stack */
        return (void *)-1;
    }
    brk += incr;
    if (brk > heap_high) heap_high = brk;
    return old;
}
