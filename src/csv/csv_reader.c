/* The generic CSV reader: libcsv fed one physical line at a time so every
 * record knows the line it starts on, UTF-8 checks per field, the header
 * binding (names in any order, --map, --null) and the FILE:LINE error sink. */
#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/csv/csv_private.h"

#define READ_CHUNK (256 * 1024)
/* A record past this size is an unclosed quote swallowing the file, or no
 * CSV at all, not data. */
#define RECORD_MAX (16 * 1024 * 1024)

/* ------------------------------------------------------------- UTF-8 */

bool csv_utf8_valid(const char *s, size_t n)
{
    return utf8_valid_n(s, n);
}

/* ------------------------------------------------------------ reading */

/* Where the reader stands with respect to quotes, followed byte by byte
 * beside libcsv (whose lenient mode would take a stray quote as data) so that
 * a malformed field is named for what it is. */
enum quote_state { Q_FIELD_START, Q_UNQUOTED, Q_QUOTED, Q_QUOTE_SEEN };

struct reader {
    const char *name;
    csv_record_fn fn;
    void *ctx;
    struct err *e;
    int stop;            /* the callback's non-zero return */
    int64_t line;        /* line of the next byte fed */
    int64_t start_line;  /* line where the current record starts */
    bool awaiting_start; /* between records: the next data byte starts one */
    enum quote_state quote;
    int64_t quote_line; /* where the quoted field being read opened */
    int64_t index, offset;
    /* the current record: field bytes in one arena, offsets beside */
    char *arena;
    size_t arena_len, arena_cap;
    size_t *starts, *lens;
    char **fields;
    int nfields, fields_cap;
    int bad_field;
};

/* A line break inside a quoted field is a newline, whichever system wrote
 * it: CRLF becomes LF (a lone CR stays, and text checks refuse it). */
static size_t crlf_to_lf(char *s, size_t n)
{
    if (memchr(s, '\r', n) == NULL)
        return n;
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            s[j++] = s[i];
    return j;
}

static void reader_on_field(void *data, size_t len, void *rd_)
{
    struct reader *rd = rd_;
    if (rd->stop)
        return;
    if (rd->nfields >= CSV_FIELDS_MAX) {
        rd->stop = err_set(rd->e, ERR_INVALID, NULL,
                           "%s:%lld: more than %d fields in one record: no file we read has that many "
                           "columns (a spreadsheet has at most %d)",
                           rd->name, (long long)rd->start_line, CSV_FIELDS_MAX, CSV_FIELDS_MAX);
        return;
    }
    if (rd->nfields == rd->fields_cap) {
        rd->fields_cap = rd->fields_cap ? rd->fields_cap * 2 : 32;
        rd->starts = xrealloc(rd->starts, sizeof *rd->starts * (size_t)rd->fields_cap);
        rd->lens = xrealloc(rd->lens, sizeof *rd->lens * (size_t)rd->fields_cap);
        rd->fields = xrealloc(rd->fields, sizeof *rd->fields * (size_t)rd->fields_cap);
    }
    if (rd->arena_len + len + 1 > rd->arena_cap) {
        while (rd->arena_len + len + 1 > rd->arena_cap)
            rd->arena_cap = rd->arena_cap ? rd->arena_cap * 2 : 4096;
        rd->arena = xrealloc(rd->arena, rd->arena_cap);
    }
    if (len > 0)
        memcpy(rd->arena + rd->arena_len, data, len);
    len = crlf_to_lf(rd->arena + rd->arena_len, len);
    rd->arena[rd->arena_len + len] = '\0';
    if (rd->bad_field < 0 && !csv_utf8_valid(rd->arena + rd->arena_len, len))
        rd->bad_field = rd->nfields;
    rd->starts[rd->nfields] = rd->arena_len;
    rd->lens[rd->nfields] = len;
    rd->nfields++;
    rd->arena_len += len + 1;
}

static void reader_on_record(int terminator, void *rd_)
{
    struct reader *rd = rd_;
    (void)terminator;
    if (!rd->stop) {
        /* The arena is complete now, so pointers into it stay valid. */
        for (int i = 0; i < rd->nfields; i++)
            rd->fields[i] = rd->arena + rd->starts[i];
        struct csv_record rec = {.line = rd->start_line,
                                 .index = rd->index,
                                 .offset = rd->offset,
                                 .nfields = rd->nfields,
                                 .fields = rd->fields,
                                 .lens = rd->lens,
                                 .bad_field = rd->bad_field};
        rd->stop = rd->fn(rd->ctx, &rec, rd->e);
        rd->index++;
    }
    rd->nfields = 0;
    rd->arena_len = 0;
    rd->bad_field = -1;
    rd->awaiting_start = true;
}

/* No character is a space to trim: RFC 4180 keeps spaces as data. */
static int reader_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Follows the quotes of one piece (all on line rd->line); refuses a NUL
 * byte and text after a closing quote, which libcsv would swallow. */
static int reader_scan(struct reader *rd, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ends = c == ',' || c == '\n' || c == '\r';
        if (c == '\0')
            return err_set(rd->e, ERR_INVALID, NULL, "%s:%lld: a NUL byte: this is binary data, not CSV text",
                           rd->name, (long long)rd->line);
        switch (rd->quote) {
        case Q_FIELD_START:
            if (c == '"')
                rd->quote_line = rd->line;
            rd->quote = c == '"' ? Q_QUOTED : ends ? Q_FIELD_START : Q_UNQUOTED;
            break;
        case Q_UNQUOTED: rd->quote = ends ? Q_FIELD_START : Q_UNQUOTED; break;
        case Q_QUOTED: rd->quote = c == '"' ? Q_QUOTE_SEEN : Q_QUOTED; break;
        case Q_QUOTE_SEEN:
            if (c == '"' || ends) {
                rd->quote = c == '"' ? Q_QUOTED : Q_FIELD_START;
                break;
            }
            return err_set(rd->e, ERR_INVALID, NULL,
                           "%s:%lld: text after the closing quote of a quoted field (a quote inside a "
                           "quoted field is written twice: \"\")",
                           rd->name, (long long)rd->line);
        }
    }
    return ERR_OK;
}

/* The record grew past RECORD_MAX: say why it cannot be real. */
static int reader_too_large(struct reader *rd)
{
    if (rd->quote == Q_QUOTED)
        return err_set(rd->e, ERR_INVALID, NULL,
                       "%s:%lld: a quoted field is never closed (it opens here and runs past %d MB)",
                       rd->name, (long long)rd->quote_line, RECORD_MAX / (1024 * 1024));
    return err_set(rd->e, ERR_INVALID, NULL, "%s:%lld: a record larger than %d MB: this is not CSV text",
                   rd->name, (long long)rd->start_line, RECORD_MAX / (1024 * 1024));
}

/* Feeds one piece that ends at a newline or at the end of the buffer. */
static int reader_feed(struct reader *rd, struct csv_parser *p, const char *s, size_t n)
{
    int rc = reader_scan(rd, s, n);
    if (rc != ERR_OK)
        return rc;
    if (rd->awaiting_start) {
        for (size_t i = 0; i < n; i++) {
            if (s[i] != '\r' && s[i] != '\n') {
                rd->start_line = rd->line;
                rd->awaiting_start = false;
                break;
            }
        }
    }
    rd->offset += (int64_t)n;
    if (csv_parse(p, s, n, reader_on_field, reader_on_record, rd) != n)
        return err_set(rd->e, ERR_INTERNAL, NULL, "%s:%lld: %s", rd->name, (long long)rd->start_line,
                       csv_strerror(csv_error(p)));
    if (rd->stop)
        return rd->stop;
    if (n > 0 && s[n - 1] == '\n')
        rd->line++;
    if (csv_get_buffer_size(p) + rd->arena_len > RECORD_MAX)
        return reader_too_large(rd);
    return ERR_OK;
}

/* Feeds a buffer line by line; the BOM is skipped at the file's start. */
static int reader_feed_buffer(struct reader *rd, struct csv_parser *p, const char *buf, size_t n)
{
    size_t pos = 0;
    if (rd->offset == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
        rd->offset = 3;
    }
    while (pos < n) {
        const char *nl = memchr(buf + pos, '\n', n - pos);
        size_t piece = nl ? (size_t)(nl - (buf + pos)) + 1 : n - pos;
        int rc = reader_feed(rd, p, buf + pos, piece);
        if (rc != ERR_OK)
            return rc;
        pos += piece;
    }
    return ERR_OK;
}

/* libcsv's parser state "inside a field" (FIELD_BEGUN in libcsv.c); csv.h
 * exposes the struct but not the constant. */
#define LIBCSV_FIELD_BEGUN 2

static int reader_finish(struct reader *rd, struct csv_parser *p)
{
    /* CSV_STRICT_FINI only works together with CSV_STRICT, which would stop
     * at the first stray quote; so look for the open quote here. */
    bool open_quote = (p->pstate == LIBCSV_FIELD_BEGUN && p->quoted) || rd->quote == Q_QUOTED;
    if (open_quote || csv_fini(p, reader_on_field, reader_on_record, rd) != 0)
        return err_set(rd->e, ERR_INVALID, NULL,
                       "%s:%lld: a quoted field is never closed (it opens here and the file ends inside it)",
                       rd->name, (long long)(open_quote ? rd->quote_line : rd->start_line));
    return rd->stop;
}

int csv_read(FILE *in, const char *name, csv_record_fn fn, void *ctx, struct err *e)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot start the CSV parser");
    csv_set_space_func(&p, reader_no_space);
    struct reader rd = {.name = name,
                        .fn = fn,
                        .ctx = ctx,
                        .e = e,
                        .line = 1,
                        .start_line = 1,
                        .awaiting_start = true,
                        .bad_field = -1};
    char *buf = xmalloc(READ_CHUNK);
    int rc = ERR_OK;
    size_t n;
    while (rc == ERR_OK && (n = fread(buf, 1, READ_CHUNK, in)) > 0)
        rc = reader_feed_buffer(&rd, &p, buf, n);
    if (rc == ERR_OK && ferror(in))
        rc = err_set(e, ERR_IO, NULL, "%s: read error", name);
    if (rc == ERR_OK)
        rc = reader_finish(&rd, &p);
    csv_free(&p);
    free(buf);
    free(rd.arena);
    free(rd.starts);
    free(rd.lens);
    free(rd.fields);
    return rc;
}

/* --------------------------------------------------------- error sink */

void csv_value_escape(const char *value, size_t max, char *out, size_t len)
{
    size_t n = strlen(value);
    bool cut = n > max;
    if (cut) /* shortened for the message, on a character boundary, and said so */
        for (n = max; n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80;)
            n--;
    struct strbuf b = {0};
    text_visible(&b, value, n, 0);
    snprintf(out, len, "%s%s", strbuf_text(&b), cut ? "\xE2\x80\xA6" : "");
    strbuf_free(&b);
}

void csv_errors_add(struct csv_errors *s, int64_t line, const char *column, const char *reason,
                    const char *value)
{
    char shown[400] = "", name[300] = "";
    if (value)
        csv_value_escape(value, 80, shown, sizeof shown);
    if (column) /* a header name is the file's text too */
        csv_value_escape(column, 64, name, sizeof name);
    snprintf(s->last, sizeof s->last, "%s%s%s%.400s%s%s%s", column ? "column '" : "", name,
             column ? "': " : "", reason, value ? " (\"" : "", shown, value ? "\")" : "");
    s->count++;
    if (s->out && s->count <= s->shown)
        fprintf(s->out, "%s:%lld: %s\n", s->file, (long long)line, s->last);
}

void csv_errors_summary(struct csv_errors *s)
{
    if (s->out && s->count > s->shown)
        fprintf(s->out, "%s: … and %lld more errors\n", s->file, (long long)(s->count - s->shown));
}

/* ----------------------------------------------------- header binding */

int csv_column_find(const struct csv_column *cols, int ncols, const char *name)
{
    for (int i = 0; i < ncols; i++)
        if (strcasecmp(cols[i].name, name) == 0)
            return i;
    return -1;
}

/* A header name without surrounding spaces, for matching. */
static char *header_name_clean(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *c = xstrdup(s);
    size_t n = strlen(c);
    while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t'))
        c[--n] = '\0';
    return c;
}

static int header_find_file(const struct csv_header *h, const char *name)
{
    for (int i = 0; i < h->nfile; i++)
        if (strcasecmp(h->names[i], name) == 0)
            return i;
    return -1;
}

/* Applies one "ours=theirs" pair of --map. */
static int header_map_pair(struct csv_header *h, const char *pair, bool *used, struct csv_errors *sink,
                           struct err *e)
{
    const char *eq = strchr(pair, '=');
    if (eq == NULL || eq == pair || eq[1] == '\0')
        return err_set(e, ERR_USAGE, "map", "--map takes ours=theirs pairs separated by commas, not '%s'",
                       pair);
    char ours[128];
    snprintf(ours, sizeof ours, "%.*s", (int)(eq - pair), pair);
    char *ours_clean = header_name_clean(ours), *theirs = header_name_clean(eq + 1);
    int c = csv_column_find(h->cols, h->ncols, ours_clean);
    int f = header_find_file(h, theirs);
    int rc = ERR_OK;
    if (c < 0) {
        char known[1024] = "";
        for (int i = 0; i < h->ncols; i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "",
                     h->cols[i].name);
        rc = err_set(e, ERR_USAGE, "map", "--map: '%s' is not one of our columns (%s)", ours_clean, known);
    } else if (f < 0) {
        csv_errors_add(sink, 1, theirs, "named by --map but not in the header", NULL);
        rc = ERR_INVALID;
    } else {
        h->index[c] = f;
        used[f] = true;
    }
    free(ours_clean);
    free(theirs);
    return rc;
}

static int header_apply_map(struct csv_header *h, const char *map, bool *used, struct csv_errors *sink,
                            struct err *e)
{
    if (map == NULL || map[0] == '\0')
        return ERR_OK;
    char *copy = xstrdup(map), *save = NULL;
    int rc = ERR_OK;
    for (char *pair = strtok_r(copy, ",", &save); pair; pair = strtok_r(NULL, ",", &save)) {
        int r = header_map_pair(h, pair, used, sink, e);
        if (r == ERR_USAGE) {
            rc = r;
            break;
        }
        if (r != ERR_OK)
            rc = r;
    }
    free(copy);
    return rc;
}

/* Our columns not set by --map take the file's column of the same name,
 * unless that column was mapped elsewhere. */
static void header_match_names(struct csv_header *h, bool *used)
{
    for (int c = 0; c < h->ncols; c++) {
        if (h->index[c] >= 0)
            continue;
        int f = header_find_file(h, h->cols[c].name);
        if (f >= 0 && !used[f]) {
            h->index[c] = f;
            used[f] = true;
        }
    }
}

static uint64_t name_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a over the lower-case bytes */
    for (; *s; s++)
        h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211ULL;
    return h;
}

/* Names that appear twice (without regard to case), in one pass over a hash
 * table: a header of many thousand columns is checked at once. */
static int header_check_twice(struct csv_header *h, struct csv_errors *sink)
{
    size_t cap = 16;
    while (cap < (size_t)h->nfile * 2)
        cap *= 2;
    int *slots = xmalloc(cap * sizeof *slots);
    for (size_t i = 0; i < cap; i++)
        slots[i] = -1;
    int rc = ERR_OK;
    for (int i = 0; i < h->nfile; i++) {
        if (h->names[i][0] == '\0')
            continue;
        size_t k = (size_t)name_hash(h->names[i]) & (cap - 1);
        while (slots[k] >= 0 && strcasecmp(h->names[slots[k]], h->names[i]) != 0)
            k = (k + 1) & (cap - 1);
        if (slots[k] < 0) {
            slots[k] = i;
        } else {
            csv_errors_add(sink, 1, h->names[i], "appears twice in the header", NULL);
            rc = ERR_INVALID;
        }
    }
    free(slots);
    return rc;
}

#define IGNORED_SHOWN 20

/* One warning names the file's columns that feed none of ours. */
static void header_warn_ignored(const struct csv_header *h, const bool *used, struct csv_errors *sink)
{
    struct strbuf list = {0};
    int n = 0;
    for (int i = 0; i < h->nfile; i++) {
        if (used[i] || n++ >= IGNORED_SHOWN)
            continue;
        strbuf_add(&list, n > 1 ? ", '" : "'");
        text_visible(&list, h->names[i], strlen(h->names[i]), 0);
        strbuf_add(&list, "'");
    }
    if (n > IGNORED_SHOWN)
        strbuf_addf(&list, " and %d more", n - IGNORED_SHOWN);
    if (n > 0 && sink->out)
        fprintf(sink->out, "%s:1: warning: ignoring columns that map to nothing: %s\n", sink->file,
                strbuf_text(&list));
    strbuf_free(&list);
}

static int header_check(struct csv_header *h, const bool *used, struct csv_errors *sink)
{
    int rc = header_check_twice(h, sink);
    for (int c = 0; c < h->ncols; c++)
        if ((h->cols[c].flags & CSV_COL_REQUIRED) && h->index[c] < 0) {
            csv_errors_add(sink, 1, h->cols[c].name,
                           "required, but the header has no such column (name it, or use --map)", NULL);
            rc = ERR_INVALID;
        }
    header_warn_ignored(h, used, sink);
    return rc;
}

int csv_header_bind(struct csv_header *h, const struct csv_column *cols, int ncols,
                    const struct csv_record *header, const char *map, const char *null_text,
                    struct csv_errors *sink, struct err *e)
{
    memset(h, 0, sizeof *h);
    h->cols = cols;
    h->ncols = ncols;
    h->nfile = header->nfields;
    h->index = xmalloc(sizeof *h->index * (size_t)ncols);
    for (int c = 0; c < ncols; c++)
        h->index[c] = -1;
    h->names = xcalloc((size_t)h->nfile, sizeof *h->names);
    for (int i = 0; i < h->nfile; i++)
        h->names[i] = header_name_clean(header->fields[i]);
    h->null_text = (null_text && null_text[0]) ? xstrdup(null_text) : NULL;
    if (header->bad_field >= 0) {
        csv_errors_add(sink, header->line, NULL, "the header is not valid UTF-8",
                       header->fields[header->bad_field]);
        return err_set(e, ERR_INVALID, NULL, "the header is not valid UTF-8");
    }
    bool *used = xcalloc((size_t)h->nfile, sizeof *used);
    int rc = header_apply_map(h, map, used, sink, e);
    if (rc != ERR_USAGE) {
        header_match_names(h, used);
        int r = header_check(h, used, sink);
        if (rc == ERR_OK)
            rc = r;
        if (rc != ERR_OK)
            err_set(e, ERR_INVALID, NULL, "the header does not fit");
    }
    free(used);
    return rc;
}

void csv_header_free(struct csv_header *h)
{
    for (int i = 0; i < h->nfile; i++)
        free(h->names[i]);
    free(h->names);
    free(h->index);
    free(h->null_text);
    memset(h, 0, sizeof *h);
}

const char *csv_header_value(const struct csv_header *h, const struct csv_record *rec, int c)
{
    int f = h->index[c];
    if (f < 0 || f >= rec->nfields)
        return NULL;
    const char *v = rec->fields[f];
    if (h->null_text && strcmp(v, h->null_text) == 0)
        return "";
    if (h->cols[c].flags & CSV_COL_TEXT)
        return csv_text_unguard(v);
    return v;
}
