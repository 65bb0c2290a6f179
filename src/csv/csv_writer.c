/* The CSV writer: RFC 4180 through libcsv's csv_fwrite (every cell quoted,
 * quotes doubled, CRLF between records) and the formula guard that keeps a
 * spreadsheet from running a cell while keeping the round trip exact. */
#include <csv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/csv/csv_private.h"

/* ------------------------------------------------------- formula guard */

static bool guard_trigger(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* "-5", "+33", "12.50", "-0,5": a spreadsheet reads these as numbers, never
 * as formulas, so they need no guard. */
static bool text_is_plain_number(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.' || *s == ',') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

bool csv_text_needs_guard(const char *s)
{
    const char *p = s;
    while (*p == '\'')
        p++;
    return guard_trigger(*p) && !text_is_plain_number(s);
}

const char *csv_text_unguard(const char *s)
{
    const char *p = s;
    while (*p == '\'')
        p++;
    return (p > s && guard_trigger(*p)) ? s + 1 : s;
}

/* -------------------------------------------------------------- writer */

void csv_writer_init(struct csv_writer *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

void csv_put_raw(struct csv_writer *w, const char *s, size_t n)
{
    if (w->cells++ > 0 && putc(',', w->out) == EOF)
        w->failed = true;
    if (csv_fwrite(w->out, s, n) != 0)
        w->failed = true;
}

void csv_put_text(struct csv_writer *w, const char *s)
{
    s = s ? s : "";
    if (!csv_text_needs_guard(s)) {
        csv_put_raw(w, s, strlen(s));
        return;
    }
    size_t n = strlen(s);
    char small[512];
    char *buf = n + 2 <= sizeof small ? small : xmalloc(n + 2);
    buf[0] = '\'';
    memcpy(buf + 1, s, n + 1);
    csv_put_raw(w, buf, n + 1);
    if (buf != small)
        free(buf);
}

void csv_put_int(struct csv_writer *w, int64_t v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%" PRId64, v);
    csv_put_raw(w, buf, (size_t)n);
}

void csv_put_money(struct csv_writer *w, int64_t minor)
{
    char buf[40];
    money_format_plain(minor, buf, sizeof buf);
    csv_put_raw(w, buf, strlen(buf));
}

void csv_end_row(struct csv_writer *w)
{
    if (fputs("\r\n", w->out) == EOF)
        w->failed = true;
    w->cells = 0;
}

int csv_writer_finish(struct csv_writer *w, const char *name, struct err *e)
{
    if (fflush(w->out) != 0 || ferror(w->out))
        w->failed = true;
    if (w->failed)
        return err_set(e, ERR_IO, NULL, "%s: write error", name ? name : "output");
    return ERR_OK;
}
