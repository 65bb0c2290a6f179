/* The B2C reports for managers (issue 15): promotions, loyalty and returns,
 * in the shape of report.h, over the summary tables of 0019; and the orders
 * behind a row that the support search cannot say (a promotion's, a
 * product's or reason's returns, the deliveries of an on-time month).
 * Everything comes from what was stored when it happened: the promotion
 * uses and their shares, the points ledger, return lines as opened, refunds
 * as paid — nothing is priced again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/order_store.h"
#include "db/report_b2c_store.h"
#include "src/app.h"
#include "src/b2c/loyalty.h"
#include "src/b2c/loyalty_private.h"
#include "src/b2c/report.h"
#include "src/b2c/report_private.h"
#include "src/b2c/returns.h"
#include "src/base/mem.h"
#include "src/base/names.h"
#include "src/orders.h"
#include "src/users.h"

void month_days_of(const char *month, char first[11], char last[11])
{
    snprintf(first, 11, "%.7s-01", month);
    month_edge(first, 0, true, last);
}

void month_days_in(const struct report_window *w, const char *month, char first[11], char last[11])
{
    month_days_of(month, first, last);
    if (strcmp(first, w->from) < 0)
        snprintf(first, 11, "%s", w->from);
    if (strcmp(last, w->to) > 0)
        snprintf(last, 11, "%s", w->to);
}

void link_order_set(struct report_row *row, const struct report_window *w, enum report_order_set set,
                    int64_t ref_id, const char *text, const char *from, const char *to)
{
    row->link.kind = REPORT_LINK_ORDER_SET;
    row->link.set = set;
    row->link.ref_id = ref_id;
    snprintf(row->link.text, sizeof row->link.text, "%s", text);
    snprintf(row->link.from, sizeof row->link.from, "%s", from);
    snprintf(row->link.to, sizeof row->link.to, "%s", to);
    row->link.rep_id = w->rep_id;
    row->link.account_id = w->account_id;
}

void link_none(struct report_row *row, const char *why)
{
    row->link.kind = REPORT_LINK_NONE;
    snprintf(row->link.text, sizeof row->link.text, "%s", why);
}

static int read_b2c(struct app *app, enum report_b2c_read k, const struct report_window *w, struct rows *raw,
                    struct err *e)
{
    return report_b2c_store_read(app->db, k, w, raw, e);
}

/* These reports sum promotion uses, points and returns, not accounts. */
static int no_account(const struct report_window *w, const char *report, struct err *e)
{
    return w->account_id == 0 ? ERR_OK
                              : err_set(e, ERR_INVALID, "account",
                                        "the %s report is not by account: leave --account out", report);
}

/* ------------------------------------------------------------ promotions */

int report_promotions(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                      struct err *e)
{
    static const struct report_column cols[] = {{"PROMOTION", RCOL_TEXT}, {"CODE", RCOL_TEXT},
                                                {"USES", RCOL_COUNT},     {"DISCOUNT", RCOL_MONEY},
                                                {"REVENUE", RCOL_MONEY},  {"BUDGET LEFT", RCOL_MONEY}};
    int rc = no_account(w, "promotions", e);
    if (rc == ERR_OK)
        rc = read_b2c(app, RQB_PROMOTIONS, w, raw, e);
    struct report_section *s = section_new(out,
                                           "Per promotion, largest discount first (discount incl. tax for "
                                           "consumers; revenue: its orders' goods excl. tax; budget left: "
                                           "today's)",
                                           cols, 6, 3);
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        row->cells[2].value = r[i].num[0];
        row->cells[3].value = r[i].num[1];
        row->cells[4].value = r[i].num[2];
        row->cells[5].value = r[i].num[3] < 0 ? 0 : r[i].num[3];
        row->cells[5].empty = r[i].num[3] < 0; /* no budget */
        if (r[i].num[0] > 0)
            link_order_set(row, w, RSET_PROMOTION, r[i].id, "", w->from, w->to);
        else
            link_none(row, "No order used this promotion in the range.");
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 4) : 0;
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    if (rc == ERR_OK && raw->n > 0)
        for (int c = 0; c < 3; c++)
            t->cells[2 + c].value = r[0].num[5 + c];
    t->cells[5].empty = true;
    link_none(t, "The total opens nothing: each promotion's row opens its orders.");
    return rc;
}

/* --------------------------------------------------------------- loyalty */

static const char loyalty_why[] =
    "Points open nothing here: they are a customer's (comptoir loyalty show EMAIL, or Customers).";

static void balance_row(struct report_section *s, const char *label, int64_t points,
                        const struct loyalty_settings *ls, bool total)
{
    struct report_row *row = row_add(s);
    row->total = total;
    cell_text(row, 0, label);
    row->cells[1].value = points;
    int64_t step = loyalty_points_step(ls);
    row->cells[2].value = points > 0 ? loyalty_points_worth(ls, points - points % step) : 0;
    link_none(row, loyalty_why);
}

/* The ledger's balance on the last day, and what it is worth: the points
 * past their day that day are not outstanding, written down or not. */
static int loyalty_balance(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                           struct err *e)
{
    static const struct report_column cols[] = {
        {"POINTS", RCOL_TEXT}, {"OUTSTANDING", RCOL_COUNT}, {"WORTH", RCOL_MONEY}};
    int64_t expired = 0;
    int rc = read_b2c(app, RQB_LOYALTY_BALANCE, w, raw, e);
    if (rc == ERR_OK)
        rc = loyalty_expired_unrecorded(app, w->to, &expired, e);
    char title[121];
    snprintf(title, sizeof title, "Points outstanding on %s, and what they pay at the counter", w->to);
    struct report_section *s = section_new(out, title, cols, 3, -1);
    if (rc != ERR_OK || raw->n == 0)
        return rc;
    const struct report_raw *r = raw->items;
    struct loyalty_settings ls;
    loyalty_settings_read(app, &ls);
    balance_row(s, "available", r[0].num[0] - expired, &ls, false);
    balance_row(s, "pending (orders not delivered)", r[0].num[1], &ls, false);
    balance_row(s, "Total", r[0].num[0] - expired + r[0].num[1], &ls, true);
    return rc;
}

/* earned net of what was taken back, redeemed net of what was given back,
 * expired, adjusted (and opening balances), the balance's change. */
static void points_cells(struct report_row *row, const int64_t *n)
{
    row->cells[1].value = n[0] + n[1];
    row->cells[2].value = -(n[2] + n[3]);
    row->cells[3].value = -n[4];
    row->cells[4].value = n[5];
    row->cells[5].value = n[6] + n[7];
}

int report_loyalty(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                   struct err *e)
{
    static const struct report_column cols[] = {{"MONTH", RCOL_TEXT},     {"EARNED", RCOL_COUNT},
                                                {"REDEEMED", RCOL_COUNT}, {"EXPIRED", RCOL_COUNT},
                                                {"ADJUSTED", RCOL_COUNT}, {"NET CHANGE", RCOL_COUNT}};
    int rc = no_account(w, "loyalty", e);
    if (rc == ERR_OK && w->rep_id == 0) /* the balance is every customer's, not a rep's */
        rc = loyalty_balance(app, w, out, raw, e);
    if (rc == ERR_OK)
        rc = read_b2c(app, RQB_LOYALTY_MONTHS, w, raw, e);
    struct report_section *s =
        section_new(out,
                    w->rep_id ? "Points on the rep's orders by month (net of what came back)"
                              : "Points by month (earned and redeemed net of what came back)",
                    cols, 6, 1);
    int64_t total[8] = {0};
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        points_cells(row, r[i].num);
        for (int c = 0; c < 8; c++)
            total[c] += r[i].num[c];
        link_none(row, "A month of points opens nothing: the ledger is kept per customer "
                       "(comptoir loyalty show EMAIL).");
    }
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    points_cells(t, total);
    link_none(t, loyalty_why);
    return rc;
}

/* --------------------------------------------------------------- returns */

static int return_products(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                           const char *first, const char *last, struct err *e)
{
    static const struct report_column cols[] = {{"SKU", RCOL_TEXT},   {"NAME", RCOL_TEXT},
                                                {"SOLD", RCOL_COUNT}, {"RETURNED", RCOL_COUNT},
                                                {"RATE", RCOL_RATE},  {"REFUND", RCOL_MONEY}};
    int rc = read_b2c(app, RQB_RETURN_PRODUCTS, w, raw, e);
    struct report_section *s = section_new(
        out, "Return rate by product (units returned / sold), the most returned first", cols, 6, 4);
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        row->cells[2].value = r[i].num[3];
        row->cells[3].value = r[i].num[0];
        cell_rate(row, 4, r[i].num[0], r[i].num[3]);
        row->cells[5].value = r[i].num[1];
        link_order_set(row, w, RSET_RETURNS, r[i].id, "", first, last);
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 2) : 0;
    return rc;
}

static void reason_cells(struct report_row *row, int64_t units, int64_t all_units, int64_t sold,
                         int64_t refund)
{
    row->cells[1].value = units;
    cell_rate(row, 2, units, all_units);
    cell_rate(row, 3, units, sold);
    row->cells[4].value = refund;
}

static int return_reasons(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                          int64_t sold, const char *first, const char *last, struct err *e)
{
    static const struct report_column cols[] = {{"REASON", RCOL_TEXT},
                                                {"RETURNED", RCOL_COUNT},
                                                {"SHARE", RCOL_RATE},
                                                {"RATE", RCOL_RATE},
                                                {"REFUND", RCOL_MONEY}};
    int rc = read_b2c(app, RQB_RETURN_REASONS, w, raw, e);
    struct report_section *s = section_new(
        out, "By reason (share of the units returned; rate: returned / every unit sold)", cols, 5, 1);
    const struct report_raw *r = raw->items;
    int64_t units = 0, refund = 0;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++)
        units += r[i].num[0], refund += r[i].num[1];
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        int reason = name_index(return_reason_names, RETURN_REASON_COUNT, r[i].text[0], false);
        cell_text(row, 0, reason >= 0 ? return_reason_label((enum return_reason)reason) : r[i].text[0]);
        reason_cells(row, r[i].num[0], units, sold, r[i].num[1]);
        link_order_set(row, w, RSET_RETURNS, 0, r[i].text[0], first, last);
    }
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    reason_cells(t, units, units, sold, refund);
    link_order_set(t, w, RSET_RETURNS, 0, "", first, last);
    return rc;
}

/* A month's figures: units sold, returned, returns opened, refunds paid, refunded. */
struct return_month {
    int64_t sold, returned, returns, refunds, refunded;
};

static void month_cells(struct report_row *row, const struct return_month *m)
{
    row->cells[1].value = m->sold;
    row->cells[2].value = m->returned;
    cell_rate(row, 3, m->returned, m->sold);
    row->cells[4].value = m->returns;
    row->cells[5].value = m->refunds;
    row->cells[6].value = m->refunded;
}

/* The number at index of the row of lists' month (0 when it has none). */
static int64_t month_figure(const struct rows *list, const char *month, int index)
{
    const struct report_raw *r = list->items;
    for (int i = 0; i < list->n; i++)
        if (strcmp(r[i].text[0], month) == 0)
            return r[i].num[index];
    return 0;
}

static void return_months(struct report_section *s, const struct report_window *w, const struct rows *sold,
                          const struct rows *returned, const struct rows *refunds)
{
    struct return_month total = {0};
    char day[11], next[11], last[11];
    snprintf(day, sizeof day, "%s-01", w->from_month);
    for (; strncmp(day, w->to_month, 7) <= 0; snprintf(day, sizeof day, "%s", next)) {
        char month[8];
        snprintf(month, sizeof month, "%.7s", day);
        month_edge(day, 1, false, next);
        struct return_month m = {month_figure(sold, month, 0), month_figure(returned, month, 0),
                                 month_figure(refunds, month, 0), month_figure(refunds, month, 1),
                                 month_figure(refunds, month, 2)};
        if ((m.sold | m.returned | m.returns | m.refunds | m.refunded) == 0)
            continue;
        struct report_row *row = row_add(s);
        cell_text(row, 0, month);
        month_cells(row, &m);
        char first[11];
        month_days_in(w, month, first, last);
        if (m.returns > 0 || m.returned > 0)
            link_order_set(row, w, RSET_RETURNS, 0, "", first, last);
        else
            link_none(row, "No return was requested this month.");
        total.sold += m.sold, total.returned += m.returned, total.returns += m.returns;
        total.refunds += m.refunds, total.refunded += m.refunded;
    }
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    month_cells(t, &total);
    link_order_set(t, w, RSET_RETURNS, 0, "", w->from, w->to);
}

int report_returns(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                   struct err *e)
{
    static const struct report_column cols[] = {
        {"MONTH", RCOL_TEXT},    {"SOLD", RCOL_COUNT},    {"RETURNED", RCOL_COUNT}, {"RATE", RCOL_RATE},
        {"RETURNS", RCOL_COUNT}, {"REFUNDS", RCOL_COUNT}, {"REFUNDED", RCOL_MONEY}};
    const char *first = w->from, *last = w->to;
    struct rows sold = {0}, returned = {0}, refunds = {0};
    int rc = no_account(w, "returns", e);
    if (rc == ERR_OK)
        rc = read_b2c(app, RQB_SOLD_MONTHS, w, &sold, e);
    int64_t sold_units = 0;
    for (int i = 0; rc == ERR_OK && i < sold.n; i++)
        sold_units += ((const struct report_raw *)sold.items)[i].num[0];
    if (rc == ERR_OK)
        rc = return_products(app, w, out, raw, first, last, e);
    if (rc == ERR_OK)
        rc = return_reasons(app, w, out, raw, sold_units, first, last, e);
    if (rc == ERR_OK)
        rc = read_b2c(app, RQB_RETURN_MONTHS, w, &returned, e);
    if (rc == ERR_OK)
        rc = read_b2c(app, RQB_REFUND_MONTHS, w, &refunds, e);
    if (rc == ERR_OK) {
        struct report_section *s = section_new(
            out, "By month (returns by the month requested, refunds by the month paid)", cols, 7, 6);
        return_months(s, w, &sold, &returned, &refunds);
    }
    rows_free(&sold);
    rows_free(&returned);
    rows_free(&refunds);
    return rc;
}

/* ------------------------------------------------- the orders behind a row */

int report_link_orders(struct app *app, const struct report_link *l, const struct page_req *q,
                       struct order *rows, int *count, struct err *e)
{
    *count = 0;
    struct report_query rq = {.rep_id = l->rep_id, .account_id = l->account_id};
    struct report_window w = {0};
    char scope[121];
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    if (rc == ERR_OK)
        rc = window_rights(app, &rq, &w, scope, sizeof scope, e);
    if (rc != ERR_OK || q->before) /* forward pages only */
        return rc;
    if (l->kind != REPORT_LINK_ORDER_SET)
        return err_set(e, ERR_INVALID, "link", "this row has no orders of its own");
    snprintf(w.from, sizeof w.from, "%s", l->from);
    snprintf(w.to, sizeof w.to, "%s", l->to);
    w.account_id = l->account_id;
    static const enum report_order_ids sets[] = {
        [RSET_DELIVERED] = ROI_DELIVERED, [RSET_PROMOTION] = ROI_PROMOTION, [RSET_RETURNS] = ROI_RETURNS};
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50, n = 0;
    int64_t *ids = xcalloc((size_t)want, sizeof *ids);
    rc = report_b2c_store_order_ids(app->db, sets[l->set], &w, l->ref_id, l->text,
                                    q->has_cursor ? q->cursor.id : 0, ids, want, &n, e);
    for (int i = 0; rc == ERR_OK && i < n; i++)
        rc = order_store_get(app->db, ids[i], &rows[i], e);
    *count = rc == ERR_OK ? n : 0;
    free(ids);
    return rc;
}

void report_link_order_cursor(const struct order *o, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    c->id = o->id;
}
