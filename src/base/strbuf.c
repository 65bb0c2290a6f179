/* A growing string on the heap. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"
#include "src/base/strbuf.h"

static void strbuf_reserve(struct strbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    while (b->len + more + 1 > b->cap)
        b->cap = b->cap ? b->cap * 2 : 256;
    b->s = xrealloc(b->s, b->cap);
}

void strbuf_add(struct strbuf *b, const char *text)
{
    size_t n = strlen(text ? text : "");
    strbuf_reserve(b, n);
    memcpy(b->s + b->len, text ? text : "", n + 1);
    b->len += n;
}

void strbuf_addn(struct strbuf *b, const char *bytes, size_t n)
{
    strbuf_reserve(b, n);
    if (n > 0)
        memcpy(b->s + b->len, bytes, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_vaddf(struct strbuf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n >= 0) {
        strbuf_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(b, fmt, ap);
    va_end(ap);
}

const char *strbuf_text(const struct strbuf *b)
{
    return b->s ? b->s : "";
}

void strbuf_clear(struct strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void strbuf_free(struct strbuf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}
