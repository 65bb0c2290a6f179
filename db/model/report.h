/* The records of the reports (issue 15): the window a report reads and one
 * row of what the summary tables (0017) answer, read alike for every query:
 * an id, then its text columns, then its numbers, in the order the query
 * names them (db/report_store.h says which, query by query). */
#ifndef COMPTOIR_DB_MODEL_REPORT_H
#define COMPTOIR_DB_MODEL_REPORT_H

#include <stdint.h>

#define REPORT_RAW_TEXTS 4
#define REPORT_RAW_NUMS 10

/* The days (inclusive) a report reads, and whose figures. The days come in
 * parts: the whole months inside them, read from the monthly summary tables,
 * and the days of the months they cover only in part (at the head and the
 * tail), read from the rows. A part whose first is after its last is empty
 * (report_window_split). */
struct report_window {
    char from[11], to[11];           /* days, "YYYY-MM-DD" */
    char from_month[8], to_month[8]; /* the months they touch, "YYYY-MM" */
    char whole_from[8], whole_to[8]; /* the whole months inside from … to */
    char head_from[11], head_to[11]; /* the days of the first month, when not all of it */
    char tail_from[11], tail_to[11]; /* the days of the last month, when not all of it */
    char today[11];
    int64_t rep_id;     /* 0 = everyone's */
    int64_t account_id; /* 0 = every account */
    int limit;          /* rows of a ranked list (the rest is counted) */
};

struct report_raw {
    int64_t id;
    char text[REPORT_RAW_TEXTS][101];
    int64_t num[REPORT_RAW_NUMS];
};

#endif
