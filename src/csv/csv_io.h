/* CSV import and export of every kind (accounts, contacts, customers,
 * products, orders; and prices, whose rows say their own kind): the same
 * columns both ways, errors by FILE:LINE, one transaction per import. */
#ifndef COMPTOIR_CSV_IO_H
#define COMPTOIR_CSV_IO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "src/base/err.h"
#include "src/base/money.h"

struct app;

enum import_kind {
    IMPORT_ACCOUNTS,
    IMPORT_CONTACTS,
    IMPORT_CUSTOMERS,
    IMPORT_PRODUCTS,
    IMPORT_ORDERS,
    IMPORT_KIND_COUNT
};
const char *import_kind_name(enum import_kind k);
int import_kind_parse(const char *text, enum import_kind *out);

struct import_options {
    const char *map;            /* "ours=theirs,ours=theirs" or NULL */
    const char *null_text;      /* text meaning "no value", or NULL */
    enum money_decimal decimal; /* the file's decimal mark (--decimal): point unless declared */
    bool dry_run;
    bool update;              /* existing keys update instead of erroring */
    const char *rejects_path; /* write bad rows here and import the good ones */
    FILE *errors;             /* where FILE:LINE messages go (stderr) */
    FILE *progress;           /* a terminal for progress, or NULL */
    void (*on_progress)(void *ctx, int64_t rows, int64_t bytes, int64_t total_bytes);
    void *progress_ctx;
};

struct import_report {
    int64_t rows_read;
    int64_t rows_written;
    int64_t rows_rejected;
    int64_t errors;
    double seconds; /* wall time, for the progress line; not money */
};

int csv_import_file(struct app *app, enum import_kind kind, const char *path,
                    const struct import_options *opt, struct import_report *rep, struct err *e);
int csv_export(struct app *app, enum import_kind kind, FILE *out, struct err *e);

/* `import prices FILE` / `export prices`: price lists, items, account links,
 * contract prices, volume tiers and floors in one CSV (a "kind" column says
 * which); errors by line, and one bad row means nothing is written. */
int csv_import_prices(struct app *app, const char *path, const struct import_options *opt,
                      struct import_report *rep, struct err *e);
int csv_export_prices(struct app *app, FILE *out, struct err *e);

/* `import promotions FILE` / `export promotions` (csv_promotions.c): every
 * field of a promotion, its code and SKUs; one bad row means nothing is
 * written; --update changes the promotions whose id exists. */
int csv_import_promotions(struct app *app, const char *path, const struct import_options *opt,
                          struct import_report *rep, struct err *e);
int csv_export_promotions(struct app *app, FILE *out, struct err *e);
/* A promotion's single-use codes (one batch, or every batch when batch is 0)
 * for a mailing: code, promotion, batch, used_order, used_at; *written rows. */
int csv_export_promotion_codes(struct app *app, int64_t id, int64_t batch, FILE *out, int64_t *written,
                               struct err *e);
/* Makes a batch of generate single-use codes (0: none) and writes the
 * batch (or, without one, every code of the promotion) to path through a
 * temporary file renamed at the end: a failed run leaves no half file.
 * *batch is the new batch (0 without one), *written the rows. */
int csv_promotion_codes_file(struct app *app, int64_t id, int generate, const char *prefix, const char *path,
                             int64_t *batch, int64_t *written, struct err *e);

/* A report (src/b2c/report.h) as CSV: each section a block of a header row
 * (first cell "section") and its rows, an empty line between blocks; text
 * formula-guarded, figures plain ("1234.50", a rate in percent "12.50"). */
struct report;
int csv_export_report(const struct report *r, FILE *out, struct err *e);

#endif
