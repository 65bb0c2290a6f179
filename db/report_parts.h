/* The SQL of a report window's parts (db/model/report.h): its whole months,
 * read from a monthly summary table, and the days of the months it covers
 * only in part, read from the rows behind that table. Shared by the
 * reports' stores (report_store.c, report_ranked.c, report_b2c_store.c),
 * which bind :whole_from, :whole_to, :head_from, :head_to, :tail_from and
 * :tail_to from the window. */
#ifndef COMPTOIR_DB_REPORT_PARTS_H
#define COMPTOIR_DB_REPORT_PARTS_H

/* clang-format off */
/* A monthly table's whole months. */
#define WHOLE " month BETWEEN :whole_from AND :whole_to"
#define PART_DAYS(d) \
    " (" d " BETWEEN :head_from AND :head_to OR " d " BETWEEN :tail_from AND :tail_to)"
/* Times stored in UTC ("YYYY-MM-DDTHH:MM:SSZ"): those of the partial days,
 * local days, between the UTC times their first and next day begin (an
 * index's range, no zone reckoned row by row). */
#define UTC_OF(day) "strftime('%Y-%m-%dT%H:%M:%SZ', " day ", 'utc')"
#define UTC_AFTER(day) "strftime('%Y-%m-%dT%H:%M:%SZ', " day ", '+1 day', 'utc')"
#define PART_TIMES(at) \
    " ((" at " >= " UTC_OF(":head_from") " AND " at " < " UTC_AFTER(":head_to") ")" \
    " OR (" at " >= " UTC_OF(":tail_from") " AND " at " < " UTC_AFTER(":tail_to") "))"
/* The orders placed on the partial days, by their day (orders_placed_day,
 * 0024), or by their time when they have none (as imported ones may). */
#define PART_ORDERS \
    " order_id IN (SELECT id FROM orders WHERE" PART_DAYS("placed_day") \
    "  UNION ALL SELECT id FROM orders WHERE placed_day IS NULL AND" \
    PART_DAYS("date(placed_at, 'localtime')") ")"
/* A rep's rows (:rep, never 0) of a day table by rep (0025) on the partial
 * days: two ranges of its key (rep_id, day …). */
#define PART_REP_DAY_ROWS(cols, t) \
    " SELECT " cols " FROM " t " WHERE rep_id = :rep AND day BETWEEN :head_from AND :head_to" \
    "  UNION ALL SELECT " cols " FROM " t " WHERE rep_id = :rep AND day BETWEEN :tail_from AND :tail_to"
/* The quote events of the partial days that may decide a quote (the facts
 * view says which one does): its correlated readings run for those alone. */
#define PART_DECISIONS \
    " id IN (SELECT id FROM quote_events WHERE" PART_TIMES("at") \
    "  AND to_status IN ('accepted', 'rejected', 'expired', 'cancelled'))"
/* An order's local day. */
#define ORDER_DAY(o) "coalesce(" o ".placed_day, date(" o ".placed_at, 'localtime'))"
/* clang-format on */

#include <sqlite3.h>

#include "db/model/report.h"

/* Binds w's parts to the statement's :whole_*, :head_* and :tail_* (those it has). */
void report_store_bind_parts(sqlite3_stmt *s, const struct report_window *w);

#endif
