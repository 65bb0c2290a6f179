/* Stored UTC times, their local display, and local calendar dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/datetime.h"

void datetime_utc_from(time_t t, char out[DATETIME_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, DATETIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void datetime_utc_date_from(time_t t, char out[DATE_LEN])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

time_t datetime_now(void)
{
    const char *fixed = getenv("COMPTOIR_NOW");
    time_t t;
    if (fixed != NULL && fixed[0] != '\0' && datetime_parse_utc(fixed, &t))
        return t;
    return time(NULL);
}

void datetime_now_utc(char out[DATETIME_LEN])
{
    datetime_utc_from(datetime_now(), out);
}

bool datetime_parse_utc(const char *text, time_t *out)
{
    struct tm tm = {0};
    int n = 0;
    if (text == NULL ||
        sscanf(text, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &n) != 5 ||
        n != 16)
        return false;
    if (text[n] == ':' && sscanf(text + n + 1, "%2d", &tm.tm_sec) != 1)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return true;
}

static bool same_day(const struct tm *a, const struct tm *b)
{
    return a->tm_yday == b->tm_yday && a->tm_year == b->tm_year;
}

void datetime_local(const char *utc, enum datetime_style style, char *out, size_t len)
{
    time_t t;
    if (!datetime_parse_utc(utc, &t)) {
        snprintf(out, len, "%s", utc ? utc : "");
        return;
    }
    struct tm local, today;
    time_t now = datetime_now();
    localtime_r(&t, &local);
    localtime_r(&now, &today);
    bool clock = style == DATETIME_CLOCK || (style == DATETIME_CLOCK_TODAY && same_day(&local, &today));
    strftime(out, len, clock ? "%H:%M" : "%Y-%m-%d %H:%M", &local);
}

void datetime_local_date(const char *utc, char out[DATE_LEN])
{
    time_t t;
    struct tm tm;
    out[0] = '\0';
    if (datetime_parse_utc(utc, &t) && localtime_r(&t, &tm) != NULL)
        strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

void datetime_date_in_days(int days, char out[DATE_LEN])
{
    time_t t = datetime_now() + (time_t)days * 86400;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

void datetime_today(char out[DATE_LEN])
{
    datetime_date_in_days(0, out);
}

void datetime_today_parts(int *year, int *month, int *day)
{
    time_t now = datetime_now();
    struct tm tm;
    localtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
}

void datetime_local_midnight_utc(int year, int month, int day, char out[DATETIME_LEN])
{
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    datetime_utc_from(mktime(&tm), out);
}

int datetime_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month < 1 || month > 12 ? 0 : month == 2 && leap ? 29 : days[month - 1];
}

bool datetime_is_date(const char *text)
{
    int y, m, d;
    char rest;
    return text != NULL && strlen(text) == 10 && text[4] == '-' && text[7] == '-' &&
           sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 && m >= 1 && m <= 12 && d >= 1 &&
           d <= datetime_days_in_month(y, m);
}
