/* The checks of the order snapshot that only SQL can see (see the header). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/order_check_store.h"
#include "src/base/money.h"
#include "src/base/strbuf.h"

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

/* Each row: an order number, a label, what is stored, what it should be. */
static int check_amounts(struct db *db, const char *sql, struct strbuf *report, int *problems, struct err *e)
{
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char stored[32], should[32];
        money_format_plain(sqlite3_column_int64(s, 2), stored, sizeof stored);
        money_format_plain(sqlite3_column_int64(s, 3), should, sizeof should);
        note(report, problems, "order %s: %s is %s but should be %s", (const char *)sqlite3_column_text(s, 0),
             (const char *)sqlite3_column_text(s, 1), stored, should);
    }
    return db_step_done(db, s, rc, e, "checking order amounts");
}

int order_check_store_money(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char shares[] =
        "SELECT o.number, 'line ' || l.line_no || ' discount', l.discount_amount, coalesce(a.s, 0)"
        " FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " LEFT JOIN (SELECT order_line_id, sum(amount) AS s FROM order_line_adjustments"
        "            GROUP BY order_line_id) a ON a.order_line_id = l.id"
        " WHERE l.discount_amount <> coalesce(a.s, 0) ORDER BY o.number, l.line_no";
    static const char totals[] =
        "SELECT number, label, stored, should FROM ("
        " SELECT o.number, 'the goods total' AS label, o.goods_total AS stored,"
        "  (SELECT coalesce(sum(total_amount), 0) FROM order_lines WHERE order_id = o.id AND kind = 'goods')"
        "  AS should FROM orders o"
        " UNION ALL SELECT o.number, 'the discount total', o.discount_total,"
        "  (SELECT coalesce(sum(discount_amount), 0) FROM order_lines WHERE order_id = o.id) FROM orders o"
        " UNION ALL SELECT o.number, 'the paid total', o.paid_total,"
        "  (SELECT coalesce(sum(amount), 0) FROM payments"
        "   WHERE order_id = o.id AND direction = 'in') FROM orders o"
        " UNION ALL SELECT o.number, 'the refunded total', o.refunded_total,"
        "  (SELECT coalesce(sum(amount), 0) FROM payments"
        "   WHERE order_id = o.id AND direction = 'out') FROM orders o)"
        " WHERE stored <> should ORDER BY number, label";
    int rc = check_amounts(db, shares, report, problems, e);
    return rc != ERR_OK ? rc : check_amounts(db, totals, report, problems, e);
}

int order_check_store_stock(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT p.sku, p.stock_reserved, coalesce(l.held, 0), p.stock_on_hand FROM products p"
        " LEFT JOIN (SELECT product_id, sum(allocated_qty) AS held FROM order_lines GROUP BY product_id) l"
        "   ON l.product_id = p.id"
        " WHERE p.stock_reserved <> coalesce(l.held, 0) OR p.stock_reserved > p.stock_on_hand ORDER BY p.sku";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        note(report, problems, "product %s: %lld reserved, but its order lines hold %lld (%lld on hand)",
             (const char *)sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1),
             (long long)sqlite3_column_int64(s, 2), (long long)sqlite3_column_int64(s, 3));
    return db_step_done(db, s, rc, e, "checking reserved stock");
}

int order_check_store_promises(struct db *db, struct strbuf *report, int *problems, struct err *e)
{
    static const char sql[] =
        "SELECT o.number, coalesce(o.first_promised_date, '(none)'), p.promised_date FROM orders o"
        " JOIN order_promises p ON p.id = (SELECT min(id) FROM order_promises WHERE order_id = o.id)"
        " WHERE o.first_promised_date IS NOT p.promised_date ORDER BY o.number";
    DB_PREPARE_OR_RETURN(s, sql);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        note(report, problems, "order %s: its first promise is %s but its promises began with %s",
             (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
             (const char *)sqlite3_column_text(s, 2));
    return db_step_done(db, s, rc, e, "checking promises");
}
