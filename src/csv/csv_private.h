/* Internals of CSV import and export (the files of src/csv/): the streaming reader over libcsv
 * with physical line numbers, the header binding (names, --map, --null),
 * the FILE:LINE error sink and the RFC 4180 writer with its formula guard.
 * Only src/csv/ includes this header; libcsv appears nowhere else. */
#ifndef COMPTOIR_CSV_PRIVATE_H
#define COMPTOIR_CSV_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/base/err.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"
#include "src/csv/csv_io.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/products.h"

/* ---------------------------------------------------------------- reader */

/* One record as read: its fields (NUL-terminated, not trimmed: RFC 4180
 * says spaces are part of a field) and the physical line where it starts,
 * which differs from the record count when quoted fields hold newlines. */
struct csv_record {
    int64_t line;   /* 1 = the first line of the file */
    int64_t index;  /* 0 = the header, 1 = the first data record */
    int64_t offset; /* bytes of the file consumed so far (for progress) */
    int nfields;
    char **fields;
    size_t *lens;
    int bad_field; /* the first field that is not valid UTF-8 (or holds NUL), -1 if none */
};

/* Called for every record, the header included. A non-zero return stops the
 * read and is returned by csv_read. */
typedef int (*csv_record_fn)(void *ctx, const struct csv_record *rec, struct err *e);

/* The most fields one record may have: a spreadsheet's columns. */
#define CSV_FIELDS_MAX 16384

/* Streams in through libcsv, one physical line at a time so that each record
 * knows the line it starts on. A UTF-8 BOM at the start is skipped. Returns
 * ERR_IO on a read error and ERR_INVALID ("FILE:LINE: …") for a quoted field
 * that is never closed (at the line it opens), text after a closing quote, a
 * NUL byte, more than CSV_FIELDS_MAX fields or a record too large to be real.
 * Inside a quoted field CRLF is read as LF. */
int csv_read(FILE *in, const char *name, csv_record_fn fn, void *ctx, struct err *e);

/* True when s[0..n) is valid UTF-8 without NUL bytes (overlongs, surrogates
 * and code points past U+10FFFF are invalid). */
bool csv_utf8_valid(const char *s, size_t n);

/* ------------------------------------------------------------ error sink */

/* Collects FILE:LINE errors: prints the first `shown` of them to out and
 * counts them all. The last message is kept for a rejects file. */
struct csv_errors {
    FILE *out;
    const char *file;
    int64_t count;
    int64_t shown;   /* print at most this many */
    char last[1280]; /* the last message without its "FILE:" prefix */
};

#define CSV_ERRORS_SHOWN 50

/* Adds `FILE:LINE: column 'x': reason ("value")`; column and value may be
 * NULL. The value is shown with control characters and bad bytes escaped. */
void csv_errors_add(struct csv_errors *s, int64_t line, const char *column, const char *reason,
                    const char *value);
/* Prints "… and N more errors" when some were not shown. */
void csv_errors_summary(struct csv_errors *s);
/* Writes value into out for a message: \n \r \t escaped, other control bytes
 * and invalid UTF-8 as \xNN, cut (on a character boundary) past `max` bytes. */
void csv_value_escape(const char *value, size_t max, char *out, size_t len);

/* The end of an import taken whole (all rows or none): errors summed up,
 * then one audit entry and the commit, or the rollback (csv_import.c). */
struct app;
struct import_options;
struct import_report;
int csv_whole_import_end(struct app *app, const char *kind, const char *path,
                         const struct import_options *opt, struct import_report *rep, struct csv_errors *errs,
                         int rc, struct err *e);

/* --------------------------------------------------------- header binding */

enum {
    CSV_COL_REQUIRED = 1, /* the header must have it (directly or through --map) */
    CSV_COL_TEXT = 2      /* free text: a formula guard ' is stripped on import */
};

/* One of our columns for a kind; its name is the struct field's name. */
struct csv_column {
    const char *name;
    unsigned flags;
};

/* How a file's header maps onto our columns. */
struct csv_header {
    const struct csv_column *cols;
    int ncols;
    int *index;      /* per our column: the field in the file, -1 when absent */
    int nfile;       /* fields per record, from the header */
    char **names;    /* the file's own header names */
    char *null_text; /* a cell equal to this means "no value"; NULL for none */
};

/* Reads the header record: names matched without regard to case or
 * surrounding spaces; `map` ("ours=theirs,...") renames theirs to ours (one
 * of theirs may feed several of ours). Columns that map to nothing are named
 * in one warning on sink->out. Missing required columns, duplicated names and
 * mapped names the header lacks are errors in sink (returns ERR_INVALID); an
 * unknown name on our side of --map is ERR_USAGE. */
int csv_header_bind(struct csv_header *h, const struct csv_column *cols, int ncols,
                    const struct csv_record *header, const char *map, const char *null_text,
                    struct csv_errors *sink, struct err *e);
void csv_header_free(struct csv_header *h);

/* Our column c in rec: NULL when the file has no such column, "" when the
 * cell is empty or equals the null text, else the text (for a text column,
 * without a formula guard). */
const char *csv_header_value(const struct csv_header *h, const struct csv_record *rec, int c);
/* Our column's index by name, -1 if none. */
int csv_column_find(const struct csv_column *cols, int ncols, const char *name);

/* ---------------------------------------------------------------- writer */

/* Writes RFC 4180 records (every cell quoted by csv_fwrite, CRLF ends a row). */
struct csv_writer {
    FILE *out;
    int cells; /* in the current row */
    bool failed;
};

void csv_writer_init(struct csv_writer *w, FILE *out);
/* A text cell: written with a leading ' when a spreadsheet could run it. */
void csv_put_text(struct csv_writer *w, const char *s);
/* A cell written exactly as given (numbers, codes, a rejected row's fields). */
void csv_put_raw(struct csv_writer *w, const char *s, size_t n);
void csv_put_int(struct csv_writer *w, int64_t v);
void csv_put_money(struct csv_writer *w, int64_t minor);
void csv_end_row(struct csv_writer *w);
/* Flushes; ERR_IO when any write failed. */
int csv_writer_finish(struct csv_writer *w, const char *name, struct err *e);

/* The formula guard. A text that starts with = + - @ TAB or CR after any
 * number of apostrophes gets one more apostrophe in front, unless it is a
 * plain number ("-5", "+33"); import strips one apostrophe from a text that
 * starts with apostrophes followed by one of those characters. The pair is
 * exact: export, import, export gives the same text. */
bool csv_text_needs_guard(const char *s);
const char *csv_text_unguard(const char *s);

/* ----------------------------------------------------- kinds and fields */

/* How a column's text becomes a struct field and back. The column names are
 * the struct fields' names; import and export read the same table, so they
 * always have the same columns. */
enum field_type {
    F_TEXT,   /* char[size] */
    F_INT,    /* int, in [min, max] */
    F_I64,    /* int64_t, in [min, max] */
    F_MONEY,  /* int64_t minor units through money_parse / money_format_plain, >= min */
    F_BOOL,   /* bool: 1/0, true/false, yes/no */
    F_SPECIAL /* the kind's own code reads and writes it (a login, a date, a key) */
};

enum {
    FIELD_LINE = 4,        /* orders: a field of struct order_line, not struct order */
    FIELD_IMPORT_ONLY = 8, /* accepted on import, not exported (tax_class beside tax_rate) */
    FIELD_KEY = 16,        /* identifies the record: the only column --update requires */
    FIELD_MULTILINE = 32   /* text of several lines (addresses, notes): newlines allowed */
};

struct field_spec {
    const char *name;
    unsigned flags; /* CSV_COL_* and FIELD_* */
    enum field_type type;
    size_t offset, size;
    int64_t min, max;
};

struct kind_spec {
    enum import_kind kind;
    const char *name;   /* "accounts" */
    const char *object; /* the audit's object type: "account" */
    const struct field_spec *fields;
    int nfields;
};

const struct kind_spec *csv_kind_spec(enum import_kind kind);
/* Index of a field by name, -1 when the kind has none. */
int csv_kind_field(const struct kind_spec *k, const char *name);
/* A new record of each kind starts with the schema's defaults. */
void csv_account_defaults(struct account *a);
void csv_contact_defaults(struct contact *c);
void csv_customer_defaults(struct customer *c);
void csv_product_defaults(struct product *p);
void csv_order_defaults(struct order *o);
/* 550 → "5.5", 2000 → "20": a tax rate as a plain percentage. */
void csv_rate_format(int64_t bp, char *out, size_t len);
/* "2010-12-01 08:26:00", "1996-07-04 00:00:00.000", "2024-03-01",
 * "2024-03-01T10:00:00Z" → "2024-03-01T10:00:00Z": read as UTC, fractions of a
 * second dropped. 0 on success, -1 when not a date. */
int csv_parse_datetime(const char *text, char out[32]);
/* The same forms → "2024-03-01": a time of day, if any, is dropped. */
int csv_parse_date(const char *text, char out[11]);

/* --------------------------------------------------------------- import */

#define CSV_UNKNOWN_SHOWN 6

/* One import: the file, its header, the errors, the transaction's state. */
struct import_run {
    struct app *app;
    const struct kind_spec *spec;
    const struct import_options *opt;
    const char *path;
    struct import_report *rep;
    struct err *e;
    struct csv_column *cols;
    struct csv_header h;
    bool have_header;
    struct csv_errors errs;
    const struct csv_record *rec; /* the record being read */
    bool row_bad;                 /* the current row has an error */
    bool fatal;                   /* a row's processing failed beyond the row: stop */
    struct strbuf reason;         /* its errors, for the rejects file */
    FILE *rejects;
    struct csv_writer rejects_w;
    int64_t unknown_skus;                       /* order lines naming no product of the catalogue */
    char unknown_sample[CSV_UNKNOWN_SHOWN][65]; /* the first few such SKUs */
    int unknown_shown;
    bool unknown_more;
    struct order_group *group; /* orders: the order being gathered */
    int64_t first_order_id;    /* orders: the first one written (their units are settled at the end) */
    double started, last_progress;
    int64_t offset, total_bytes; /* bytes read so far, and the file's size (0 if unknown) */
    struct rows taxes;           /* the tax classes (struct tax_class), read once */
    bool taxes_loaded;
};

/* Reports a bad cell of the current row (column NULL for the whole row). */
void import_error(struct import_run *r, const char *column, const char *reason, const char *value);
/* The current row's value of field i of the kind: NULL when absent. */
const char *import_value(struct import_run *r, int field);
/* Reads every non-special field of the kind present in the row into base
 * (orders: fields with FIELD_LINE go to line, the others to base). */
void import_fields(struct import_run *r, void *base, void *line);
/* Writes the current row, with the reason, to the rejects file (if any). */
void import_reject_record(struct import_run *r, const struct csv_record *rec, const char *reason);
/* A core message without what FILE:LINE: column 'x' and ("value") say
 * already: "email 'x' is not an e-mail address" → "is not an e-mail
 * address"; "line 3: …" (an order's line) → "…". */
const char *csv_core_reason(const char *msg, const char *column, const char *value);
/* Reports a core error (e->field names the column) against the current row. */
void import_core_error(struct import_run *r, const struct err *fe, const char *fallback_column);

/* An amount (or, when percent, a rate in basis points) written with the
 * file's decimal mark. On failure reason says why, what was expected and,
 * when the other mark reads it, what --decimal would make of it. */
bool csv_parse_amount(const char *text, enum money_decimal mark, bool percent, int64_t *out, char *reason,
                      size_t len);
/* A whole number, spaces around allowed, overflow refused. */
bool csv_parse_int64(const char *s, int64_t *out);
/* The rate of a tax class (the classes are read once per import). */
int import_tax_rate(struct import_run *r, const char *code, int *rate_bp, bool *found);

/* Orders: a row joins the order being gathered; the order is written when
 * the number changes and at the end. ERR_OK, ERR_INVALID (rejected) or fatal. */
int import_order_row(struct import_run *r);
int import_order_flush(struct import_run *r);
/* After the last order: the units, stock, payments and promises of the
 * orders written (order_store_settle_history). */
int import_order_settle(struct import_run *r);
void import_order_free(struct import_run *r);
/* The file ended in a way that may have cut the order being gathered. */
void import_order_taint(struct import_run *r, const char *reason);

#endif
