/* The records of the reports (issue 15): the window a report reads and one
 * row of what the summary tables (0017) answer, read alike for every query:
 * an id, then its text columns, then its numbers, in the order the query
 * names them (db/report_store.h says which, query by query). */
#ifndef COMPTOIR_DB_MODEL_REPORT_H
#define COMPTOIR_DB_MODEL_REPORT_H

#include <stdint.h>

#define REPORT_RAW_TEXTS 4
#define REPORT_RAW_NUMS 10

/* The days (inclusive) and whole months a report reads, and whose figures. */
struct report_window {
    char from[11], to[11];           /* days, "YYYY-MM-DD" */
    char from_month[8], to_month[8]; /* "YYYY-MM" */
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
