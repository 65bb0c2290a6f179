/* The queries of `comptoir check`: invariants of the data that the schema's
 * constraints cannot state (history, counters, triggers, search indexes). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/check_store.h"
#include "db/db_private.h"
#include "src/base/strbuf.h"

/* Counts a problem and appends its line to the report. */
static void check_note(struct strbuf *report, int *problems, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void check_note(struct strbuf *report, int *problems, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    (*problems)++;
    strbuf_addf(report, "%s\n", line);
}

static const char *text_or(sqlite3_stmt *s, int col, const char *none)
{
    const char *t = (const char *)sqlite3_column_text(s, col);
    return t ? t : none;
}

/* Runs a query whose rows are problems, formatting each row's first columns. */
static int check_rows(struct db *db, const char *sql, const char *what, const char *fmt,
                      struct strbuf *report, int *problems, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char line[480];
        snprintf(line, sizeof line, fmt, text_or(s, 0, ""), text_or(s, 1, "(none)"), text_or(s, 2, "(none)"));
        check_note(report, problems, "%s", line);
    }
    return db_step_done(db, s, rc, e, what);
}

int check_store_orders(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char history[] =
        "SELECT number, status, last FROM ("
        "  SELECT o.number, o.status, (SELECT h.to_status FROM order_status_history h"
        "    WHERE h.order_id = o.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS last"
        "  FROM orders o)"
        " WHERE last IS NULL OR last <> status ORDER BY number";
    static const char no_lines[] =
        "SELECT o.number, '', '' FROM orders o"
        " WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id) ORDER BY o.number";
    static const char contacts[] =
        "SELECT o.number, c.name, a.code FROM orders o JOIN contacts c ON c.id = o.contact_id"
        " LEFT JOIN accounts a ON a.id = o.account_id"
        " WHERE o.account_id IS NULL OR o.account_id <> c.account_id ORDER BY o.number";
    int rc = check_rows(db, history, "checking order histories",
                        "order %s: its status is '%s' but its history ends at '%s'", report, problems, e);
    if (rc == ERR_OK)
        rc = check_rows(db, no_lines, "checking order lines", "order %s has no lines%s%s", report, problems,
                        e);
    if (rc == ERR_OK)
        rc = check_rows(db, contacts, "checking order contacts",
                        "order %s: contact %s is not a contact of account %s", report, problems, e);
    return rc;
}

/* The order counter must be past every O-number in use, or the next order
 * would collide with an old one. */
static int check_counters(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] = "SELECT c.value, (SELECT max(CAST(substr(number, 3) AS INTEGER)) FROM orders"
                              " WHERE number GLOB 'O-[0-9]*') FROM counters c WHERE c.name = 'order'";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_type(s, 1) != SQLITE_NULL &&
        sqlite3_column_int64(s, 0) < sqlite3_column_int64(s, 1))
        check_note(report, problems, "the order counter (%lld) is behind order O-%06lld",
                   (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1));
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : db_fail(db, e, "checking counters");
}

/* The triggers as a fresh database of this schema has them, compared by
 * their full SQL: a trigger dropped, changed (a condition loosened) or added
 * shows, and the audit log's say plainly that it is no longer append-only. */
static void trigger_note(struct strbuf *report, int *problems, const char *table, const char *name,
                         const char *what)
{
    if (strcmp(table, "audit_log") == 0)
        check_note(report, problems, "the audit log is no longer append-only: trigger %s %s", name, what);
    else
        check_note(report, problems, "trigger %s on %s %s", name, table, what);
}

static int trigger_sql(struct db *db, const char *name, char **out, struct err *e)
{
    static const char sql[] = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?";
    DB_PREPARE_OR_RETURN(s, sql);
    db_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW && sqlite3_column_text(s, 0) ? xstrdup((const char *)sqlite3_column_text(s, 0))
                                                         : NULL;
    return db_step_done(db, s, rc == SQLITE_ROW ? sqlite3_step(s) : rc, e, "reading the schema");
}

/* Every trigger of `from` looked up in `in`: missing (or, extra, not
 * comptoir's), or with other SQL. */
static int triggers_compare(struct db *from, struct db *in, bool extra, struct strbuf *report, int *problems,
                            struct err *e)
{
    static const char sql[] =
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name";
    struct db *db = from;
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = text_or(s, 0, ""), *table = text_or(s, 1, ""), *want = text_or(s, 2, "");
        char *got = NULL;
        if (trigger_sql(in, name, &got, e) != ERR_OK) {
            sqlite3_reset(s);
            return e ? e->code : ERR_INTERNAL;
        }
        if (got == NULL)
            trigger_note(report, problems, table, name, extra ? "is not comptoir's" : "is missing");
        else if (!extra && strcmp(got, want) != 0)
            trigger_note(report, problems, table, name, "was changed (its SQL is not comptoir's)");
        free(got);
    }
    return db_step_done(db, s, rc, e, "reading the schema");
}

static int check_triggers(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    struct db *reference = NULL;
    int rc = db_open(":memory:", &reference, e);
    if (rc == ERR_OK)
        rc = triggers_compare(reference, db, false, report, problems, e);
    if (rc == ERR_OK)
        rc = triggers_compare(db, reference, true, report, problems, e);
    db_close(&reference);
    return rc;
}

/* FTS5's own check, against the content table (rank = 1). */
static int check_search_index(struct db *db, const char *sql, const char *table, struct strbuf *report,
                              int *problems, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return ERR_OK;
    if ((rc & 0xff) == SQLITE_CORRUPT) {
        check_note(report, problems,
                   "the search index of %s is out of step with the table (comptoir check --repair)", table);
        return ERR_OK;
    }
    return db_fail(db, e, "checking a search index");
}

/* The sort keys the stores write beside names, cities and categories. */
static int check_sort_keys(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT 'accounts', count(*) FROM accounts"
        " WHERE name_key <> comptoir_sort_key(name) OR city_key <> comptoir_sort_key(city)"
        " UNION ALL SELECT 'customers', count(*) FROM customers"
        " WHERE name_key <> comptoir_sort_key(name) OR city_key <> comptoir_sort_key(city)"
        " UNION ALL SELECT 'products', count(*) FROM products"
        " WHERE name_key <> comptoir_sort_key(name) OR category_key <> comptoir_sort_key(category)";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (sqlite3_column_int64(s, 1) > 0)
            check_note(report, problems, "the sort keys of %lld %s are out of step (comptoir check --repair)",
                       (long long)sqlite3_column_int64(s, 1), text_or(s, 0, ""));
    return db_step_done(db, s, rc, e, "checking sort keys");
}

int check_store_schema(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char customers[] =
        "INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)";
    static const char accounts[] =
        "INSERT INTO accounts_fts(accounts_fts, rank) VALUES ('integrity-check', 1)";
    static const char products[] =
        "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)";
    static const char contacts[] =
        "INSERT INTO contacts_fts(contacts_fts, rank) VALUES ('integrity-check', 1)";
    int rc = check_counters(db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_triggers(db, report, problems, e);
    if (rc == ERR_OK)
        rc = check_search_index(db, customers, "customers", report, problems, e);
    if (rc == ERR_OK)
        rc = check_search_index(db, accounts, "accounts", report, problems, e);
    if (rc == ERR_OK)
        rc = check_search_index(db, products, "products", report, problems, e);
    if (rc == ERR_OK)
        rc = check_search_index(db, contacts, "contacts", report, problems, e);
    if (rc == ERR_OK)
        rc = check_sort_keys(db, report, problems, e);
    return rc;
}
