/* The reports' SQL: sums over the summary tables of 0017 within a window,
 * the open quotes, and the check of every summary table (see the header). */
#include <stdio.h>
#include <string.h>

#include "db/db_private.h"
#include "db/report_store.h"

/* clang-format off */
#define WHO(rep, account) " AND (:rep = 0 OR " rep " = :rep) AND (:account = 0 OR " account " = :account)"
#define MONTHS " month BETWEEN :from_month AND :to_month"
#define OPEN_QUOTES "('draft', 'pending', 'approved', 'sent')"
#define STATUS_RANK \
    "CASE q.status WHEN 'draft' THEN 0 WHEN 'pending' THEN 1 WHEN 'approved' THEN 2 ELSE 3 END"
#define WIN_SUMS \
    "sum(decided), sum(accepted), sum(rejected), sum(expired), sum(cancelled), sum(accept_seconds)"
#define DISCOUNT_SUMS "sum(decided), sum(discount_bp_sum), max(discount_bp_max), sum(needed_approval)"
#define QUOTE_ROW "SELECT q.id, q.number, coalesce(a.name, ''), q.status, coalesce(u.login, ''), r.subtotal" \
    " FROM quotes q JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision" \
    " LEFT JOIN accounts a ON a.id = q.account_id LEFT JOIN users u ON u.id = q.owner_id"
/* A ranked list: the rows of s (a query of its own) whose key reaches the
 * :limit-th largest, then ordered (order: key DESC first) and cut, with the
 * count of every row of s. Only the rows that may be shown are joined. */
#define TOP(s, key, cols, join, order) TOP_OF("", s, key, cols, join, order)
/* s read again each time (a range in key order) rather than copied once */
#define TOP_SCAN(s, key, cols, join, order) TOP_OF("NOT MATERIALIZED ", s, key, cols, join, order)
#define TOP_OF(how, s, key, cols, join, order) \
    "WITH s AS " how "(" s ")," \
    " cut AS (SELECT " key " AS v FROM s ORDER BY v DESC LIMIT 1 OFFSET :limit - 1)" \
    " SELECT " cols ", (SELECT count(*) FROM s) FROM s " join \
    " WHERE :limit < 0 OR NOT EXISTS (SELECT 1 FROM cut) OR " key " >= (SELECT v FROM cut)" \
    " ORDER BY " order " LIMIT :limit"
#define PRODUCT_TOP(s, key) PRODUCT_TOP_OF(TOP, s, key)
#define PRODUCT_TOP_OF(top, s, key) \
    top(s, key, "s.product_id, p.sku, p.name, s.units, s.net, s.cost", \
        "JOIN products p ON p.id = s.product_id", \
        key " DESC, p.sku")
#define NET "s.net"
#define MARGIN "s.net - s.cost"
/* Everyone's products by month (no account: a manager's list reads none). */
#define PRODUCT_MONTHS \
    "SELECT product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost" \
    " FROM report_product_month WHERE" MONTHS " GROUP BY product_id"
/* A rep's own products for one account: their orders' lines, read directly. */
#define REP_LINES \
    " FROM order_lines l JOIN orders o ON o.id = l.order_id" \
    " WHERE o.rep_id = :rep AND o.status <> 'cancelled' AND l.kind = 'goods'" \
    " AND o.placed_day BETWEEN :from_month || '-01' AND :to_month || '-31'" \
    " AND (:account = 0 OR o.account_id = :account)"
#define REP_PRODUCT_LINES \
    "SELECT l.product_id, sum(l.quantity) AS units, sum(l.net_amount) AS net," \
    " sum(l.unit_cost * l.quantity) AS cost" REP_LINES " AND l.product_id IS NOT NULL GROUP BY l.product_id"
/* A rep's products by month (0018). A rep's rows a cancellation left at zero
 * are no product of theirs (a live line has units). */
#define REP_PRODUCT_MONTHS \
    "SELECT product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost" \
    " FROM report_product_rep_month WHERE" MONTHS " AND rep_id = :rep" \
    " GROUP BY product_id HAVING sum(units) <> 0"
/* By whole years (0018): rep 0 holds everyone's. One year reads in order. */
#define YEAR " year = substr(:from_month, 1, 4)"
#define YEARS " year BETWEEN substr(:from_month, 1, 4) AND substr(:to_month, 1, 4)"
#define PRODUCT_YEAR \
    "SELECT product_id, units, net, cost FROM report_product_year" \
    " WHERE" YEAR " AND rep_id = :rep AND (:rep = 0 OR units <> 0)"
#define PRODUCT_YEARS \
    "SELECT product_id, sum(units) AS units, sum(net) AS net, sum(cost) AS cost FROM report_product_year" \
    " WHERE" YEARS " AND rep_id = :rep GROUP BY product_id HAVING :rep = 0 OR sum(units) <> 0"
#define QUOTE_MONTHS(t) " FROM " t " m LEFT JOIN users u ON u.id = m.rep_id WHERE" MONTHS
#define DISCOUNT_KEY "s.bp_sum * 1.0 / s.decided"
#define DISCOUNT_ACCOUNTS(from, when) \
    TOP("SELECT account_id, sum(decided) AS decided, sum(discount_bp_sum) AS bp_sum," \
        " max(discount_bp_max) AS bp_max, sum(needed_approval) AS needed FROM " from \
        " WHERE" when WHO("rep_id", "account_id") " GROUP BY account_id HAVING sum(decided) > 0", \
        DISCOUNT_KEY, "s.account_id, coalesce(a.code, ''), coalesce(a.name, ''), s.decided, s.bp_sum," \
        " s.bp_max," \
        " s.needed", "LEFT JOIN accounts a ON a.id = s.account_id", DISCOUNT_KEY " DESC, a.code")
/* The consumers first, then the most late (the key orders both at once). */
#define ONTIME_KEY "(s.account_id = 0) * 1000000000000 + s.delivered - s.on_time"
#define ONTIME_ACCOUNTS(from, when) \
    TOP("SELECT account_id, sum(delivered) AS delivered, sum(on_time) AS on_time FROM " from \
        " WHERE" when WHO("rep_id", "account_id") " GROUP BY account_id HAVING sum(delivered) > 0", \
        ONTIME_KEY, "s.account_id, CASE s.account_id WHEN 0 THEN '(B2C)' ELSE coalesce(a.code, '') END," \
        " CASE s.account_id WHEN 0 THEN 'consumers' ELSE coalesce(a.name, '') END, s.delivered, s.on_time", \
        "LEFT JOIN accounts a ON a.id = s.account_id", \
        "s.account_id <> 0, s.delivered - s.on_time DESC, a.code")

/* When a reading may take a faster form: every account (the rollups have
 * none), a rep's or everyone's, whole years (the months of those years
 * outside the range hold nothing) or one of them. */
enum report_need {
    NEED_NONE = 0,
    NEED_ALL_ACCOUNTS = 1,
    NEED_REP = 2,
    NEED_EVERYONE = 4,
    NEED_YEARS = 8,
    NEED_ONE_YEAR = 16
};

#define REPORT_FORMS 7

struct report_form {
    unsigned need; /* enum report_need, all of them */
    const char *sql;
};

/* Each query's forms, the first whose needs hold is read (the last needs
 * nothing); years_of names the monthly table NEED_YEARS looks at. */
struct report_sql {
    struct report_form forms[REPORT_FORMS];
    const char *years_of;
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
        " GROUP BY q.owner_id, q.status ORDER BY u.login, q.owner_id, " STATUS_RANK}}, NULL, 2},
    /* quotes_valid holds only the open quotes, by the day they expire */
    [RQ_EXPIRING] = {{{NEED_NONE, "SELECT q.id, q.number, coalesce(a.name, ''), coalesce(u.login, ''),"
        " q.valid_until, r.subtotal, count(*) OVER ()"
        " FROM quotes q INDEXED BY quotes_valid"
        " JOIN quote_revisions r ON r.quote_id = q.id AND r.number = q.revision"
        " LEFT JOIN accounts a ON a.id = q.account_id LEFT JOIN users u ON u.id = q.owner_id"
        " WHERE q.status IN " OPEN_QUOTES " AND q.valid_until BETWEEN :today AND date(:today, '+7 days')"
        WHO("q.owner_id", "q.account_id") " ORDER BY q.valid_until, q.number LIMIT :limit"}}, NULL, 4},
    [RQ_WIN_MONTH] = {{{NEED_ALL_ACCOUNTS, "SELECT 0, month, " WIN_SUMS " FROM report_quote_rep_month WHERE"
        MONTHS " AND (:rep = 0 OR rep_id = :rep) GROUP BY month HAVING sum(decided) > 0 ORDER BY month"},
        {NEED_NONE, "SELECT 0, month, " WIN_SUMS " FROM report_quote_month WHERE" MONTHS
        WHO("rep_id", "account_id") " GROUP BY month HAVING sum(decided) > 0 ORDER BY month"}}, NULL, 1},
    [RQ_WIN_REP] = {{{NEED_ALL_ACCOUNTS, "SELECT m.rep_id, coalesce(u.login, ''), " WIN_SUMS
        QUOTE_MONTHS("report_quote_rep_month") " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"},
        {NEED_NONE, "SELECT m.rep_id, coalesce(u.login, ''), " WIN_SUMS QUOTE_MONTHS("report_quote_month")
        WHO("rep_id", "account_id") " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"}}, NULL, 1},
    [RQ_DISCOUNT_REP] = {{{NEED_ALL_ACCOUNTS, "SELECT m.rep_id, coalesce(u.login, ''), " DISCOUNT_SUMS
        QUOTE_MONTHS("report_quote_rep_month") " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"},
        {NEED_NONE, "SELECT m.rep_id, coalesce(u.login, ''), " DISCOUNT_SUMS
        QUOTE_MONTHS("report_quote_month")
        WHO("rep_id", "account_id") " GROUP BY m.rep_id HAVING sum(decided) > 0 ORDER BY u.login"}}, NULL, 1},
    [RQ_DISCOUNT_ACCOUNT] = {{{NEED_ONE_YEAR, DISCOUNT_ACCOUNTS("report_quote_year", YEAR)},
        {NEED_YEARS, DISCOUNT_ACCOUNTS("report_quote_year", YEARS)},
        {NEED_NONE, DISCOUNT_ACCOUNTS("report_quote_month", MONTHS)}}, "report_quote_month", 2},
    [RQ_APPROVERS] = {{{NEED_NONE, "SELECT m.approver_id, coalesce(u.login, ''), sum(approved),"
        " sum(rejected),"
        " sum(wait_seconds), max(wait_max) FROM report_approval_month m"
        " LEFT JOIN users u ON u.id = m.approver_id WHERE" MONTHS " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY m.approver_id ORDER BY u.login"}}, NULL, 1},
    [RQ_CHANNEL_MONTH] = {{{NEED_NONE, "SELECT 0, substr(day, 1, 7), channel, sum(orders),"
        " sum(cancelled_orders), sum(net - cancelled_net - refunded_net) FROM report_sales_day"
        " WHERE day BETWEEN :from AND :to AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY 2, 3 ORDER BY 2, 3"}}, NULL, 2},
    /* everyone's products read no account (the monthly form below neither) */
    [RQ_PRODUCTS_REVENUE] = {{{NEED_ONE_YEAR | NEED_EVERYONE, PRODUCT_TOP_OF(TOP_SCAN, PRODUCT_YEAR, NET)},
        {NEED_ONE_YEAR | NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP_OF(TOP_SCAN, PRODUCT_YEAR, NET)},
        {NEED_YEARS | NEED_EVERYONE, PRODUCT_TOP(PRODUCT_YEARS, NET)},
        {NEED_YEARS | NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP(PRODUCT_YEARS, NET)},
        {NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP(REP_PRODUCT_MONTHS, NET)},
        {NEED_REP, PRODUCT_TOP(REP_PRODUCT_LINES, NET)},
        {NEED_NONE, PRODUCT_TOP(PRODUCT_MONTHS, NET)}}, "report_product_month", 2},
    [RQ_PRODUCTS_MARGIN] = {{{NEED_ONE_YEAR | NEED_EVERYONE, PRODUCT_TOP_OF(TOP_SCAN, PRODUCT_YEAR, MARGIN)},
        {NEED_ONE_YEAR | NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP_OF(TOP_SCAN, PRODUCT_YEAR, MARGIN)},
        {NEED_YEARS | NEED_EVERYONE, PRODUCT_TOP(PRODUCT_YEARS, MARGIN)},
        {NEED_YEARS | NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP(PRODUCT_YEARS, MARGIN)},
        {NEED_REP | NEED_ALL_ACCOUNTS, PRODUCT_TOP(REP_PRODUCT_MONTHS, MARGIN)},
        {NEED_REP, PRODUCT_TOP(REP_PRODUCT_LINES, MARGIN)},
        {NEED_NONE, PRODUCT_TOP(PRODUCT_MONTHS, MARGIN)}}, "report_product_month", 2},
    [RQ_CATEGORIES] = {{{NEED_REP | NEED_ALL_ACCOUNTS, "SELECT 0, category, sum(units), sum(net), sum(cost)"
        " FROM report_category_rep_month WHERE" MONTHS " AND rep_id = :rep"
        " GROUP BY category HAVING sum(units) <> 0 ORDER BY sum(net) DESC, category"},
        {NEED_REP, "SELECT 0, l.category, sum(l.quantity), sum(l.net_amount), sum(l.unit_cost * l.quantity)"
        REP_LINES " GROUP BY l.category ORDER BY sum(l.net_amount) DESC, l.category"},
        {NEED_NONE, "SELECT 0, category, sum(units), sum(net), sum(cost) FROM report_category_month"
        " WHERE" MONTHS " GROUP BY category ORDER BY sum(net) DESC, category"}}, NULL, 1},
    /* one year: the products in stock from products_slow, each one's units
     * looked up, the page cut by units before their rows are read */
    [RQ_SLOW_MOVERS] = {{{NEED_ONE_YEAR, "WITH s AS (SELECT p.id, coalesce(y.units, 0) AS units"
        "       FROM products p INDEXED BY products_slow LEFT JOIN report_product_year y"
        "       ON y.year = substr(:from_month, 1, 4) AND y.rep_id = 0 AND y.product_id = p.id"
        "       WHERE p.active = 1 AND p.stock_on_hand > 0),"
        " cut AS (SELECT units AS v FROM s ORDER BY v LIMIT 1 OFFSET :limit - 1)"
        " SELECT p.id, p.sku, p.name, p.stock_on_hand, s.units, (SELECT count(*) FROM s)"
        " FROM s JOIN products p ON p.id = s.id"
        " WHERE :limit < 0 OR NOT EXISTS (SELECT 1 FROM cut) OR s.units <= (SELECT v FROM cut)"
        " ORDER BY s.units, p.stock_on_hand DESC, p.sku LIMIT :limit"},
        {NEED_NONE, "SELECT p.id, p.sku, p.name, p.stock_on_hand, coalesce(s.units, 0), count(*) OVER ()"
        " FROM products p LEFT JOIN (SELECT product_id, sum(units) AS units FROM report_product_month"
        "       WHERE" MONTHS " GROUP BY product_id) s ON s.product_id = p.id"
        " WHERE p.active = 1 AND p.stock_on_hand > 0"
        " ORDER BY coalesce(s.units, 0), p.stock_on_hand DESC, p.sku LIMIT :limit"}},
        "report_product_month", 2},
    [RQ_ONTIME_MONTH] = {{{NEED_ALL_ACCOUNTS, "SELECT 0, month, sum(delivered), sum(on_time)"
        " FROM report_ontime_rep_month WHERE" MONTHS " AND (:rep = 0 OR rep_id = :rep)"
        " GROUP BY month ORDER BY month"},
        {NEED_NONE, "SELECT 0, month, sum(delivered), sum(on_time) FROM report_ontime_month WHERE" MONTHS
        WHO("rep_id", "account_id") " GROUP BY month ORDER BY month"}}, NULL, 1},
    [RQ_ONTIME_ACCOUNT] = {{{NEED_ONE_YEAR, ONTIME_ACCOUNTS("report_ontime_year", YEAR)},
        {NEED_YEARS, ONTIME_ACCOUNTS("report_ontime_year", YEARS)},
        {NEED_NONE, ONTIME_ACCOUNTS("report_ontime_month", MONTHS)}}, "report_ontime_month", 2},
    [RQ_OPEN_QUOTES] = {{{NEED_NONE, QUOTE_ROW " WHERE q.status IN " OPEN_QUOTES
        " AND (:status = '' OR q.status = :status)"
        WHO("q.owner_id", "q.account_id") " ORDER BY q.number DESC LIMIT :limit"}}, NULL, 4},
    [RQ_DECIDED_QUOTES] = {{{NEED_NONE, QUOTE_ROW " WHERE q.id IN (SELECT e.quote_id FROM quote_events e"
        "       WHERE e.to_status IN ('accepted', 'rejected', 'expired', 'cancelled')"
        "       AND date(e.at, 'localtime') BETWEEN :from AND :to)" WHO("q.owner_id", "q.account_id")
        " ORDER BY q.number DESC LIMIT :limit"}}, NULL, 4},
};
/* clang-format on */

static void bind_window(sqlite3_stmt *s, const struct report_window *w, const char *status)
{
    db_bind_text(s, db_param_if(s, ":from"), w->from);
    db_bind_text(s, db_param_if(s, ":to"), w->to);
    db_bind_text(s, db_param_if(s, ":from_month"), w->from_month);
    db_bind_text(s, db_param_if(s, ":to_month"), w->to_month);
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

/* Whether the whole years around the window's months hold nothing in the
 * monthly table t outside those months: then the yearly tables answer. */
static int years_hold_only(struct db *db, const char *t, const struct report_window *w, bool *yes,
                           struct err *e)
{
    static const char *const sql[][2] = {
#define OUTSIDE(t)                                                                                           \
    {t, "SELECT EXISTS (SELECT 1 FROM " t " WHERE month >= substr(:from_month, 1, 4) || '-01'"               \
        " AND month < :from_month)"                                                                          \
        " OR EXISTS (SELECT 1 FROM " t                                                                       \
        " WHERE month > :to_month AND month <= substr(:to_month, 1, 4) || '-12')"}
        OUTSIDE("report_product_month"),
        OUTSIDE("report_quote_month"),
        OUTSIDE("report_ontime_month"),
#undef OUTSIDE
    };
    const char *q = NULL;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (strcmp(sql[i][0], t) == 0)
            q = sql[i][1];
    *yes = false;
    if (q == NULL)
        return ERR_OK;
    DB_PREPARE_OR_RETURN(s, q);
    bind_window(s, w, NULL);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *yes = sqlite3_column_int(s, 0) == 0;
        rc = sqlite3_step(s);
    }
    return db_step_done(db, s, rc, e, "reading a report");
}

/* Whether form f of q may answer for window w (*years: -1 not asked yet). */
static int form_fits(struct db *db, const struct report_sql *q, unsigned need, const struct report_window *w,
                     int *years, bool *fits, struct err *e)
{
    *fits = false;
    if (((need & NEED_ALL_ACCOUNTS) && w->account_id != 0) || ((need & NEED_REP) && w->rep_id == 0) ||
        ((need & NEED_EVERYONE) && w->rep_id != 0) ||
        ((need & NEED_ONE_YEAR) && strncmp(w->from_month, w->to_month, 4) != 0))
        return ERR_OK;
    if ((need & (NEED_YEARS | NEED_ONE_YEAR)) && *years < 0) {
        bool yes = false;
        int rc = years_hold_only(db, q->years_of, w, &yes, e);
        if (rc != ERR_OK)
            return rc;
        *years = yes;
    }
    *fits = !(need & (NEED_YEARS | NEED_ONE_YEAR)) || *years == 1;
    return ERR_OK;
}

int report_store_read(struct db *db, enum report_read k, const struct report_window *w, const char *status,
                      struct rows *out, struct err *e)
{
    const struct report_sql *q = &queries[k];
    int years = -1;
    for (int i = 0; i < REPORT_FORMS && q->forms[i].sql != NULL; i++) {
        rows_reset(out, sizeof(struct report_raw));
        bool fits = false;
        int rc = form_fits(db, q, q->forms[i].need, w, &years, &fits, e);
        if (rc != ERR_OK)
            return rc;
        if (!fits)
            continue;
        DB_PREPARE_OR_RETURN(s, q->forms[i].sql);
        bind_window(s, w, status);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            read_raw(s, q->texts, rows_add(out));
        return db_step_done(db, s, rc, e, "reading a report");
    }
    return err_set(e, ERR_INTERNAL, "report", "no form of the query fits");
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
} checks[] = {
#define CHECK_SQL(t, nonzero)                                                                                \
    "SELECT (SELECT count(*) FROM (SELECT * FROM " t " WHERE " nonzero " EXCEPT SELECT * FROM " t            \
    "_expected)) +"                                                                                          \
    " (SELECT count(*) FROM (SELECT * FROM " t "_expected EXCEPT SELECT * FROM " t "))"
    {"report_sales_day",
     CHECK_SQL("report_sales_day",
               "(orders, cancelled_orders, goods_net, charges_net, discount, net, tax, cost,"
               " cancelled_net, refunded_net, refunded_tax) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")},
    {"report_product_month", CHECK_SQL("report_product_month", "(units, net, cost) <> (0, 0, 0)")},
    {"report_category_month", CHECK_SQL("report_category_month", "(units, net, cost) <> (0, 0, 0)")},
    {"report_ontime_month", CHECK_SQL("report_ontime_month", "delivered <> 0")},
    {"report_quote_month", CHECK_SQL("report_quote_month", "1")},
    {"report_approval_month", CHECK_SQL("report_approval_month", "1")},
    {"report_quote_rep_month", CHECK_SQL("report_quote_rep_month", "1")},
    {"report_quote_year", CHECK_SQL("report_quote_year", "1")},
    {"report_ontime_rep_month", CHECK_SQL("report_ontime_rep_month", "delivered <> 0")},
    {"report_ontime_year", CHECK_SQL("report_ontime_year", "delivered <> 0")},
    {"report_open_quote_day", CHECK_SQL("report_open_quote_day", "(quotes, amount) <> (0, 0)")},
    {"report_product_rep_month", CHECK_SQL("report_product_rep_month", "(units, net, cost) <> (0, 0, 0)")},
    {"report_category_rep_month", CHECK_SQL("report_category_rep_month", "(units, net, cost) <> (0, 0, 0)")},
    {"report_product_year", CHECK_SQL("report_product_year", "(units, net, cost) <> (0, 0, 0)")},
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
        char sql[160];
        const char *forms[] = {"DELETE FROM %s", "INSERT INTO %s SELECT * FROM %s_expected"};
        for (size_t f = 0; f < 2; f++) {
            snprintf(sql, sizeof sql, forms[f], checks[i].table, checks[i].table);
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
