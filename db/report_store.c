/* The reports' SQL: sums over the summary tables of 0017 and 0018 within a
 * window, the open quotes, and the check of every summary table (see the
 * header); the ranked lists are db/report_ranked.c's. */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/report_parts.h"
#include "db/report_store.h"

/* clang-format off */
#define WHO(rep, account) " AND (:rep = 0 OR " rep " = :rep) AND (:account = 0 OR " account " = :account)"
#define OPEN_QUOTES "('draft', 'pending', 'approved', 'sent')"
#define STATUS_RANK \
    "CASE q.status WHEN 'draft' THEN 0 WHEN 'pending' THEN 1 WHEN 'approved' THEN 2 ELSE 3 END"
#define WIN_SUMS \
    "sum(decided), sum(accepted), sum(rejected), sum(expired), sum(cancelled), sum(accept_seconds)"
#define DISCOUNT_SUMS "sum(decided), sum(discount_bp_sum), max(discount_bp_max), sum(needed_approval)"
#define QUOTE_ROW "SELECT q.id, q.number, coalesce(a.name, ''), q.status, coalesce(u.login, ''), r.subtotal" \
    " FROM quotes q JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision" \
    " LEFT JOIN accounts a ON a.id = q.account_id LEFT JOIN users u ON u.id = q.owner_id"
/* A rep's own products for one account: their orders' lines, read directly. */
#define REP_LINES \
    " FROM order_lines l JOIN orders o ON o.id = l.order_id" \
    " WHERE o.rep_id = :rep AND o.status <> 'cancelled' AND l.kind = 'goods'" \
    " AND " ORDER_DAY("o") " BETWEEN :from AND :to" \
    " AND (:account = 0 OR o.account_id = :account)"
/* Quotes decided: a monthly table (its account column, or 0) and the
 * decisions of the partial days (report_quote_event_facts). */
#define QUOTE_PARTS(t, account) \
    " (SELECT month, rep_id, " account " AS account_id, decided, accepted, rejected, expired, cancelled," \
    "  accept_seconds, needed_approval, discount_bp_sum, discount_bp_max FROM " t " WHERE" WHOLE \
    "  UNION ALL SELECT month, rep_id, " account ", decided, accepted, rejected, expired, cancelled," \
    "  accept_seconds, needed_approval, discount_bp, discount_bp FROM report_quote_event_facts" \
    "  WHERE decided AND" PART_DECISIONS ")"
#define QUOTE_MONTHS(t, account) \
    " FROM" QUOTE_PARTS(t, account) " m LEFT JOIN users u ON u.id = m.rep_id WHERE 1"
/* Categories sold: a monthly table and the days (0024); a rep's from their
 * tables by month and by day (0025). */
#define CATEGORY_PARTS_ALL \
    " (SELECT category, units, net, cost FROM report_category_month WHERE" WHOLE \
    "  UNION ALL SELECT category, units, net, cost FROM report_category_day WHERE" PART_DAYS("day") ")"
#define CATEGORY_PARTS_REP \
    " (SELECT category, units, net, cost FROM report_category_rep_month WHERE" WHOLE " AND rep_id = :rep" \
    "  UNION ALL" PART_REP_DAY_ROWS("category, units, net, cost", "report_category_rep_day") ")"
/* Deliveries: a monthly table (its account column, or 0) and the orders
 * delivered on the partial days (orders_delivered). */
#define ONTIME_PARTS(t, account) \
    " (SELECT month, " account " AS account_id, rep_id, delivered, on_time FROM " t " WHERE" WHOLE \
    "  UNION ALL SELECT substr(delivered_day, 1, 7), " account ", coalesce(rep_id, 0), 1," \
    "  delivered_day <= first_promised_date FROM orders" \
    "  WHERE" PART_DAYS("delivered_day") " AND first_promised_date IS NOT NULL)"

/* When a reading may take a faster form: every account (the rollups have
 * none), a rep's own tables. */
enum report_need { NEED_NONE = 0, NEED_ALL_ACCOUNTS = 1, NEED_REP = 2 };

#define REPORT_FORMS 3

struct report_form {
    unsigned need; /* enum report_need, all of them */
    const char *sql;
};

/* Each query's forms, the first whose needs hold is read (the last needs
 * nothing). The ranked lists have none (db/report_ranked.c). */
struct report_sql {
    struct report_form forms[REPORT_FORMS];
    int texts;
};

static const struct report_sql queries[RQ_COUNT] = {
    [RQ_PIPELINE] = {{{NEED_ALL_ACCOUNTS, "SELECT t.rep_id, coalesce(u.login, ''), t.status,"
        " sum(CASE WHEN t.age <= 7 THEN t.quotes ELSE 0 END),"
        " sum(CASE WHEN t.age BETWEEN 8 AND 30 THEN t.quotes ELSE 0 END),"
        " sum(CASE WHEN t.age > 30 THEN t.quotes ELSE 0 END), sum(t.quotes), sum(t.amount)"
        " FROM (SELECT rep_id, status, quotes, amount,"
        "       CAST(julianday(:today) - julianday(day) AS INTEGER) AS age"
        "       FROM report_open_quote_day WHERE (:rep = 0 OR rep_id = :rep)"
        "       AND (:from = '' OR day BETWEEN :from AND :to)) t"
        " LEFT JOIN users u ON u.id = t.rep_id"
        " GROUP BY t.rep_id, t.status HAVING sum(t.quotes) <> 0"
        " ORDER BY u.login, t.rep_id, CASE t.status WHEN 'draft' THEN 0 WHEN 'pending' THEN 1"
        " WHEN 'approved' THEN 2 ELSE 3 END"},
        {NEED_NONE, "SELECT q.owner_id, coalesce(u.login, ''), q.status,"
        " sum(q.age <= 7), sum(q.age BETWEEN 8 AND 30), sum(q.age > 30), count(*), sum(r.subtotal)"
        " FROM (SELECT id, owner_id, status, revision,"
        "       CAST(julianday(:today) - julianday(date(created_at, 'localtime')) AS INTEGER) AS age"
        "       FROM quotes WHERE status IN " OPEN_QUOTES WHO("owner_id", "account_id")
        "       AND (:from = '' OR date(created_at, 'localtime') BETWEEN :from AND :to)) q"
        " JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision"
        " LEFT JOIN users u ON u.id = q.owner_id"
        " GROUP BY q.owner_id, q.status ORDER BY u.login, q.owner_id, " STATUS_RANK}}, 2},
    /* quotes_valid holds only the open quotes, by the day they expire; told,
     * as SQLite without statistics takes quotes_status (status IN …) and
     * reads every open quote: 66 ms instead of 15 on the large demo */
    [RQ_EXPIRING] = {{{NEED_NONE, "SELECT q.id, q.number, coalesce(a.name, ''), coalesce(u.login, ''),"
        " q.valid_until, r.subtotal, count(*) OVER ()"
        " FROM quotes q INDEXED BY quotes_valid"
        " JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision"
        " LEFT JOIN accounts a ON a.id = q.account_id LEFT JOIN users u ON u.id = q.owner_id"
        " WHERE q.status IN " OPEN_QUOTES " AND q.valid_until BETWEEN :today AND date(:today, '+7 days')"
        WHO("q.owner_id", "q.account_id") " ORDER BY q.valid_until, q.number LIMIT :limit"}}, 4},
    /* by month and rep at once: the days of a month read in part are read once */
    [RQ_WIN_MONTH_REP] = {{{NEED_ALL_ACCOUNTS, "SELECT m.rep_id, coalesce(u.login, ''), month, " WIN_SUMS
        QUOTE_MONTHS("report_quote_rep_month", "0") " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY month, m.rep_id HAVING sum(decided) > 0 ORDER BY month, u.login, m.rep_id"},
        {NEED_NONE, "SELECT m.rep_id, coalesce(u.login, ''), month, " WIN_SUMS
        QUOTE_MONTHS("report_quote_month", "account_id")
        WHO("rep_id", "account_id") " GROUP BY month, m.rep_id HAVING sum(decided) > 0"
        " ORDER BY month, u.login, m.rep_id"}}, 2},
    [RQ_DISCOUNT_REP] = {{{NEED_ALL_ACCOUNTS, "SELECT m.rep_id, coalesce(u.login, ''), " DISCOUNT_SUMS
        QUOTE_MONTHS("report_quote_rep_month", "0") " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"},
        {NEED_NONE, "SELECT m.rep_id, coalesce(u.login, ''), " DISCOUNT_SUMS
        QUOTE_MONTHS("report_quote_month", "account_id")
        WHO("rep_id", "account_id") " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"}}, 1},
    [RQ_DISCOUNT_DAYS] = {{{NEED_NONE, "SELECT f.rep_id, coalesce(u.login, ''), f.account_id, sum(decided),"
        " sum(discount_bp), max(discount_bp), sum(needed_approval)"
        " FROM (SELECT rep_id, account_id, decided, discount_bp, needed_approval"
        "       FROM report_quote_event_facts"
        "       WHERE decided AND" PART_DECISIONS ") f"
        " LEFT JOIN users u ON u.id = f.rep_id WHERE 1" WHO("f.rep_id", "f.account_id")
        " GROUP BY f.account_id, f.rep_id ORDER BY f.account_id"}}, 1},
    [RQ_APPROVERS] = {{{NEED_NONE, "SELECT m.approver_id, coalesce(u.login, ''), sum(approved),"
        " sum(rejected), sum(wait_seconds), max(wait_max)"
        " FROM (SELECT approver_id, rep_id, approved, rejected, wait_seconds, wait_max"
        "       FROM report_approval_month WHERE" WHOLE
        "       UNION ALL SELECT approver_id, rep_id, approved, rejected, wait_seconds, wait_seconds"
        "       FROM report_approval_facts"
        "       WHERE id IN (SELECT id FROM quote_approvals WHERE" PART_TIMES("at") ")) m"
        " LEFT JOIN users u ON u.id = m.approver_id WHERE (:rep = 0 OR rep_id = :rep)"
        " GROUP BY m.approver_id ORDER BY u.login"}}, 1},
    [RQ_CHANNEL_MONTH] = {{{NEED_NONE, "SELECT 0, substr(day, 1, 7), channel, sum(orders),"
        " sum(cancelled_orders), sum(net - cancelled_net - refunded_net) FROM report_sales_day"
        " WHERE day BETWEEN :from AND :to AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY 2, 3 ORDER BY 2, 3"}}, 2},
    [RQ_CATEGORIES] = {{{NEED_REP | NEED_ALL_ACCOUNTS, "SELECT 0, category, sum(units), sum(net), sum(cost)"
        " FROM" CATEGORY_PARTS_REP
        " GROUP BY category HAVING sum(units) <> 0 ORDER BY sum(net) DESC, category"},
        {NEED_REP, "SELECT 0, l.category, sum(l.quantity), sum(l.net_amount), sum(l.unit_cost * l.quantity)"
        REP_LINES " GROUP BY l.category ORDER BY sum(l.net_amount) DESC, l.category"},
        /* a category whose orders were all cancelled sold nothing (its
         * summary rows hold zeros until they are summed again) */
        {NEED_NONE, "SELECT 0, category, sum(units), sum(net), sum(cost) FROM" CATEGORY_PARTS_ALL
        " GROUP BY category HAVING sum(units) <> 0 ORDER BY sum(net) DESC, category"}}, 1},
    [RQ_ONTIME_MONTH] = {{{NEED_ALL_ACCOUNTS, "SELECT 0, month, sum(delivered), sum(on_time)"
        " FROM" ONTIME_PARTS("report_ontime_rep_month", "0") " WHERE (:rep = 0 OR rep_id = :rep)"
        " GROUP BY month ORDER BY month"},
        {NEED_NONE, "SELECT 0, month, sum(delivered), sum(on_time) FROM"
        ONTIME_PARTS("report_ontime_month", "coalesce(account_id, 0)")
        " WHERE 1" WHO("rep_id", "account_id") " GROUP BY month ORDER BY month"}}, 1},
    [RQ_OPEN_QUOTES] = {{{NEED_NONE, QUOTE_ROW " WHERE q.status IN " OPEN_QUOTES
        " AND (:status = '' OR q.status = :status)"
        WHO("q.owner_id", "q.account_id") " ORDER BY q.number DESC LIMIT :limit"}}, 4},
    /* the decision that stands, as the win rate counts it (0023): no later
     * change of status (an order made of the quote is none) */
    [RQ_DECIDED_QUOTES] = {{{NEED_NONE, QUOTE_ROW " WHERE q.id IN (SELECT e.quote_id FROM quote_events e"
        "       WHERE e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled')"
        "       AND date(e.at, 'localtime') BETWEEN :from AND :to"
        "       AND NOT EXISTS (SELECT 1 FROM quote_events d WHERE d.quote_id = e.quote_id AND d.id > e.id"
        "                       AND d.to_status NOT IN ('', 'ordered')))" WHO("q.owner_id", "q.account_id")
        " ORDER BY q.number DESC LIMIT :limit"}}, 4},
};
/* clang-format on */

void report_store_bind_parts(sqlite3_stmt *s, const struct report_window *w)
{
    db_bind_text(s, db_param_if(s, ":whole_from"), w->whole_from);
    db_bind_text(s, db_param_if(s, ":whole_to"), w->whole_to);
    db_bind_text(s, db_param_if(s, ":head_from"), w->head_from);
    db_bind_text(s, db_param_if(s, ":head_to"), w->head_to);
    db_bind_text(s, db_param_if(s, ":tail_from"), w->tail_from);
    db_bind_text(s, db_param_if(s, ":tail_to"), w->tail_to);
}

static void bind_window(sqlite3_stmt *s, const struct report_window *w, const char *status)
{
    db_bind_text(s, db_param_if(s, ":from"), w->from);
    db_bind_text(s, db_param_if(s, ":to"), w->to);
    db_bind_text(s, db_param_if(s, ":from_month"), w->from_month);
    db_bind_text(s, db_param_if(s, ":to_month"), w->to_month);
    report_store_bind_parts(s, w);
    db_bind_text(s, db_param_if(s, ":today"), w->today);
    db_bind_text(s, db_param_if(s, ":status"), status ? status : "");
    sqlite3_bind_int64(s, db_param_if(s, ":rep"), w->rep_id);
    sqlite3_bind_int64(s, db_param_if(s, ":account"), w->account_id);
    sqlite3_bind_int(s, db_param_if(s, ":limit"), w->limit > 0 ? w->limit : -1);
}

static void read_raw(sqlite3_stmt *s, int texts, struct report_raw *r)
{
    int ncols = sqlite3_column_count(s);
    r->id = sqlite3_column_int64(s, 0);
    for (int c = 1; c < ncols; c++) {
        if (c <= texts && c - 1 < REPORT_RAW_TEXTS)
            db_column_copy(s, c, r->text[c - 1], sizeof r->text[0]);
        else if (c - 1 - texts < REPORT_RAW_NUMS)
            r->num[c - 1 - texts] = sqlite3_column_int64(s, c);
    }
}

/* Whether a form needing need may answer for window w. */
static bool form_fits(unsigned need, const struct report_window *w)
{
    return !((need & NEED_ALL_ACCOUNTS) && w->account_id != 0) && !((need & NEED_REP) && w->rep_id == 0);
}

int report_store_read(struct db *db, enum report_read k, const struct report_window *w, const char *status,
                      struct rows *out, struct err *e)
{
    const struct report_sql *q = &queries[k];
    rows_reset(out, sizeof(struct report_raw));
    for (int i = 0; i < REPORT_FORMS && q->forms[i].sql != NULL; i++) {
        if (!form_fits(q->forms[i].need, w))
            continue;
        DB_PREPARE_OR_RETURN(s, q->forms[i].sql);
        bind_window(s, w, status);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            read_raw(s, q->texts, rows_add(out));
        return db_step_done(db, s, rc, e, "reading a report");
    }
    return err_set(e, ERR_INTERNAL, "report", "no form of the query fits (a ranked list: report_store_rank)");
}

/* One reading of another store's reports (db/report_b2c_store.c) through
 * the same window binding and row shape. */
int report_store_read_sql(struct db *db, const char *sql, int texts, const struct report_window *w,
                          struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct report_raw));
    DB_PREPARE_OR_RETURN(s, sql);
    bind_window(s, w, NULL);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        read_raw(s, texts, rows_add(out));
    return db_step_done(db, s, rc, e, "reading a report");
}

int report_store_user_id(struct db *db, const char *login, int64_t *id, struct err *e)
{
    static const char sql[] = "SELECT id FROM users WHERE login = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, login);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return err_set(e, ERR_NOTFOUND, "rep", "no user '%s'", login);
    }
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "finding a user");
}

/* ------------------------------------------------------------------ check */

/* Each summary table against its view "<table>_expected": rows of the table
 * that are all zeros (what a cancellation leaves) are no difference. */
static const struct {
    const char *table;
    const char *sql;
    const char *rebuild_from; /* NULL: the table's _expected view */
} checks[] = {
#define CHECK_SQL(t, nonzero)                                                                                \
    "SELECT (SELECT count(*) FROM (SELECT * FROM " t " WHERE " nonzero " EXCEPT SELECT * FROM " t            \
    "_expected)) +"                                                                                          \
    " (SELECT count(*) FROM (SELECT * FROM " t "_expected EXCEPT SELECT * FROM " t "))"
#define NONZERO_MONTHS(c)                                                                                    \
    "(" c "_01, " c "_02, " c "_03, " c "_04, " c "_05, " c "_06, " c "_07, " c "_08, " c "_09, " c          \
    "_10, " c "_11, " c "_12) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"
    {"report_sales_day",
     CHECK_SQL("report_sales_day",
               "(orders, cancelled_orders, goods_net, charges_net, discount, net, tax, cost,"
               " cancelled_net, refunded_net, refunded_tax) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)"),
     NULL},
    {"report_product_month", CHECK_SQL("report_product_month", "(units, net, cost) <> (0, 0, 0)"), NULL},
    {"report_category_month", CHECK_SQL("report_category_month", "(units, net, cost) <> (0, 0, 0)"), NULL},
    {"report_ontime_month", CHECK_SQL("report_ontime_month", "delivered <> 0"), NULL},
    {"report_quote_month", CHECK_SQL("report_quote_month", "1"), NULL},
    {"report_approval_month", CHECK_SQL("report_approval_month", "1"), NULL},
    {"report_quote_rep_month", CHECK_SQL("report_quote_rep_month", "1"), NULL},
    {"report_ontime_rep_month", CHECK_SQL("report_ontime_rep_month", "delivered <> 0"), NULL},
    {"report_open_quote_day", CHECK_SQL("report_open_quote_day", "(quotes, amount) <> (0, 0)"), NULL},
    {"report_product_rep_month", CHECK_SQL("report_product_rep_month", "(units, net, cost) <> (0, 0, 0)"),
     NULL},
    {"report_category_rep_month", CHECK_SQL("report_category_rep_month", "(units, net, cost) <> (0, 0, 0)"),
     NULL},
    /* by day (0024) */
    {"report_product_day", CHECK_SQL("report_product_day", "(units, net, cost) <> (0, 0, 0)"), NULL},
    {"report_category_day", CHECK_SQL("report_category_day", "(units, net, cost) <> (0, 0, 0)"), NULL},
    /* by rep and day (0025) */
    {"report_product_rep_day", CHECK_SQL("report_product_rep_day", "(units, net, cost) <> (0, 0, 0)"), NULL},
    {"report_category_rep_day", CHECK_SQL("report_category_rep_day", "(units, net, cost) <> (0, 0, 0)"),
     NULL},
    /* year to date (0022): rebuilt from the months above once they are (the
     * _from_months views; their _expected recompute those months first) */
    {"report_product_ytd",
     CHECK_SQL("report_product_ytd",
               NONZERO_MONTHS("units") " OR " NONZERO_MONTHS("net") " OR " NONZERO_MONTHS("cost")),
     "report_product_ytd_from_months"},
    {"report_quote_ytd", CHECK_SQL("report_quote_ytd", "1"), "report_quote_ytd_from_months"},
    {"report_ontime_ytd", CHECK_SQL("report_ontime_ytd", NONZERO_MONTHS("delivered")),
     "report_ontime_ytd_from_months"},
#undef NONZERO_MONTHS
#undef CHECK_SQL
};

int report_store_check(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        DB_PREPARE_OR_RETURN(s, checks[i].sql);
        int rc = sqlite3_step(s);
        int64_t differ = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        if (rc == SQLITE_ROW)
            rc = sqlite3_step(s);
        if ((rc = db_step_done(db, s, rc, e, "checking the reports' tables")) != ERR_OK)
            return rc;
        if (differ > 0) {
            strbuf_addf(report,
                        "%s: differs from its recomputation from the orders and quotes (%lld rows apart)\n",
                        checks[i].table, (long long)differ);
            (*problems)++;
        }
    }
    return ERR_OK;
}

/* ---------------------------------------------------------------- rebuild */

int report_store_rebuild(struct db *db, struct err *e)
{
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        /* The table names are the constants above, never text from a user. */
        char sql[160], from[80];
        snprintf(from, sizeof from, "%s%s", checks[i].rebuild_from ? checks[i].rebuild_from : checks[i].table,
                 checks[i].rebuild_from ? "" : "_expected");
        const char *forms[] = {"DELETE FROM %s", "INSERT INTO %s SELECT * FROM %s"};
        for (size_t f = 0; f < 2; f++) {
            snprintf(sql, sizeof sql, forms[f], checks[i].table, from);
            sqlite3_stmt *s = NULL;
            if (sqlite3_prepare_v2(db->handle, sql, -1, &s, NULL) != SQLITE_OK)
                return db_fail(db, e, "rebuilding the reports' tables");
            int rc = sqlite3_step(s);
            sqlite3_finalize(s);
            if (rc != SQLITE_DONE)
                return db_fail(db, e, "rebuilding the reports' tables");
        }
    }
    return ERR_OK;
}
