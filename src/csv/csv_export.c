/* CSV export: the same columns as import, in a stable order (by natural key),
 * read page by page with keyset queries so a million rows never sit in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/db.h"
#include "db/order_store.h"
#include "db/product_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/users.h"

#define EXPORT_PAGE 500

static void export_header(struct csv_writer *w, const struct kind_spec *k)
{
    for (int i = 0; i < k->nfields; i++)
        if (!(k->fields[i].flags & FIELD_IMPORT_ONLY))
            csv_put_raw(w, k->fields[i].name, strlen(k->fields[i].name));
    csv_end_row(w);
}

/* A table-driven field; special ones are the kind's business. */
static void export_field(struct csv_writer *w, const struct field_spec *f, const void *base)
{
    const char *p = (const char *)base + f->offset;
    int i;
    int64_t v;
    bool b;
    switch (f->type) {
    case F_TEXT: csv_put_text(w, p); break;
    case F_INT:
        memcpy(&i, p, sizeof i);
        csv_put_int(w, i);
        break;
    case F_I64:
        memcpy(&v, p, sizeof v);
        csv_put_int(w, v);
        break;
    case F_MONEY:
        memcpy(&v, p, sizeof v);
        csv_put_money(w, v);
        break;
    case F_BOOL:
        memcpy(&b, p, sizeof b);
        csv_put_int(w, b ? 1 : 0);
        break;
    case F_SPECIAL: break;
    }
}

/* ---------------------------------------------------------------- rows */

static void export_account(struct csv_writer *w, const struct kind_spec *k, const void *row)
{
    const struct account *a = row;
    for (int i = 0; i < k->nfields; i++) {
        if (k->fields[i].type == F_SPECIAL) /* rep */
            csv_put_text(w, a->rep_login);
        else
            export_field(w, &k->fields[i], a);
    }
    csv_end_row(w);
}

static void export_plain(struct csv_writer *w, const struct kind_spec *k, const void *row)
{
    for (int i = 0; i < k->nfields; i++)
        export_field(w, &k->fields[i], row);
    csv_end_row(w);
}

static void export_order_special(struct csv_writer *w, const char *name, const struct order *o,
                                 const struct order_line *l)
{
    char rate[32];
    if (strcmp(name, "placed_at") == 0)
        csv_put_text(w, o->placed_at);
    else if (strcmp(name, "channel") == 0)
        csv_put_text(w, channel_name(o->channel));
    else if (strcmp(name, "account_code") == 0)
        csv_put_text(w, o->account_id ? o->party_code : "");
    else if (strcmp(name, "customer_email") == 0)
        csv_put_text(w, o->customer_id ? o->party_email : "");
    else if (strcmp(name, "status") == 0)
        csv_put_text(w, order_status_name(o->status));
    else if (strcmp(name, "requested_date") == 0)
        csv_put_text(w, o->requested_date);
    else if (strcmp(name, "promised_date") == 0)
        csv_put_text(w, o->promised_date);
    else if (strcmp(name, "tax_rate") == 0) {
        csv_rate_format(l->tax_rate_bp, rate, sizeof rate);
        csv_put_raw(w, rate, strlen(rate));
    }
}

static void export_order_line(struct csv_writer *w, const struct kind_spec *k, const struct order *o,
                              const struct order_line *l)
{
    for (int i = 0; i < k->nfields; i++) {
        const struct field_spec *f = &k->fields[i];
        if (f->flags & FIELD_IMPORT_ONLY)
            continue;
        if (f->type == F_SPECIAL)
            export_order_special(w, f->name, o, l);
        else
            export_field(w, f, (f->flags & FIELD_LINE) ? (const void *)l : (const void *)o);
    }
    csv_end_row(w);
}

/* --------------------------------------------------------------- pages */

/* Each kind's paging through its store, behind one shape. */
struct export_source {
    size_t size; /* of one row */
    int sort;
    int (*page)(struct db *db, const struct page_req *q, void *rows, int *count, struct err *e);
    void (*cursor)(const void *row, int sort, struct page_cursor *c);
    void (*write)(struct csv_writer *w, const struct kind_spec *k, const void *row);
};

static int page_accounts(struct db *db, const struct page_req *q, void *rows, int *n, struct err *e)
{
    return account_store_page(db, q, rows, n, e);
}
static void cursor_accounts(const void *row, int sort, struct page_cursor *c)
{
    account_store_cursor(row, sort, c);
}
static int page_contacts(struct db *db, const struct page_req *q, void *rows, int *n, struct err *e)
{
    return contact_store_page(db, q, rows, n, e);
}
/* Contacts page by (account code, id), as contact_store_page documents. */
static void cursor_contacts(const void *row, int sort, struct page_cursor *c)
{
    const struct contact *ct = row;
    (void)sort;
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", ct->account_code);
    c->id = ct->id;
}
static int page_customers(struct db *db, const struct page_req *q, void *rows, int *n, struct err *e)
{
    return customer_store_page(db, q, rows, n, e);
}
static void cursor_customers(const void *row, int sort, struct page_cursor *c)
{
    customer_store_cursor(row, sort, c);
}
static int page_products(struct db *db, const struct page_req *q, void *rows, int *n, struct err *e)
{
    return product_store_page(db, q, rows, n, e);
}
static void cursor_products(const void *row, int sort, struct page_cursor *c)
{
    product_store_cursor(row, sort, c);
}

static const struct export_source sources[] = {
    [IMPORT_ACCOUNTS] = {sizeof(struct account), ACCOUNT_SORT_CODE, page_accounts, cursor_accounts,
                         export_account},
    [IMPORT_CONTACTS] = {sizeof(struct contact), 0, page_contacts, cursor_contacts, export_plain},
    [IMPORT_CUSTOMERS] = {sizeof(struct customer), CUSTOMER_SORT_EMAIL, page_customers, cursor_customers,
                          export_plain},
    [IMPORT_PRODUCTS] = {sizeof(struct product), PRODUCT_SORT_SKU, page_products, cursor_products,
                         export_plain},
};

static int export_pages(struct app *app, const struct kind_spec *k, const struct export_source *src,
                        struct csv_writer *w, struct err *e)
{
    struct page_req q = {.sort = src->sort, .limit = EXPORT_PAGE};
    char *rows = xcalloc(EXPORT_PAGE, src->size);
    int n = 0, rc;
    do {
        rc = src->page(app->db, &q, rows, &n, e);
        for (int i = 0; rc == ERR_OK && i < n; i++)
            src->write(w, k, rows + (size_t)i * src->size);
        if (rc == ERR_OK && n > 0) {
            src->cursor(rows + (size_t)(n - 1) * src->size, q.sort, &q.cursor);
            q.has_cursor = true;
        }
    } while (rc == ERR_OK && n == EXPORT_PAGE && !w->failed);
    free(rows);
    return rc;
}

static int export_orders(struct app *app, const struct kind_spec *k, struct csv_writer *w, struct err *e)
{
    struct page_req q = {.sort = ORDER_SORT_NUMBER, .limit = EXPORT_PAGE};
    struct order *rows = xcalloc(EXPORT_PAGE, sizeof *rows);
    struct rows lines = {0};
    int n = 0, rc;
    do {
        rc = order_store_page(app->db, &q, rows, &n, e);
        for (int i = 0; rc == ERR_OK && i < n; i++) {
            rc = order_store_lines(app->db, rows[i].id, NULL, &lines, e);
            const struct order_line *line = lines.items;
            for (int l = 0; rc == ERR_OK && l < lines.n; l++)
                export_order_line(w, k, &rows[i], &line[l]);
        }
        if (rc == ERR_OK && n > 0) {
            order_store_cursor(&rows[n - 1], q.sort, &q.cursor);
            q.has_cursor = true;
        }
    } while (rc == ERR_OK && n == EXPORT_PAGE && !w->failed);
    rows_free(&lines);
    free(rows);
    return rc;
}

int csv_export(struct app *app, enum import_kind kind, FILE *out, struct err *e)
{
    const struct kind_spec *k = csv_kind_spec(kind);
    if (k == NULL)
        return err_set(e, ERR_USAGE, "kind", "unknown kind of export");
    int rc = app_require(app, ACT_EXPORT, e);
    if (rc != ERR_OK)
        return rc;
    /* one snapshot: rows changed while the export runs are all old or all new */
    if ((rc = db_begin_read(app->db, e)) != ERR_OK)
        return rc;
    struct csv_writer w;
    csv_writer_init(&w, out);
    export_header(&w, k);
    if (kind == IMPORT_ORDERS)
        rc = export_orders(app, k, &w, e);
    else
        rc = export_pages(app, k, &sources[kind], &w, e);
    struct err re = {0};
    if (db_end_read(app->db, &re) != ERR_OK && rc == ERR_OK)
        rc = err_set(e, re.code, NULL, "%s", re.msg);
    struct err we = {0};
    if (csv_writer_finish(&w, "the export", &we) != ERR_OK && rc == ERR_OK)
        rc = err_set(e, we.code, NULL, "%s", we.msg);
    return rc;
}
