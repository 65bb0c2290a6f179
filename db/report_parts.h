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
/* Times stored in UTC ("…T…Z"): an index's range a day wider than the
 * partial days on each side (any zone), then their local day exactly. */
#define PART_TIMES(at) \
    " ((" at " >= date(:head_from, '-1 day') AND " at " < date(:head_to, '+2 days'))" \
    " OR (" at " >= date(:tail_from, '-1 day') AND " at " < date(:tail_to, '+2 days')))" \
    " AND" PART_DAYS("date(" at ", 'localtime')")
/* The orders placed on the partial days, by their day (orders_placed_day,
 * 0024), or by their time when they have none (as imported ones may). */
#define PART_ORDERS \
    " order_id IN (SELECT id FROM orders WHERE" PART_DAYS("placed_day") \
    "  UNION ALL SELECT id FROM orders WHERE placed_day IS NULL AND" \
    PART_DAYS("date(placed_at, 'localtime')") ")"
/* An order's local day. */
#define ORDER_DAY(o) "coalesce(" o ".placed_day, date(" o ".placed_at, 'localtime'))"
/* clang-format on */

#include <sqlite3.h>

#include "db/model/report.h"

/* Binds w's parts to the statement's :whole_*, :head_* and :tail_* (those it has). */
void report_store_bind_parts(sqlite3_stmt *s, const struct report_window *w);

#endif
