/* Allocation that aborts with a message when memory runs out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"

_Noreturn void mem_out_of_memory(void)
{
    fputs("comptoir: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        mem_out_of_memory();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        mem_out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        mem_out_of_memory();
    return q;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (p == NULL)
        mem_out_of_memory();
    return p;
}
