/* The B2C reports' SQL: sums over the summary tables of 0019 within a
 * window, the orders behind their rows, and the check of each summary table
 * (see the header). Reading goes through report_store_read_sql, so every
 * report binds its window alike. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/report_b2c_store.h"
#include "db/report_parts.h"
#include "db/report_store.h"

/* clang-format off */
#define REP(col) " AND (:rep = 0 OR " col " = :rep)"
/* The whole months of the window, one row each: a product's months read by key. */
#define MONTH_LIST \
    "WITH RECURSIVE months(m) AS (SELECT :whole_from WHERE :whole_from <= :whole_to UNION ALL" \
    " SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < :whole_to) "
/* The returns requested on the partial days. */
#define PART_RETURNS " return_id IN (SELECT id FROM returns WHERE" PART_DAYS("requested_day") ")"
/* Units returned and their refund: the whole months and the partial days. */
#define RETURN_REASON_PARTS \
    " (SELECT month, rep_id, reason, units, refund FROM report_return_reason_month WHERE" WHOLE \
    "  UNION ALL SELECT month, rep_id, reason, units, refund FROM report_return_line_facts" \
    "  WHERE" PART_RETURNS ")"
/* Returns opened (not rejected) by the day requested, refunds by the day paid. */
#define REFUND_PARTS \
    " (SELECT month, rep_id, returns, refunds, refunded FROM report_refund_month WHERE" WHOLE \
    "  UNION ALL SELECT substr(r.requested_day, 1, 7), coalesce(o.rep_id, 0), 1, 0, 0" \
    "  FROM returns r JOIN orders o ON o.id = r.order_id" \
    "  WHERE r.status <> 'rejected' AND" PART_DAYS("r.requested_day") \
    "  UNION ALL SELECT substr(p.day, 1, 7), coalesce(o.rep_id, 0), 0, 1, f.amount" \
    "  FROM refunds f JOIN payments p ON p.id = f.payment_id JOIN orders o ON o.id = f.order_id" \
    "  WHERE" PART_DAYS("p.day") ")"
struct b2c_sql {
    const char *sql;
    const char *rep_sql; /* when a rep's figures need another reading, else NULL */
    int texts;
};

static const struct b2c_sql queries[RQB_COUNT] = {
    /* Every promotion used in the window, and (for everyone's figures) every
     * one live in it though unused, the largest discount first. */
    [RQB_PROMOTIONS] = {"SELECT p.id, p.name,"
        " coalesce((SELECT c.code FROM promotion_codes c WHERE c.promotion_id = p.id AND c.single_use = 0"
        "           ORDER BY c.id LIMIT 1),"
        "  CASE p.activation WHEN 'auto' THEN '(auto)' ELSE '(batch)' END),"
        " coalesce(s.uses, 0), coalesce(s.discount, 0), coalesce(s.order_net, 0),"
        " CASE WHEN p.budget IS NULL THEN -1 ELSE p.budget - p.granted END, count(*) OVER (),"
        " sum(coalesce(s.uses, 0)) OVER (), sum(coalesce(s.discount, 0)) OVER (),"
        " sum(coalesce(s.order_net, 0)) OVER ()"
        " FROM promotions p LEFT JOIN (SELECT promotion_id, sum(uses) AS uses, sum(discount) AS discount,"
        "       sum(order_net) AS order_net FROM report_promotion_day"
        "       WHERE day BETWEEN :from AND :to" REP("rep_id") " GROUP BY promotion_id) s"
        " ON s.promotion_id = p.id"
        " WHERE s.uses <> 0 OR (:rep = 0 AND (p.starts_on IS NULL OR p.starts_on <= :to)"
        "       AND (p.ends_on IS NULL OR p.ends_on >= :from) AND substr(p.created_at, 1, 10) <= :to"
        "       AND (p.disabled_at IS NULL OR substr(p.disabled_at, 1, 10) >= :from))"
        " ORDER BY coalesce(s.discount, 0) DESC, p.name, p.id LIMIT :limit", NULL, 2},
    [RQB_LOYALTY_BALANCE] = {"SELECT 0, coalesce(sum(available), 0), coalesce(sum(pending), 0)"
        " FROM report_loyalty_day WHERE day <= :to" REP("rep_id"), NULL, 0},
    [RQB_LOYALTY_MONTHS] = {"SELECT 0, substr(day, 1, 7), sum(earned), sum(taken), sum(redeemed),"
        " sum(restored),"
        " sum(expired), sum(adjusted), sum(available), sum(pending) FROM report_loyalty_day"
        " WHERE day BETWEEN :from AND :to" REP("rep_id") " GROUP BY 2 ORDER BY 2", NULL, 1},
    /* RQB_RETURN_PRODUCTS: return_products_read */
    [RQB_RETURN_REASONS] = {"SELECT 0, reason, sum(units), sum(refund) FROM" RETURN_REASON_PARTS
        " WHERE 1" REP("rep_id") " GROUP BY reason HAVING sum(units) > 0 ORDER BY sum(units) DESC, reason",
        NULL, 1},
    [RQB_RETURN_MONTHS] = {"SELECT 0, month, sum(units), sum(refund) FROM" RETURN_REASON_PARTS
        " WHERE 1" REP("rep_id") " GROUP BY month ORDER BY month", NULL, 1},
    [RQB_REFUND_MONTHS] = {"SELECT 0, month, sum(returns), sum(refunds), sum(refunded) FROM" REFUND_PARTS
        " WHERE 1" REP("rep_id") " GROUP BY month ORDER BY month", NULL, 1},
    [RQB_SOLD_MONTHS] = {"SELECT 0, month, sum(units) FROM (SELECT month, units FROM report_category_month"
        " WHERE" WHOLE " UNION ALL SELECT substr(day, 1, 7), units FROM report_category_day"
        " WHERE" PART_DAYS("day") ")"
        " GROUP BY month ORDER BY month",
        "SELECT 0, month, sum(units) FROM (SELECT month, units FROM report_category_rep_month"
        " WHERE" WHOLE " AND rep_id = :rep UNION ALL"
        PART_REP_DAY_ROWS("substr(day, 1, 7), units", "report_category_rep_day")
        ") GROUP BY month ORDER BY month", 1},
};

#define ORDER_IDS_TAIL " ORDER BY 1 DESC LIMIT :limit"
static const char *const order_ids_sql[] = {
    [ROI_DELIVERED] = "SELECT id FROM orders WHERE delivered_day BETWEEN :from AND :to"
        " AND first_promised_date IS NOT NULL" REP("rep_id") " AND (:account = 0 OR account_id = :account)"
        " AND id < :before" ORDER_IDS_TAIL,
    [ROI_PROMOTION] = "SELECT u.order_id FROM promotion_uses u JOIN orders o ON o.id = u.order_id"
        " WHERE u.promotion_id = :ref AND u.released_at IS NULL AND u.day BETWEEN :from AND :to"
        REP("o.rep_id")
        " AND u.order_id < :before" ORDER_IDS_TAIL,
    [ROI_RETURNS] = "SELECT DISTINCT r.order_id FROM returns r JOIN orders o ON o.id = r.order_id"
        " WHERE r.requested_day BETWEEN :from AND :to AND r.status <> 'rejected'" REP("o.rep_id")
        " AND r.order_id < :before AND (:reason = '' OR EXISTS (SELECT 1 FROM return_lines rl"
        "     WHERE rl.return_id = r.id AND rl.charge = 0 AND rl.released = 0 AND rl.reason = :reason))"
        ORDER_IDS_TAIL,
};
/* A product's returns: from its lines (order_lines_product), not every return. */
static const char product_returns_sql[] =
    "SELECT DISTINCT r.order_id FROM order_lines l JOIN return_lines rl ON rl.order_line_id = l.id"
    " JOIN returns r ON r.id = rl.return_id JOIN orders o ON o.id = r.order_id"
    " WHERE l.product_id = :ref AND rl.charge = 0 AND rl.released = 0"
    " AND (:reason = '' OR rl.reason = :reason)"
    " AND r.requested_day BETWEEN :from AND :to AND r.status <> 'rejected'" REP("o.rep_id")
    " AND r.order_id < :before" ORDER_IDS_TAIL;
/* clang-format on */

/* ------------------------------------------------------ returned products */

static int sum_by_id(const void *pa, const void *pb)
{
    const struct report_sum *a = pa, *b = pb;
    return (a->id > b->id) - (a->id < b->id);
}

/* The most units first, then by product id. */
static int sum_by_units(const void *pa, const void *pb)
{
    const struct report_sum *a = pa, *b = pb;
    if (a->v[0] != b->v[0])
        return a->v[0] > b->v[0] ? -1 : 1;
    return sum_by_id(pa, pb);
}

/* A listed product's sku, name and the units sold in the window's months. */
static int return_product_row(struct db *db, const struct report_window *w, struct report_raw *r,
                              struct err *e)
{
    static const char name_sql[] = "SELECT sku, name FROM products WHERE id = ?";
    /* the whole months from their rows, the partial days from the product's lines */
    static const char sold_sql[] =
        MONTH_LIST "SELECT coalesce((SELECT sum(units) FROM report_product_month"
                   " WHERE month IN (SELECT m FROM months) AND product_id = :product), 0)"
                   " + coalesce((SELECT sum(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                   " WHERE l.product_id = :product AND l.kind = 'goods' AND o.status <> 'cancelled'"
                   " AND" PART_DAYS(ORDER_DAY("o")) "), 0)";
    static const char rep_sold_sql[] =
        MONTH_LIST "SELECT coalesce((SELECT sum(units) FROM report_product_rep_month"
                   " WHERE month IN (SELECT m FROM months) AND rep_id = :rep AND product_id = :product), 0)"
                   " + coalesce((SELECT sum(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                   " WHERE l.product_id = :product AND l.kind = 'goods' AND o.status <> 'cancelled'"
                   " AND o.rep_id = :rep AND" PART_DAYS(ORDER_DAY("o")) "), 0)";
    DB_PREPARE_OR_RETURN(n, name_sql);
    sqlite3_bind_int64(n, 1, r->id);
    int rc = sqlite3_step(n);
    if (rc == SQLITE_ROW) {
        db_column_copy(n, 0, r->text[0], sizeof r->text[0]);
        db_column_copy(n, 1, r->text[1], sizeof r->text[1]);
        rc = sqlite3_step(n);
    }
    if ((rc = db_step_done(db, n, rc, e, "reading a report")) != ERR_OK)
        return rc;
    DB_PREPARE_OR_RETURN(s, w->rep_id != 0 ? rep_sold_sql : sold_sql);
    report_store_bind_parts(s, w);
    sqlite3_bind_int64(s, db_param_if(s, ":rep"), w->rep_id);
    sqlite3_bind_int64(s, db_param(s, ":product"), r->id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->num[3] = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "reading a report");
}

/* The products returned in the window, the most units first (then by id):
 * the return rows of its months summed by product in C, then each listed
 * one's row. One statement grouped, counted and ranked them through three
 * temporary b-trees: 290 M instructions for the 31,000 rows of twelve
 * months of the large demo, against a fifth of that here. */
static int return_products_read(struct db *db, const struct report_window *w, struct rows *out, struct err *e)
{
    static const char sql[] =
        "SELECT product_id, units, refund FROM report_return_month"
        " WHERE" WHOLE REP("rep_id") " UNION ALL SELECT product_id, units, refund"
                                     " FROM report_return_line_facts WHERE" PART_RETURNS REP("rep_id");
    rows_reset(out, sizeof(struct report_raw));
    struct rows sums = {0};
    rows_reset(&sums, sizeof(struct report_sum));
    DB_PREPARE_OR_RETURN(s, sql);
    report_store_bind_parts(s, w);
    sqlite3_bind_int64(s, db_param(s, ":rep"), w->rep_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct report_sum *r = rows_add(&sums);
        r->id = sqlite3_column_int64(s, 0);
        r->v[0] = sqlite3_column_int64(s, 1);
        r->v[1] = sqlite3_column_int64(s, 2);
    }
    rc = db_step_done(db, s, rc, e, "reading a report");
    /* one row a product, those with units returned (HAVING sum(units) > 0) */
    struct report_sum *r = sums.items;
    if (sums.n > 1) /* qsort is never given the NULL of no rows */
        qsort(r, (size_t)sums.n, sizeof *r, sum_by_id);
    int n = 0;
    for (int i = 0; i < sums.n; i++) {
        if (n > 0 && r[n - 1].id == r[i].id) {
            r[n - 1].v[0] += r[i].v[0];
            r[n - 1].v[1] += r[i].v[1];
        } else
            r[n++] = r[i];
    }
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (r[i].v[0] > 0)
            r[kept++] = r[i];
    if (kept > 1)
        qsort(r, (size_t)kept, sizeof *r, sum_by_units);
    for (int i = 0; rc == ERR_OK && i < kept && (w->limit <= 0 || i < w->limit); i++) {
        struct report_raw *row = rows_add(out);
        row->id = r[i].id;
        row->num[0] = r[i].v[0];
        row->num[1] = r[i].v[1];
        row->num[2] = kept;
        rc = return_product_row(db, w, row, e);
    }
    rows_free(&sums);
    return rc;
}

int report_b2c_store_read(struct db *db, enum report_b2c_read k, const struct report_window *w,
                          struct rows *out, struct err *e)
{
    if (k == RQB_RETURN_PRODUCTS)
        return return_products_read(db, w, out, e);
    const struct b2c_sql *q = &queries[k];
    const char *sql = w->rep_id != 0 && q->rep_sql != NULL ? q->rep_sql : q->sql;
    return report_store_read_sql(db, sql, q->texts, w, out, e);
}

int report_b2c_store_order_ids(struct db *db, enum report_order_ids k, const struct report_window *w,
                               int64_t ref_id, const char *reason, int64_t before_id, int64_t *ids, int max,
                               int *count, struct err *e)
{
    *count = 0;
    const char *sql = k == ROI_RETURNS && ref_id != 0 ? product_returns_sql : order_ids_sql[k];
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, db_param(s, ":from"), w->from);
    db_bind_text(s, db_param(s, ":to"), w->to);
    sqlite3_bind_int64(s, db_param(s, ":rep"), w->rep_id);
    sqlite3_bind_int64(s, db_param_if(s, ":account"), w->account_id);
    sqlite3_bind_int64(s, db_param_if(s, ":ref"), ref_id);
    db_bind_text(s, db_param_if(s, ":reason"), reason ? reason : "");
    sqlite3_bind_int64(s, db_param(s, ":before"), before_id > 0 ? before_id : INT64_MAX);
    sqlite3_bind_int(s, db_param(s, ":limit"), max);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *count < max)
        ids[(*count)++] = sqlite3_column_int64(s, 0);
    return db_step_done(db, s, rc == SQLITE_ROW ? SQLITE_DONE : rc, e, "finding a report's orders");
}

/* ------------------------------------------------------------------ check */

/* Each table against its view "<table>_expected", both ways; rows of the
 * table that are all zeros (what a release or a rep's move leaves) are no
 * difference. */
static const struct {
    const char *table;
    const char *sql;
} checks[] = {
#define CHECK_SQL(t, nonzero)                                                                                \
    "SELECT (SELECT count(*) FROM (SELECT * FROM " t " WHERE " nonzero " EXCEPT SELECT * FROM " t            \
    "_expected)) +"                                                                                          \
    " (SELECT count(*) FROM (SELECT * FROM " t "_expected EXCEPT SELECT * FROM " t "))"
    {"report_promotion_day", CHECK_SQL("report_promotion_day", "(uses, discount, order_net) <> (0, 0, 0)")},
    {"report_loyalty_day",
     CHECK_SQL("report_loyalty_day",
               "(earned, taken, redeemed, restored, expired, adjusted, available, pending)"
               " <> (0, 0, 0, 0, 0, 0, 0, 0)")},
    {"report_return_month", CHECK_SQL("report_return_month", "(units, refund) <> (0, 0)")},
    {"report_return_reason_month", CHECK_SQL("report_return_reason_month", "(units, refund) <> (0, 0)")},
    {"report_refund_month",
     CHECK_SQL("report_refund_month", "(returns, refunds, refunded, refunded_tax) <> (0, 0, 0, 0)")},
#undef CHECK_SQL
};

/* Whether a table and its view are there (a database before 0019, or after
 * someone dropped them, says so instead of failing the whole check). */
static int check_present(struct db *db, const char *table, bool *present, struct err *e)
{
    static const char sql[] = "SELECT count(*) FROM sqlite_schema WHERE name IN (?1, ?1 || '_expected')";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, table);
    int rc = sqlite3_step(s);
    *present = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 2;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "checking the reports' tables");
}

int report_b2c_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        bool present = false;
        int found = check_present(db, checks[i].table, &present, e);
        if (found != ERR_OK)
            return found;
        if (!present) {
            strbuf_addf(report, "%s: missing, or its view: migration 0019_reports_b2c was not applied\n",
                        checks[i].table);
            (*problems)++;
            continue;
        }
        DB_PREPARE_OR_RETURN(s, checks[i].sql);
        int rc = sqlite3_step(s);
        int64_t differ = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        if (rc == SQLITE_ROW)
            rc = sqlite3_step(s);
        if ((rc = db_step_done(db, s, rc, e, "checking the reports' tables")) != ERR_OK)
            return rc;
        if (differ > 0) {
            strbuf_addf(report,
                        "%s: differs from its recomputation from the promotion uses, points ledger and "
                        "returns (%lld rows apart)\n",
                        checks[i].table, (long long)differ);
            (*problems)++;
        }
    }
    return ERR_OK;
}
