/* `import prices` / `export prices`: price lists, their items, the accounts
 * tied to them, contract prices, volume tiers and floors, in one CSV whose
 * first column says what each row is. Same rules as the other imports:
 * errors by FILE:LINE and column, and one bad row means nothing is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/account_store.h"
#include "db/db.h"
#include "db/pricing_store.h"
#include "db/product_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2b/pricing.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/rows.h"
#include "src/csv/csv_io.h"
#include "src/csv/csv_private.h"
#include "src/products.h"
#include "src/users.h"
#include "src/validate.h"

enum price_col {
    C_KIND,
    C_LIST,
    C_ACCOUNT,
    C_SKU,
    C_CATEGORY,
    C_NAME,
    C_TIER,
    C_MIN_QTY,
    C_PRICE,
    C_DISCOUNT,
    C_MIN_MARGIN,
    C_FROM,
    C_TO,
    C_COUNT
};

static const struct csv_column price_columns[C_COUNT] = {
    [C_KIND] = {"kind", CSV_COL_REQUIRED},
    [C_LIST] = {"price_list", 0},
    [C_ACCOUNT] = {"account", 0},
    [C_SKU] = {"sku", 0},
    [C_CATEGORY] = {"category", CSV_COL_TEXT},
    [C_NAME] = {"name", CSV_COL_TEXT},
    [C_TIER] = {"tier", 0},
    [C_MIN_QTY] = {"min_qty", 0},
    [C_PRICE] = {"price", 0},
    [C_DISCOUNT] = {"discount", 0},
    [C_MIN_MARGIN] = {"min_margin", 0},
    [C_FROM] = {"valid_from", 0},
    [C_TO] = {"valid_to", 0},
};

struct price_import {
    struct app *app;
    const char *path;
    const struct import_options *opt;
    struct import_report *rep;
    struct csv_header h;
    bool have_header;
    struct csv_errors errs;
    const struct csv_record *rec;
    bool row_bad;
    struct err *e;
};

/* ------------------------------------------------------------- reading */

static void row_error(struct price_import *r, int col, const char *reason, const char *value)
{
    csv_errors_add(&r->errs, r->rec->line, col >= 0 ? price_columns[col].name : NULL, reason, value);
    r->row_bad = true;
}

static const char *cell(struct price_import *r, int col)
{
    const char *v = csv_header_value(&r->h, r->rec, col);
    return v ? v : "";
}

static bool need(struct price_import *r, int col)
{
    if (cell(r, col)[0])
        return true;
    row_error(r, col, "is required for this kind of row", NULL);
    return false;
}

static bool read_money(struct price_import *r, int col, int64_t *out)
{
    char reason[400];
    if (!csv_parse_amount(cell(r, col), r->opt->decimal, false, out, reason, sizeof reason))
        row_error(r, col, reason, cell(r, col));
    else if (*out < 0)
        row_error(r, col, "must not be negative", cell(r, col));
    else
        return true;
    return false;
}

static bool read_rate(struct price_import *r, int col, int64_t *out)
{
    char reason[400];
    if (!csv_parse_amount(cell(r, col), r->opt->decimal, true, out, reason, sizeof reason))
        row_error(r, col, reason, cell(r, col));
    else if (*out < 0 || *out > 10000)
        row_error(r, col, "not a percentage between 0 and 100", cell(r, col));
    else
        return true;
    return false;
}

/* Text into a field of its size: checked as all text is, refused when too
 * long (never cut). */
static bool read_text(struct price_import *r, int col, char *out, size_t size, unsigned flags)
{
    struct err fe = {0};
    const char *v = cell(r, col);
    if (text_check(price_columns[col].name, v, size - 1, flags, &fe) != ERR_OK) {
        row_error(r, col, csv_core_reason(fe.msg, price_columns[col].name, v), v);
        return false;
    }
    memcpy(out, v, strlen(v) + 1);
    return true;
}

static bool read_date(struct price_import *r, int col, char out[11])
{
    out[0] = '\0';
    if (cell(r, col)[0] == '\0' || csv_parse_date(cell(r, col), out) == 0)
        return true;
    row_error(r, col, "not a date (YYYY-MM-DD)", cell(r, col));
    return false;
}

static bool find_list(struct price_import *r, struct price_list *pl)
{
    if (price_list_store_find_code(r->app->db, cell(r, C_LIST), pl, NULL) == ERR_OK)
        return true;
    row_error(r, C_LIST, "no such price list (a price_list row must come first)", cell(r, C_LIST));
    return false;
}

static bool find_product(struct price_import *r, int64_t *id)
{
    struct product p;
    if (product_store_find_sku(r->app->db, cell(r, C_SKU), &p, NULL) != ERR_OK) {
        row_error(r, C_SKU, "no product with this SKU", cell(r, C_SKU));
        return false;
    }
    *id = p.id;
    return true;
}

static bool find_account(struct price_import *r, int64_t *id)
{
    struct account a;
    if (account_store_find_code(r->app->db, cell(r, C_ACCOUNT), &a, NULL) != ERR_OK) {
        row_error(r, C_ACCOUNT, "no account with this code", cell(r, C_ACCOUNT));
        return false;
    }
    *id = a.id;
    return true;
}

/* A store refusal names the row. */
static int stored(struct price_import *r, int rc, const struct err *fe)
{
    if (rc != ERR_OK)
        row_error(r, -1, fe->msg, NULL);
    return rc;
}

/* ---------------------------------------------------------------- kinds */

static int row_price_list(struct price_import *r)
{
    struct price_list pl = {0}, old;
    struct err fe = {0};
    if (!need(r, C_LIST) || (cell(r, C_DISCOUNT)[0] && !read_rate(r, C_DISCOUNT, &pl.discount_bp)) ||
        !read_text(r, C_LIST, pl.code, sizeof pl.code, TEXT_KEY) ||
        !read_text(r, C_NAME, pl.name, sizeof pl.name, 0) ||
        !read_text(r, C_TIER, pl.tier, sizeof pl.tier, 0))
        return ERR_INVALID;
    if (price_list_store_find_code(r->app->db, pl.code, &old, NULL) != ERR_OK)
        return stored(r, price_list_store_insert(r->app->db, &pl, &fe), &fe);
    pl.id = old.id;
    pl.version = old.version;
    return stored(r, price_list_store_update(r->app->db, &pl, &fe), &fe);
}

static int row_item(struct price_import *r)
{
    struct price_list pl;
    int64_t product, price;
    struct err fe = {0};
    if (!need(r, C_LIST) || !need(r, C_SKU) || !need(r, C_PRICE) || !find_list(r, &pl) ||
        !find_product(r, &product) || !read_money(r, C_PRICE, &price))
        return ERR_INVALID;
    return stored(r, price_list_store_set_item(r->app->db, pl.id, product, price, &fe), &fe);
}

static int row_account(struct price_import *r)
{
    struct price_list pl;
    int64_t account;
    struct err fe = {0};
    if (!need(r, C_ACCOUNT) || !need(r, C_LIST) || !find_account(r, &account) || !find_list(r, &pl))
        return ERR_INVALID;
    return stored(r, price_list_store_assign(r->app->db, account, pl.id, &fe), &fe);
}

static int row_contract(struct price_import *r)
{
    struct contract_price c = {0};
    struct err fe = {0};
    if (!need(r, C_ACCOUNT) || !need(r, C_SKU) || !need(r, C_PRICE) || !find_account(r, &c.account_id) ||
        !find_product(r, &c.product_id) || !read_money(r, C_PRICE, &c.price) ||
        !read_date(r, C_FROM, c.valid_from) || !read_date(r, C_TO, c.valid_to))
        return ERR_INVALID;
    if (c.valid_to[0] && strcmp(c.valid_to, c.valid_from) < 0) {
        row_error(r, C_TO, "ends before it starts", cell(r, C_TO));
        return ERR_INVALID;
    }
    return stored(r, contract_price_store_insert(r->app->db, &c, &fe), &fe);
}

static int row_tier(struct price_import *r)
{
    struct volume_tier t = {0};
    struct price_list pl;
    struct err fe = {0};
    if (!need(r, C_MIN_QTY))
        return ERR_INVALID;
    if (!csv_parse_int64(cell(r, C_MIN_QTY), &t.min_qty) || t.min_qty < 2) {
        row_error(r, C_MIN_QTY, "a quantity break is a whole number of at least 2", cell(r, C_MIN_QTY));
        return ERR_INVALID;
    }
    if (!cell(r, C_SKU)[0] && !cell(r, C_LIST)[0]) {
        row_error(r, C_SKU, "a tier needs a sku, a price_list, or both", NULL);
        return ERR_INVALID;
    }
    if ((cell(r, C_PRICE)[0] != '\0') == (cell(r, C_DISCOUNT)[0] != '\0')) {
        row_error(r, C_PRICE, "a tier has a price or a discount (one of the two)", NULL);
        return ERR_INVALID;
    }
    if ((cell(r, C_SKU)[0] && !find_product(r, &t.product_id)) ||
        (cell(r, C_LIST)[0] && !find_list(r, &pl)) ||
        (cell(r, C_PRICE)[0] && !read_money(r, C_PRICE, &t.price)) ||
        (cell(r, C_DISCOUNT)[0] && !read_rate(r, C_DISCOUNT, &t.discount_bp)))
        return ERR_INVALID;
    t.price_list_id = cell(r, C_LIST)[0] ? pl.id : 0;
    return stored(r, volume_tier_store_insert(r->app->db, &t, &fe), &fe);
}

static int row_floor(struct price_import *r)
{
    struct price_floor f = {.min_margin_bp = -1};
    struct err fe = {0};
    if ((cell(r, C_SKU)[0] != '\0') == (cell(r, C_CATEGORY)[0] != '\0')) {
        row_error(r, C_SKU, "a floor is for a sku or a category (one of the two)", NULL);
        return ERR_INVALID;
    }
    if (!cell(r, C_PRICE)[0] && !cell(r, C_MIN_MARGIN)[0]) {
        row_error(r, C_PRICE, "a floor needs a price, a min_margin, or both", NULL);
        return ERR_INVALID;
    }
    if ((cell(r, C_SKU)[0] && !find_product(r, &f.product_id)) ||
        (cell(r, C_PRICE)[0] && !read_money(r, C_PRICE, &f.min_price)) ||
        (cell(r, C_MIN_MARGIN)[0] && !read_rate(r, C_MIN_MARGIN, &f.min_margin_bp)))
        return ERR_INVALID;
    if (!read_text(r, C_CATEGORY, f.category, sizeof f.category, 0))
        return ERR_INVALID;
    return stored(r, price_floor_store_set(r->app->db, &f, &fe), &fe);
}

static const struct {
    const char *name;
    int (*run)(struct price_import *r);
} row_kinds[] = {
    {"price_list", row_price_list}, {"item", row_item}, {"account", row_account},
    {"contract", row_contract},     {"tier", row_tier}, {"floor", row_floor},
};

static int price_row(struct price_import *r)
{
    const char *kind = cell(r, C_KIND);
    if (r->rec->nfields != r->h.nfile) {
        row_error(r, -1, "not as many fields as the header", NULL);
        return ERR_INVALID;
    }
    for (size_t i = 0; i < sizeof row_kinds / sizeof row_kinds[0]; i++)
        if (strcmp(kind, row_kinds[i].name) == 0)
            return row_kinds[i].run(r);
    row_error(r, C_KIND, "not a kind of price row (price_list, item, account, contract, tier, floor)", kind);
    return ERR_INVALID;
}

static int on_record(void *ctx, const struct csv_record *rec, struct err *e)
{
    struct price_import *r = ctx;
    r->rec = rec;
    if (!r->have_header) {
        r->have_header = true;
        int rc =
            csv_header_bind(&r->h, price_columns, C_COUNT, rec, r->opt->map, r->opt->null_text, &r->errs, e);
        if (rc == ERR_USAGE)
            return rc;
        return rc == ERR_OK ? ERR_OK
                            : err_set(e, ERR_INVALID, NULL,
                                      "%s: the header does not fit; nothing was imported", r->path);
    }
    r->rep->rows_read++;
    r->row_bad = false;
    if (price_row(r) == ERR_OK && !r->row_bad)
        r->rep->rows_written++;
    else
        r->rep->rows_rejected++;
    return ERR_OK;
}

static int finish(struct price_import *r, int rc)
{
    if (rc == ERR_OK && !r->have_header) {
        csv_errors_add(&r->errs, 1, NULL, "the file is empty: a header row is required", NULL);
        rc = err_set(r->e, ERR_INVALID, NULL, "%s: no header row; nothing was imported", r->path);
    }
    return csv_whole_import_end(r->app, "prices", r->path, r->opt, r->rep, &r->errs, rc, r->e);
}

int csv_import_prices(struct app *app, const char *path, const struct import_options *opt,
                      struct import_report *rep, struct err *e)
{
    memset(rep, 0, sizeof *rep);
    int rc = app_require(app, ACT_IMPORT, e);
    if (rc == ERR_OK)
        rc = app_require(app, ACT_PRICE_EDIT, e);
    if (rc != ERR_OK)
        return rc;
    if (opt->rejects_path)
        return err_set(e, ERR_USAGE, "rejects", "prices are imported whole: --rejects does not apply");
    bool use_stdin = strcmp(path, "-") == 0;
    FILE *in = use_stdin ? stdin : fopen(path, "rb");
    if (in == NULL)
        return err_set(e, errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "file", "cannot read %s: %s", path,
                       strerror(errno));
    struct price_import r = {.app = app, .path = path, .opt = opt, .rep = rep, .e = e};
    r.errs = (struct csv_errors){
        .out = opt->errors ? opt->errors : stderr, .file = path, .shown = CSV_ERRORS_SHOWN};
    if ((rc = db_begin(app->db, e)) == ERR_OK)
        rc = finish(&r, csv_read(in, path, on_record, &r, e));
    csv_header_free(&r.h);
    if (!use_stdin)
        fclose(in);
    return rc;
}

/* --------------------------------------------------------------- export */

#define EXPORT_PAGE 500

struct price_row_out {
    const char *kind, *list, *account, *sku, *category, *name, *tier;
    int64_t min_qty, price, discount_bp, min_margin_bp; /* -1 = empty */
    const char *from, *to;
};

static void put_opt_text(struct csv_writer *w, const char *s)
{
    csv_put_text(w, s ? s : "");
}

static void put_opt_int(struct csv_writer *w, int64_t v, bool money)
{
    if (v < 0)
        csv_put_raw(w, "", 0);
    else if (money)
        csv_put_money(w, v);
    else
        csv_put_int(w, v);
}

static void put_rate(struct csv_writer *w, int64_t bp)
{
    char text[32];
    if (bp < 0) {
        csv_put_raw(w, "", 0);
        return;
    }
    csv_rate_format(bp, text, sizeof text);
    csv_put_raw(w, text, strlen(text));
}

static void put_row(struct csv_writer *w, const struct price_row_out *o)
{
    put_opt_text(w, o->kind);
    put_opt_text(w, o->list);
    put_opt_text(w, o->account);
    put_opt_text(w, o->sku);
    put_opt_text(w, o->category);
    put_opt_text(w, o->name);
    put_opt_text(w, o->tier);
    put_opt_int(w, o->min_qty, false);
    put_opt_int(w, o->price, true);
    put_rate(w, o->discount_bp);
    put_rate(w, o->min_margin_bp);
    put_opt_text(w, o->from);
    put_opt_text(w, o->to);
    csv_end_row(w);
}

static const struct price_row_out empty_row = {
    .min_qty = -1, .price = -1, .discount_bp = -1, .min_margin_bp = -1};

/* Where an export page starts: after an id, or after a text key (a SKU, an
 * account code) within a price list. */
struct export_cursor {
    int64_t id, list_id;
    char key[65];
};

/* One kind of exported row: how to read every row (a small table) or the
 * page after the cursor (moving it on), and how to turn one row into a CSV
 * row. per_list kinds page once for each price list, in code order. */
struct price_export {
    size_t size; /* bytes of one row */
    int (*all)(struct db *db, struct rows *out, struct err *e);
    int (*page)(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e);
    void (*out)(const void *row, struct price_row_out *o);
    bool per_list;
};

static void lists_out(const void *row, struct price_row_out *o)
{
    const struct price_list *r = row;
    o->kind = "price_list";
    o->list = r->code;
    o->name = r->name;
    o->tier = r->tier;
    o->discount_bp = r->discount_bp;
}

static void cursor_key(struct export_cursor *c, const char *key)
{
    snprintf(c->key, sizeof c->key, "%s", key); /* a stored SKU or code: at most 64 bytes */
}

static int items_page(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e)
{
    const struct price_list_item *r = rows;
    int rc = price_list_item_store_page(db, c->list_id, c->key, rows, EXPORT_PAGE, n, e);
    if (rc == ERR_OK && *n > 0)
        cursor_key(c, r[*n - 1].sku);
    return rc;
}

static void items_out(const void *row, struct price_row_out *o)
{
    const struct price_list_item *r = row;
    o->kind = "item";
    o->list = r->price_list_code;
    o->sku = r->sku;
    o->price = r->price;
}

static int accounts_page(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e)
{
    const struct account_price_list *r = rows;
    int rc = account_price_list_store_page(db, c->key, rows, EXPORT_PAGE, n, e);
    if (rc == ERR_OK && *n > 0)
        cursor_key(c, r[*n - 1].account_code);
    return rc;
}

static void accounts_out(const void *row, struct price_row_out *o)
{
    const struct account_price_list *r = row;
    o->kind = "account";
    o->account = r->account_code;
    o->list = r->price_list_code;
}

static int contracts_page(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e)
{
    const struct contract_price *r = rows;
    int rc = contract_price_store_page(db, c->id, rows, EXPORT_PAGE, n, e);
    if (rc == ERR_OK && *n > 0)
        c->id = r[*n - 1].id;
    return rc;
}

static void contracts_out(const void *row, struct price_row_out *o)
{
    const struct contract_price *r = row;
    o->kind = "contract";
    o->account = r->account_code;
    o->sku = r->sku;
    o->price = r->price;
    o->from = r->valid_from;
    o->to = r->valid_to;
}

static int tiers_page(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e)
{
    const struct volume_tier *r = rows;
    int rc = volume_tier_store_page(db, c->id, rows, EXPORT_PAGE, n, e);
    if (rc == ERR_OK && *n > 0)
        c->id = r[*n - 1].id;
    return rc;
}

static void tiers_out(const void *row, struct price_row_out *o)
{
    const struct volume_tier *r = row;
    o->kind = "tier";
    o->list = r->price_list_code;
    o->sku = r->sku;
    o->min_qty = r->min_qty;
    o->price = r->price > 0 ? r->price : -1;
    o->discount_bp = r->discount_bp > 0 ? r->discount_bp : -1;
}

static int floors_page(struct db *db, struct export_cursor *c, void *rows, int *n, struct err *e)
{
    const struct price_floor *r = rows;
    int rc = price_floor_store_page(db, c->id, rows, EXPORT_PAGE, n, e);
    if (rc == ERR_OK && *n > 0)
        c->id = r[*n - 1].id;
    return rc;
}

static void floors_out(const void *row, struct price_row_out *o)
{
    const struct price_floor *r = row;
    o->kind = "floor";
    o->sku = r->sku;
    o->category = r->category;
    o->price = r->min_price > 0 ? r->min_price : -1;
    o->min_margin_bp = r->min_margin_bp;
}

/* In export order: lists first, the rows after them name them. */
static const struct price_export price_exports[] = {
    {sizeof(struct price_list), price_list_store_list, NULL, lists_out, false},
    {sizeof(struct price_list_item), NULL, items_page, items_out, true},
    {sizeof(struct account_price_list), NULL, accounts_page, accounts_out, false},
    {sizeof(struct contract_price), NULL, contracts_page, contracts_out, false},
    {sizeof(struct volume_tier), NULL, tiers_page, tiers_out, false},
    {sizeof(struct price_floor), NULL, floors_page, floors_out, false},
};

static void put_rows(struct csv_writer *w, const struct price_export *k, const char *rows, int n)
{
    for (int i = 0; i < n; i++) {
        struct price_row_out o = empty_row;
        k->out(rows + (size_t)i * k->size, &o);
        put_row(w, &o);
    }
}

/* Pages through one kind from the cursor on, putting each row. */
static int export_pages(struct app *app, struct csv_writer *w, const struct price_export *k,
                        struct export_cursor *c, char *rows, struct err *e)
{
    int n = 0, rc;
    do {
        if ((rc = k->page(app->db, c, rows, &n, e)) != ERR_OK)
            break;
        put_rows(w, k, rows, n);
    } while (n == EXPORT_PAGE);
    return rc;
}

/* Reads one kind's store whole or page by page (for each price list, in
 * code order, when the kind belongs to lists), and puts each row. */
static int export_kind(struct app *app, struct csv_writer *w, const struct price_export *k, struct err *e)
{
    struct rows lists = {0};
    int rc = ERR_OK;
    if (k->all != NULL || k->per_list) {
        rc = price_list_store_list(app->db, &lists, e);
        if (rc == ERR_OK && k->all != NULL)
            put_rows(w, k, lists.items, lists.n);
        if (rc != ERR_OK || k->all != NULL) {
            rows_free(&lists);
            return rc;
        }
    }
    char *rows = xcalloc(EXPORT_PAGE, k->size);
    const struct price_list *pl = lists.items;
    for (int i = 0; rc == ERR_OK && i < (k->per_list ? lists.n : 1); i++) {
        struct export_cursor c = {.list_id = k->per_list ? pl[i].id : 0};
        rc = export_pages(app, w, k, &c, rows, e);
    }
    free(rows);
    rows_free(&lists);
    return rc;
}

int csv_export_prices(struct app *app, FILE *out, struct err *e)
{
    struct csv_writer w;
    int rc = app_require(app, ACT_EXPORT, e);
    if (rc != ERR_OK)
        return rc;
    csv_writer_init(&w, out);
    for (int i = 0; i < C_COUNT; i++)
        csv_put_raw(&w, price_columns[i].name, strlen(price_columns[i].name));
    csv_end_row(&w);
    for (size_t i = 0; rc == ERR_OK && i < sizeof price_exports / sizeof price_exports[0]; i++)
        rc = export_kind(app, &w, &price_exports[i], e);
    struct err we = {0};
    if (csv_writer_finish(&w, "prices", &we) != ERR_OK && rc == ERR_OK)
        rc = err_set(e, we.code, NULL, "%s", we.msg);
    return rc;
}
