/* Allocation with one out-of-memory policy: print "comptoir: out of memory"
 * and abort (htop's xMalloc). Every other error is returned as a value. */
#ifndef COMPTOIR_BASE_MEM_H
#define COMPTOIR_BASE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* A copy of s ("" for NULL). */
char *xstrdup(const char *s);
/* The policy itself, for memory that comes from another library's allocator. */
_Noreturn void mem_out_of_memory(void);

#endif
