/* Loyalty points in the store (see the header): each write one statement,
 * the limits conditional UPDATEs whose row count says whether they held. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/loyalty_store.h"
#include "src/base/datetime.h"
#include "src/base/names.h"

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

void loyalty_date_add_months(const char *day, int months, char out[11])
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m = 0, d = 0;
    if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
        snprintf(out, 11, "%s", day);
        return;
    }
    int total = y * 12 + (m - 1) + months;
    if (total < 0 || total >= 10000 * 12 || d < 1) {
        snprintf(out, 11, "%s", day);
        return;
    }
    y = total / 12;
    m = total % 12 + 1;
    int last = days[m - 1] + (m == 2 && leap(y));
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)(d > last ? last : d) % 100u);
}

/* --------------------------------------------------------------- writes */

int loyalty_store_append(struct db *db, struct loyalty_entry *l, struct err *e)
{
    static const char sql[] =
        "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, expires_on, order_id,"
        " return_id, user_id, reason, shortfall) VALUES (:customer, :at, :day, :kind, :bucket, :points,"
        " :expires_on, :order_id, :return_id, :user_id, :reason, :shortfall)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":customer"), l->customer_id);
    db_bind_text(s, db_param(s, ":at"), l->at);
    db_bind_text(s, db_param(s, ":day"), l->day);
    db_bind_text(s, db_param(s, ":kind"), name_at(loyalty_kind_names, LOYALTY_KIND_COUNT, (int)l->kind));
    db_bind_text(s, db_param(s, ":bucket"),
                 name_at(loyalty_bucket_names, LOYALTY_BUCKET_COUNT, (int)l->bucket));
    sqlite3_bind_int64(s, db_param(s, ":points"), l->points);
    db_bind_text_or_null(s, db_param(s, ":expires_on"), l->expires_on);
    db_bind_id_or_null(s, db_param(s, ":order_id"), l->order_id);
    db_bind_id_or_null(s, db_param(s, ":return_id"), l->return_id);
    db_bind_id_or_null(s, db_param(s, ":user_id"), l->user_id);
    db_bind_text(s, db_param(s, ":reason"), l->reason);
    sqlite3_bind_int64(s, db_param(s, ":shortfall"), l->shortfall);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "writing the loyalty ledger");
    if (rc == ERR_OK)
        l->id = sqlite3_last_insert_rowid(db->handle);
    return rc;
}

int loyalty_store_move(struct db *db, int64_t customer_id, enum loyalty_bucket bucket, int64_t delta,
                       bool *moved, struct err *e)
{
    static const char available[] = "UPDATE customers SET loyalty_points = loyalty_points + ?2"
                                    " WHERE id = ?1 AND loyalty_points + ?2 >= 0";
    static const char pending[] = "UPDATE customers SET loyalty_pending = loyalty_pending + ?2"
                                  " WHERE id = ?1 AND loyalty_pending + ?2 >= 0";
    DB_PREPARE_OR_RETURN(s, bucket == LOYALTY_AVAILABLE ? available : pending);
    sqlite3_bind_int64(s, 1, customer_id);
    sqlite3_bind_int64(s, 2, delta);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "moving a loyalty balance");
    *moved = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int loyalty_store_opening(struct db *db, int64_t customer_id, int64_t points, const char *at, struct err *e)
{
    static const char months[] =
        "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'loyalty.expire_months'";
    DB_PREPARE_OR_RETURN(s, months);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 24;
    sqlite3_reset(s);
    struct loyalty_entry l = {
        .customer_id = customer_id, .kind = LOYALTY_OPENING, .bucket = LOYALTY_AVAILABLE, .points = points};
    snprintf(l.at, sizeof l.at, "%s", at);
    datetime_local_date(at, l.day);
    loyalty_date_add_months(l.day, n > 0 ? n : 24, l.expires_on);
    snprintf(l.reason, sizeof l.reason, "opening balance");
    return loyalty_store_append(db, &l, e);
}

int loyalty_store_set_tier(struct db *db, int64_t customer_id, const char *tier, struct err *e)
{
    static const char sql[] = "UPDATE customers SET loyalty_tier = ?2 WHERE id = ?1";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, customer_id);
    db_bind_text(s, 2, tier);
    return db_step_done(db, s, sqlite3_step(s), e, "changing a customer's tier");
}

int loyalty_store_tiers_replace(struct db *db, const struct loyalty_tier *tiers, int n, struct err *e)
{
    static const char clear[] = "DELETE FROM loyalty_tiers";
    static const char add[] =
        "INSERT INTO loyalty_tiers(name, min_spend, earn_multiplier_bp) VALUES (?, ?, ?)";
    DB_PREPARE_OR_RETURN(c, clear);
    int rc = db_step_done(db, c, sqlite3_step(c), e, "replacing the tiers");
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        DB_PREPARE_OR_RETURN(s, add);
        db_bind_text(s, 1, tiers[i].name);
        sqlite3_bind_int64(s, 2, tiers[i].min_spend);
        sqlite3_bind_int(s, 3, tiers[i].multiplier_bp);
        rc = db_step_done(db, s, sqlite3_step(s), e, "replacing the tiers");
    }
    return rc;
}

/* What a customer spent: goods net of refunds, delivered within the window.
 * The terms name the partial index orders_loyalty_window. */
#define LOYALTY_SPEND_FROM                                                                                   \
    " FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.kind = 'goods'"                            \
    " WHERE o.customer_id IS NOT NULL AND o.status IN ('delivered', 'closed')"                               \
    " AND coalesce(o.delivered_day, o.placed_day) >= :since"
#define LOYALTY_SPEND_SUM "sum(l.net_amount - (l.refunded_amount - l.refunded_tax))"

int loyalty_store_retier_all(struct db *db, const char *since, int64_t *changed, struct err *e)
{
    static const char sql[] =
        "UPDATE customers SET loyalty_tier = t.tier FROM ("
        " SELECT c.id, (SELECT name FROM loyalty_tiers WHERE min_spend <= coalesce(s.spend, 0)"
        "  ORDER BY min_spend DESC LIMIT 1) AS tier FROM customers c"
        " LEFT JOIN (SELECT o.customer_id AS id, " LOYALTY_SPEND_SUM " AS spend" LOYALTY_SPEND_FROM
        "  GROUP BY o.customer_id) s ON s.id = c.id) t"
        " WHERE customers.id = t.id AND t.tier IS NOT NULL AND customers.loyalty_tier <> t.tier";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":since"), since);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "recomputing the tiers");
    *changed = rc == ERR_OK ? sqlite3_changes64(db->handle) : 0;
    return rc;
}

int loyalty_store_line_points_add(struct db *db, const struct loyalty_line_points *p, struct err *e)
{
    static const char sql[] =
        "INSERT INTO order_line_points(order_line_id, order_id, quantity, earned, redeemed)"
        " VALUES (?, ?, ?, ?, ?)";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, p->order_line_id);
    sqlite3_bind_int64(s, 2, p->order_id);
    sqlite3_bind_int64(s, 3, p->quantity);
    sqlite3_bind_int64(s, 4, p->earned);
    sqlite3_bind_int64(s, 5, p->redeemed);
    return db_step_done(db, s, sqlite3_step(s), e, "recording a line's points");
}

int loyalty_store_line_points_credit(struct db *db, const struct loyalty_line_points *before, int64_t units,
                                     int64_t earned, int64_t redeemed, bool *done, struct err *e)
{
    static const char sql[] =
        "UPDATE order_line_points SET units_credited = units_credited + :units,"
        " earned_reversed = earned_reversed + :earned, redeemed_restored = redeemed_restored + :redeemed"
        " WHERE order_line_id = :line AND units_credited = :units_before"
        " AND earned_reversed = :earned_before AND redeemed_restored = :redeemed_before"
        " AND units_credited + :units <= quantity AND earned_reversed + :earned <= earned"
        " AND redeemed_restored + :redeemed <= redeemed";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":units"), units);
    sqlite3_bind_int64(s, db_param(s, ":earned"), earned);
    sqlite3_bind_int64(s, db_param(s, ":redeemed"), redeemed);
    sqlite3_bind_int64(s, db_param(s, ":line"), before->order_line_id);
    sqlite3_bind_int64(s, db_param(s, ":units_before"), before->units_credited);
    sqlite3_bind_int64(s, db_param(s, ":earned_before"), before->earned_reversed);
    sqlite3_bind_int64(s, db_param(s, ":redeemed_before"), before->redeemed_restored);
    int rc = db_step_done(db, s, sqlite3_step(s), e, "crediting a line's points");
    *done = rc == ERR_OK && sqlite3_changes(db->handle) == 1;
    return rc;
}

int loyalty_store_return_line_add(struct db *db, int64_t return_id, int64_t order_line_id, int64_t units,
                                  int64_t earned, int64_t redeemed, bool *added, struct err *e)
{
    static const char seen[] = "SELECT 1 FROM loyalty_return_lines WHERE return_id = ? AND order_line_id = ?";
    static const char sql[] =
        "INSERT INTO loyalty_return_lines(return_id, order_line_id, units, earned_reversed,"
        " redeemed_restored) VALUES (?, ?, ?, ?, ?)";
    DB_PREPARE_OR_RETURN(q, seen);
    sqlite3_bind_int64(q, 1, return_id);
    sqlite3_bind_int64(q, 2, order_line_id);
    int rc = sqlite3_step(q);
    *added = false;
    if (rc == SQLITE_ROW) {
        sqlite3_reset(q);
        return ERR_OK;
    }
    if ((rc = db_step_done(db, q, rc, e, "reading a return's points")) != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, return_id);
    sqlite3_bind_int64(s, 2, order_line_id);
    sqlite3_bind_int64(s, 3, units);
    sqlite3_bind_int64(s, 4, earned);
    sqlite3_bind_int64(s, 5, redeemed);
    rc = db_step_done(db, s, sqlite3_step(s), e, "recording a return's points");
    *added = rc == ERR_OK;
    return rc;
}

/* ---------------------------------------------------------------- reads */

int loyalty_store_sums(struct db *db, int64_t customer_id, const char *day, const char *until,
                       struct loyalty_sums *out, struct rows *later, struct err *e)
{
    /* The credits still valid through 0020's index loyalty_ledger_valid: a
     * range of the customer's live credits, never the whole ledger. */
    static const char sums[] =
        "SELECT c.loyalty_points, c.loyalty_pending,"
        " coalesce((SELECT sum(points) FROM loyalty_ledger WHERE customer_id = ?1 AND bucket = 'available'"
        "  AND points > 0 AND expires_on > ?2), 0)"
        " FROM customers c WHERE c.id = ?1";
    static const char soon[] =
        "SELECT expires_on, sum(points) FROM loyalty_ledger WHERE customer_id = ?1 AND bucket = 'available'"
        " AND points > 0 AND expires_on > ?2 AND expires_on <= ?3 GROUP BY expires_on ORDER BY expires_on";
    memset(out, 0, sizeof *out);
    DB_PREPARE_OR_RETURN(s, sums);
    sqlite3_bind_int64(s, 1, customer_id);
    db_bind_text(s, 2, day);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->available = sqlite3_column_int64(s, 0);
        out->pending = sqlite3_column_int64(s, 1);
        out->still_valid = sqlite3_column_int64(s, 2);
        rc = sqlite3_step(s);
    }
    if ((rc = db_step_done(db, s, rc, e, "reading a loyalty balance")) != ERR_OK || later == NULL)
        return rc;
    rows_reset(later, sizeof(struct loyalty_expiring));
    DB_PREPARE_OR_RETURN(t, soon);
    sqlite3_bind_int64(t, 1, customer_id);
    db_bind_text(t, 2, day);
    db_bind_text(t, 3, until);
    while ((rc = sqlite3_step(t)) == SQLITE_ROW) {
        struct loyalty_expiring *x = rows_add(later);
        db_column_copy(t, 0, x->day, sizeof x->day);
        x->points = sqlite3_column_int64(t, 1);
    }
    return db_step_done(db, t, rc, e, "reading points about to expire");
}

int loyalty_store_cached(struct db *db, int64_t customer_id, int64_t *available, int64_t *pending,
                         char tier[17], struct err *e)
{
    static const char sql[] =
        "SELECT loyalty_points, loyalty_pending, loyalty_tier FROM customers WHERE id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, customer_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return err_set(e, ERR_NOTFOUND, "customer", "no customer with id %lld", (long long)customer_id);
    }
    if (rc == SQLITE_ROW) {
        *available = sqlite3_column_int64(s, 0);
        *pending = sqlite3_column_int64(s, 1);
        db_column_copy(s, 2, tier, 17);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "reading a customer's points");
}

int loyalty_store_tiers(struct db *db, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT name, min_spend, earn_multiplier_bp FROM loyalty_tiers ORDER BY min_spend";
    rows_reset(out, sizeof(struct loyalty_tier));
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct loyalty_tier *t = rows_add(out);
        db_column_copy(s, 0, t->name, sizeof t->name);
        t->min_spend = sqlite3_column_int64(s, 1);
        t->multiplier_bp = sqlite3_column_int(s, 2);
    }
    return db_step_done(db, s, rc, e, "reading the tiers");
}

int loyalty_store_spend(struct db *db, int64_t customer_id, const char *since, const char *through,
                        int64_t *spend, struct err *e)
{
    static const char sql[] = "SELECT coalesce(" LOYALTY_SPEND_SUM ", 0)" LOYALTY_SPEND_FROM
                              " AND coalesce(o.delivered_day, o.placed_day) <= :through"
                              " AND o.customer_id = :customer";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":since"), since);
    db_bind_text(s, db_param(s, ":through"), through);
    sqlite3_bind_int64(s, db_param(s, ":customer"), customer_id);
    int rc = sqlite3_step(s);
    *spend = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading a customer's spend");
}

static void entry_row(sqlite3_stmt *s, void *row)
{
    struct loyalty_entry *l = row;
    char text[16];
    int c = 0;
    memset(l, 0, sizeof *l);
    l->id = sqlite3_column_int64(s, c++);
    l->customer_id = sqlite3_column_int64(s, c++);
    db_column_copy(s, c++, l->at, sizeof l->at);
    db_column_copy(s, c++, l->day, sizeof l->day);
    db_column_copy(s, c++, text, sizeof text);
    int k = name_index(loyalty_kind_names, LOYALTY_KIND_COUNT, text, false);
    l->kind = k < 0 ? LOYALTY_ADJUST : (enum loyalty_kind)k;
    db_column_copy(s, c++, text, sizeof text);
    l->bucket = strcmp(text, "pending") == 0 ? LOYALTY_PENDING : LOYALTY_AVAILABLE;
    l->points = sqlite3_column_int64(s, c++);
    db_column_copy(s, c++, l->expires_on, sizeof l->expires_on);
    l->order_id = sqlite3_column_int64(s, c++);
    l->return_id = sqlite3_column_int64(s, c++);
    l->user_id = sqlite3_column_int64(s, c++);
    db_column_copy(s, c++, l->reason, sizeof l->reason);
    l->shortfall = sqlite3_column_int64(s, c++);
    db_column_copy(s, c++, l->order_number, sizeof l->order_number);
    db_column_copy(s, c++, l->user_login, sizeof l->user_login);
    l->available_after = sqlite3_column_int64(s, c++);
    l->pending_after = sqlite3_column_int64(s, c++);
}

/* clang-format off */
#define LEDGER_SELECT \
    "SELECT x.id, x.customer_id, x.at, x.day, x.kind, x.bucket, x.points, coalesce(x.expires_on, '')," \
    " coalesce(x.order_id, 0), coalesce(x.return_id, 0), coalesce(x.user_id, 0), x.reason, x.shortfall," \
    " coalesce(o.number, ''), coalesce(u.login, ''), x.available_after, x.pending_after FROM (" \
    " SELECT l.*, sum(CASE l.bucket WHEN 'available' THEN l.points ELSE 0 END) OVER w AS available_after," \
    "  sum(CASE l.bucket WHEN 'pending' THEN l.points ELSE 0 END) OVER w AS pending_after" \
    " FROM loyalty_ledger l WHERE l.customer_id = :parent" \
    " WINDOW w AS (ORDER BY l.at, l.id ROWS UNBOUNDED PRECEDING)) x" \
    " LEFT JOIN orders o ON o.id = x.order_id LEFT JOIN users u ON u.id = x.user_id" \
    " WHERE (:filter = '' OR instr(x.kind, lower(:filter)) = 1" \
    "  OR instr(lower(coalesce(o.number, '')), lower(:filter)) > 0" \
    "  OR instr(lower(x.reason), lower(:filter)) > 0" \
    "  OR instr(lower(coalesce(u.login, '')), lower(:filter)) > 0)" \
    " AND (:after = 0 OR (x.at, x.id) "
/* clang-format on */

/* In the order things happened (at, then id): rows written later for an
 * earlier moment (the demo's history) take their place in time. */
static const struct db_list_spec ledger_list = {
    LEDGER_SELECT "> (:key, :id)) ORDER BY x.at, x.id",
    LEDGER_SELECT "< (:key, :id)) ORDER BY x.at DESC, x.id DESC",
    sizeof(struct loyalty_entry),
    entry_row,
    true,
    "reading the loyalty ledger",
};

int loyalty_store_ledger(struct db *db, int64_t customer_id, const struct page_req *q, struct rows *out,
                         struct err *e)
{
    rows_reset(out, sizeof(struct loyalty_entry));
    sqlite3_stmt *s = db_list_prepare(db, &ledger_list, customer_id, q, e);
    if (s == NULL)
        return e ? e->code : ERR_INTERNAL;
    db_bind_text(s, db_param(s, ":filter"), q && q->filter ? q->filter : "");
    return db_list_collect(db, s, &ledger_list, q, out, e);
}

void loyalty_store_ledger_cursor(const struct loyalty_entry *l, struct page_cursor *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->text, sizeof c->text, "%s", l->at);
    c->id = l->id;
}

int loyalty_store_order_entries(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT l.id, l.customer_id, l.at, l.day, l.kind, l.bucket, l.points, coalesce(l.expires_on, ''),"
        " coalesce(l.order_id, 0), coalesce(l.return_id, 0), coalesce(l.user_id, 0), l.reason, l.shortfall,"
        " coalesce(o.number, ''), coalesce(u.login, ''), 0, 0 FROM loyalty_ledger l"
        " LEFT JOIN orders o ON o.id = l.order_id LEFT JOIN users u ON u.id = l.user_id"
        " WHERE l.order_id = ? ORDER BY l.id";
    rows_reset(out, sizeof(struct loyalty_entry));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        entry_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading an order's points");
}

#define LINE_POINTS_COLUMNS                                                                                  \
    "SELECT order_line_id, order_id, quantity, earned, earned_reversed, redeemed, redeemed_restored,"        \
    " units_credited FROM order_line_points"

static void line_points_row(sqlite3_stmt *s, void *row)
{
    struct loyalty_line_points *p = row;
    p->order_line_id = sqlite3_column_int64(s, 0);
    p->order_id = sqlite3_column_int64(s, 1);
    p->quantity = sqlite3_column_int64(s, 2);
    p->earned = sqlite3_column_int64(s, 3);
    p->earned_reversed = sqlite3_column_int64(s, 4);
    p->redeemed = sqlite3_column_int64(s, 5);
    p->redeemed_restored = sqlite3_column_int64(s, 6);
    p->units_credited = sqlite3_column_int64(s, 7);
}

int loyalty_store_order_lines(struct db *db, int64_t order_id, struct rows *out, struct err *e)
{
    static const char sql[] = LINE_POINTS_COLUMNS " WHERE order_id = ? ORDER BY order_line_id";
    rows_reset(out, sizeof(struct loyalty_line_points));
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        line_points_row(s, rows_add(out));
    return db_step_done(db, s, rc, e, "reading an order's line points");
}

int loyalty_store_line_points(struct db *db, int64_t order_line_id, struct loyalty_line_points *out,
                              struct err *e)
{
    static const char sql[] = LINE_POINTS_COLUMNS " WHERE order_line_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_line_id);
    memset(out, 0, sizeof *out);
    const struct db_fetch_what w = {"points for order line", "line", "", "reading a line's points"};
    return db_fetch_one(db, s, line_points_row, out, e, &w);
}

int loyalty_store_order_pending(struct db *db, int64_t order_id, int64_t *pending, bool *released,
                                struct err *e)
{
    static const char sql[] =
        "SELECT coalesce(sum(CASE bucket WHEN 'pending' THEN points END), 0),"
        " count(CASE kind WHEN 'release' THEN 1 END) FROM loyalty_ledger WHERE order_id = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, 1, order_id);
    int rc = sqlite3_step(s);
    *pending = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    *released = rc == SQLITE_ROW && sqlite3_column_int64(s, 1) > 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading an order's pending points");
}

static int read_ids(struct db *db, sqlite3_stmt *s, struct rows *out, struct err *e, const char *what)
{
    int rc;
    rows_reset(out, sizeof(int64_t));
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *(int64_t *)rows_add(out) = sqlite3_column_int64(s, 0);
    return db_step_done(db, s, rc, e, what);
}

int loyalty_store_expiring_customers(struct db *db, const char *after, const char *through, struct rows *out,
                                     struct err *e)
{
    static const char sql[] = "SELECT DISTINCT customer_id FROM loyalty_ledger"
                              " WHERE expires_on > ?1 AND expires_on <= ?2 ORDER BY customer_id";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, after);
    db_bind_text(s, 2, through);
    return read_ids(db, s, out, e, "finding points to expire");
}

int loyalty_store_expired_unrecorded(struct db *db, const char *after, const char *day, int64_t *points,
                                     struct err *e)
{
    /* The customers through the expiry index, then each one's rows of the
     * available bucket up to the day through its own index. */
    static const char sql[] =
        "SELECT coalesce(sum(max(0, a - v)), 0) FROM (SELECT sum(l.points) AS a,"
        " sum(CASE WHEN l.points > 0 AND l.expires_on > ?2 THEN l.points ELSE 0 END) AS v"
        " FROM loyalty_ledger l WHERE l.customer_id IN (SELECT customer_id FROM loyalty_ledger"
        "  WHERE expires_on > ?1 AND expires_on <= ?2)"
        " AND l.bucket = 'available' AND l.day <= ?2 GROUP BY l.customer_id)";
    *points = 0;
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, after);
    db_bind_text(s, 2, day);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *points = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "reading the points past their day");
}

int loyalty_store_window_customers(struct db *db, const char *from, const char *to, struct rows *out,
                                   struct err *e)
{
    static const char sql[] =
        "SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL"
        " AND status IN ('delivered', 'closed') AND coalesce(delivered_day, placed_day) >= ?1"
        " AND coalesce(delivered_day, placed_day) < ?2 ORDER BY customer_id";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, from);
    db_bind_text(s, 2, to);
    return read_ids(db, s, out, e, "finding tiers to recompute");
}

/* ----------------------------------------------------------------- demo */

/* The day :months after a date, kept within the month (as loyalty_date_add_months). */
#define SQL_ADD_MONTHS(d)                                                                                    \
    "min(date(" d ", 'start of month', '+' || :months || ' months', '+' ||"                                  \
    " (CAST(strftime('%d', " d ") AS INTEGER) - 1) || ' days'),"                                             \
    " date(" d ", 'start of month', '+' || (:months + 1) || ' months', '-1 day'))"
/* The demo's consumer orders and the moment each reached a status. */
#define DEMO_ORDER_MOMENT(status)                                                                            \
    " FROM loyalty_ledger e JOIN orders o ON o.id = e.order_id JOIN (SELECT order_id, max(at) AS at"         \
    " FROM order_status_history WHERE to_status = '" status "' GROUP BY order_id) h ON h.order_id = o.id"    \
    " WHERE e.kind = 'earn' AND o.source = 'demo'"

int loyalty_store_demo_history(struct db *db, int64_t earn_points, int64_t earn_per, int months,
                               int64_t *rows, struct err *e)
{
    static const char lines[] =
        "INSERT INTO order_line_points(order_line_id, order_id, quantity, earned, redeemed)"
        " SELECT l.id, l.order_id, l.quantity, l.net_amount * :earn / :per, 0 FROM order_lines l"
        " JOIN orders o ON o.id = l.order_id WHERE o.source = 'demo' AND o.channel = 'b2c'"
        " AND o.customer_id IS NOT NULL AND l.kind = 'goods' AND l.net_amount * :earn / :per > 0";
    static const char earn[] =
        "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, order_id)"
        " SELECT o.customer_id, o.placed_at, coalesce(o.placed_day, date(o.placed_at, 'localtime')), 'earn',"
        " 'pending', sum(p.earned), o.id FROM order_line_points p JOIN orders o ON o.id = p.order_id"
        " WHERE o.source = 'demo' GROUP BY o.id ORDER BY o.placed_at, o.id";
    /* clang-format off */
    static const char release[] =
        "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, expires_on, order_id)"
        " SELECT customer_id, at, day, 'release', b.bucket,"
        " CASE b.bucket WHEN 'pending' THEN -points ELSE points END,"
        " CASE b.bucket WHEN 'available' THEN " SQL_ADD_MONTHS("day") " END, order_id"
        " FROM (SELECT o.customer_id, o.id AS order_id, h.at, date(h.at, 'localtime') AS day, e.points"
        DEMO_ORDER_MOMENT("delivered") " AND o.status IN ('delivered', 'closed'))"
        " CROSS JOIN (SELECT 'pending' AS bucket UNION ALL SELECT 'available') b"
        " ORDER BY at, order_id, b.bucket DESC";
    static const char cancel[] =
        "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, order_id)"
        " SELECT o.customer_id, h.at, date(h.at, 'localtime'), 'cancel', 'pending', -e.points, o.id"
        DEMO_ORDER_MOMENT("cancelled") " AND o.status = 'cancelled' ORDER BY h.at, o.id";
    /* clang-format on */
    static const char credited[] =
        "UPDATE order_line_points SET units_credited = quantity, earned_reversed = earned"
        " WHERE order_id IN (SELECT id FROM orders WHERE source = 'demo' AND status = 'cancelled')";
    static const char caches[] =
        "UPDATE customers SET loyalty_points = s.a, loyalty_pending = s.p FROM (SELECT customer_id,"
        " sum(CASE bucket WHEN 'available' THEN points ELSE 0 END) AS a,"
        " sum(CASE bucket WHEN 'pending' THEN points ELSE 0 END) AS p FROM loyalty_ledger"
        " GROUP BY customer_id) s WHERE customers.id = s.customer_id";
    const char *const statements[] = {lines, earn, release, cancel, credited, caches};
    *rows = 0;
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        DB_PREPARE_OR_RETURN(s, statements[i]);
        sqlite3_bind_int64(s, db_param_if(s, ":earn"), earn_points);
        sqlite3_bind_int64(s, db_param_if(s, ":per"), earn_per > 0 ? earn_per : 100);
        sqlite3_bind_int(s, db_param_if(s, ":months"), months);
        int rc = db_step_done(db, s, sqlite3_step(s), e, "writing the demo's points");
        if (rc != ERR_OK)
            return rc;
        if (statements[i] == earn || statements[i] == release || statements[i] == cancel)
            *rows += sqlite3_changes64(db->handle);
    }
    return ERR_OK;
}

int loyalty_store_openings(struct db *db, int64_t from_id, int64_t to_id, struct err *e)
{
    static const char months[] =
        "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'loyalty.expire_months'";
    /* clang-format off */
    static const char sql[] =
        "INSERT INTO loyalty_ledger(customer_id, at, day, kind, bucket, points, expires_on, reason,"
        " shortfall) SELECT id, created_at, date(created_at, 'localtime'), 'opening', 'available',"
        " loyalty_points, " SQL_ADD_MONTHS("date(created_at, 'localtime')") ", 'opening balance', 0"
        " FROM customers WHERE id BETWEEN :from AND :to AND loyalty_points > 0 ORDER BY id";
    /* clang-format on */
    DB_PREPARE_OR_RETURN(m, months);
    int n = sqlite3_step(m) == SQLITE_ROW ? sqlite3_column_int(m, 0) : 24;
    sqlite3_reset(m);
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int64(s, db_param(s, ":from"), from_id);
    sqlite3_bind_int64(s, db_param(s, ":to"), to_id);
    sqlite3_bind_int(s, db_param(s, ":months"), n > 0 ? n : 24);
    return db_step_done(db, s, sqlite3_step(s), e, "writing the opening balances");
}

int loyalty_store_demo_customers(struct db *db, int every, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT id FROM customers WHERE id IN (SELECT id FROM customers ORDER BY id LIMIT 3)"
        " OR id % ?1 = 0 ORDER BY id";
    DB_PREPARE_OR_RETURN(s, sql);
    sqlite3_bind_int(s, 1, every > 0 ? every : 1);
    return read_ids(db, s, out, e, "choosing the demo's customers");
}

/* --------------------------------------------------------------- checks */

static void note(struct strbuf *report, int *problems, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(struct strbuf *report, int *problems, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    strbuf_addf(report, "%s\n", line);
    (*problems)++;
}

/* Each row: who (a customer's e-mail or an order's number), what, stored, should be. */
static int check_rows(struct db *db, const char *sql, const char *who, struct strbuf *report, int *problems,
                      struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        note(report, problems, "%s %s: %s is %lld but its ledger says %lld", who,
             (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
             (long long)sqlite3_column_int64(s, 2), (long long)sqlite3_column_int64(s, 3));
    return db_step_done(db, s, rc, e, "checking loyalty points");
}

static int check_negative(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT c.email, x.bucket, min(x.running), x.id FROM ("
        " SELECT customer_id, id, bucket, sum(points) OVER (PARTITION BY customer_id, bucket ORDER BY id"
        "  ROWS UNBOUNDED PRECEDING) AS running FROM loyalty_ledger) x"
        " JOIN customers c ON c.id = x.customer_id"
        " WHERE x.running < 0 GROUP BY x.customer_id, x.bucket ORDER BY c.email";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        note(report, problems, "customer %s: the %s points fall to %lld at ledger row %lld",
             (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
             (long long)sqlite3_column_int64(s, 2), (long long)sqlite3_column_int64(s, 3));
    return db_step_done(db, s, rc, e, "checking loyalty balances");
}

static int check_order_rows(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT o.number, 'points of another customer (ledger row ' || l.id || ')'"
        " FROM loyalty_ledger l JOIN orders o ON o.id = l.order_id"
        " WHERE o.customer_id IS NOT l.customer_id"
        " UNION ALL SELECT o.number, 'points still pending although it is ' || o.status FROM orders o"
        " JOIN (SELECT order_id, sum(points) AS p FROM loyalty_ledger WHERE bucket = 'pending'"
        "  AND order_id IS NOT NULL GROUP BY order_id) x ON x.order_id = o.id"
        " WHERE x.p <> 0 AND o.status IN ('delivered', 'closed', 'cancelled')"
        " UNION ALL SELECT o.number, 'a release whose two rows do not cancel out' FROM orders o"
        " JOIN (SELECT order_id, sum(points) AS p FROM loyalty_ledger WHERE kind = 'release'"
        "  GROUP BY order_id) x ON x.order_id = o.id WHERE x.p <> 0"
        " UNION ALL SELECT o.number, 'returns credited more of a line''s points than it gave back'"
        " FROM order_line_points p JOIN (SELECT order_line_id, sum(units) AS u, sum(earned_reversed) AS er,"
        "  sum(redeemed_restored) AS rr FROM loyalty_return_lines GROUP BY order_line_id) r"
        "  ON r.order_line_id = p.order_line_id JOIN orders o ON o.id = p.order_id"
        " WHERE r.u > p.units_credited OR r.er > p.earned_reversed OR r.rr > p.redeemed_restored";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        note(report, problems, "order %s: %s", (const char *)sqlite3_column_text(s, 0),
             (const char *)sqlite3_column_text(s, 1));
    return db_step_done(db, s, rc, e, "checking orders' points");
}

/* A database whose schema version passed 14 before loyalty existed (made
 * by a comptoir with 0015 but not 0014) has none of its tables. */
static int check_tables(struct db *db, bool *present, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
        " ('loyalty_tiers', 'loyalty_ledger', 'order_line_points', 'loyalty_return_lines')";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    *present = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 4;
    if (rc == SQLITE_ROW && !*present)
        note(report, problems,
             "loyalty: %d of its 4 tables are missing: migration 0014_loyalty was not applied",
             4 - sqlite3_column_int(s, 0));
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "checking the loyalty tables");
}

int loyalty_check_store(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char balances[] =
        "SELECT email, what, stored, should FROM ("
        " SELECT c.email, 'the available balance' AS what, c.loyalty_points AS stored,"
        "  coalesce(s.a, 0) AS should"
        "  FROM customers c LEFT JOIN (SELECT customer_id, sum(points) AS a FROM loyalty_ledger"
        "  WHERE bucket = 'available' GROUP BY customer_id) s ON s.customer_id = c.id"
        " UNION ALL SELECT c.email, 'the pending balance', c.loyalty_pending, coalesce(s.p, 0)"
        "  FROM customers c LEFT JOIN (SELECT customer_id, sum(points) AS p FROM loyalty_ledger"
        "  WHERE bucket = 'pending' GROUP BY customer_id) s ON s.customer_id = c.id)"
        " WHERE stored <> should ORDER BY email, what";
    static const char lines[] =
        "WITH p AS (SELECT order_id, sum(earned) AS e, sum(earned_reversed) AS er, sum(redeemed) AS r,"
        "  sum(redeemed_restored) AS rr FROM order_line_points GROUP BY order_id),"
        " g AS (SELECT order_id, coalesce(sum(CASE kind WHEN 'earn' THEN points END), 0) AS e,"
        "  coalesce(-sum(CASE WHEN kind IN ('cancel', 'reverse') THEN points END), 0)"
        "  + coalesce(sum(shortfall), 0) AS er,"
        "  coalesce(-sum(CASE kind WHEN 'redeem' THEN points END), 0) AS r,"
        "  coalesce(sum(CASE kind WHEN 'restore' THEN points END), 0) AS rr"
        "  FROM loyalty_ledger WHERE order_id IS NOT NULL GROUP BY order_id)"
        " SELECT o.number, what, stored, should FROM ("
        " SELECT p.order_id, 'points earned' AS what, p.e AS stored, coalesce(g.e, 0) AS should FROM p"
        "  LEFT JOIN g ON g.order_id = p.order_id"
        " UNION ALL SELECT p.order_id, 'points taken back', p.er, coalesce(g.er, 0) FROM p"
        "  LEFT JOIN g ON g.order_id = p.order_id"
        " UNION ALL SELECT p.order_id, 'points redeemed', p.r, coalesce(g.r, 0) FROM p"
        "  LEFT JOIN g ON g.order_id = p.order_id"
        " UNION ALL SELECT p.order_id, 'points given back', p.rr, coalesce(g.rr, 0) FROM p"
        "  LEFT JOIN g ON g.order_id = p.order_id"
        " UNION ALL SELECT g.order_id, 'points without lines', 0, g.e + g.r FROM g"
        "  WHERE g.order_id NOT IN (SELECT order_id FROM p) AND g.e + g.r <> 0"
        ") x JOIN orders o ON o.id = x.order_id WHERE stored <> should ORDER BY o.number, what";
    bool present = false;
    int rc = check_tables(db, &present, report, problems, e);
    if (rc != ERR_OK || !present)
        return rc;
    rc = check_rows(db, balances, "customer", report, problems, e);
    if (rc == ERR_OK)
        rc = check_negative(db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_order_rows(db, report, problems, e);
    if (rc != ERR_OK)
        return rc;
    return check_rows(db, lines, "order", report, problems, e);
}
