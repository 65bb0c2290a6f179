/* The reports' ranked lists (issue 15, 0022): every id's figures over a
 * window of months, summed from the year-to-date rows of each year the
 * window touches, then ranked as the reports list them.
 *
 * SQL reads, C merges and ranks. Each year's rows come in id order (the
 * key of their table), so the years merge without a sort, and one reading
 * serves every list of a report (revenue, margin, slow movers). Grouped by
 * SQL, twelve months of 0017's monthly rows (a million on the large demo)
 * went through a temporary b-tree once for each list: 1.7 s for the
 * products of a range that did not start in January. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/report_parts.h"
#include "db/report_store.h"
#include "src/base/strbuf.h"

/* A year-to-date table of 0022: the id it sums by, its summed columns
 * (each _01 … _12; NULL: none, read as 0), and which rows a window reads. */
struct ytd_table {
    const char *table, *id;
    const char *values[REPORT_SUM_VALUES];
    bool everyone_row; /* rep 0 holds everyone's (products); else each (account, rep) row counts */
    bool positive;     /* an id counts when its first value is > 0 (else when it is not 0) */
};

static const struct ytd_table ytd_tables[] = {
    [RSUM_PRODUCTS] = {"report_product_ytd", "product_id", {"units", "net", "cost"}, true, false},
    [RSUM_QUOTES] = {"report_quote_ytd", "account_id", {"decided", "bp_sum", "needed"}, false, true},
    [RSUM_DELIVERIES] = {"report_ontime_ytd", "account_id", {"delivered", "on_time", NULL}, false, true},
};

/* A window's months: from year/month to year/month. */
struct months {
    int from_year, from_month, to_year, to_month;
};

/* The window's whole months (none: from after to). */
static struct months window_months(const struct report_window *w)
{
    struct months m = {1, 1, 0, 12};
    if (strcmp(w->whole_from, w->whole_to) > 0)
        return m;
    sscanf(w->whole_from, "%4d-%2d", &m.from_year, &m.from_month);
    sscanf(w->whole_to, "%4d-%2d", &m.to_year, &m.to_month);
    return m;
}

/* The months of year y in the window: lo … hi (1 … 12). */
static void year_months(const struct months *m, int y, int *lo, int *hi)
{
    *lo = y == m->from_year ? m->from_month : 1;
    *hi = y == m->to_year ? m->to_month : 12;
}

/* One year's part of the window: column hi minus column lo - 1 of each
 * value (column hi alone from January), in id order. Only column numbers
 * (1 … 12, from the window) are formatted into the SQL; every value is
 * bound. A column cannot be bound, and choosing it with a CASE on every
 * row took 2.5 times the reading itself (measured: 91 ms against 38 ms for
 * the 92,301 products of a year). */
static void year_sql(const struct ytd_table *t, int lo, int hi, bool one_account, struct strbuf *sql)
{
    strbuf_addf(sql, "SELECT %s", t->id);
    for (int v = 0; v < REPORT_SUM_VALUES; v++) {
        const char *c = t->values[v];
        if (c == NULL)
            strbuf_addf(sql, ", 0");
        else if (lo == 1)
            strbuf_addf(sql, ", %s_%02d", c, hi);
        else
            strbuf_addf(sql, ", %s_%02d - %s_%02d", c, hi, c, lo - 1);
    }
    strbuf_addf(sql, " FROM %s WHERE year = :year AND %s%s ORDER BY %s", t->table,
                t->everyone_row ? "rep_id = :rep" : "(:rep = 0 OR rep_id = :rep)",
                one_account ? " AND account_id = :account" : "", t->id);
}

/* Appends the rows of s (id, then the values) to out, adding up the rows
 * of one id (an account's reps) that come one after the other. */
static int sums_collect(struct db *db, sqlite3_stmt *s, struct rows *out, struct err *e)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        struct report_sum *last = out->n > 0 ? rows_at(out, out->n - 1) : NULL;
        struct report_sum *r = last != NULL && last->id == id ? last : rows_add(out);
        r->id = id;
        for (int v = 0; v < REPORT_SUM_VALUES; v++)
            r->v[v] += sqlite3_column_int64(s, v + 1);
    }
    return rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, "reading a report");
}

static int year_read(struct db *db, const struct ytd_table *t, int year, int lo, int hi,
                     const struct report_window *w, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct report_sum));
    struct strbuf sql = {0};
    year_sql(t, lo, hi, !t->everyone_row && w->account_id != 0, &sql);
    sqlite3_stmt *s = NULL;
    int rc = ERR_OK;
    if (sqlite3_prepare_v2(db->handle, strbuf_text(&sql), -1, &s, NULL) != SQLITE_OK)
        rc = db_fail(db, e, "reading a report");
    strbuf_free(&sql);
    if (rc != ERR_OK)
        return rc;
    sqlite3_bind_int(s, db_param(s, ":year"), year);
    sqlite3_bind_int64(s, db_param(s, ":rep"), w->rep_id);
    sqlite3_bind_int64(s, db_param_if(s, ":account"), w->account_id);
    rc = sums_collect(db, s, out, e);
    sqlite3_finalize(s);
    return rc;
}

/* a and b (each by id, each id once) into out, by id. */
static void sums_merge(const struct rows *a, const struct rows *b, struct rows *out)
{
    rows_reset(out, sizeof(struct report_sum));
    const struct report_sum *x = a->items, *y = b->items;
    int i = 0, j = 0;
    while (i < a->n || j < b->n) {
        struct report_sum *r = rows_add(out);
        if (j >= b->n || (i < a->n && x[i].id < y[j].id))
            *r = x[i++];
        else if (i >= a->n || y[j].id < x[i].id)
            *r = y[j++];
        else {
            *r = x[i++];
            for (int v = 0; v < REPORT_SUM_VALUES; v++)
                r->v[v] += y[j].v[v];
            j++;
        }
    }
}

void report_store_sums_merge(struct rows *sums, const struct rows *add)
{
    struct rows merged = {0};
    sums_merge(sums, add, &merged);
    rows_free(sums);
    *sums = merged;
}

/* A rep's products with one account: their orders' lines (few), read directly. */
static const char rep_account_lines_sql[] =
    "SELECT l.product_id, sum(l.quantity), sum(l.net_amount), sum(l.unit_cost * l.quantity), 0"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE o.rep_id = :rep AND o.account_id = :account AND o.status <> 'cancelled' AND l.kind = 'goods'"
    " AND " ORDER_DAY("o") " BETWEEN :from AND :to AND l.product_id IS NOT NULL"
                           " GROUP BY l.product_id ORDER BY l.product_id";

/* clang-format off */
/* The figures of the window's partial days, by id, from the rows (what
 * the year-to-date rows sum), in the order of report_sums_of. */
static const char *const part_sqls[] = {
    /* a row a line or nearly (3 million on the large demo): summed in C */
    [RSUM_PRODUCTS] = "SELECT product_id, units, net, cost, 0 FROM report_product_day"
        " WHERE day BETWEEN :head_from AND :head_to"
        " UNION ALL SELECT product_id, units, net, cost, 0 FROM report_product_day"
        " WHERE day BETWEEN :tail_from AND :tail_to",
    [RSUM_QUOTES] = "SELECT account_id, sum(decided), sum(discount_bp), sum(needed_approval),"
        " 1 + max(discount_bp)"
        " FROM report_quote_event_facts"
        " WHERE decided AND" PART_DECISIONS
        " AND (:rep = 0 OR rep_id = :rep) AND (:account = 0 OR account_id = :account)"
        " GROUP BY account_id ORDER BY account_id",
    [RSUM_DELIVERIES] = "SELECT coalesce(account_id, 0), count(*),"
        " sum(delivered_day <= first_promised_date), 0, 0"
        " FROM orders WHERE" PART_DAYS("delivered_day") " AND first_promised_date IS NOT NULL"
        " AND (:rep = 0 OR coalesce(rep_id, 0) = :rep)"
        " AND (:account = 0 OR coalesce(account_id, 0) = :account)"
        " GROUP BY 1 ORDER BY 1",
};
/* A rep's products (rep_id = :rep, never 0) on the partial days. */
static const char rep_part_products_sql[] =
    "SELECT product_id, sum(units), sum(net), sum(cost), 0 FROM ("
    PART_REP_DAY_ROWS("product_id, units, net, cost", "report_product_rep_day")
    ") GROUP BY product_id ORDER BY product_id";
/* clang-format on */

static void bind_parts(sqlite3_stmt *s, const struct report_window *w)
{
    report_store_bind_parts(s, w);
    sqlite3_bind_int64(s, db_param_if(s, ":rep"), w->rep_id);
    sqlite3_bind_int64(s, db_param_if(s, ":account"), w->account_id);
}

static int sum_id_order(const void *pa, const void *pb)
{
    const struct report_sum *a = pa, *b = pb;
    return (a->id > b->id) - (a->id < b->id);
}

/* Rows of ids in any order into one row an id, by id. */
static void sums_fold(struct rows *sums)
{
    struct report_sum *r = sums->items;
    if (sums->n > 1)
        qsort(r, (size_t)sums->n, sizeof *r, sum_id_order);
    int n = 0;
    for (int i = 0; i < sums->n; i++) {
        if (n > 0 && r[n - 1].id == r[i].id)
            for (int v = 0; v < REPORT_SUM_VALUES; v++)
                r[n - 1].v[v] += r[i].v[v];
        else
            r[n++] = r[i];
    }
    sums->n = n;
}

/* The figures of the partial days into out (by id). */
static int part_read(struct db *db, enum report_sums_of of, const struct report_window *w, struct rows *out,
                     struct err *e)
{
    rows_reset(out, sizeof(struct report_sum));
    bool none = strcmp(w->head_from, w->head_to) > 0 && strcmp(w->tail_from, w->tail_to) > 0;
    if (none)
        return ERR_OK;
    bool by_day = of == RSUM_PRODUCTS && w->rep_id == 0;
    DB_PREPARE_OR_RETURN(s, of == RSUM_PRODUCTS && !by_day ? rep_part_products_sql : part_sqls[of]);
    bind_parts(s, w);
    int rc = sums_collect(db, s, out, e);
    sqlite3_reset(s);
    if (rc == ERR_OK && by_day)
        sums_fold(out);
    return rc;
}

/* The whole months' figures into sums, year by year (by id). */
static int whole_read(struct db *db, const struct ytd_table *t, const struct report_window *w,
                      struct rows *sums, struct err *e)
{
    struct months m = window_months(w);
    struct rows year = {0}, merged = {0};
    int rc = ERR_OK;
    for (int y = m.from_year; rc == ERR_OK && y <= m.to_year; y++) {
        int lo, hi;
        year_months(&m, y, &lo, &hi);
        rc = year_read(db, t, y, lo, hi, w, y == m.from_year ? sums : &year, e);
        if (rc == ERR_OK && y != m.from_year) {
            sums_merge(sums, &year, &merged);
            struct rows swap = *sums;
            *sums = merged;
            merged = swap;
        }
    }
    rows_free(&year);
    rows_free(&merged);
    return rc;
}

int report_store_sums(struct db *db, enum report_sums_of of, const struct report_window *w, struct rows *sums,
                      struct err *e)
{
    const struct ytd_table *t = &ytd_tables[of];
    rows_reset(sums, sizeof(struct report_sum));
    int rc = ERR_OK;
    if (of == RSUM_PRODUCTS && w->rep_id != 0 && w->account_id != 0) {
        DB_PREPARE_OR_RETURN(s, rep_account_lines_sql);
        sqlite3_bind_int64(s, db_param(s, ":rep"), w->rep_id);
        sqlite3_bind_int64(s, db_param(s, ":account"), w->account_id);
        db_bind_text(s, db_param(s, ":from"), w->from);
        db_bind_text(s, db_param(s, ":to"), w->to);
        rc = sums_collect(db, s, sums, e);
        sqlite3_reset(s);
    } else {
        struct rows part = {0}, merged = {0};
        rc = whole_read(db, t, w, sums, e);
        if (rc == ERR_OK)
            rc = part_read(db, of, w, &part, e);
        if (rc == ERR_OK && part.n > 0) {
            sums_merge(sums, &part, &merged);
            struct rows swap = *sums;
            *sums = merged;
            merged = swap;
        }
        rows_free(&part);
        rows_free(&merged);
    }
    /* only the ids with a figure in the window (HAVING of the old forms) */
    struct report_sum *r = sums->items;
    int kept = 0;
    for (int i = 0; rc == ERR_OK && i < sums->n; i++)
        if (t->positive ? r[i].v[0] > 0 : r[i].v[0] != 0)
            r[kept++] = r[i];
    sums->n = rc == ERR_OK ? kept : 0;
    return rc;
}

/* ------------------------------------------------------------ ranking */

/* Where a sum ranks: a ratio (discounts) or an integer, larger first. */
struct rank_key {
    double ratio;
    int64_t key;
};

/* An id that may be listed: its key, the text that orders equal keys (sku,
 * account code; NULL sorts first) and its row. */
struct ranked {
    const struct report_sum *sum;
    struct rank_key key;
    char *tie;
    bool missing; /* no product row: left out, as a join leaves it */
    struct report_raw raw;
};

static bool key_before(struct rank_key a, struct rank_key b)
{
    return a.ratio != b.ratio ? a.ratio > b.ratio : a.key > b.key;
}

/* Larger key first; equal keys by their text (SQLite's BINARY order, NULL first). */
static int ranked_order(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (key_before(a->key, b->key) || key_before(b->key, a->key))
        return key_before(a->key, b->key) ? -1 : 1;
    if (a->tie == NULL || b->tie == NULL)
        return (a->tie != NULL) - (b->tie != NULL);
    return strcmp(a->tie, b->tie);
}

static struct rank_key rank_key_of(enum report_read k, const struct report_sum *s)
{
    switch (k) {
    case RQ_PRODUCTS_REVENUE: return (struct rank_key){0, s->v[1]};
    case RQ_PRODUCTS_MARGIN: return (struct rank_key){0, s->v[1] - s->v[2]};
    case RQ_DISCOUNT_ACCOUNT: return (struct rank_key){(double)s->v[1] * 1.0 / (double)s->v[0], 0};
    default: /* RQ_ONTIME_ACCOUNT: the consumers first, then the most late */
        return (struct rank_key){0, (s->id == 0) * INT64_C(1000000000000) + s->v[0] - s->v[1]};
    }
}

/* The limit-th largest key of the n sums (limit < n): best holds the limit
 * largest seen so far, in order. */
static struct rank_key rank_cut(enum report_read k, const struct report_sum *sums, int n, int limit)
{
    struct rank_key *best = xcalloc((size_t)limit, sizeof *best);
    int held = 0;
    for (int i = 0; i < n; i++) {
        struct rank_key r = rank_key_of(k, &sums[i]);
        if (held == limit && !key_before(r, best[limit - 1]))
            continue;
        int at = held < limit ? held++ : limit - 1;
        while (at > 0 && key_before(r, best[at - 1])) {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = r;
    }
    struct rank_key cut = best[limit - 1];
    free(best);
    return cut;
}

/* The text of a ranked row: sku and name, or an account's code and name. */
static int rank_names(struct db *db, enum report_read k, struct ranked *r, struct err *e)
{
    static const char product_sql[] = "SELECT sku, name FROM products WHERE id = ?";
    static const char account_sql[] = "SELECT code, name FROM accounts WHERE id = ?";
    bool product = k == RQ_PRODUCTS_REVENUE || k == RQ_PRODUCTS_MARGIN;
    DB_PREPARE_OR_RETURN(s, product ? product_sql : account_sql);
    sqlite3_bind_int64(s, 1, r->sum->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        r->tie = xstrdup((const char *)sqlite3_column_text(s, 0));
    r->missing = rc != SQLITE_ROW;
    r->raw.id = r->sum->id;
    if (k == RQ_ONTIME_ACCOUNT && r->sum->id == 0) {
        snprintf(r->raw.text[0], sizeof r->raw.text[0], "(B2C)");
        snprintf(r->raw.text[1], sizeof r->raw.text[1], "consumers");
    } else if (rc == SQLITE_ROW) {
        db_column_copy(s, 0, r->raw.text[0], sizeof r->raw.text[0]);
        db_column_copy(s, 1, r->raw.text[1], sizeof r->raw.text[1]);
    }
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    return db_step_done(db, s, rc, e, "reading a report");
}

/* The largest discount of an account's decided quotes in the window: the
 * largest of its whole months (a month without a row is NULL), year by
 * year, and of its partial days (part_largest: 1 + it, 0 when none). */
static int rank_largest_discount(struct db *db, const struct report_window *w, int64_t account,
                                 int64_t part_largest, int64_t *largest, struct err *e)
{
    static const char sql[] =
        "SELECT bp_max_01, bp_max_02, bp_max_03, bp_max_04, bp_max_05, bp_max_06, bp_max_07, bp_max_08,"
        " bp_max_09, bp_max_10, bp_max_11, bp_max_12 FROM report_quote_ytd"
        " WHERE year = :year AND account_id = :account AND (:rep = 0 OR rep_id = :rep)";
    struct months m = window_months(w);
    bool any = false;
    for (int y = m.from_year; y <= m.to_year; y++) {
        DB_PREPARE_OR_RETURN(s, sql);
        sqlite3_bind_int(s, db_param(s, ":year"), y);
        sqlite3_bind_int64(s, db_param(s, ":account"), account);
        sqlite3_bind_int64(s, db_param(s, ":rep"), w->rep_id);
        int lo, hi, rc;
        year_months(&m, y, &lo, &hi);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            for (int c = lo - 1; c < hi; c++) {
                if (sqlite3_column_type(s, c) == SQLITE_NULL)
                    continue;
                int64_t v = sqlite3_column_int64(s, c);
                if (!any || v > *largest)
                    *largest = v;
                any = true;
            }
        if ((rc = db_step_done(db, s, rc, e, "reading a report")) != ERR_OK)
            return rc;
    }
    if (part_largest > 0 && (!any || part_largest - 1 > *largest))
        *largest = part_largest - 1;
    return ERR_OK;
}

static void rank_row(enum report_read k, struct ranked *r, int64_t ranked)
{
    const int64_t *v = r->sum->v;
    int64_t *num = r->raw.num;
    switch (k) {
    case RQ_DISCOUNT_ACCOUNT: /* decided, Σ bp, largest bp (read apart), needed approval */
        num[0] = v[0];
        num[1] = v[1];
        num[3] = v[2];
        num[4] = ranked;
        break;
    case RQ_ONTIME_ACCOUNT:
        num[0] = v[0];
        num[1] = v[1];
        num[2] = ranked;
        break;
    default: /* products: units, net, cost */
        num[0] = v[0];
        num[1] = v[1];
        num[2] = v[2];
        num[3] = ranked;
        break;
    }
}

/* The rows of sums whose key reaches the limit-th largest (every row when
 * there are no more than limit, or limit <= 0), ordered, at most limit. */
static int rank_by_key(struct db *db, enum report_read k, const struct report_window *w,
                       const struct rows *sums, struct rows *out, struct err *e)
{
    const struct report_sum *s = sums->items;
    int limit = w->limit;
    bool cut = limit > 0 && sums->n > limit;
    struct rank_key edge = cut ? rank_cut(k, s, sums->n, limit) : (struct rank_key){0, 0};
    struct rows cands = {0};
    rows_reset(&cands, sizeof(struct ranked));
    int rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < sums->n; i++) {
        struct rank_key key = rank_key_of(k, &s[i]);
        if (cut && key_before(edge, key))
            continue;
        struct ranked *c = rows_add(&cands);
        c->sum = &s[i];
        c->key = key;
        rc = rank_names(db, k, c, e);
    }
    struct ranked *c = cands.items;
    if (rc == ERR_OK && cands.n > 1)
        qsort(c, (size_t)cands.n, sizeof *c, ranked_order);
    bool product = k == RQ_PRODUCTS_REVENUE || k == RQ_PRODUCTS_MARGIN;
    for (int i = 0; rc == ERR_OK && i < cands.n && (limit <= 0 || out->n < limit); i++) {
        if (product && c[i].missing)
            continue;
        rank_row(k, &c[i], sums->n);
        if (k == RQ_DISCOUNT_ACCOUNT)
            rc = rank_largest_discount(db, w, c[i].sum->id, c[i].sum->v[3], &c[i].raw.num[2], e);
        *(struct report_raw *)rows_add(out) = c[i].raw;
    }
    for (int i = 0; i < cands.n; i++)
        free(c[i].tie);
    rows_free(&cands);
    return rc;
}

/* ------------------------------------------------------- slow movers */

struct slow {
    int64_t id, units;
    int place; /* in the order of the stock, most first, then the sku */
};

static bool slow_before(const struct slow *a, const struct slow *b)
{
    return a->units != b->units ? a->units < b->units : a->place < b->place;
}

static int slow_order(const void *pa, const void *pb)
{
    const struct slow *a = pa, *b = pb;
    return slow_before(a, b) ? -1 : slow_before(b, a) ? 1 : 0;
}

/* The units of each id of sums, looked up in a table by id when the ids
 * are dense enough (products are), else by halving: the stream of products
 * in stock comes in stock order, and a search in 100,000 sums for each one
 * was a tenth of the products report (the cache misses of its steps). */
struct units_index {
    const struct rows *sums;
    int64_t *by_id; /* by_id[id], or NULL */
    int64_t max_id;
};

static void units_index_make(const struct rows *sums, struct units_index *x)
{
    const struct report_sum *s = sums->items;
    x->sums = sums;
    x->max_id = sums->n > 0 ? s[sums->n - 1].id : 0;
    x->by_id = NULL;
    if (sums->n == 0 || s[0].id < 0 || x->max_id > 4 * (int64_t)sums->n + 4096)
        return;
    x->by_id = xcalloc((size_t)x->max_id + 1, sizeof *x->by_id);
    for (int i = 0; i < sums->n; i++)
        x->by_id[s[i].id] = s[i].v[0];
}

static int64_t units_of(const struct units_index *x, int64_t id)
{
    if (x->by_id != NULL)
        return id >= 0 && id <= x->max_id ? x->by_id[id] : 0;
    const struct report_sum *s = x->sums->items;
    int lo = 0, hi = x->sums->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (s[mid].id == id)
            return s[mid].v[0];
        if (s[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* Keeps p in pick, the limit fewest so far in order, when it is one of them. */
static void slow_keep(struct rows *pick, int limit, const struct slow *p)
{
    struct slow *k = pick->items;
    if (pick->n == limit && !slow_before(p, &k[limit - 1]))
        return;
    int at = pick->n < limit ? pick->n : limit - 1;
    if (pick->n < limit) {
        rows_add(pick);
        k = pick->items; /* it may have moved */
    }
    while (at > 0 && slow_before(p, &k[at - 1])) {
        k[at] = k[at - 1];
        at--;
    }
    k[at] = *p;
}

/* The active products in stock that sold the fewest units, the most in
 * stock first, then by sku: the index products_slow holds them in that
 * order, and SQLite reads it for this ORDER BY without being told (94,380
 * products in 15 ms on the large demo), so the ties need no sort. */
static int rank_slow(struct db *db, const struct report_window *w, const struct rows *sums, struct rows *out,
                     struct err *e)
{
    static const char stock_sql[] =
        "SELECT id FROM products"
        " WHERE active = 1 AND stock_on_hand > 0 ORDER BY stock_on_hand DESC, sku";
    static const char row_sql[] = "SELECT sku, name, stock_on_hand FROM products WHERE id = ?";
    int limit = w->limit;
    struct rows all = {0}, pick = {0};
    rows_reset(&all, sizeof(struct slow));
    rows_reset(&pick, sizeof(struct slow));
    DB_PREPARE_OR_RETURN(s, stock_sql);
    struct units_index units;
    units_index_make(sums, &units);
    int rc, count = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        struct slow p = {id, units_of(&units, id), count++};
        if (limit > 0)
            slow_keep(&pick, limit, &p);
        else
            *(struct slow *)rows_add(&all) = p;
    }
    rc = db_step_done(db, s, rc, e, "reading a report");
    free(units.by_id);
    struct rows *list = limit > 0 ? &pick : &all;
    if (limit <= 0 && all.n > 1)
        qsort(all.items, (size_t)all.n, sizeof(struct slow), slow_order);
    const struct slow *p = list->items;
    for (int i = 0; rc == ERR_OK && i < list->n; i++) {
        sqlite3_stmt *n = db_stmt(db, row_sql, e);
        if (n == NULL) {
            rc = e ? e->code : ERR_INTERNAL;
            break;
        }
        sqlite3_bind_int64(n, 1, p[i].id);
        struct report_raw *r = rows_add(out);
        r->id = p[i].id;
        int step = sqlite3_step(n);
        if (step == SQLITE_ROW) {
            db_column_copy(n, 0, r->text[0], sizeof r->text[0]);
            db_column_copy(n, 1, r->text[1], sizeof r->text[1]);
            r->num[0] = sqlite3_column_int64(n, 2);
            step = sqlite3_step(n);
        }
        r->num[1] = p[i].units;
        r->num[2] = count;
        rc = db_step_done(db, n, step, e, "reading a report");
    }
    rows_free(&all);
    rows_free(&pick);
    return rc;
}

int report_store_rank(struct db *db, enum report_read k, const struct report_window *w,
                      const struct rows *sums, struct rows *out, struct err *e)
{
    rows_reset(out, sizeof(struct report_raw));
    switch (k) {
    case RQ_PRODUCTS_REVENUE:
    case RQ_PRODUCTS_MARGIN:
    case RQ_DISCOUNT_ACCOUNT:
    case RQ_ONTIME_ACCOUNT: return rank_by_key(db, k, w, sums, out, e);
    case RQ_SLOW_MOVERS: return rank_slow(db, w, sums, out, e);
    default: return err_set(e, ERR_INTERNAL, "report", "no ranking of this list");
    }
}
