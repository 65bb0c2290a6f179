/* Importing orders as history: one CSV row per order line, consecutive rows
 * with the same number make one order, written whole or rejected whole.
 * What real exports hold and how it is taken:
 * - a negative quantity (a return, a cancelled invoice such as Online
 *   Retail's C536379) is an error on its line: an order line sells; keep
 *   returns aside with --rejects;
 * - a SKU that is not in the catalogue (POST, DOT, M, BANK CHARGES …) is kept
 *   as a line without a product; one warning counts them;
 * - the order's own columns come from its first line; a later line naming
 *   another channel, account or customer is an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/account_store.h"
#include "db/customer_store.h"
#include "db/order_place_store.h"
#include "db/order_store.h"
#include "db/product_store.h"
#include "src/accounts.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/csv/csv_private.h"
#include "src/customers.h"
#include "src/orders.h"
#include "src/products.h"

/* A row kept for the rejects file while its order is gathered. */
struct saved_row {
    struct csv_record rec;
    char *reason; /* NULL when the row itself is fine */
};

struct order_group {
    struct order o;
    bool has_head; /* the first row was readable: o holds the order */
    bool bad;
    int64_t first_line;
    char head_party[3][256]; /* channel, account_code, customer_email as the first row gave them */
    char bad_reason[160];
    struct order_line *lines;
    int nlines, lines_cap;
    struct saved_row *rows;
    int nrows, rows_cap;
    int64_t row_count;
};

static const char *const party_columns[3] = {"channel", "account_code", "customer_email"};

static const char *field_value(struct import_run *r, const char *name)
{
    return import_value(r, csv_kind_field(r->spec, name));
}

/* ---------------------------------------------------- the order's head */

static void order_parse_dates(struct import_run *r, struct order *o)
{
    const char *v = field_value(r, "placed_at");
    if (v && v[0] == '\0')
        import_error(r, "placed_at", "must not be empty", v);
    else if (v && csv_parse_datetime(v, o->placed_at) != 0)
        import_error(r, "placed_at", "not a date and time (YYYY-MM-DD HH:MM:SS, read as UTC)", v);
    static const char *const dates[] = {"requested_date", "promised_date"};
    char *targets[] = {o->requested_date, o->promised_date};
    for (int i = 0; i < 2; i++) {
        v = field_value(r, dates[i]);
        if (v && v[0] && csv_parse_date(v, targets[i]) != 0)
            import_error(r, dates[i], "not a date (YYYY-MM-DD)", v);
    }
    v = field_value(r, "status");
    if (v && v[0] && order_status_parse(v, &o->status) != ERR_OK)
        import_error(r, "status", "not a status (placed, allocated, shipped, delivered, closed, cancelled)",
                     v);
}

/* Who the order is for: an account (b2b) or a customer, or nobody (a cash sale). */
static int order_parse_party(struct import_run *r, struct order *o)
{
    const char *channel = field_value(r, "channel"), *code = field_value(r, "account_code"),
               *email = field_value(r, "customer_email");
    struct err fe = {0};
    int rc = ERR_OK;
    if (code && code[0] && email && email[0])
        import_error(r, "customer_email", "an order is for an account or a customer, not both", email);
    if (code && code[0]) {
        struct account a;
        rc = account_store_find_code(r->app->db, code, &a, &fe);
        if (rc == ERR_OK)
            o->account_id = a.id;
        else if (rc == ERR_NOTFOUND)
            import_error(r, "account_code", "no account with this code", code);
    } else if (email && email[0]) {
        struct customer c;
        rc = customer_store_find_email(r->app->db, email, &c, &fe);
        if (rc == ERR_OK)
            o->customer_id = c.id;
        else if (rc == ERR_NOTFOUND)
            import_error(r, "customer_email", "no customer with this e-mail", email);
    }
    if (rc != ERR_OK && rc != ERR_NOTFOUND)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    o->channel = (code && code[0]) ? CHANNEL_B2B : CHANNEL_B2C;
    if (channel && channel[0] && channel_parse(channel, &o->channel) != ERR_OK)
        import_error(r, "channel", "not a channel (b2b or b2c)", channel);
    else if (o->channel == CHANNEL_B2B && !(code && code[0]))
        import_error(r, "account_code", "a b2b order needs an account", code ? code : "");
    return ERR_OK;
}

static int order_parse_head(struct import_run *r, struct order_group *g)
{
    struct err fe = {0};
    const char *number = field_value(r, "number");
    if (number == NULL || number[0] == '\0') /* import_fields says it is empty */
        return ERR_OK;
    int rc = order_store_find_number(r->app->db, number, &g->o, &fe);
    if (rc == ERR_OK)
        import_error(r, "number",
                     r->opt->update ? "already exists (orders are history: an import never changes one)"
                                    : "already exists",
                     number);
    else if (rc != ERR_NOTFOUND)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    csv_order_defaults(&g->o);
    order_parse_dates(r, &g->o);
    return order_parse_party(r, &g->o);
}

/* A later line of the same order must name the same party as its first. */
static void order_check_same_party(struct import_run *r, struct order_group *g)
{
    for (int i = 0; i < 3; i++) {
        const char *v = field_value(r, party_columns[i]);
        if (v && strcmp(v, g->head_party[i]) != 0) {
            char reason[128];
            snprintf(reason, sizeof reason, "differs from line %lld, the first line of order %s",
                     (long long)g->first_line, g->o.number);
            import_error(r, party_columns[i], reason, v);
        }
    }
}

/* ------------------------------------------------------------ the line */

static void order_line_note_unknown_sku(struct import_run *r, const char *sku)
{
    r->unknown_skus++;
    for (int i = 0; i < r->unknown_shown; i++)
        if (strcmp(r->unknown_sample[i], sku) == 0)
            return;
    if (r->unknown_shown < CSV_UNKNOWN_SHOWN)
        snprintf(r->unknown_sample[r->unknown_shown++], sizeof r->unknown_sample[0], "%s", sku);
    else
        r->unknown_more = true;
}

/* The product behind the SKU (if any) and the line's tax rate: the tax_rate
 * column, else the tax_class column, else the product's class, else none. */
static int order_line_product_and_tax(struct import_run *r, struct order_line *l)
{
    struct product p;
    struct err fe = {0};
    int rc = product_store_find_sku(r->app->db, l->sku, &p, &fe);
    if (rc != ERR_OK && rc != ERR_NOTFOUND)
        return err_set(r->e, rc, NULL, "%s", fe.msg);
    l->product_id = rc == ERR_OK ? p.id : 0;
    if (rc == ERR_NOTFOUND)
        order_line_note_unknown_sku(r, l->sku);
    const char *rate = field_value(r, "tax_rate"), *cls = field_value(r, "tax_class");
    int64_t bp;
    bool found = false;
    int rate_bp = 0;
    if (rate && rate[0]) {
        char reason[400];
        if (!csv_parse_amount(rate, r->opt->decimal, true, &bp, reason, sizeof reason))
            import_error(r, "tax_rate", reason, rate);
        else if (bp < 0 || bp > 10000)
            import_error(r, "tax_rate", "not a tax rate in percent (0 to 100, e.g. 20 or 5.5)", rate);
        else
            l->tax_rate_bp = (int)bp;
        return ERR_OK;
    }
    const char *code = (cls && cls[0]) ? cls : (l->product_id ? p.tax_class : NULL);
    if (code == NULL)
        return ERR_OK;
    if ((rc = import_tax_rate(r, code, &rate_bp, &found)) != ERR_OK)
        return rc;
    if (!found)
        import_error(r, "tax_class", "no such tax class (standard, reduced, zero, …)", code);
    l->tax_rate_bp = rate_bp;
    return ERR_OK;
}

static int order_parse_line(struct import_run *r, struct order_line *l)
{
    const char *qty = field_value(r, "quantity");
    int64_t q;
    if (qty && csv_parse_int64(qty, &q) && q < 0)
        import_error(r, "quantity",
                     "negative: a return or a cancellation, not a sale (keep those aside with --rejects)",
                     qty);
    else if (qty && csv_parse_int64(qty, &q) && q == 0)
        import_error(r, "quantity", "must be at least 1", qty);
    if (r->row_bad)
        return ERR_OK;
    l->line_no = r->group ? r->group->nlines + 1 : 1; /* its number in its order */
    int rc = order_line_product_and_tax(r, l);
    struct err fe = {0};
    if (rc == ERR_OK && !r->row_bad && order_line_compute(l, &fe) != ERR_OK)
        import_core_error(r, &fe, "unit_price");
    return rc;
}

/* ----------------------------------------------------------- the group */

static struct order_group *group_start(struct import_run *r)
{
    struct order_group *g = xcalloc(1, sizeof *g);
    g->first_line = r->rec->line;
    for (int i = 0; i < 3; i++) {
        const char *v = field_value(r, party_columns[i]);
        snprintf(g->head_party[i], sizeof g->head_party[i], "%s", v ? v : "");
    }
    r->group = g;
    return g;
}

static void group_free(struct order_group **gp)
{
    struct order_group *g = *gp;
    if (g == NULL)
        return;
    for (int i = 0; i < g->nrows; i++) {
        for (int f = 0; f < g->rows[i].rec.nfields; f++)
            free(g->rows[i].rec.fields[f]);
        free(g->rows[i].rec.fields);
        free(g->rows[i].rec.lens);
        free(g->rows[i].reason);
    }
    free(g->rows);
    free(g->lines);
    free(g);
    *gp = NULL;
}

/* Keeps a copy of the row, only when a rejects file may need it. */
static void group_save_row(struct import_run *r, struct order_group *g)
{
    g->row_count++;
    if (r->rejects == NULL)
        return;
    if (g->nrows == g->rows_cap) {
        g->rows_cap = g->rows_cap ? g->rows_cap * 2 : 8;
        g->rows = xrealloc(g->rows, sizeof *g->rows * (size_t)g->rows_cap);
    }
    struct saved_row *s = &g->rows[g->nrows++];
    const struct csv_record *rec = r->rec;
    s->rec = *rec;
    s->rec.fields = xcalloc((size_t)rec->nfields + 1, sizeof *s->rec.fields);
    s->rec.lens = xcalloc((size_t)rec->nfields + 1, sizeof *s->rec.lens);
    for (int f = 0; f < rec->nfields; f++) {
        s->rec.fields[f] = xmalloc(rec->lens[f] + 1);
        memcpy(s->rec.fields[f], rec->fields[f], rec->lens[f] + 1);
        s->rec.lens[f] = rec->lens[f];
    }
    s->reason = r->row_bad ? xstrdup(strbuf_text(&r->reason)) : NULL;
}

static void group_add_line(struct order_group *g, const struct order_line *l)
{
    if (g->nlines == g->lines_cap) {
        g->lines_cap = g->lines_cap ? g->lines_cap * 2 : 16;
        g->lines = xrealloc(g->lines, sizeof *g->lines * (size_t)g->lines_cap);
    }
    g->lines[g->nlines] = *l;
    g->lines[g->nlines].line_no = g->nlines + 1;
    g->nlines++;
}

static void group_mark_bad(struct import_run *r, struct order_group *g)
{
    if (g->bad)
        return;
    g->bad = true;
    const char *number = field_value(r, "number");
    snprintf(g->bad_reason, sizeof g->bad_reason, "order %.40s has a bad line (line %lld)",
             number ? number : "?", (long long)r->rec->line);
}

int import_order_row(struct import_run *r)
{
    bool shape_bad = r->row_bad;
    const char *number = field_value(r, "number");
    number = number ? number : "";
    int rc = ERR_OK;
    if (r->group && strcmp(r->group->o.number, number) != 0 && (rc = import_order_flush(r)) != ERR_OK)
        return rc;
    struct order_group *g = r->group;
    struct order scratch, *o = &scratch;
    if (g == NULL) {
        g = group_start(r);
        snprintf(g->o.number, sizeof g->o.number, "%s", number);
        if (!shape_bad && (rc = order_parse_head(r, g)) == ERR_OK) {
            g->has_head = true;
            o = &g->o;
        }
    } else if (!shape_bad && g->has_head) {
        order_check_same_party(r, g);
    }
    struct order_line line = {0};
    if (!shape_bad && rc == ERR_OK) {
        if (o == &scratch) {
            csv_order_defaults(o);
            order_parse_dates(r, o); /* checked on every line, taken from the first */
        }
        import_fields(r, o, &line);
        snprintf(g->o.number, sizeof g->o.number, "%s", number);
        rc = order_parse_line(r, &line);
    }
    if (rc != ERR_OK)
        return rc;
    if (r->row_bad)
        group_mark_bad(r, g);
    else
        group_add_line(g, &line);
    group_save_row(r, g);
    return ERR_OK;
}

static void group_reject(struct import_run *r, struct order_group *g)
{
    r->rep->rows_rejected += g->row_count;
    for (int i = 0; i < g->nrows; i++)
        import_reject_record(r, &g->rows[i].rec, g->rows[i].reason ? g->rows[i].reason : g->bad_reason);
}

int import_order_flush(struct import_run *r)
{
    struct order_group *g = r->group;
    if (g == NULL)
        return ERR_OK;
    struct err fe = {0};
    int rc = ERR_OK;
    if (!g->bad && order_totals_compute(&g->o, g->lines, g->nlines, &fe) != ERR_OK) {
        csv_errors_add(&r->errs, g->first_line, "number", fe.msg, g->o.number);
        snprintf(g->bad_reason, sizeof g->bad_reason, "line %lld: %.120s", (long long)g->first_line,
                 r->errs.last);
        g->bad = true;
    }
    if (g->bad) {
        group_reject(r, g);
    } else {
        rc = order_store_insert(r->app->db, &g->o, g->lines, g->nlines, r->app->user.id, r->e);
        if (rc == ERR_OK)
            r->rep->rows_written += g->row_count;
        if (rc == ERR_OK && r->first_order_id == 0)
            r->first_order_id = g->o.id;
    }
    group_free(&r->group);
    return rc;
}

int import_order_settle(struct import_run *r)
{
    /* Their units follow their status (allocated ones hold stock), a
     * payment for what they cost unless cancelled, their promise. */
    return r->first_order_id > 0 ? order_store_settle_history(r->app->db, r->first_order_id, "import", r->e)
                                 : ERR_OK;
}

void import_order_free(struct import_run *r)
{
    group_free(&r->group);
}

void import_order_taint(struct import_run *r, const char *reason)
{
    if (r->group == NULL || r->group->bad)
        return;
    r->group->bad = true;
    snprintf(r->group->bad_reason, sizeof r->group->bad_reason, "%.150s", reason);
}
