/*
 * insn_markers.c - QEMU TCG plugin (plugin API v1, QEMU 7.2): counts the
 * guest instructions executed between two marker addresses.
 *
 *   qemu-system-arm ... -plugin ./libinsn_markers.so,start=0xADDR,end=0xADDR[,out=FILE]
 *
 * Every translated instruction gets an inline "add 1" to a global counter
 * (exact, per instruction, also for TBs left early). The first instruction
 * of `start` and of `end` additionally gets a callback that snapshots the
 * counter, so each start..end interval reports
 *     instructions=<N>
 * = instructions executed from the first instruction at `start` (inclusive)
 * up to the first instruction at `end` (exclusive): the marker_start body
 * (a few instructions) counts, marker_end does not. One line per interval,
 * to stderr (or appended to out=FILE), flushed at once. At exit it prints
 * total_instructions=<N> and intervals=<N>. Thumb bit 0 of addresses is
 * ignored. Single vCPU (Cortex-M) assumed.
 *
 * Build: gcc -O2 -shared -fPIC -Wall -I<dir of qemu-plugin.h> -o libinsn_markers.so insn_markers.c
 * qemu-plugin.h is QEMU 7.2.0's include/qemu/qemu-plugin.h, unmodified
 * (from Debian's qemu 1:7.2+dfsg-7+deb12u18 source; Debian ships no header).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu-plugin.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t insn_count;     /* bumped inline by every executed insn */
static uint64_t start_addr, end_addr;
static uint64_t snap;
static int active;
static unsigned intervals;
static FILE *out;

static void on_start(unsigned int vcpu, void *udata)
{
    (void)vcpu; (void)udata;
    snap = insn_count;
    active = 1;
}

static void on_end(unsigned int vcpu, void *udata)
{
    (void)vcpu; (void)udata;
    if (!active) {
        fprintf(out, "insn_markers: end marker reached without start\n");
        fflush(out);
        return;
    }
    active = 0;
    intervals++;
    fprintf(out, "instructions=%" PRIu64 "\n", insn_count - snap);
    fflush(out);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t va = qemu_plugin_insn_vaddr(insn);
        /* Callback first, then the increment: the same order at both markers. */
        if (va == start_addr) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_start, QEMU_PLUGIN_CB_NO_REGS, NULL);
        } else if (va == end_addr) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
        }
        qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &insn_count, 1);
    }
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
    (void)id; (void)p;
    if (active) {
        fprintf(out, "insn_markers: start marker without end\n");
    }
    fprintf(out, "total_instructions=%" PRIu64 "\nintervals=%u\n", insn_count, intervals);
    fflush(out);
    if (out != stderr) {
        fclose(out);
    }
}

static int parse_addr(const char *s, uint64_t *v)
{
    char *end;
    *v = strtoull(s, &end, 0);
    return *s != '\0' && *end == '\0';
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                           int argc, char **argv)
{
    int have_start = 0, have_end = 0;
    out = stderr;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "start=", 6) == 0 && parse_addr(a + 6, &start_addr)) {
            have_start = 1;
        } else if (strncmp(a, "end=", 4) == 0 && parse_addr(a + 4, &end_addr)) {
            have_end = 1;
        } else if (strncmp(a, "out=", 4) == 0) {
            out = fopen(a + 4, "a");
            if (!out) {
                perror(a + 4);
                return -1;
            }
        } else {
            fprintf(stderr, "insn_markers: bad argument '%s' (want start=ADDR,end=ADDR[,out=FILE])\n", a);
            return -1;
        }
    }
    if (!have_start || !have_end) {
        fprintf(stderr, "insn_markers: start= and end= are required\n");
        return -1;
    }
    start_addr &= ~(uint64_t)1; /* Thumb function symbols carry bit 0 */
    end_addr &= ~(uint64_t)1;
    if (info->system_emulation && info->system.smp_vcpus > 1) {
        fprintf(stderr, "insn_markers: warning: %d vCPUs, counter is shared\n", info->system.smp_vcpus);
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
