/* libFuzzer target: the CSV reader (csv_read over libcsv), the header
 * binding and the error sink, on any bytes. Properties, not only crashes:
 * every record has at most CSV_FIELDS_MAX fields, each field is as long as
 * it says and holds no NUL; and every record read, written back by the
 * writer (formula guard and all), reads again as the same fields. */
#define _GNU_SOURCE /* fmemopen, open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/csv/csv_private.h"

static void must(int ok)
{
    if (!ok)
        abort();
}

static const struct csv_column columns[] = {
    {"name", CSV_COL_REQUIRED | CSV_COL_TEXT},
    {"email", CSV_COL_REQUIRED},
    {"notes", CSV_COL_TEXT},
    {"price", 0},
};

struct run {
    struct csv_header h;
    bool bound;
    struct csv_errors sink;
    int64_t records;
};

/* The fields of one record, as read back from the writer's output. */
struct echo {
    const struct csv_record *want;
    int64_t seen;
};

static int echo_record(void *ctx, const struct csv_record *rec, struct err *e)
{
    struct echo *x = ctx;
    (void)e;
    x->seen++;
    must(rec->nfields == x->want->nfields);
    for (int i = 0; i < rec->nfields; i++)
        must(rec->lens[i] == x->want->lens[i] &&
             memcmp(rec->fields[i], x->want->fields[i], rec->lens[i]) == 0);
    return 0;
}

/* Writes the record as the rejects file and exports do, and reads it back.
 * A field holding a CR is left out: CRLF in a field is read as LF. */
static void check_write_read(const struct csv_record *rec)
{
    for (int i = 0; i < rec->nfields; i++)
        if (memchr(rec->fields[i], '\r', rec->lens[i]) || (rec->nfields == 1 && rec->lens[0] == 0))
            return;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct csv_writer w;
    csv_writer_init(&w, out);
    for (int i = 0; i < rec->nfields; i++)
        csv_put_raw(&w, rec->fields[i], rec->lens[i]);
    csv_end_row(&w);
    must(csv_writer_finish(&w, "echo", NULL) == ERR_OK);
    fclose(out);
    FILE *in = fmemopen(buf, len, "rb");
    struct echo x = {.want = rec};
    struct err e = {0};
    must(csv_read(in, "echo", echo_record, &x, &e) == ERR_OK && x.seen == 1);
    fclose(in);
    free(buf);
}

static int on_record(void *ctx, const struct csv_record *rec, struct err *e)
{
    struct run *r = ctx;
    must(rec->nfields >= 1 && rec->nfields <= CSV_FIELDS_MAX && rec->index == r->records++);
    for (int i = 0; i < rec->nfields; i++)
        must(strlen(rec->fields[i]) == rec->lens[i]);
    if (rec->index < 4)
        check_write_read(rec);
    if (!r->bound) {
        r->bound = true;
        int rc = csv_header_bind(&r->h, columns, 4, rec, "price=Prix,notes=name", "NULL", &r->sink, e);
        must(rc == ERR_OK || rc == ERR_INVALID || rc == ERR_USAGE);
        return 0;
    }
    for (int c = 0; c < 4; c++) {
        const char *v = csv_header_value(&r->h, rec, c);
        if (v != NULL) {
            char shown[400];
            csv_value_escape(v, 80, shown, sizeof shown);
            csv_errors_add(&r->sink, rec->line, columns[c].name, "fuzzed", v);
            if (csv_text_needs_guard(v)) { /* the guard's round trip is exact */
                char *g = malloc(strlen(v) + 2);
                g[0] = '\'';
                strcpy(g + 1, v);
                must(strcmp(csv_text_unguard(g), v) == 0);
                free(g);
            }
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 1 << 20)
        return 0;
    FILE *in = fmemopen((void *)data, size, "rb");
    if (in == NULL)
        return 0;
    struct run r = {.sink = {.out = NULL, .file = "fuzz.csv", .shown = 0}};
    struct err e = {0};
    int rc = csv_read(in, "fuzz.csv", on_record, &r, &e);
    must(rc == ERR_OK || rc == ERR_INVALID || rc == ERR_USAGE);
    must(rc == ERR_OK || e.msg[0] != '\0');
    fclose(in);
    if (r.bound)
        csv_header_free(&r.h);
    return 0;
}
