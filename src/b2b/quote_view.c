/* A quote as shown: its current revision's lines checked and totalled, the
 * approval rules it meets and the approvals it has; and the comparison of two
 * revisions. Reads only; the changes live in quote.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/account_store.h"
#include "db/approval_store.h"
#include "db/pricing_store.h"
#include "db/quote_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quote_private.h"
#include "src/b2b/quotes.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"

void quote_view_free(struct quote_view **v)
{
    if (v == NULL || *v == NULL)
        return;
    free((*v)->lines);
    free((*v)->approvals);
    free((*v)->issues);
    free(*v);
    *v = NULL;
}

int quote_view_load_lines(struct app *app, struct quote_view *v, struct err *e)
{
    struct rows rows = {0};
    int rc = quote_store_lines(app->db, v->revision.id, &rows, e);
    const struct quote_line *line = rows.items;
    free(v->lines);
    v->lines = xcalloc((size_t)(rows.n > 0 ? rows.n : 1), sizeof *v->lines);
    v->nlines = rc == ERR_OK ? rows.n : 0;
    for (int i = 0; i < v->nlines; i++)
        v->lines[i].line = line[i];
    rows_free(&rows);
    return rc;
}

/* The lines keep their stored prices; only the checks look at today's catalogue. */
static int check_lines(struct app *app, struct quote_view *v, struct err *e)
{
    struct pricing_inputs in;
    char today[11];
    int64_t *ids = xcalloc((size_t)(v->nlines > 0 ? v->nlines : 1), sizeof *ids);
    for (int i = 0; i < v->nlines; i++)
        ids[i] = v->lines[i].line.product_id;
    datetime_today(today);
    int rc = pricing_store_load(app->db, v->quote.account_id, ids, v->nlines, today, &in, e);
    free(ids);
    if (rc != ERR_OK)
        return rc;
    struct strbuf issues = {0};
    for (int i = 0; i < v->nlines; i++) {
        struct price_line *l = &v->lines[i];
        char text[400];
        pricing_check_line(&in, pricing_find_product(&in, l->line.product_id), l);
        pricing_describe_issues(l, text, sizeof text);
        if (text[0])
            strbuf_addf(&issues, "%s%s", issues.len ? "; " : "", text);
    }
    free(v->issues);
    v->issues = xstrdup(strbuf_text(&issues));
    strbuf_free(&issues);
    pricing_inputs_free(&in);
    return ERR_OK;
}

/* The approvals of v's revision that still count, into v (which owns them). */
static int load_approvals(struct app *app, struct quote_view *v, struct err *e)
{
    struct rows got = {0};
    int rc = approval_store_current(app->db, v->revision.id, &got, e);
    free(v->approvals);
    v->approvals = got.items; /* the view takes the rows over */
    v->napprovals = rc == ERR_OK ? got.n : 0;
    return rc;
}

int quote_view_evaluate(struct app *app, struct quote_view *v, struct err *e)
{
    struct rows rules = {0};
    int rc = pricing_total(v->lines, v->nlines, v->revision.order_discount, v->revision.order_discount_bp,
                           &v->priced, e);
    if (rc == ERR_OK)
        rc = approval_rule_store_active(app->db, &rules, e);
    if (rc == ERR_OK) {
        struct approval_terms terms = {.payment_terms_days = v->quote.payment_terms_days,
                                       .account_terms_days = v->account.payment_terms_days};
        approval_match(rules.items, rules.n, &v->priced, &terms, &v->approval);
        rc = load_approvals(app, v, e);
    }
    if (rc == ERR_OK)
        v->approved_enough = approval_count(&v->approval, v->approvals, v->napprovals, v->quote.owner_id);
    rows_free(&rules);
    return rc;
}

int quote_view_load_id(struct app *app, int64_t id, struct quote_view **out, struct err *e)
{
    struct quote_view *v = xcalloc(1, sizeof *v);
    int rc = quote_store_get(app->db, id, &v->quote, e);
    if (rc == ERR_OK)
        rc = account_store_get(app->db, v->quote.account_id, &v->account, e);
    if (rc == ERR_OK)
        rc = quote_store_revision(app->db, id, v->quote.revision, &v->revision, e);
    if (rc == ERR_OK)
        rc = quote_view_load_lines(app, v, e);
    if (rc == ERR_OK)
        rc = check_lines(app, v, e);
    if (rc == ERR_OK)
        rc = quote_view_evaluate(app, v, e);
    if (rc != ERR_OK) {
        quote_view_free(&v);
        return rc;
    }
    *out = v;
    return ERR_OK;
}

int quote_view_load(struct app *app, const char *number, struct quote_view **out, struct err *e)
{
    struct quote q;
    int rc = quote_store_find_number(app->db, number, &q, e);
    if (rc != ERR_OK)
        return rc;
    struct account a;
    if ((rc = account_store_get(app->db, q.account_id, &a, e)) != ERR_OK ||
        (rc = app_require_account(app, &a, false, e)) != ERR_OK)
        return rc;
    return quote_view_load_id(app, q.id, out, e);
}

void quote_terms_of(const struct quote_view *v, struct quote_terms *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->valid_until, sizeof out->valid_until, "%s", v->quote.valid_until);
    out->payment_terms_days = v->quote.payment_terms_days;
    snprintf(out->requested_date, sizeof out->requested_date, "%s", v->quote.requested_date);
    out->contact_id = v->quote.contact_id;
    out->order_discount = v->revision.order_discount;
    out->order_discount_bp = v->revision.order_discount_bp;
}

/* ----------------------------------------------------------------- diff */

static const struct price_line *find_line(const struct priced_quote *pq, int line_no)
{
    for (int i = 0; i < pq->nlines; i++)
        if (pq->lines[i].line.line_no == line_no)
            return &pq->lines[i];
    return NULL;
}

static void diff_add(struct quote_diff *d, const struct price_line *a, const struct price_line *b)
{
    struct quote_diff_line *out = &d->lines[d->nlines++];
    const struct price_line *any = b ? b : a;
    memset(out, 0, sizeof *out);
    out->line_no = any->line.line_no;
    snprintf(out->sku, sizeof out->sku, "%s", any->line.sku);
    if (a) {
        out->quantity_a = a->line.quantity;
        out->price_a = a->line.unit_price;
        out->net_a = a->net;
    }
    if (b) {
        out->quantity_b = b->line.quantity;
        out->price_b = b->line.unit_price;
        out->net_b = b->net;
    }
    if (a == NULL)
        out->kind = QUOTE_DIFF_ADDED;
    else if (b == NULL)
        out->kind = QUOTE_DIFF_REMOVED;
    else if (out->quantity_a != out->quantity_b || out->price_a != out->price_b || out->net_a != out->net_b)
        out->kind = QUOTE_DIFF_CHANGED;
    else
        out->kind = QUOTE_DIFF_SAME;
}

void quote_diff_compute(const struct priced_quote *a, const struct priced_quote *b, struct quote_diff *out)
{
    int cap = a->nlines + b->nlines;
    out->lines = xcalloc((size_t)(cap > 0 ? cap : 1), sizeof *out->lines);
    out->nlines = 0;
    for (int i = 0; i < b->nlines; i++)
        diff_add(out, find_line(a, b->lines[i].line.line_no), &b->lines[i]);
    for (int i = 0; i < a->nlines; i++)
        if (find_line(b, a->lines[i].line.line_no) == NULL)
            diff_add(out, &a->lines[i], NULL);
    out->total_a = a->subtotal;
    out->total_b = b->subtotal;
    out->total_delta = b->subtotal - a->subtotal;
    out->margin_a_bp = a->margin_bp;
    out->margin_b_bp = b->margin_bp;
    out->margin_delta_bp = b->margin_bp - a->margin_bp;
}

void quote_diff_free(struct quote_diff *d)
{
    if (d == NULL)
        return;
    free(d->lines);
    d->lines = NULL;
    d->nlines = 0;
}

/* A revision's lines at their stored prices, totalled with its own discount. */
static int load_revision(struct app *app, const struct quote *q, int number, struct quote_view *v,
                         struct err *e)
{
    memset(v, 0, sizeof *v);
    v->quote = *q;
    int rc = quote_store_revision(app->db, q->id, number, &v->revision, e);
    if (rc == ERR_OK)
        rc = quote_view_load_lines(app, v, e);
    if (rc == ERR_OK)
        rc = pricing_total(v->lines, v->nlines, v->revision.order_discount, v->revision.order_discount_bp,
                           &v->priced, e);
    return rc;
}

int quote_diff(struct app *app, const struct quote *q, int revision_a, int revision_b, struct quote_diff *out,
               struct err *e)
{
    struct quote_view *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
    struct account acc;
    memset(out, 0, sizeof *out);
    int rc = account_store_get(app->db, q->account_id, &acc, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &acc, false, e);
    if (rc == ERR_OK)
        rc = load_revision(app, q, revision_a, a, e);
    if (rc == ERR_OK)
        rc = load_revision(app, q, revision_b, b, e);
    if (rc == ERR_OK) {
        quote_diff_compute(&a->priced, &b->priced, out);
        out->revision_a = revision_a;
        out->revision_b = revision_b;
    }
    quote_view_free(&a);
    quote_view_free(&b);
    return rc;
}
