/* Time: stored as UTC ISO 8601 ("2026-11-25T14:02:11Z"), shown to people in
 * local time by one formatter (datetime_local), dates as "YYYY-MM-DD". */
#ifndef COMPTOIR_BASE_DATETIME_H
#define COMPTOIR_BASE_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Bytes of a stored time with its NUL ("2026-11-25T14:02:11Z" + room), and of a date. */
#define DATETIME_LEN 32
#define DATE_LEN 11

/* Now: the clock, or the moment $COMPTOIR_NOW names ("2026-11-27T13:59:00Z",
 * for tests and demonstrations that depend on the time of day). */
time_t datetime_now(void);
/* The current time as stored. */
void datetime_now_utc(char out[DATETIME_LEN]);
/* t as stored, and its UTC date. */
void datetime_utc_from(time_t t, char out[DATETIME_LEN]);
void datetime_utc_date_from(time_t t, char out[DATE_LEN]);
/* Reads a stored time ("YYYY-MM-DDTHH:MM[:SS]…", read as UTC); false when text is not one. */
bool datetime_parse_utc(const char *text, time_t *out);

enum datetime_style {
    DATETIME_MINUTE,     /* "2026-11-25 15:02" */
    DATETIME_CLOCK,      /* "15:02" */
    DATETIME_CLOCK_TODAY /* "15:02" when it is today, else "2026-11-25 15:02" */
};
/* The one formatter of a stored time for people, in local time. Text that
 * is not a stored time is copied as it is. */
void datetime_local(const char *utc, enum datetime_style style, char *out, size_t len);

/* The local date of a stored time ("" when text is not one). */
void datetime_local_date(const char *utc, char out[DATE_LEN]);
/* Today's local date, and the local date days from now. */
void datetime_today(char out[DATE_LEN]);
void datetime_date_in_days(int days, char out[DATE_LEN]);
/* Today's local year, month (1-12) and day (1-31). */
void datetime_today_parts(int *year, int *month, int *day);
/* Local midnight of year-month-day as stored (mktime normalises day 32 and month 13). */
void datetime_local_midnight_utc(int year, int month, int day, char out[DATETIME_LEN]);
/* The days of a month (1-12) of the Gregorian calendar: 28 to 31. */
int datetime_days_in_month(int year, int month);
/* True when text is a date "YYYY-MM-DD" that the calendar has (no 2026-02-30). */
bool datetime_is_date(const char *text);

#endif
