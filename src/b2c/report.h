/* Reports for managers (issue 15): one function per report, each filling
 * the same shape — a titled report of sections, each a table of typed
 * columns whose rows may open the quotes or orders behind them, with the
 * column its chart draws — so the command line (text, CSV) and the console
 * draw every report alike. Figures come from the summary tables of 0017
 * (kept by triggers) for the whole months of a range, from the rows (or
 * 0024's days) for the days of the months it covers in part, and the open
 * quotes; rights: ACT_REPORTS sees
 * everyone's figures, ACT_REPORTS_OWN (a rep) only their own. */
#ifndef COMPTOIR_B2C_REPORT_H
#define COMPTOIR_B2C_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;
struct order;

enum report_kind {
    REPORT_PIPELINE,   /* open quotes by rep, status and age; quotes about to expire */
    REPORT_WIN_RATE,   /* decided quotes by month and by rep; days from first send to acceptance */
    REPORT_DISCOUNTS,  /* discounts by rep and by account; approvals needed; approvers and waits */
    REPORT_CHANNELS,   /* B2B vs B2C by month, beside the period before */
    REPORT_PRODUCTS,   /* top products by revenue and by margin, categories, slow movers */
    REPORT_ONTIME,     /* deliveries on time by month and by account */
    REPORT_PROMOTIONS, /* per promotion: uses, discount granted, budget left, revenue of its orders */
    REPORT_LOYALTY,    /* points outstanding and their worth; earned, redeemed, expired by month */
    REPORT_RETURNS,    /* return rate by product and by reason; refunds by month */
    REPORT_KIND_COUNT
};

/* "pipeline", "win-rate", … in enum order, then NULL (the CLI's names). */
extern const char *const report_names[REPORT_KIND_COUNT + 1];
/* A line saying what each report shows, and its default range. */
const char *report_title(enum report_kind k);
const char *report_about(enum report_kind k);
/* Reports over a trend default to the last 12 months, the others to this month. */
bool report_is_trend(enum report_kind k);
int report_kind_parse(const char *name, enum report_kind *out, struct err *e);

struct report_query {
    char from[11], to[11]; /* "" = the default range */
    int64_t rep_id;        /* 0 = everyone the user may see */
    int64_t account_id;    /* 0 = every account */
    bool every_row;        /* ranked lists whole (CSV) instead of their top rows */
};

enum report_col_kind {
    RCOL_TEXT,
    RCOL_COUNT,
    RCOL_MONEY,   /* minor units */
    RCOL_RATE,    /* basis points, shown to a tenth of a percent */
    RCOL_DAYS,    /* tenths of a day */
    RCOL_DURATION /* seconds, shown in hours or days */
};

struct report_column {
    const char *name;
    enum report_col_kind kind;
};

#define REPORT_MAX_COLS 9
#define REPORT_MAX_SECTIONS 4

struct report_cell {
    char text[101]; /* RCOL_TEXT */
    int64_t value;  /* the others */
    bool empty;     /* no figure (a rate of nothing): "—" */
};

enum report_link_kind {
    REPORT_LINK_NONE,
    REPORT_LINK_QUOTE,    /* one quote: number in text */
    REPORT_LINK_QUOTES,   /* quotes: open ones (status, "" any) or decided between from and to */
    REPORT_LINK_ORDERS,   /* orders: the support search (text) narrowed by channel and days */
    REPORT_LINK_ORDER_SET /* orders of a set (enum report_order_set): report_link_orders */
};

/* The orders behind a row that the support search cannot say. */
enum report_order_set {
    RSET_DELIVERED, /* delivered between from and to, with a promise (on time or late) */
    RSET_PROMOTION, /* that used promotion ref_id on a day between from and to (not released) */
    RSET_RETURNS    /* with a return requested between from and to (not rejected); of product
                     * ref_id (0 any) and reason text ("" any) */
};

/* What is behind a row. */
struct report_link {
    enum report_link_kind kind;
    char text[101]; /* REPORT_LINK_NONE: why the row opens nothing ("" = not said) */
    char status[16];
    bool decided;
    int channel; /* enum order_channel, -1 = both */
    char from[11], to[11];
    int64_t rep_id, account_id;
    enum report_order_set set; /* REPORT_LINK_ORDER_SET */
    int64_t ref_id;
};

struct report_row {
    struct report_cell cells[REPORT_MAX_COLS];
    struct report_link link;
    bool total; /* a total line */
};

struct report_section {
    char title[121];
    int ncols;
    struct report_column cols[REPORT_MAX_COLS];
    int chart_col;    /* the column the chart draws, -1 = none */
    struct rows rows; /* struct report_row */
    int64_t left_out; /* rows ranked but not listed ("… N more") */
};

struct report {
    enum report_kind kind;
    char title[121];
    char from[11], to[11]; /* the days read */
    char range[121];       /* the range as said to people ("2026-11-13 … 2026-11-13", …) */
    char scope[121];       /* whose figures */
    int nsections;
    struct report_section sections[REPORT_MAX_SECTIONS];
};

/* Runs one report. A rep (ACT_REPORTS_OWN) gets their own figures and is
 * refused another's (q->rep_id); support is refused. Free with report_free. */
int report_run(struct app *app, enum report_kind k, const struct report_query *q, struct report *out,
               struct err *e);
void report_free(struct report *r);

/* A cell, plain: "1234.50", "12.5 %", "4.5", "3.2 h", "—". */
void report_cell_format(const struct report_column *col, const struct report_cell *cell, char *out,
                        size_t len);
/* A cell for people: money in the money format of the currency ("1,234.50 €",
 * money_format), the others as report_cell_format (currency NULL: money
 * plain too, for a terminal that cannot show the currency's symbol). */
void report_cell_show(const struct report_column *col, const struct report_cell *cell, const char *currency,
                      char *out, size_t len);
/* A cell for CSV: plain numbers ("1234.50", "12.50" percent, "4.5" days, seconds). */
void report_cell_csv(const struct report_column *col, const struct report_cell *cell, char *out, size_t len);

/* The user id of a login (for --rep). */
int report_user_id(struct app *app, const char *login, int64_t *id, struct err *e);
/* The ranges the console cycles through with one key; each sets q->from
 * and q->to ("" both for the report's default). */
enum report_range {
    RANGE_DEFAULT,
    RANGE_THIS_MONTH,
    RANGE_LAST_MONTH,
    RANGE_LAST_3_MONTHS,
    RANGE_LAST_12_MONTHS,
    RANGE_THIS_YEAR,
    RANGE_COUNT
};
const char *report_range_name(enum report_range r);
void report_range_set(enum report_range r, struct report_query *q);

/* The quotes behind a REPORT_LINK_QUOTES row, newest first, at most limit
 * (rows of struct report_quote_item, more counted). */
struct report_quote_item {
    int64_t id;
    char number[33];
    char account[101];
    char status[16];
    char owner[65];
    int64_t amount;
};
int report_link_quotes(struct app *app, const struct report_link *l, int limit, struct rows *out,
                       struct err *e);

/* The orders behind a REPORT_LINK_ORDER_SET row, newest first (by id),
 * keyset paged: q->cursor from report_link_order_cursor; at most q->limit
 * (<= 500) rows in rows. A rep gets only their own. */
int report_link_orders(struct app *app, const struct report_link *l, const struct page_req *q,
                       struct order *rows, int *count, struct err *e);
void report_link_order_cursor(const struct order *o, struct page_cursor *c);

#endif
