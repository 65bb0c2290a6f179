/* Reports for managers: the range and rights every report shares, then one
 * function per report turning what db/report_store reads into sections (see
 * report.h). Money stays in minor units; rates are basis points rounded half
 * away from zero; nothing here formats for a terminal but the cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/report_store.h"
#include "db/user_store.h"
#include "src/app.h"
#include "src/b2c/report.h"
#include "src/b2c/report_private.h"
#include "src/base/datetime.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/orders.h"

#define REPORT_TOP 20

const char *const report_names[REPORT_KIND_COUNT + 1] = {
    [REPORT_PIPELINE] = "pipeline",     [REPORT_WIN_RATE] = "win-rate", [REPORT_DISCOUNTS] = "discounts",
    [REPORT_CHANNELS] = "b2b-b2c",      [REPORT_PRODUCTS] = "products", [REPORT_ONTIME] = "on-time",
    [REPORT_PROMOTIONS] = "promotions", [REPORT_LOYALTY] = "loyalty",   [REPORT_RETURNS] = "returns",
    [REPORT_KIND_COUNT] = NULL};

static const struct {
    const char *title;
    const char *about;
    bool trend;
} infos[REPORT_KIND_COUNT] = {
    [REPORT_PIPELINE] = {"Pipeline",
                         "open quotes by rep, status and age (0-7, 8-30, 31+ days); those about to expire",
                         false},
    [REPORT_WIN_RATE] =
        {"Win rate",
         "accepted / (accepted + rejected + expired + cancelled) by month and by rep; days from "
         "first send to acceptance",
         true},
    [REPORT_DISCOUNTS] =
        {"Discounts",
         "average and largest discount of decided quotes by rep and by account, the share that "
         "needed approval; approvals by approver and how long they waited",
         false},
    [REPORT_CHANNELS] =
        {"B2B vs B2C",
         "revenue excl. tax, orders and average order by month and channel, beside the period "
         "before",
         true},
    [REPORT_PRODUCTS] = {"Products", "top products by revenue and by margin, categories, slow movers", false},
    [REPORT_ONTIME] = {"On-time delivery",
                       "orders delivered on or before the date first promised, by month and by account",
                       true},
    [REPORT_PROMOTIONS] = {"Promotions",
                           "per promotion: uses, discount granted, budget left, revenue of the orders that "
                           "used it",
                           false},
    [REPORT_LOYALTY] = {"Loyalty",
                        "points outstanding and what they are worth; earned, redeemed and expired by month",
                        true},
    [REPORT_RETURNS] = {"Returns", "return rate by product and by reason, refunds by month", true},
};

const char *report_title(enum report_kind k)
{
    return infos[k].title;
}

const char *report_about(enum report_kind k)
{
    return infos[k].about;
}

bool report_is_trend(enum report_kind k)
{
    return infos[k].trend;
}

int report_kind_parse(const char *name, enum report_kind *out, struct err *e)
{
    int i = name_index(report_names, REPORT_KIND_COUNT, name, false);
    if (i < 0)
        return err_set(e, ERR_NOTFOUND, "report", "no report '%s' (comptoir report list)", name);
    *out = (enum report_kind)i;
    return ERR_OK;
}

/* ------------------------------------------------------------- the range */

static void month_add(int *y, int *m, int months)
{
    int n = *y * 12 + (*m - 1) + months;
    *y = n / 12;
    *m = n % 12 + 1;
}

static int month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* The first (or last) day of the month months after the one of day. */
void month_edge(const char *day, int months, bool last, char out[11])
{
    int y = 0, m = 1;
    sscanf(day, "%4d-%2d", &y, &m);
    month_add(&y, &m, months);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)(last ? month_days(y, m) : 1) % 100u);
}

/* day moved by whole months, its day of month kept within the month. */
static void day_add_months(const char *day, int months, char out[11])
{
    int y = 0, m = 1, d = 1;
    sscanf(day, "%4d-%2d-%2d", &y, &m, &d);
    month_add(&y, &m, months);
    if (d > month_days(y, m))
        d = month_days(y, m);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static int months_between(const char *from, const char *to)
{
    int y1 = 0, m1 = 1, y2 = 0, m2 = 1;
    sscanf(from, "%4d-%2d", &y1, &m1);
    sscanf(to, "%4d-%2d", &y2, &m2);
    return (y2 * 12 + m2) - (y1 * 12 + m1) + 1;
}

const char *report_range_name(enum report_range r)
{
    static const char *const names[RANGE_COUNT] = {"the report's default", "this month",         "last month",
                                                   "the last 3 months",    "the last 12 months", "this year"};
    return r < RANGE_COUNT ? names[r] : "";
}

void report_range_set(enum report_range r, struct report_query *q)
{
    char today[11];
    datetime_today(today);
    q->from[0] = q->to[0] = '\0';
    if (r == RANGE_DEFAULT || r >= RANGE_COUNT)
        return;
    snprintf(q->to, sizeof q->to, "%s", today);
    if (r == RANGE_THIS_MONTH)
        month_edge(today, 0, false, q->from);
    else if (r == RANGE_LAST_MONTH) {
        month_edge(today, -1, false, q->from);
        month_edge(today, -1, true, q->to);
    } else if (r == RANGE_LAST_3_MONTHS)
        month_edge(today, -2, false, q->from);
    else if (r == RANGE_LAST_12_MONTHS)
        month_edge(today, -11, false, q->from);
    else
        snprintf(q->from, sizeof q->from, "%.4s-01-01", today);
}

static bool is_month_last(const char *day)
{
    char last[11];
    month_edge(day, 0, true, last);
    return strcmp(day, last) == 0;
}

/* Cuts w->from … w->to into the whole months inside (the summary tables)
 * and the days of the months at either end it covers in part (the rows). */
void report_window_split(struct report_window *w)
{
    static const char none_first[] = "9999-12-31", none_last[] = "0000-01-01";
    snprintf(w->from_month, sizeof w->from_month, "%.7s", w->from);
    snprintf(w->to_month, sizeof w->to_month, "%.7s", w->to);
    bool head = strcmp(w->from + 8, "01") != 0, tail = !is_month_last(w->to);
    bool one_month = strcmp(w->from_month, w->to_month) == 0;
    char first[11], last[11];
    snprintf(w->head_from, sizeof w->head_from, "%s", none_first);
    snprintf(w->head_to, sizeof w->head_to, "%s", none_last);
    snprintf(w->tail_from, sizeof w->tail_from, "%s", none_first);
    snprintf(w->tail_to, sizeof w->tail_to, "%s", none_last);
    if (one_month && (head || tail)) { /* part of one month: its days alone */
        snprintf(w->head_from, sizeof w->head_from, "%s", w->from);
        snprintf(w->head_to, sizeof w->head_to, "%s", w->to);
        snprintf(w->whole_from, sizeof w->whole_from, "%.7s", none_first);
        snprintf(w->whole_to, sizeof w->whole_to, "%.7s", none_last);
        return;
    }
    month_edge(w->from, head ? 1 : 0, false, first);
    month_edge(w->to, tail ? -1 : 0, true, last);
    snprintf(w->whole_from, sizeof w->whole_from, "%.7s", first);
    snprintf(w->whole_to, sizeof w->whole_to, "%.7s", last);
    if (head) {
        snprintf(w->head_from, sizeof w->head_from, "%s", w->from);
        month_edge(w->from, 0, true, w->head_to);
    }
    if (tail) {
        month_edge(w->to, 0, false, w->tail_from);
        snprintf(w->tail_to, sizeof w->tail_to, "%s", w->to);
    }
}

/* w's whole months alone: its partial days emptied. */
void report_window_whole_only(struct report_window *w)
{
    snprintf(w->head_from, sizeof w->head_from, "9999-12-31");
    snprintf(w->head_to, sizeof w->head_to, "0000-01-01");
    snprintf(w->tail_from, sizeof w->tail_from, "9999-12-31");
    snprintf(w->tail_to, sizeof w->tail_to, "0000-01-01");
}

/* The window: the days asked, else this month (or the last 12 for a trend)
 * up to today, split into whole months and days (report_window_split). */
static int window_make(enum report_kind k, const struct report_query *q, struct report_window *w,
                       struct err *e)
{
    memset(w, 0, sizeof *w);
    datetime_today(w->today);
    if ((q->from[0] && !datetime_is_date(q->from)) || (q->to[0] && !datetime_is_date(q->to)))
        return err_set(e, ERR_INVALID, "from", "dates are YYYY-MM-DD");
    snprintf(w->to, sizeof w->to, "%s", q->to[0] ? q->to : w->today);
    if (q->from[0])
        snprintf(w->from, sizeof w->from, "%s", q->from);
    else
        month_edge(w->to, report_is_trend(k) ? -11 : 0, false, w->from);
    if (strcmp(w->from, w->to) > 0)
        return err_set(e, ERR_INVALID, "from", "the range starts on %s, after its end %s", w->from, w->to);
    report_window_split(w);
    w->account_id = q->account_id;
    w->limit = q->every_row ? 0 : REPORT_TOP;
    return ERR_OK;
}

/* Whose figures: everyone's (ACT_REPORTS, or one rep's when asked), a rep's own. */
int window_rights(struct app *app, const struct report_query *q, struct report_window *w, char *scope,
                  size_t len, struct err *e)
{
    if (rights_allows(app->user.role, ACT_REPORTS)) {
        struct user rep;
        w->rep_id = q->rep_id;
        if (q->rep_id && user_store_get(app->db, q->rep_id, &rep, NULL) == ERR_OK)
            snprintf(scope, len, "%s's figures", rep.login);
        else
            snprintf(scope, len, q->rep_id ? "one rep's figures" : "everyone's figures");
        return ERR_OK;
    }
    int rc = app_require(app, ACT_REPORTS_OWN, e);
    if (rc != ERR_OK)
        return rc;
    if (q->rep_id != 0 && q->rep_id != app->user.id)
        return err_set(e, ERR_DENIED, "rep", "a %s sees only their own figures", role_name(app->user.role));
    w->rep_id = app->user.id;
    snprintf(scope, len, "%s's own figures", app->user.login);
    return ERR_OK;
}

static void range_say(const struct report_window *w, char *out, size_t len)
{
    snprintf(out, len, "%s … %s", w->from, w->to);
}

/* ----------------------------------------------------------- the shape */

struct report_section *section_new(struct report *r, const char *title, const struct report_column *cols,
                                   int ncols, int chart_col)
{
    struct report_section *s = &r->sections[r->nsections++];
    snprintf(s->title, sizeof s->title, "%s", title);
    s->ncols = ncols;
    memcpy(s->cols, cols, (size_t)ncols * sizeof *cols);
    s->chart_col = chart_col;
    rows_reset(&s->rows, sizeof(struct report_row));
    return s;
}

struct report_row *row_add(struct report_section *s)
{
    struct report_row *row = rows_add(&s->rows);
    row->link.channel = -1;
    return row;
}

void cell_text(struct report_row *row, int c, const char *text)
{
    snprintf(row->cells[c].text, sizeof row->cells[c].text, "%s", text);
}

void cell_rate(struct report_row *row, int c, int64_t num, int64_t den)
{
    row->cells[c].empty = den == 0;
    row->cells[c].value = den == 0 ? 0 : money_div_round(num * 10000, den);
}

void cell_ratio(struct report_row *row, int c, int64_t num, int64_t den)
{
    row->cells[c].empty = den == 0;
    row->cells[c].value = den == 0 ? 0 : money_div_round(num, den);
}

static void link_quotes(struct report_row *row, const struct report_window *w, bool decided,
                        const char *status, int64_t rep_id, int64_t account_id)
{
    row->link.kind = REPORT_LINK_QUOTES;
    row->link.decided = decided;
    snprintf(row->link.status, sizeof row->link.status, "%s", status);
    snprintf(row->link.from, sizeof row->link.from, "%s", w->from);
    snprintf(row->link.to, sizeof row->link.to, "%s", w->to);
    row->link.rep_id = rep_id ? rep_id : w->rep_id;
    row->link.account_id = account_id ? account_id : w->account_id;
}

static void link_orders(struct report_row *row, const char *text, int channel, const char *from,
                        const char *to)
{
    row->link.kind = REPORT_LINK_ORDERS;
    snprintf(row->link.text, sizeof row->link.text, "%s", text);
    row->link.channel = channel;
    snprintf(row->link.from, sizeof row->link.from, "%s", from);
    snprintf(row->link.to, sizeof row->link.to, "%s", to);
}

static int read_rows(struct app *app, enum report_read k, const struct report_window *w, struct rows *raw,
                     struct err *e)
{
    return report_store_read(app->db, k, w, NULL, raw, e);
}

/* A ranked list of the figures sums holds (report_store_sums), as k ranks them. */
static int read_ranked(struct app *app, enum report_read k, const struct report_window *w,
                       const struct rows *sums, struct rows *raw, struct err *e)
{
    return report_store_rank(app->db, k, w, sums, raw, e);
}

/* A ranked list's rows past those read (its last number counts them all). */
int64_t ranked_more(const struct rows *raw, int count_index)
{
    const struct report_raw *r = raw->items;
    return raw->n > 0 ? r[0].num[count_index] - raw->n : 0;
}

/* -------------------------------------------------------------- pipeline */

static int report_pipeline(struct app *app, const struct report_query *q, struct report_window *w,
                           struct report *out, struct rows *raw, struct err *e)
{
    static const struct report_column cols[] = {
        {"REP", RCOL_TEXT},    {"STATUS", RCOL_TEXT},  {"0-7 D", RCOL_COUNT}, {"8-30 D", RCOL_COUNT},
        {"31+ D", RCOL_COUNT}, {"QUOTES", RCOL_COUNT}, {"AMOUNT", RCOL_MONEY}};
    static const struct report_column soon_cols[] = {{"QUOTE", RCOL_TEXT},
                                                     {"ACCOUNT", RCOL_TEXT},
                                                     {"REP", RCOL_TEXT},
                                                     {"VALID UNTIL", RCOL_TEXT},
                                                     {"AMOUNT", RCOL_MONEY}};
    if (q->from[0] == '\0' && q->to[0] == '\0') {
        w->from[0] = w->to[0] = '\0';
        snprintf(out->range, sizeof out->range, "every open quote, ages on %s", w->today);
    } else
        snprintf(out->range, sizeof out->range, "open quotes created %s … %s", w->from, w->to);
    int rc = read_rows(app, RQ_PIPELINE, w, raw, e);
    struct report_section *s =
        section_new(out, "Open quotes by rep, status and age (days since created)", cols, 7, 6);
    struct report_row total = {0};
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        for (int c = 0; c < 5; c++) {
            row->cells[2 + c].value = r[i].num[c];
            total.cells[2 + c].value += r[i].num[c];
        }
        link_quotes(row, w, false, r[i].text[1], r[i].id, 0);
    }
    struct report_row *t = row_add(s);
    *t = total;
    t->total = true;
    cell_text(t, 0, "Total");
    link_quotes(t, w, false, "", 0, 0);
    if (rc == ERR_OK)
        rc = read_rows(app, RQ_EXPIRING, w, raw, e);
    s = section_new(out, "About to expire (within 7 days)", soon_cols, 5, -1);
    r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        for (int c = 0; c < 4; c++)
            cell_text(row, c, r[i].text[c == 0 ? 0 : c == 1 ? 1 : c == 2 ? 2 : 3]);
        row->cells[4].value = r[i].num[0];
        row->link.kind = REPORT_LINK_QUOTE;
        snprintf(row->link.text, sizeof row->link.text, "%s", r[i].text[0]);
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 1) : 0;
    return rc;
}

/* -------------------------------------------------------------- win rate */

static void win_cells(struct report_row *row, const int64_t *n)
{
    for (int c = 0; c < 5; c++)
        row->cells[1 + c].value = n[c];
    cell_rate(row, 6, n[1], n[1] + n[2] + n[3] + n[4]);
    cell_ratio(row, 7, n[5] * 10, n[1] * 86400); /* tenths of a day */
}

/* One rep's decisions over the window (the rows of RQ_WIN_MONTH_REP summed). */
struct win_rep {
    int64_t id;
    char login[101];
    int64_t n[6];
};

static int win_rep_order(const void *pa, const void *pb)
{
    const struct win_rep *a = pa, *b = pb;
    int c = strcmp(a->login, b->login);
    return c != 0 ? c : (a->id > b->id) - (a->id < b->id);
}

/* The reps of raw (by month and rep), each once with its sums, by login. */
static void win_reps(const struct rows *raw, struct rows *reps)
{
    rows_reset(reps, sizeof(struct win_rep));
    const struct report_raw *r = raw->items;
    for (int i = 0; i < raw->n; i++) {
        struct win_rep *p = reps->items, *found = NULL;
        for (int j = 0; j < reps->n && found == NULL; j++)
            if (p[j].id == r[i].id)
                found = &p[j];
        if (found == NULL) {
            found = rows_add(reps);
            found->id = r[i].id;
            snprintf(found->login, sizeof found->login, "%s", r[i].text[0]);
        }
        for (int c = 0; c < 6; c++)
            found->n[c] += r[i].num[c];
    }
    if (reps->n > 1)
        qsort(reps->items, (size_t)reps->n, sizeof(struct win_rep), win_rep_order);
}

static int report_win_rate(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                           struct err *e)
{
    static const struct report_column cols[] = {{"MONTH", RCOL_TEXT},     {"DECIDED", RCOL_COUNT},
                                                {"ACCEPTED", RCOL_COUNT}, {"REJECTED", RCOL_COUNT},
                                                {"EXPIRED", RCOL_COUNT},  {"CANCELLED", RCOL_COUNT},
                                                {"WIN RATE", RCOL_RATE},  {"DAYS TO ACCEPT", RCOL_DAYS}};
    struct report_column rep_cols[8];
    memcpy(rep_cols, cols, sizeof cols);
    rep_cols[0].name = "REP";
    int rc = read_rows(app, RQ_WIN_MONTH_REP, w, raw, e);
    struct report_section *s = section_new(out, "Quotes decided, by month", cols, 8, 6);
    int64_t total[6] = {0}, month[6] = {0};
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        for (int c = 0; c < 6; c++)
            month[c] += r[i].num[c], total[c] += r[i].num[c];
        if (i + 1 < raw->n && strcmp(r[i + 1].text[1], r[i].text[1]) == 0)
            continue; /* the month's next rep */
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[1]);
        win_cells(row, month);
        memset(month, 0, sizeof month);
        link_quotes(row, w, true, "", 0, 0);
        month_days_in(w, r[i].text[1], row->link.from, row->link.to);
    }
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    win_cells(t, total);
    link_quotes(t, w, true, "", 0, 0);
    struct rows reps = {0};
    if (rc == ERR_OK)
        win_reps(raw, &reps);
    s = section_new(out, "Quotes decided, by rep", rep_cols, 8, 6);
    const struct win_rep *p = reps.items;
    for (int i = 0; rc == ERR_OK && i < reps.n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, p[i].login);
        win_cells(row, p[i].n);
        link_quotes(row, w, true, "", p[i].id, 0);
    }
    rows_free(&reps);
    return rc;
}

/* ------------------------------------------------------------- discounts */

static void discount_cells(struct report_row *row, int c, const int64_t *n)
{
    row->cells[c].value = n[0];
    cell_ratio(row, c + 1, n[1], n[0]);
    row->cells[c + 2].value = n[2];
    row->cells[c + 3].value = n[3];
    cell_rate(row, c + 4, n[3], n[0]);
}

/* A rep's figures of the window (win_reps, rep_sums_add): decisions, or
 * decided, Σ discount bp, largest bp, needed approval. */
static struct win_rep *rep_find(struct rows *reps, int64_t id, const char *login)
{
    struct win_rep *p = reps->items;
    for (int j = 0; j < reps->n; j++)
        if (p[j].id == id)
            return &p[j];
    struct win_rep *r = rows_add(reps);
    r->id = id;
    snprintf(r->login, sizeof r->login, "%s", login);
    return r;
}

/* A rep's discounts (decided, Σ bp, largest bp, needed approval) added to theirs. */
static void discount_add(int64_t *n, const int64_t *add)
{
    n[0] += add[0];
    n[1] += add[1];
    n[2] = add[2] > n[2] ? add[2] : n[2];
    n[3] += add[3];
}

/* By rep: the whole months (raw) and the partial days (days, by rep and account). */
static int discounts_by_rep(struct app *app, const struct report_window *w, const struct report_window *whole,
                            const struct rows *days, struct report *out, struct rows *raw, struct err *e)
{
    static const struct report_column cols[] = {
        {"REP", RCOL_TEXT},     {"QUOTES", RCOL_COUNT},          {"AVG DISCOUNT", RCOL_RATE},
        {"LARGEST", RCOL_RATE}, {"NEEDED APPROVAL", RCOL_COUNT}, {"SHARE", RCOL_RATE}};
    int rc = read_rows(app, RQ_DISCOUNT_REP, whole, raw, e);
    struct report_section *s = section_new(out, "Decided quotes' discount, by rep", cols, 6, 2);
    struct rows reps = {0};
    rows_reset(&reps, sizeof(struct win_rep));
    const struct report_raw *r = raw->items, *d = days->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++)
        discount_add(rep_find(&reps, r[i].id, r[i].text[0])->n, r[i].num);
    for (int i = 0; rc == ERR_OK && i < days->n; i++)
        discount_add(rep_find(&reps, d[i].id, d[i].text[0])->n, &d[i].num[1]);
    if (reps.n > 1)
        qsort(reps.items, (size_t)reps.n, sizeof(struct win_rep), win_rep_order);
    int64_t total[6] = {0};
    const struct win_rep *p = reps.items;
    for (int i = 0; rc == ERR_OK && i < reps.n; i++) {
        if (p[i].n[0] <= 0)
            continue;
        struct report_row *row = row_add(s);
        cell_text(row, 0, p[i].login);
        discount_cells(row, 1, p[i].n);
        discount_add(total, p[i].n);
        link_quotes(row, w, true, "", p[i].id, 0);
    }
    rows_free(&reps);
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Total");
    discount_cells(t, 1, total);
    link_quotes(t, w, true, "", 0, 0);
    return rc;
}

/* The partial days' decisions by account (days: by account, then rep) as
 * sums: decided, Σ bp, needed approval, 1 + largest bp. */
static void discount_days_by_account(const struct rows *days, struct rows *part)
{
    rows_reset(part, sizeof(struct report_sum));
    const struct report_raw *d = days->items;
    for (int i = 0; i < days->n; i++) {
        struct report_sum *last = part->n > 0 ? rows_at(part, part->n - 1) : NULL;
        struct report_sum *a = last != NULL && last->id == d[i].num[0] ? last : rows_add(part);
        a->id = d[i].num[0];
        a->v[0] += d[i].num[1];
        a->v[1] += d[i].num[2];
        a->v[2] += d[i].num[4];
        a->v[3] = d[i].num[3] + 1 > a->v[3] ? d[i].num[3] + 1 : a->v[3];
    }
}

static int report_discounts(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                            struct err *e)
{
    static const struct report_column account_cols[] = {
        {"ACCOUNT", RCOL_TEXT},      {"NAME", RCOL_TEXT},    {"QUOTES", RCOL_COUNT},
        {"AVG DISCOUNT", RCOL_RATE}, {"LARGEST", RCOL_RATE}, {"NEEDED APPROVAL", RCOL_COUNT},
        {"SHARE", RCOL_RATE}};
    static const struct report_column approver_cols[] = {{"APPROVER", RCOL_TEXT},
                                                         {"APPROVED", RCOL_COUNT},
                                                         {"REJECTED", RCOL_COUNT},
                                                         {"AVERAGE WAIT", RCOL_DURATION},
                                                         {"LONGEST WAIT", RCOL_DURATION}};
    /* the partial days' decisions read once (their facts are costly), for
     * the reps and the accounts; the whole months from the summary tables */
    struct report_window whole = *w;
    report_window_whole_only(&whole);
    struct rows sums = {0}, days = {0}, part = {0};
    int rc = read_rows(app, RQ_DISCOUNT_DAYS, w, &days, e);
    if (rc == ERR_OK)
        rc = discounts_by_rep(app, w, &whole, &days, out, raw, e);
    if (rc == ERR_OK)
        rc = report_store_sums(app->db, RSUM_QUOTES, &whole, &sums, e);
    if (rc == ERR_OK) {
        discount_days_by_account(&days, &part);
        report_store_sums_merge(&sums, &part);
        rc = read_ranked(app, RQ_DISCOUNT_ACCOUNT, w, &sums, raw, e);
    }
    rows_free(&sums);
    rows_free(&days);
    rows_free(&part);
    struct report_section *s = section_new(out, "By account, the largest average first", account_cols, 7, 3);
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        discount_cells(row, 2, r[i].num);
        link_quotes(row, w, true, "", 0, r[i].id);
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 4) : 0;
    if (rc == ERR_OK)
        rc = read_rows(app, RQ_APPROVERS, w, raw, e);
    s = section_new(out, "Approvals by approver (wait: since the quote went to approval)", approver_cols, 5,
                    3);
    r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        row->cells[1].value = r[i].num[0];
        row->cells[2].value = r[i].num[1];
        cell_ratio(row, 3, r[i].num[2], r[i].num[0] + r[i].num[1]);
        row->cells[4].value = r[i].num[3];
        link_none(row, "An approver opens nothing: each quote's timeline (T) says who approved it.");
    }
    return rc;
}

/* ------------------------------------------------------------ B2B vs B2C */

#define CHANNEL_COUNT 2

static int channel_index(const char *name)
{
    enum channel c;
    return channel_parse(name, &c) == ERR_OK ? (int)c : -1;
}

/* The period before w: a range of whole months, the same number of whole
 * months before it; any other range moved back by as many months as it
 * touches, its days kept within their month (a range ending on a month's
 * last day ends on the last day of the month it moves to). */
void report_previous_period(const struct report_window *w, int *shift, char from[11], char to[11])
{
    *shift = months_between(w->from, w->to);
    day_add_months(w->from, -*shift, from);
    if (is_month_last(w->to))
        month_edge(w->to, -*shift, true, to);
    else
        day_add_months(w->to, -*shift, to);
}

/* A month's orders and revenue in one channel (zeros when it has no row):
 * whether it has one (orders placed, cancelled since, or money paid back). */
static bool channel_figures(const struct rows *list, const char *month, int channel, int64_t *orders,
                            int64_t *revenue)
{
    *orders = *revenue = 0;
    const struct report_raw *r = list->items;
    for (int i = 0; i < list->n; i++)
        if (strncmp(r[i].text[0], month, 7) == 0 && channel_index(r[i].text[1]) == channel) {
            *orders = r[i].num[0] - r[i].num[1];
            *revenue = r[i].num[2];
            return true;
        }
    return false;
}

/* orders, revenue, average order; the same for the period before; the change of the revenue. */
static void channel_cells(struct report_row *row, const int64_t *now, const int64_t *before)
{
    row->cells[2].value = now[0];
    row->cells[3].value = now[1];
    cell_ratio(row, 4, now[1], now[0]);
    row->cells[5].value = before[0];
    row->cells[6].value = before[1];
    cell_ratio(row, 7, before[1], before[0]);
    cell_rate(row, 8, now[1] - before[1], before[1]);
}

/* A row per month of the window and channel that has orders now or in the
 * month one period earlier; the totals per channel after them. */
static void channel_rows(struct report_section *s, const struct report_window *w, int shift,
                         const struct rows *now, const struct rows *prev)
{
    int64_t totals[CHANNEL_COUNT][2][2] = {{{0}}};
    char day[11], next[11];
    snprintf(day, sizeof day, "%s-01", w->from_month);
    for (; strncmp(day, w->to_month, 7) <= 0; snprintf(day, sizeof day, "%s", next)) {
        char earlier[11], last[11];
        month_edge(day, 1, false, next);
        month_edge(day, -shift, false, earlier);
        month_edge(day, 0, true, last);
        for (int ch = 0; ch < CHANNEL_COUNT; ch++) {
            int64_t a[2], b[2];
            bool any = channel_figures(now, day, ch, &a[0], &a[1]);
            if (!channel_figures(prev, earlier, ch, &b[0], &b[1]) && !any)
                continue;
            struct report_row *row = row_add(s);
            snprintf(row->cells[0].text, sizeof row->cells[0].text, "%.7s", day);
            cell_text(row, 1, ch == CHANNEL_B2B ? "B2B" : "B2C");
            channel_cells(row, a, b);
            for (int k = 0; k < 2; k++)
                totals[ch][0][k] += a[k], totals[ch][1][k] += b[k];
            link_orders(row, "", ch, strcmp(day, w->from) < 0 ? w->from : day,
                        strcmp(last, w->to) > 0 ? w->to : last);
        }
    }
    for (int ch = 0; ch < CHANNEL_COUNT; ch++) {
        struct report_row *t = row_add(s);
        t->total = true;
        cell_text(t, 0, "Total");
        cell_text(t, 1, ch == CHANNEL_B2B ? "B2B" : "B2C");
        channel_cells(t, totals[ch][0], totals[ch][1]);
        link_orders(t, "", ch, w->from, w->to);
    }
}

static int report_channels(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                           struct err *e)
{
    static const struct report_column cols[] = {
        {"MONTH", RCOL_TEXT},     {"CHANNEL", RCOL_TEXT},    {"ORDERS", RCOL_COUNT},
        {"REVENUE", RCOL_MONEY},  {"AVG ORDER", RCOL_MONEY}, {"PREV ORDERS", RCOL_COUNT},
        {"PREVIOUS", RCOL_MONEY}, {"PREV AVG", RCOL_MONEY},  {"CHANGE", RCOL_RATE}};
    int shift;
    struct report_window before = *w;
    report_previous_period(w, &shift, before.from, before.to);
    report_window_split(&before);
    struct rows prev = {0};
    int rc = read_rows(app, RQ_CHANNEL_MONTH, &before, &prev, e);
    if (rc == ERR_OK)
        rc = read_rows(app, RQ_CHANNEL_MONTH, w, raw, e);
    char title[121];
    snprintf(title, sizeof title, "Revenue excl. tax by month (previous: %s … %s, month by month)",
             before.from, before.to);
    struct report_section *s = section_new(out, title, cols, 9, 3);
    if (rc == ERR_OK)
        channel_rows(s, w, shift, raw, &prev);
    rows_free(&prev);
    return rc;
}

/* -------------------------------------------------------------- products */

static int product_section(struct app *app, enum report_read k, const char *title, int chart,
                           struct report_window *w, const struct rows *sums, struct report *out,
                           struct rows *raw, struct err *e)
{
    static const struct report_column cols[] = {{"SKU", RCOL_TEXT},     {"NAME", RCOL_TEXT},
                                                {"UNITS", RCOL_COUNT},  {"REVENUE", RCOL_MONEY},
                                                {"MARGIN", RCOL_MONEY}, {"MARGIN %", RCOL_RATE}};
    int rc = read_ranked(app, k, w, sums, raw, e);
    struct report_section *s = section_new(out, title, cols, 6, chart);
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        row->cells[2].value = r[i].num[0];
        row->cells[3].value = r[i].num[1];
        row->cells[4].value = r[i].num[1] - r[i].num[2];
        cell_rate(row, 5, r[i].num[1] - r[i].num[2], r[i].num[1]);
        link_orders(row, r[i].text[0], -1, w->from, w->to);
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 3) : 0;
    return rc;
}

static int report_products(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                           struct err *e)
{
    static const struct report_column cat_cols[] = {{"CATEGORY", RCOL_TEXT},
                                                    {"UNITS", RCOL_COUNT},
                                                    {"REVENUE", RCOL_MONEY},
                                                    {"MARGIN", RCOL_MONEY},
                                                    {"MARGIN %", RCOL_RATE}};
    static const struct report_column slow_cols[] = {
        {"SKU", RCOL_TEXT}, {"NAME", RCOL_TEXT}, {"IN STOCK", RCOL_COUNT}, {"UNITS SOLD", RCOL_COUNT}};
    /* every product's figures read once, for the three lists */
    struct rows sums = {0};
    int rc = report_store_sums(app->db, RSUM_PRODUCTS, w, &sums, e);
    if (rc == ERR_OK)
        rc = product_section(app, RQ_PRODUCTS_REVENUE, "Top products by revenue excl. tax", 3, w, &sums, out,
                             raw, e);
    if (rc == ERR_OK)
        rc = product_section(app, RQ_PRODUCTS_MARGIN, "Top products by margin", 4, w, &sums, out, raw, e);
    if (rc == ERR_OK)
        rc = read_rows(app, RQ_CATEGORIES, w, raw, e);
    struct report_section *s = section_new(out, "Categories", cat_cols, 5, 2);
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0][0] ? r[i].text[0] : "(none)");
        link_none(row, "A category opens nothing: its products above open their orders.");
        row->cells[1].value = r[i].num[0];
        row->cells[2].value = r[i].num[1];
        row->cells[3].value = r[i].num[1] - r[i].num[2];
        cell_rate(row, 4, r[i].num[1] - r[i].num[2], r[i].num[1]);
    }
    if (rc != ERR_OK || w->rep_id != 0) { /* slow movers are the catalogue's, not a rep's */
        rows_free(&sums);
        return rc;
    }
    rc = read_ranked(app, RQ_SLOW_MOVERS, w, &sums, raw, e);
    rows_free(&sums);
    s = section_new(out, "Slow movers: active products in stock that sold the fewest units", slow_cols, 4,
                    -1);
    r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        row->cells[2].value = r[i].num[0];
        row->cells[3].value = r[i].num[1];
        link_orders(row, r[i].text[0], -1, w->from, w->to);
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 2) : 0;
    return rc;
}

/* --------------------------------------------------------------- on time */

static void ontime_cells(struct report_row *row, int c, int64_t delivered, int64_t on_time)
{
    row->cells[c].value = delivered;
    row->cells[c + 1].value = on_time;
    row->cells[c + 2].value = delivered - on_time;
    cell_rate(row, c + 3, on_time, delivered);
}

static int report_ontime(struct app *app, struct report_window *w, struct report *out, struct rows *raw,
                         struct err *e)
{
    static const struct report_column cols[] = {{"MONTH", RCOL_TEXT},
                                                {"DELIVERED", RCOL_COUNT},
                                                {"ON TIME", RCOL_COUNT},
                                                {"LATE", RCOL_COUNT},
                                                {"RATE", RCOL_RATE}};
    static const struct report_column account_cols[] = {{"ACCOUNT", RCOL_TEXT},    {"NAME", RCOL_TEXT},
                                                        {"DELIVERED", RCOL_COUNT}, {"ON TIME", RCOL_COUNT},
                                                        {"LATE", RCOL_COUNT},      {"RATE", RCOL_RATE}};
    int rc = read_rows(app, RQ_ONTIME_MONTH, w, raw, e);
    struct report_section *s = section_new(out, "By the month delivered", cols, 5, 4);
    int64_t delivered = 0, on_time = 0;
    const struct report_raw *r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        ontime_cells(row, 1, r[i].num[0], r[i].num[1]);
        char first[11], last[11];
        month_days_in(w, r[i].text[0], first, last);
        link_order_set(row, w, RSET_DELIVERED, 0, "", first, last);
        delivered += r[i].num[0];
        on_time += r[i].num[1];
    }
    struct rows sums = {0};
    if (rc == ERR_OK)
        rc = report_store_sums(app->db, RSUM_DELIVERIES, w, &sums, e);
    if (rc == ERR_OK)
        rc = read_ranked(app, RQ_ONTIME_ACCOUNT, w, &sums, raw, e);
    rows_free(&sums);
    s = section_new(out, "By account (consumers together), the most late first", account_cols, 6, 5);
    r = raw->items;
    for (int i = 0; rc == ERR_OK && i < raw->n; i++) {
        struct report_row *row = row_add(s);
        cell_text(row, 0, r[i].text[0]);
        cell_text(row, 1, r[i].text[1]);
        ontime_cells(row, 2, r[i].num[0], r[i].num[1]);
        link_orders(row, r[i].id ? r[i].text[1] : "", r[i].id ? CHANNEL_B2B : CHANNEL_B2C, "", "");
    }
    s->left_out = rc == ERR_OK ? ranked_more(raw, 2) : 0;
    struct report_row *t = row_add(s);
    t->total = true;
    cell_text(t, 0, "Overall");
    ontime_cells(t, 2, delivered, on_time);
    link_order_set(t, w, RSET_DELIVERED, 0, "", w->from, w->to);
    return rc;
}

/* ------------------------------------------------------------ the runner */

int report_run(struct app *app, enum report_kind k, const struct report_query *q, struct report *out,
               struct err *e)
{
    memset(out, 0, sizeof *out);
    out->kind = k;
    snprintf(out->title, sizeof out->title, "%s", report_title(k));
    struct report_window w;
    int rc = window_rights(app, q, &w, out->scope, sizeof out->scope, e);
    if (rc != ERR_OK)
        return rc;
    int64_t rep = w.rep_id;
    if ((rc = window_make(k, q, &w, e)) != ERR_OK)
        return rc;
    w.rep_id = rep;
    range_say(&w, out->range, sizeof out->range);
    snprintf(out->from, sizeof out->from, "%s", w.from);
    snprintf(out->to, sizeof out->to, "%s", w.to);
    struct rows raw = {0};
    if ((rc = db_begin_read(app->db, e)) != ERR_OK)
        return rc;
    switch (k) {
    case REPORT_PIPELINE: rc = report_pipeline(app, q, &w, out, &raw, e); break;
    case REPORT_WIN_RATE: rc = report_win_rate(app, &w, out, &raw, e); break;
    case REPORT_DISCOUNTS: rc = report_discounts(app, &w, out, &raw, e); break;
    case REPORT_CHANNELS: rc = report_channels(app, &w, out, &raw, e); break;
    case REPORT_PRODUCTS: rc = report_products(app, &w, out, &raw, e); break;
    case REPORT_ONTIME: rc = report_ontime(app, &w, out, &raw, e); break;
    case REPORT_PROMOTIONS: rc = report_promotions(app, &w, out, &raw, e); break;
    case REPORT_LOYALTY: rc = report_loyalty(app, &w, out, &raw, e); break;
    case REPORT_RETURNS: rc = report_returns(app, &w, out, &raw, e); break;
    default: rc = err_set(e, ERR_INVALID, "report", "no such report"); break;
    }
    int end = db_end_read(app->db, rc == ERR_OK ? e : NULL);
    rows_free(&raw);
    if (rc == ERR_OK)
        rc = end;
    if (rc != ERR_OK)
        report_free(out);
    return rc;
}

void report_free(struct report *r)
{
    for (int i = 0; i < REPORT_MAX_SECTIONS; i++)
        rows_free(&r->sections[i].rows);
    r->nsections = 0;
}

/* -------------------------------------------------------------- the cells */

static void tenths(int64_t v, const char *unit, char *out, size_t len)
{
    int64_t a = v < 0 ? -v : v;
    snprintf(out, len, "%s%lld.%lld%s", v < 0 ? "-" : "", (long long)(a / 10), (long long)(a % 10), unit);
}

void report_cell_format(const struct report_column *col, const struct report_cell *cell, char *out,
                        size_t len)
{
    if (col->kind == RCOL_TEXT) {
        snprintf(out, len, "%s", cell->text);
        return;
    }
    if (cell->empty) {
        snprintf(out, len, "—");
        return;
    }
    switch (col->kind) {
    case RCOL_MONEY: money_format_plain(cell->value, out, len); break;
    case RCOL_RATE: tenths(money_div_round(cell->value, 10), " %", out, len); break;
    case RCOL_DAYS: tenths(cell->value, "", out, len); break;
    case RCOL_DURATION:
        if (cell->value < 2 * 86400)
            tenths(money_div_round(cell->value * 10, 3600), " h", out, len);
        else
            tenths(money_div_round(cell->value * 10, 86400), " d", out, len);
        break;
    default: snprintf(out, len, "%lld", (long long)cell->value); break;
    }
}

void report_cell_show(const struct report_column *col, const struct report_cell *cell, const char *currency,
                      char *out, size_t len)
{
    if (col->kind == RCOL_MONEY && !cell->empty && currency != NULL)
        money_format(cell->value, currency, out, len);
    else
        report_cell_format(col, cell, out, len);
}

void report_cell_csv(const struct report_column *col, const struct report_cell *cell, char *out, size_t len)
{
    if (col->kind == RCOL_TEXT) {
        snprintf(out, len, "%s", cell->text);
        return;
    }
    if (cell->empty) {
        snprintf(out, len, "%s", "");
        return;
    }
    if (col->kind == RCOL_MONEY || col->kind == RCOL_RATE) /* percent with two decimals, like money */
        money_format_plain(cell->value, out, len);
    else if (col->kind == RCOL_DAYS)
        tenths(cell->value, "", out, len);
    else
        snprintf(out, len, "%lld", (long long)cell->value);
}

/* ----------------------------------------------------------- drill down */

int report_user_id(struct app *app, const char *login, int64_t *id, struct err *e)
{
    struct user u;
    int rc = report_store_user_id(app->db, login, id, e);
    if (rc == ERR_OK && (rc = user_store_get(app->db, *id, &u, e)) == ERR_OK &&
        !rights_allows(u.role, ACT_REPORTS_OWN))
        rc = err_set(e, ERR_INVALID, "rep",
                     "%s (%s) has no figures of their own: --rep names a rep, a manager or an admin", login,
                     role_name(u.role));
    return rc;
}

int report_link_quotes(struct app *app, const struct report_link *l, int limit, struct rows *out,
                       struct err *e)
{
    rows_reset(out, sizeof(struct report_quote_item));
    struct report_query q = {.rep_id = l->rep_id, .account_id = l->account_id};
    struct report_window w = {0};
    char scope[121];
    int rc = window_rights(app, &q, &w, scope, sizeof scope, e);
    if (rc != ERR_OK)
        return rc;
    snprintf(w.from, sizeof w.from, "%s", l->from);
    snprintf(w.to, sizeof w.to, "%s", l->to[0] ? l->to : "9999-12-31");
    w.account_id = l->account_id;
    w.limit = limit + 1;
    struct rows raw = {0};
    rc = report_store_read(app->db, l->decided ? RQ_DECIDED_QUOTES : RQ_OPEN_QUOTES, &w, l->status, &raw, e);
    const struct report_raw *r = raw.items;
    for (int i = 0; rc == ERR_OK && i < raw.n; i++) {
        if (i == limit) {
            out->more = 1;
            break;
        }
        struct report_quote_item *it = rows_add(out);
        it->id = r[i].id;
        snprintf(it->number, sizeof it->number, "%s", r[i].text[0]);
        snprintf(it->account, sizeof it->account, "%s", r[i].text[1]);
        snprintf(it->status, sizeof it->status, "%s", r[i].text[2]);
        snprintf(it->owner, sizeof it->owner, "%s", r[i].text[3]);
        it->amount = r[i].num[0];
    }
    rows_free(&raw);
    return rc;
}
