/* A growing string: text built piece by piece on the heap, never cut. */
#ifndef COMPTOIR_BASE_STRBUF_H
#define COMPTOIR_BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *s; /* NUL-terminated once anything was added; NULL before */
    size_t len, cap;
};

void strbuf_add(struct strbuf *b, const char *text);
/* Appends n bytes (which may hold NUL bytes); the text stays NUL-terminated. */
void strbuf_addn(struct strbuf *b, const char *bytes, size_t n);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Empties b, keeping its memory for what comes next. */
void strbuf_clear(struct strbuf *b);
/* The text so far ("" when nothing was added); owned by b. */
const char *strbuf_text(const struct strbuf *b);
void strbuf_free(struct strbuf *b);

#endif
