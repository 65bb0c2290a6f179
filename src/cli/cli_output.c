/* What the command line prints for people: while a command runs, standard
 * output passes through text_visible, so that a name, a note or a comment
 * holding control characters (an old database, a row written with sqlite3)
 * is printed as \x1B… instead of being obeyed by the terminal. Newlines stay
 * line breaks. Data meant for programs (CSV on standard output) goes to
 * cli_raw_stdout instead. The console does not come here: it draws through
 * text_fit, which shows the same escapes. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/mem.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/cli/cli_private.h"

struct visible_out {
    FILE *saved;           /* the real stdout, given back at the end */
    int fd;                /* where the escaped text goes */
    unsigned char tail[4]; /* the start of a UTF-8 sequence cut by a buffer's end */
    size_t ntail;
};

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a closed pipe: nothing more can be said */
        s += w;
        n -= (size_t)w;
    }
}

/* Bytes at the end of s[0..n) that begin a UTF-8 sequence not complete yet. */
static size_t incomplete_tail(const unsigned char *s, size_t n)
{
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = s[n - back];
        if ((c & 0xC0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

static void visible_emit(struct visible_out *o, const char *buf, size_t n, bool final)
{
    struct strbuf in = {0}, out = {0};
    strbuf_addn(&in, (const char *)o->tail, o->ntail);
    strbuf_addn(&in, buf, n);
    size_t keep = final ? 0 : incomplete_tail((const unsigned char *)in.s, in.len);
    text_visible(&out, in.s, in.len - keep, TEXT_SHOW_NEWLINES);
    memcpy(o->tail, in.s + in.len - keep, keep);
    o->ntail = keep;
    write_all(o->fd, strbuf_text(&out), out.len);
    strbuf_free(&in);
    strbuf_free(&out);
}

static ssize_t visible_write(void *cookie, const char *buf, size_t n)
{
    visible_emit(cookie, buf, n, false);
    return (ssize_t)n;
}

static int visible_close(void *cookie)
{
    struct visible_out *o = cookie;
    if (o->ntail > 0)
        visible_emit(o, "", 0, true);
    free(o);
    return 0;
}

void *cli_output_begin(void)
{
    fflush(stdout);
    struct visible_out *o = xcalloc(1, sizeof *o);
    o->saved = stdout;
    o->fd = fileno(stdout);
    FILE *f = fopencookie(o, "w", (cookie_io_functions_t){.write = visible_write, .close = visible_close});
    if (f == NULL) {
        free(o);
        return NULL;
    }
    stdout = f; /* glibc's stdout is an ordinary variable that may be set */
    return o;
}

void cli_output_end(void *handle)
{
    struct visible_out *o = handle;
    if (o == NULL)
        return;
    FILE *f = stdout;
    stdout = o->saved;
    fclose(f); /* flushes through visible_write, then frees o */
}

FILE *cli_raw_stdout(void)
{
    int fd = dup(STDOUT_FILENO);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (f == NULL && fd >= 0)
        close(fd);
    return f;
}

const char *cli_option_trouble(const char *arg)
{
    /* getopt_long leaves optopt 0 for a --name it does not know, the option's
     * value for one that lacks its argument */
    return arg && strncmp(arg, "--", 2) == 0 && optopt != 0 ? "missing the value of" : "unknown option";
}
