/* What report.c (the runner, the B2B reports, the shape's helpers) and
 * report_b2c.c (promotions, loyalty, returns, the orders behind a row)
 * share inside src/b2c. */
#ifndef COMPTOIR_B2C_REPORT_PRIVATE_H
#define COMPTOIR_B2C_REPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/report.h"
#include "src/b2c/report.h"
#include "src/base/err.h"
#include "src/base/rows.h"

struct app;

/* ------------------------------------------------- helpers of report.c */

/* The first (or last) day of the month months after the one of day. */
void month_edge(const char *day, int months, bool last, char out[11]);
/* The period B2B vs B2C compares w with: from … to, shift months before. */
void report_previous_period(const struct report_window *w, int *shift, char from[11], char to[11]);
/* Sets w's months and its parts (whole months, head and tail days) from w->from … w->to. */
void report_window_split(struct report_window *w);
/* Empties w's partial days: w reads its whole months alone. */
void report_window_whole_only(struct report_window *w);
/* Whose figures w reads (everyone's, one rep's, a rep's own), said in scope. */
int window_rights(struct app *app, const struct report_query *q, struct report_window *w, char *scope,
                  size_t len, struct err *e);
/* A new section of r with its columns and the column its chart draws (-1 none). */
struct report_section *section_new(struct report *r, const char *title, const struct report_column *cols,
                                   int ncols, int chart_col);
struct report_row *row_add(struct report_section *s);
void cell_text(struct report_row *row, int c, const char *text);
/* num / den in basis points, or empty when den is 0. */
void cell_rate(struct report_row *row, int c, int64_t num, int64_t den);
/* num / den rounded, or empty when den is 0. */
void cell_ratio(struct report_row *row, int c, int64_t num, int64_t den);
/* A ranked list's rows past those read (its number count_index counts them all). */
int64_t ranked_more(const struct rows *raw, int count_index);

/* ---------------------------------------------- in report_b2c.c */

int report_promotions(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                      struct err *e);
int report_loyalty(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                   struct err *e);
int report_returns(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                   struct err *e);
/* The row opens the orders of a set (report_link_orders) between from and to. */
void link_order_set(struct report_row *row, const struct report_window *w, enum report_order_set set,
                    int64_t ref_id, const char *text, const char *from, const char *to);
/* The row opens nothing, and says why when Enter is pressed on it. */
void link_none(struct report_row *row, const char *why);
/* The first and last day of a month "YYYY-MM". */
void month_days_of(const char *month, char first[11], char last[11]);
/* The same within w's days. */
void month_days_in(const struct report_window *w, const char *month, char first[11], char last[11]);

#endif
