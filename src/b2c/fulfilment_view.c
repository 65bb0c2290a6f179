/* What fulfilment shows (see fulfilment.h): the warehouse's lists, the
 * on-time rate, an account's packing instructions, an order's timeline
 * newest first and what its promise says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/fulfilment_store.h"
#include "db/order_store.h"
#include "db/stock_store.h"
#include "src/accounts.h"
#include "src/app.h"
#include "src/audit.h"
#include "src/b2c/fulfilment.h"
#include "src/b2c/fulfilment_private.h"
#include "src/b2c/order_place.h"
#include "src/base/datetime.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/orders.h"
#include "src/users.h"
#include "src/validate.h"

/* ---------------------------------------------------------------- dates */

static bool date_noon(const char *date, time_t *out)
{
    struct tm tm = {0};
    if (!datetime_is_date(date) || sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    *out = timegm(&tm);
    return true;
}

int date_days_between(const char *a, const char *b)
{
    time_t ta, tb;
    if (!date_noon(a, &ta) || !date_noon(b, &tb))
        return 0;
    return (int)((tb - ta) / 86400);
}

void order_promise_note(const struct order *o, const char *today, char *out, size_t len)
{
    out[0] = '\0';
    bool open = (order_open_statuses() & ORDER_STATUS_BIT(o->status)) != 0;
    if (o->promised_date[0] == '\0')
        return;
    int slipped = o->first_promised_date[0] ? date_days_between(o->first_promised_date, o->promised_date) : 0;
    int late = open ? date_days_between(o->promised_date, today) : 0;
    if (late > 0 && slipped > 0)
        snprintf(out, len, "%d day%s past its promise, which slipped %d day%s from %s", late,
                 late == 1 ? "" : "s", slipped, slipped == 1 ? "" : "s", o->first_promised_date);
    else if (late > 0)
        snprintf(out, len, "%d day%s past its promise", late, late == 1 ? "" : "s");
    else if (slipped > 0)
        snprintf(out, len, "slipped %d day%s from the first promise, %s", slipped, slipped == 1 ? "" : "s",
                 o->first_promised_date);
}

/* ---------------------------------------------------------------- lists */

/* True when hay holds needle, ASCII letters compared without case. */
static bool holds_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return n == 0;
}

/* What the list's filter line keeps: an order number, a party's name or
 * code, a shipping method that holds the text (ASCII case ignored). */
static bool row_matches(const struct order *o, const char *filter)
{
    if (filter == NULL || filter[0] == '\0')
        return true;
    const char *fields[] = {o->number, o->party_name, o->party_code, o->shipping_method};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (holds_nocase(fields[i], filter))
            return true;
    return false;
}

/* Reads each row's order (the store gave its id) and keeps those the user
 * may see and the filter keeps; the late days count from today. */
static int rows_fill(struct app *app, const char *filter, struct fulfilment_row *rows, int *count,
                     struct err *e)
{
    char today[11], now_hm[6];
    fulfil_clock(today, now_hm);
    int kept = 0;
    for (int i = 0; i < *count; i++) {
        struct fulfilment_row r = rows[i];
        struct err why = {0};
        int rc = order_get(app, r.order.number, &r.order, &why);
        if (rc == ERR_DENIED)
            continue; /* not theirs */
        if (rc != ERR_OK) {
            if (e)
                *e = why;
            return rc;
        }
        if (!row_matches(&r.order, filter))
            continue;
        int late = r.order.promised_date[0] ? date_days_between(r.order.promised_date, today) : 0;
        r.late_days = late > 0 ? late : 0;
        rows[kept++] = r;
    }
    *count = kept;
    return ERR_OK;
}

/* A page of a list; rows a rep may not see are skipped and the page read on. */
static int list_page(struct app *app, enum fulfilment_list list, const struct page_req *q,
                     struct fulfilment_row *rows, int *count, struct err *e)
{
    char today[11], now_hm[6];
    fulfil_clock(today, now_hm);
    int want = q->limit > 0 && q->limit <= 500 ? q->limit : 50;
    struct page_req next = *q;
    struct fulfilment_row *batch = xcalloc((size_t)want, sizeof *batch);
    int rc = ERR_OK;
    *count = 0;
    for (;;) {
        int n = 0, got = 0;
        next.limit = want;
        if ((rc = fulfilment_store_page(app->db, list, today, &next, batch, &n, e)) != ERR_OK)
            break;
        got = n;
        if ((rc = rows_fill(app, q->filter, batch, &n, e)) != ERR_OK)
            break;
        for (int i = 0; i < n && *count < want; i++)
            rows[(*count)++] = batch[i];
        if (got < want || *count >= want)
            break;
        struct fulfilment_row last;
        if ((rc = order_store_get(app->db, batch[got - 1].order.id, &last.order, e)) != ERR_OK)
            break;
        next.has_cursor = true;
        fulfilment_store_cursor(list, &last, &next.cursor);
    }
    free(batch);
    return rc;
}

int fulfilment_to_ship(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                       struct err *e)
{
    *count = 0;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : list_page(app, FULFIL_TO_SHIP, q, rows, count, e);
}

int fulfilment_late(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                    struct err *e)
{
    *count = 0;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : list_page(app, FULFIL_LATE, q, rows, count, e);
}

int fulfilment_slipping(struct app *app, const struct page_req *q, struct fulfilment_row *rows, int *count,
                        struct err *e)
{
    *count = 0;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    struct page_req mine = *q;
    mine.owner_id = app->user.role == ROLE_REP ? app->user.id : 0;
    return rc != ERR_OK ? rc : list_page(app, FULFIL_SLIPPING, &mine, rows, count, e);
}

int fulfilment_slipping_count(struct app *app, int64_t *count, struct err *e)
{
    char today[11], now_hm[6];
    fulfil_clock(today, now_hm);
    *count = 0;
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    int64_t rep = app->user.role == ROLE_REP ? app->user.id : 0;
    return rc != ERR_OK ? rc : fulfilment_store_count_slipping(app->db, today, rep, count, e);
}

int fulfilment_open_orders(struct app *app, int64_t account_id, const struct page_req *q,
                           struct fulfilment_row *rows, int *count, struct err *e)
{
    *count = 0;
    struct account a;
    int rc = account_get(app, account_id, &a, e); /* a rep: only their own */
    struct page_req one = *q;
    one.owner_id = account_id;
    return rc != ERR_OK ? rc : list_page(app, FULFIL_OPEN, &one, rows, count, e);
}

void fulfilment_cursor(const struct fulfilment_row *r, bool to_ship, struct page_cursor *c)
{
    fulfilment_store_cursor(to_ship ? FULFIL_TO_SHIP : FULFIL_LATE, r, c);
}

int fulfilment_backorders(struct app *app, const struct page_req *q, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct backorder_row));
    int rc = app_require(app, ACT_ORDER_VIEW, e);
    return rc != ERR_OK ? rc : stock_store_backorders(app->db, q, out, e);
}

void fulfilment_backorder_cursor(const struct backorder_row *r, struct page_cursor *c)
{
    stock_store_backorder_cursor(r, c);
}

/* ------------------------------------------------------------- on time */

int64_t ontime_rate_bp(const struct ontime_row *r)
{
    return r->delivered > 0 ? money_div_round(r->on_time * 10000, r->delivered) : 0;
}

void ontime_rate_format(const struct ontime_row *r, char *out, size_t len)
{
    if (r->delivered <= 0) {
        snprintf(out, len, "—");
        return;
    }
    int64_t tenths = money_div_round(r->on_time * 1000, r->delivered);
    snprintf(out, len, "%lld.%lld %%", (long long)(tenths / 10), (long long)(tenths % 10));
}

/* [from, to]: as given, else the twelve months up to today. */
static int ontime_window(const struct ontime_query *q, char from[11], char to[11], struct err *e)
{
    char today[11], now_hm[6];
    fulfil_clock(today, now_hm);
    snprintf(to, 11, "%s", q->to[0] ? q->to : today);
    struct tm tm = {0};
    if (q->from[0])
        snprintf(from, 11, "%s", q->from);
    else if (sscanf(to, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) == 3) {
        /* the day after the same day a year before: twelve whole months */
        tm.tm_year -= 1900 + 1;
        tm.tm_mon -= 1;
        tm.tm_mday += 1;
        tm.tm_hour = 12;
        time_t t = timegm(&tm);
        gmtime_r(&t, &tm);
        strftime(from, 11, "%Y-%m-%d", &tm);
    } else
        from[0] = '\0';
    if (!datetime_is_date(from) || !datetime_is_date(to))
        return err_set(e, ERR_INVALID, "from", "dates are YYYY-MM-DD");
    if (strcmp(from, to) > 0)
        return err_set(e, ERR_INVALID, "from", "the window starts on %s, after its end %s", from, to);
    return ERR_OK;
}

int ontime_report(struct app *app, const struct ontime_query *q, struct rows *out, struct ontime_row *overall,
                  struct err *e)
{
    char from[11], to[11];
    int64_t rep = 0;
    rows_reset(out, sizeof(struct ontime_row));
    memset(overall, 0, sizeof *overall);
    int rc = rights_allows(app->user.role, ACT_REPORTS) ? ERR_OK : app_require(app, ACT_REPORTS_OWN, e);
    if (rc == ERR_OK && !rights_allows(app->user.role, ACT_REPORTS))
        rep = app->user.id;
    if (rc == ERR_OK)
        rc = ontime_window(q, from, to, e);
    if (rc == ERR_OK)
        rc = fulfilment_store_ontime(app->db, from, to, q->account_id, rep, out, e);
    const struct ontime_row *r = out->items;
    for (int i = 0; rc == ERR_OK && i < out->n; i++) {
        overall->delivered += r[i].delivered;
        overall->on_time += r[i].on_time;
    }
    snprintf(overall->name, sizeof overall->name, "%s … %s", from, to);
    return rc;
}

int ontime_account(struct app *app, int64_t account_id, struct ontime_row *out, struct err *e)
{
    struct account a;
    struct rows rows = {0};
    struct ontime_query q = {.account_id = account_id};
    char from[11], to[11];
    memset(out, 0, sizeof *out);
    int rc = account_get(app, account_id, &a, e);
    if (rc == ERR_OK)
        rc = ontime_window(&q, from, to, e);
    if (rc == ERR_OK)
        rc = fulfilment_store_ontime(app->db, from, to, account_id, 0, &rows, e);
    if (rc == ERR_OK && rows.n > 0)
        *out = *(const struct ontime_row *)rows.items;
    out->account_id = account_id;
    snprintf(out->code, sizeof out->code, "%s", a.code);
    rows_free(&rows);
    return rc;
}

/* ------------------------------------------------------------ packing */

int account_packing_get(struct app *app, int64_t account_id, struct account_packing *out, struct err *e)
{
    struct account a;
    int rc = account_get(app, account_id, &a, e);
    return rc != ERR_OK ? rc : fulfilment_store_packing(app->db, account_id, out, e);
}

int account_packing_set(struct app *app, const struct account_packing *p, struct err *e)
{
    struct account a;
    int rc = account_get(app, p->account_id, &a, e);
    if (rc == ERR_OK)
        rc = app_require_account(app, &a, true, e);
    if (rc == ERR_OK)
        rc = text_check("packing_instructions", p->instructions, 500, 0, e);
    if (rc != ERR_OK || (rc = db_begin(app->db, e)) != ERR_OK)
        return rc;
    struct account_packing before;
    if ((rc = fulfilment_store_packing(app->db, p->account_id, &before, e)) == ERR_OK &&
        (rc = fulfilment_store_set_packing(app->db, p, e)) == ERR_OK) {
        struct json b, j;
        json_begin(&b);
        json_str(&b, "packing_instructions", before.instructions);
        json_bool(&b, "requires_po", before.requires_po);
        json_begin(&j);
        json_str(&j, "packing_instructions", p->instructions);
        json_bool(&j, "requires_po", p->requires_po);
        rc = audit_record(app, "packing", "account", a.code, json_end(&b), json_end(&j), e);
        json_free(&b);
        json_free(&j);
    }
    if (rc != ERR_OK) {
        db_rollback(app->db);
        return rc;
    }
    return db_commit(app->db, e);
}

/* ------------------------------------------------------------ timeline */

int order_timeline_newest(struct app *app, const struct order *o, const struct page_req *q, struct rows *out,
                          struct err *e)
{
    struct page_req newest = q ? *q : (struct page_req){0};
    newest.descending = true;
    return order_timeline(app, o, &newest, out, e);
}
