/* A quote's outcome is its final one (0023): a rejection by an approver
 * counts while it stands; reworked and won, the quote is one accepted quote
 * in the month it was won; rejected then cancelled it is cancelled; rejected
 * twice, once. The discounts are the decided revision's, the largest found
 * again when the decision holding it no longer counts. After every step the
 * summary tables equal their recomputation (check), and a database summed
 * under 0017's rule is summed again by the migration. Hand-built events with
 * known answers, in the order the core writes them (the revision priced
 * again before the event that moves the quote). */
#include <sqlite3.h>
#include <time.h>

#include "db/db_migrations.h"
#include "db/db_private.h"
#include "db/report_store.h"
#include "src/b2c/b2c_hooks.h"
#include "src/b2c/report.h"
#include "testutil.h"

struct fixture {
    char path[64];
    struct db *db;
    sqlite3 *raw;
    struct app david;
};

static void raw(sqlite3 *h, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* alice (2) and bruno (3) are reps; ACME is alice's account, TOKYO bruno's.
 * Quotes 1 and 2 are alice's for ACME, 3 bruno's for TOKYO: each at 20 %. */
static const char base[] =
    "INSERT INTO accounts(id, code, name, rep_id, created_at, updated_at) VALUES"
    " (1, 'ACME', 'Société Acme', 2, 'x', 'x'), (2, 'TOKYO', '東京商事', 3, 'x', 'x');"
    "INSERT INTO quotes(id, number, account_id, owner_id, status, valid_until, created_at, updated_at) VALUES"
    " (1, 'Q-1', 1, 2, 'draft', '2026-12-31', '2026-11-02T09:00:00Z', 'x'),"
    " (2, 'Q-2', 1, 2, 'draft', '2026-12-31', '2026-11-02T09:00:00Z', 'x'),"
    " (3, 'Q-3', 2, 3, 'draft', '2026-12-31', '2026-11-02T09:00:00Z', 'x');"
    "INSERT INTO quote_revisions(quote_id, number, subtotal, total, discount_bp, created_at) VALUES"
    " (1, 1, 8000, 8000, 2000, 'x'), (2, 1, 8000, 8000, 2000, 'x'), (3, 1, 8000, 8000, 2000, 'x');"
    "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
    " (1, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft'),"
    " (2, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft'),"
    " (3, 1, '2026-11-02T09:00:00Z', 'create', '', 'draft');";

static int setup(void **state)
{
    setenv("COMPTOIR_NOW", "2026-12-10T10:00:00Z", 1);
    setenv("TZ", "UTC", 1);
    tzset();
    struct fixture *f = xcalloc(1, sizeof *f);
    f->db = test_db_new(f->path);
    if (sqlite3_open(f->path, &f->raw) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(f->raw, 2000);
    raw(f->raw, base);
    f->david = test_app_as(f->db, "david");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    sqlite3_close(f->raw);
    db_close(&f->db);
    test_db_remove(f->path);
    free(f);
    unsetenv("COMPTOIR_NOW");
    return 0;
}

/* One event of quote q (revision 1) at day "2026-MM-DD", moving from → to. */
static void event(struct fixture *f, int q, const char *day, const char *from, const char *to)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status)"
             " VALUES (%d, 1, '%sT09:00:00Z', 'step', '%s', '%s');"
             "UPDATE quotes SET status = '%s' WHERE id = %d AND '%s' <> 'ordered';",
             q, day, from, to, to, q, to);
    raw(f->raw, sql);
}

/* The revision priced again (as the core does before recording the move). */
static void discount(struct fixture *f, int q, int bp)
{
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE quote_revisions SET discount_bp = %d WHERE quote_id = %d", bp, q);
    raw(f->raw, sql);
}

/* A submission rejected by a manager on day. */
static void rejected(struct fixture *f, int q, const char *submit_day, const char *day)
{
    event(f, q, submit_day, "draft", "pending");
    event(f, q, day, "pending", "rejected");
}

static void assert_check_clean(struct fixture *f, const char *step)
{
    struct strbuf out = {0};
    int problems = 0;
    struct err e = {0};
    assert_int_equal(report_check(&f->david, &out, &problems, &e), ERR_OK);
    if (problems != 0)
        fail_msg("%s: %s", step, strbuf_text(&out));
    strbuf_free(&out);
}

static void run(struct fixture *f, enum report_kind k, struct report *r)
{
    struct report_query q = {0};
    snprintf(q.from, sizeof q.from, "2026-11-01");
    snprintf(q.to, sizeof q.to, "2026-12-31");
    struct err e = {0};
    if (report_run(&f->david, k, &q, r, &e) != ERR_OK)
        fail_msg("report %s: %s", report_names[k], e.msg);
}

static const struct report_row *find_row(const struct report *r, int s, const char *a)
{
    const struct report_row *rows = r->sections[s].rows.items;
    for (int i = 0; i < r->sections[s].rows.n; i++)
        if (strcmp(rows[i].cells[0].text, a) == 0)
            return &rows[i];
    return NULL;
}

/* The win rate's month row as "decided accepted rejected expired cancelled",
 * "-" when the month has no row. */
static void win_month(struct fixture *f, const char *month, char *out, size_t len)
{
    struct report r;
    run(f, REPORT_WIN_RATE, &r);
    const struct report_row *row = find_row(&r, 0, month);
    if (row == NULL)
        snprintf(out, len, "-");
    else
        snprintf(out, len, "%lld %lld %lld %lld %lld", (long long)row->cells[1].value,
                 (long long)row->cells[2].value, (long long)row->cells[3].value,
                 (long long)row->cells[4].value, (long long)row->cells[5].value);
    report_free(&r);
}

static void assert_win(struct fixture *f, const char *month, const char *want)
{
    char got[80];
    win_month(f, month, got, sizeof got);
    assert_string_equal(got, want);
}

/* The discounts of a rep ("quotes avg max needed") and of an account. */
static void assert_discounts(struct fixture *f, const char *rep, const char *account, const char *want)
{
    struct report r;
    run(f, REPORT_DISCOUNTS, &r);
    char got[80] = "-", got_account[80] = "-";
    const struct report_row *row = find_row(&r, 0, rep);
    if (row)
        snprintf(got, sizeof got, "%lld %lld %lld %lld", (long long)row->cells[1].value,
                 (long long)row->cells[2].value, (long long)row->cells[3].value,
                 (long long)row->cells[4].value);
    row = find_row(&r, 1, account);
    if (row)
        snprintf(got_account, sizeof got_account, "%lld %lld %lld %lld", (long long)row->cells[2].value,
                 (long long)row->cells[3].value, (long long)row->cells[4].value,
                 (long long)row->cells[5].value);
    report_free(&r);
    assert_string_equal(got, want);
    assert_string_equal(got_account, want);
}

/* How many quotes opening the win rate's month lists. */
static int decided_listed(struct fixture *f, const char *from, const char *to)
{
    struct report_link l = {.kind = REPORT_LINK_QUOTES, .decided = true};
    snprintf(l.from, sizeof l.from, "%s", from);
    snprintf(l.to, sizeof l.to, "%s", to);
    struct rows quotes = {0};
    struct err e = {0};
    assert_int_equal(report_link_quotes(&f->david, &l, 10, &quotes, &e), ERR_OK);
    int n = quotes.n;
    rows_free(&quotes);
    return n;
}

static void test_a_standing_rejection_counts_as_rejected(void **state)
{
    struct fixture *f = *state;
    rejected(f, 1, "2026-11-03", "2026-11-04");
    assert_check_clean(f, "rejected");
    assert_win(f, "2026-11", "1 0 1 0 0");
    assert_discounts(f, "alice", "ACME", "1 2000 2000 1");
    /* its revision priced again while it stands (a contact changed): the
     * rejection carries the revision's discount as it now is */
    discount(f, 1, 2500);
    assert_check_clean(f, "rejected, priced again");
    assert_discounts(f, "alice", "ACME", "1 2500 2500 1");
}

static void test_rejected_reworked_and_won_is_one_accepted_quote(void **state)
{
    struct fixture *f = *state;
    rejected(f, 1, "2026-11-03", "2026-11-04");
    discount(f, 1, 1000); /* the rep lowers the line to 10 %, then the quote is a draft again */
    assert_check_clean(f, "reworked, before the move is recorded");
    event(f, 1, "2026-11-05", "rejected", "draft");
    assert_check_clean(f, "reworked");
    assert_win(f, "2026-11", "-");
    assert_int_equal(decided_listed(f, "2026-11-01", "2026-11-30"), 0);
    event(f, 1, "2026-11-06", "draft", "pending");
    event(f, 1, "2026-11-07", "pending", "approved");
    event(f, 1, "2026-12-01", "approved", "sent");
    event(f, 1, "2026-12-02", "sent", "accepted");
    assert_check_clean(f, "won");
    event(f, 1, "2026-12-02", "accepted", "ordered");
    assert_check_clean(f, "ordered");
    assert_win(f, "2026-11", "-");
    assert_win(f, "2026-12", "1 1 0 0 0");
    assert_int_equal(decided_listed(f, "2026-11-01", "2026-11-30"), 0);
    assert_int_equal(decided_listed(f, "2026-12-01", "2026-12-31"), 1);
    /* the 10 % won, not the 20 % rejected; it waited for approval */
    assert_discounts(f, "alice", "ACME", "1 1000 1000 1");
}

static void test_rejected_then_cancelled_counts_as_cancelled(void **state)
{
    struct fixture *f = *state;
    rejected(f, 1, "2026-11-03", "2026-11-04");
    event(f, 1, "2026-12-03", "rejected", "cancelled");
    assert_check_clean(f, "cancelled");
    assert_win(f, "2026-11", "-");
    assert_win(f, "2026-12", "1 0 0 0 1");
}

static void test_rejected_twice_counts_the_second_rejection_once(void **state)
{
    struct fixture *f = *state;
    rejected(f, 1, "2026-11-03", "2026-11-04");
    discount(f, 1, 1800);
    event(f, 1, "2026-11-05", "rejected", "draft");
    rejected(f, 1, "2026-11-06", "2026-12-01");
    assert_check_clean(f, "rejected twice");
    assert_win(f, "2026-11", "-");
    assert_win(f, "2026-12", "1 0 1 0 0");
    assert_discounts(f, "alice", "ACME", "1 1800 1800 1");
}

static void test_reworked_then_expired_counts_as_expired(void **state)
{
    struct fixture *f = *state;
    rejected(f, 1, "2026-11-03", "2026-11-04");
    event(f, 1, "2026-11-05", "rejected", "draft");
    event(f, 1, "2026-12-05", "draft", "expired");
    assert_check_clean(f, "expired");
    assert_win(f, "2026-11", "-");
    assert_win(f, "2026-12", "1 0 0 1 0");
}

/* The largest discount of a month, rep and account cannot be subtracted:
 * when the rejection holding it no longer counts, it is found again. */
static void test_the_largest_discount_is_found_again(void **state)
{
    struct fixture *f = *state;
    discount(f, 2, 1000);
    event(f, 2, "2026-11-03", "draft", "sent");
    event(f, 2, "2026-11-04", "sent", "accepted");
    rejected(f, 1, "2026-11-03", "2026-11-04");
    rejected(f, 3, "2026-11-03", "2026-11-04");
    assert_discounts(f, "alice", "ACME", "2 1500 2000 1");
    event(f, 1, "2026-11-05", "rejected", "cancelled");
    assert_check_clean(f, "superseded in the same month");
    assert_win(f, "2026-11", "3 1 1 0 1"); /* Q-3 stands, Q-1 cancelled */
    assert_discounts(f, "alice", "ACME", "2 1500 2000 1");
    event(f, 3, "2026-11-06", "rejected", "draft");
    discount(f, 1, 0); /* by hand (the core leaves a cancelled revision): its figures move */
    assert_check_clean(f, "moved on");
    assert_discounts(f, "bruno", "TOKYO", "-");
    assert_discounts(f, "alice", "ACME", "2 500 1000 1");
}

/* ------------------------------------------------ the migration corrects */

/* Runs the migrations before 0023 on a new file, as a database of the last
 * release is. */
static sqlite3 *database_before_0023(const char *path)
{
    sqlite3 *h = NULL;
    char pragma[64];
    test_db_remove(path);
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(db_sort_key_register(h), SQLITE_OK);
    assert_int_equal(db_search_register(h), SQLITE_OK);
    assert_int_equal(db_audit_hash_register(h), SQLITE_OK);
    raw(h, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
           " applied_at TEXT NOT NULL DEFAULT 'x')");
    for (int i = 0; i < db_migration_count && db_migrations[i].version < 23; i++) {
        raw(h, db_migrations[i].sql);
        char sql[200];
        snprintf(sql, sizeof sql, "INSERT INTO schema_migrations(version, name) VALUES (%d, 'old')",
                 db_migrations[i].version);
        raw(h, sql);
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", db_migrations[i].version);
        raw(h, pragma);
    }
    return h;
}

static int64_t one_number(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void test_the_migration_sums_old_databases_again(void **state)
{
    (void)state;
    char path[64];
    test_db_path(path);
    sqlite3 *h = database_before_0023(path);
    raw(h, "INSERT INTO users(id, login, role, created_at)"
           " VALUES (2, 'alice', 'rep', 'x'), (3, 'bruno', 'rep', 'x')");
    raw(h, base);
    raw(h, "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
           " (1, 1, '2026-11-03T09:00:00Z', 'submit', 'draft', 'pending'),"
           " (1, 1, '2026-11-04T09:00:00Z', 'reject', 'pending', 'rejected');"
           "UPDATE quote_revisions SET discount_bp = 1000 WHERE quote_id = 1;"
           "INSERT INTO quote_events(quote_id, revision, at, kind, from_status, to_status) VALUES"
           " (1, 1, '2026-11-05T09:00:00Z', 'line', 'rejected', 'draft'),"
           " (1, 1, '2026-12-01T09:00:00Z', 'send', 'draft', 'sent'),"
           " (1, 1, '2026-12-02T09:00:00Z', 'accept', 'sent', 'accepted');");
    /* 0017's rule: the first decision, at the discount of that moment */
    assert_int_equal(one_number(h, "SELECT sum(rejected) * 10 + sum(accepted) FROM report_quote_rep_month"),
                     10);
    assert_int_equal(one_number(h, "SELECT sum(discount_bp_sum) FROM report_quote_month"), 2000);
    sqlite3_close(h);

    struct db *db = NULL;
    struct err e = {0};
    if (db_open(path, &db, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    struct strbuf out = {0};
    int problems = 0;
    assert_int_equal(report_store_check(db, &out, &problems, &e), ERR_OK);
    if (problems != 0)
        fail_msg("%s", strbuf_text(&out));
    strbuf_free(&out);
    db_close(&db);
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(one_number(h, "SELECT sum(rejected) * 10 + sum(accepted) FROM report_quote_rep_month"),
                     1);
    assert_int_equal(one_number(h, "SELECT count(*) FROM report_quote_rep_month"
                                   " WHERE month = '2026-12' AND accepted = 1 AND discount_bp_max = 1000"),
                     1);
    assert_int_equal(one_number(h, "SELECT decided_12 * 10000 + bp_sum_12 FROM report_quote_ytd"), 11000);
    sqlite3_close(h);
    test_db_remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_standing_rejection_counts_as_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected_reworked_and_won_is_one_accepted_quote, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rejected_then_cancelled_counts_as_cancelled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected_twice_counts_the_second_rejection_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reworked_then_expired_counts_as_expired, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_largest_discount_is_found_again, setup, teardown),
        cmocka_unit_test(test_the_migration_sums_old_databases_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
