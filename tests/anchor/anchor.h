#ifndef ANCHOR_H
#define ANCHOR_H
void sh_write0(const char *s);
void sh_exit(int success) __attribute__((noreturn));
extern char *heap_high;
#endif
