/* Approvals: the quotes waiting for this user's decision, oldest first, with
 * the amount, discount, margin, owner and why each needs approval (the
 * core's reasons); Enter opens the quote, v approves with an optional
 * comment, x rejects with a required one (the same keys as in the quote). The core refuses what is not
 * allowed (a self-approval, an empty rejection) and the screen shows why.
 * Below them, for managers, the refunds waiting for approval (issue 14):
 * Tab moves between the two lists; v and x decide the refund, Enter opens
 * its return. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2b/approval.h"
#include "src/b2b/quotes.h"
#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

#define QUEUE_REASONS 6
#define QUEUE_PANE 5 /* lines under the table for the selected quote */

/* One quote of the queue with what the core says about it. */
struct queue_row {
    struct quote quote;
    int64_t discount_bp;
    char needs[160];
    char reasons[QUEUE_REASONS][160];
    int nreasons;
    int more; /* reasons not kept */
};

struct approvals {
    struct screen base;
    struct table table;
    struct table refunds; /* refunds waiting (managers) */
    bool with_refunds;
    int focus; /* 0 quotes, 1 refunds */
};

#define REFUND_ROWS 6 /* the refunds' list: a title, a header and four rows at least */

static const struct table_column queue_columns[] = {
    {"Quote", 9, TEXT_LEFT, -1},
    {"Account", 0, TEXT_LEFT, -1},
    {"Owner", 8, TEXT_LEFT, -1},
    {"Amount", 14, TEXT_RIGHT, -1},
    {"Disc.", 7, TEXT_RIGHT, -1},
    {"Margin", 7, TEXT_RIGHT, -1},
    {"Waiting since", 16, TEXT_LEFT, QUOTE_SORT_UPDATED},
    {"Why", 0, TEXT_LEFT, -1},
};

#define QUEUE_COLUMNS (int)(sizeof queue_columns / sizeof queue_columns[0])

/* The reasons and needs of one quote, from the core's view of it. */
static void queue_row_explain(struct app *app, struct queue_row *r)
{
    struct quote_view *v = NULL;
    struct err e = {0};
    if (quote_view_load(app, r->quote.number, &v, &e) != ERR_OK) {
        snprintf(r->reasons[0], sizeof r->reasons[0], "%.150s", e.msg);
        r->nreasons = 1;
        return;
    }
    r->discount_bp = v->priced.discount_bp;
    approval_needs_text(&v->approval, r->needs, sizeof r->needs);
    for (int i = 0; i < v->approval.nreasons; i++) {
        if (r->nreasons < QUEUE_REASONS)
            snprintf(r->reasons[r->nreasons++], sizeof r->reasons[0], "%s", v->approval.reasons[i].text);
        else
            r->more++;
    }
    r->more += v->approval.omitted;
    quote_view_free(&v);
}

static int queue_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct approvals *a = ctx;
    struct app *app = a->base.con->app;
    struct quote_filter f = {.awaiting_role_of = app->user.id};
    struct quote *quotes = xcalloc((size_t)(q->limit > 0 ? q->limit : 1), sizeof *quotes);
    struct queue_row *out = rows;
    int rc = quote_page(app, &f, q, quotes, count, e);
    for (int i = 0; rc == ERR_OK && i < *count; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].quote = quotes[i];
        queue_row_explain(app, &out[i]);
    }
    free(quotes);
    return rc;
}

static void queue_cursor(const void *row, int sort, struct page_cursor *c)
{
    quote_cursor(&((const struct queue_row *)row)->quote, sort, c);
}

static int64_t queue_id(const void *row)
{
    return ((const struct queue_row *)row)->quote.id;
}

static void queue_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct queue_row *r = row;
    const struct quote *q = &r->quote;
    struct approvals *a = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%s", q->number); break;
    case 1: snprintf(out, len, "%s", q->account_name); break;
    case 2: snprintf(out, len, "%s", q->owner_login); break;
    case 3: fmt_money(a->base.con, q->total, out, len); break;
    case 4: rate_format(r->discount_bp, out, len); break;
    case 5: margin_format(q->margin_bp, out, len); break;
    case 6: fmt_time(q->updated_at, out, len); break;
    default: snprintf(out, len, "%s%s", r->reasons[0], r->nreasons > 1 ? " …" : ""); break;
    }
}

/* ---------------------------------------------------- approve / reject */

struct decision {
    struct quote quote; /* the copy the decision is about: its version guards it */
    bool reject;
};

static int decision_save(struct edit_screen *e, struct err *err)
{
    struct decision *d = e->record;
    struct app *app = e->base.con->app;
    char comment[1001];
    FORM_COPY(&e->form, "comment", comment);
    int rc =
        d->reject ? quote_reject(app, &d->quote, comment, err) : quote_approve(app, &d->quote, comment, err);
    if (rc == ERR_OK)
        snprintf(e->saved, sizeof e->saved, "%s %s.", d->quote.number, d->reject ? "rejected" : "approved");
    return rc;
}

static void refund_decision_open(struct approvals *a, bool reject);

static void decision_open(struct approvals *a, bool reject)
{
    if (a->focus == 1) {
        refund_decision_open(a, reject);
        return;
    }
    const struct queue_row *r = table_selected(&a->table);
    if (r == NULL) {
        console_status(a->base.con, true, "nothing waits for you");
        return;
    }
    struct decision *d = xcalloc(1, sizeof *d);
    d->quote = r->quote;
    d->reject = reject;
    char title[64];
    snprintf(title, sizeof title, "%s %s", reject ? "Reject" : "Approve", r->quote.number);
    struct edit_screen *e = edit_screen_new(a->base.con, title, decision_save, d);
    char amount[64];
    fmt_money(a->base.con, r->quote.total, amount, sizeof amount);
    snprintf(e->intro, sizeof e->intro, "%s %s · %s · %s — Ctrl-S %s, Esc back",
             reject ? "Reject" : "Approve", r->quote.number, r->quote.account_name, amount,
             reject ? "rejects" : "approves");
    form_add(&e->form, "comment", reject ? "Why (required)" : "Comment", FIELD_TEXT, 1000);
    console_push(a->base.con, &e->base);
}

static int queue_approve(void *p)
{
    decision_open(p, false);
    return UI_DRAW;
}

static int queue_reject(void *p)
{
    decision_open(p, true);
    return UI_DRAW;
}

/* ------------------------------------------------------------ refunds */

static const struct table_column refund_columns[] = {
    {"Return", 9, TEXT_LEFT, -1},    {"Order", 9, TEXT_LEFT, -1},    {"For", 0, TEXT_LEFT, -1},
    {"Asked by", 10, TEXT_LEFT, -1}, {"Amount", 14, TEXT_RIGHT, -1}, {"Waiting since", 16, TEXT_LEFT, -1},
};

static int refunds_fetch(void *ctx, const struct page_req *q, struct rows *out, struct err *e)
{
    struct approvals *a = ctx;
    return refund_waiting(a->base.con->app, q, out, e);
}

static void refunds_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    refund_waiting_cursor(row, c);
}

static int64_t refunds_id(const void *row)
{
    return ((const struct refund_waiting *)row)->refund_id;
}

static void refunds_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct refund_waiting *w = row;
    struct approvals *a = ctx;
    switch (col) {
    case 0: snprintf(out, len, "%s", w->return_number); break;
    case 1: snprintf(out, len, "%s", w->order_number); break;
    case 2: snprintf(out, len, "%s", w->party_name); break;
    case 3: snprintf(out, len, "%s", w->requested_login); break;
    case 4: fmt_money(a->base.con, w->amount, out, len); break;
    default: fmt_time(w->requested_at, out, len); break;
    }
}

struct refund_decision {
    char number[33];
    bool reject;
};

static int refund_decision_save(struct edit_screen *e, struct err *err)
{
    struct refund_decision *d = e->record;
    struct app *app = e->base.con->app;
    struct refund_result res;
    char comment[401];
    FORM_COPY(&e->form, "comment", comment);
    int rc = d->reject ? return_reject(app, d->number, comment, err)
                       : return_approve(app, d->number, comment, &res, err);
    if (rc == ERR_OK)
        snprintf(e->saved, sizeof e->saved, "%s %s.", d->number,
                 d->reject ? "rejected" : "approved and refunded");
    return rc;
}

static void refund_decision_open(struct approvals *a, bool reject)
{
    const struct refund_waiting *w = table_selected(&a->refunds);
    if (w == NULL) {
        console_status(a->base.con, true, "no refund waits for you");
        return;
    }
    struct refund_decision *d = xcalloc(1, sizeof *d);
    snprintf(d->number, sizeof d->number, "%s", w->return_number);
    d->reject = reject;
    char title[64], amount[64];
    snprintf(title, sizeof title, "%s refund %s", reject ? "Reject" : "Approve", w->return_number);
    struct edit_screen *e = edit_screen_new(a->base.con, title, refund_decision_save, d);
    fmt_money(a->base.con, w->amount, amount, sizeof amount);
    snprintf(e->intro, sizeof e->intro, "%s the refund of %s · %s · %s, asked by %s — Ctrl-S %s, Esc back",
             reject ? "Reject" : "Approve", amount, w->return_number, w->party_name, w->requested_login,
             reject ? "rejects the return" : "approves and pays it");
    form_add(&e->form, "comment", reject ? "Why (required)" : "Comment", FIELD_TEXT, 400);
    console_push(a->base.con, &e->base);
}

static int refunds_open(void *owner)
{
    struct approvals *a = owner;
    const struct refund_waiting *w = table_selected(&a->refunds);
    if (w != NULL)
        console_push(a->base.con, return_detail_new(a->base.con, w->return_number));
    return UI_DRAW;
}

static int approvals_switch(void *p)
{
    struct approvals *a = p;
    if (a->with_refunds)
        a->focus = !a->focus;
    return UI_DRAW;
}

static int queue_open(void *owner)
{
    struct approvals *a = owner;
    const struct queue_row *r = table_selected(&a->table);
    if (r != NULL)
        console_push(a->base.con, quote_editor_new(a->base.con, r->quote.number));
    return UI_DRAW;
}

static int queue_reasons(void *p);

static const struct keydef queue_keys[] = {
    {UA_APPROVE, queue_approve, KEYDEF_BAR, NULL},
    {UA_REJECT, queue_reject, KEYDEF_BAR, NULL},
    {UA_TIMELINE, queue_reasons, KEYDEF_BAR, "Why"},
};
static const struct keydef refund_keys[] = {
    {UA_APPROVE, queue_approve, KEYDEF_BAR, "Approve refund"},
    {UA_REJECT, queue_reject, KEYDEF_BAR, "Reject refund"},
};
static const struct keydef switch_keys[] = {
    {UA_NEXT, approvals_switch, KEYDEF_BAR, "Quotes / refunds"},
};

/* ------------------------------------------------------------- screen */

static void approvals_layout(struct screen *s)
{
    struct approvals *a = (struct approvals *)s;
    /* narrow terminals leave the reasons to the pane under the table */
    a->table.src.ncols = s->w >= 120 ? QUEUE_COLUMNS : QUEUE_COLUMNS - 1;
    int refunds_h = a->with_refunds ? REFUND_ROWS + (s->h >= 30 ? 4 : 0) : 0;
    table_layout(&a->table, s->y + 1, s->x, s->h - 1 - QUEUE_PANE - refunds_h, s->w);
    if (a->with_refunds)
        table_layout(&a->refunds, s->y + s->h - QUEUE_PANE - refunds_h + 1, s->x, refunds_h - 1, s->w);
}

/* Why the selected quote needs approval, one reason a line. */
/* The selected quote's header and reasons as one text, a reason a line. */
static void pane_text(const struct queue_row *r, struct strbuf *out)
{
    strbuf_addf(out, "%s · %s · by %s · needs %s\n", r->quote.number, r->quote.account_name,
                r->quote.owner_login, r->needs[0] ? r->needs : "—");
    for (int i = 0; i < r->nreasons; i++)
        strbuf_addf(out, "• %s\n", r->reasons[i]);
    if (r->more)
        strbuf_addf(out, "… and %d more\n", r->more);
}

/* Why the selected quote needs approval, wrapped; what does not fit is one
 * key away (T), never cut silently. */
static void approvals_draw_pane(struct approvals *a)
{
    struct screen *s = &a->base;
    const struct queue_row *r = table_selected(&a->table);
    int y = s->y + s->h - QUEUE_PANE;
    if (a->focus == 1) {
        const struct refund_waiting *w = table_selected(&a->refunds);
        char amount[64], when[40];
        if (w == NULL)
            return;
        fmt_money(s->con, w->amount, amount, sizeof amount);
        fmt_time(w->requested_at, when, sizeof when);
        draw_textf(y, s->x + 1, s->w - 2, STYLE_NORMAL, "%s · order %s · %s · refund %s", w->return_number,
                   w->order_number, w->party_name, amount);
        draw_textf(y + 1, s->x + 1, s->w - 2, STYLE_NORMAL,
                   "asked by %s on %s · above the approval threshold · never approved by who asked",
                   w->requested_login, when);
        return;
    }
    if (r == NULL)
        return;
    struct strbuf text = {0};
    pane_text(r, &text);
    const char *p = strbuf_text(&text);
    int rows = draw_wrapped_lines(p, s->w - 2) - 1; /* the text ends with a line break */
    if (rows <= QUEUE_PANE) {
        draw_wrapped(y, s->x + 1, s->w - 2, QUEUE_PANE, p, STYLE_NORMAL);
    } else {
        draw_wrapped(y, s->x + 1, s->w - 2, QUEUE_PANE - 1, p, STYLE_NORMAL);
        draw_textf(y + QUEUE_PANE - 1, s->x + 1, s->w - 2, STYLE_DIM, "%s %d more lines: T shows them all",
                   text_ellipsis(), rows - QUEUE_PANE + 1);
    }
    strbuf_free(&text);
}

static int queue_reasons(void *p)
{
    struct approvals *a = p;
    const struct queue_row *r = table_selected(&a->table);
    if (r == NULL)
        return UI_DONE;
    struct strbuf text = {0};
    pane_text(r, &text);
    dialog_message(a->base.con, "Why it needs approval", strbuf_text(&text));
    strbuf_free(&text);
    return UI_DRAW;
}

static void approvals_draw(struct screen *s)
{
    struct approvals *a = (struct approvals *)s;
    /* the keys are offered only when there is something to decide */
    draw_text(s->y, s->x + 1, s->w - 2,
              a->table.nrows > 0
                  ? "Waiting for your approval, oldest first · Enter opens · v approves · x rejects"
                  : "Waiting for your approval, oldest first",
              TEXT_LEFT, STYLE_DIM);
    a->table.inactive = a->focus != 0;
    table_draw(&a->table);
    if (a->with_refunds) {
        a->refunds.inactive = a->focus != 1;
        draw_text(a->refunds.y - 1, s->x + 1, s->w - 2, "Refunds waiting for a manager (Tab)", TEXT_LEFT,
                  a->focus == 1 ? STYLE_TITLE : STYLE_DIM);
        table_draw(&a->refunds);
    }
    approvals_draw_pane(a);
}

static int approvals_keytables(struct screen *s, struct keytable *out, int max)
{
    struct approvals *a = (struct approvals *)s;
    struct table *t = a->focus == 1 ? &a->refunds : &a->table;
    int n = 0;
    if (!t->filtering && table_selected(t) != NULL) /* nothing to decide: no keys for it */
        out[n++] = a->focus == 1 ? (struct keytable)KEYTABLE("Refunds", refund_keys, a)
                                 : (struct keytable)KEYTABLE("Approvals", queue_keys, a);
    if (!t->filtering && a->with_refunds)
        out[n++] = (struct keytable)KEYTABLE("Lists", switch_keys, a);
    return n + table_keytables(t, out + n, max - n);
}

static int approvals_input(struct screen *s, int key)
{
    struct approvals *a = (struct approvals *)s;
    return table_input(a->focus == 1 ? &a->refunds : &a->table, key);
}

static bool approvals_typing(struct screen *s)
{
    struct approvals *a = (struct approvals *)s;
    return a->table.filtering || a->refunds.filtering;
}

static int approvals_reload(struct screen *s)
{
    struct approvals *a = (struct approvals *)s;
    table_refresh(&a->table);
    if (a->with_refunds)
        table_refresh(&a->refunds);
    return UI_DRAW;
}

static void approvals_destroy(struct screen *s)
{
    struct approvals *a = (struct approvals *)s;
    table_free(&a->table);
    table_free(&a->refunds);
    free(a);
}

static const struct screen_ops approvals_ops = {
    .kind = "approvals",
    .layout = approvals_layout,
    .draw = approvals_draw,
    .keytables = approvals_keytables,
    .input = approvals_input,
    .reload = approvals_reload,
    .typing = approvals_typing,
    .destroy = approvals_destroy,
};

struct screen *approvals_new(struct console *c)
{
    struct approvals *a = xcalloc(1, sizeof *a);
    screen_init(&a->base, &approvals_ops, c, "Approvals");
    struct table_source src = {.cols = queue_columns,
                               .ncols = QUEUE_COLUMNS,
                               .row_size = sizeof(struct queue_row),
                               .fetch = queue_fetch,
                               .cursor = queue_cursor,
                               .id = queue_id,
                               .cell = queue_cell,
                               .ctx = a,
                               .forward_only = false,
                               .page = 30};
    table_init(&a->table, &src);
    a->table.con = c;
    a->table.owner = a;
    a->table.on_open = queue_open;
    struct err e = {0};
    a->table.empty_text =
        app_require(c->app, ACT_QUOTE_APPROVE, &e) == ERR_OK
            ? (app_require(c->app, ACT_REFUND_APPROVE, &e) == ERR_OK ? "No quote waits for your approval."
                                                                     : "Nothing waits for your approval.")
            : "Your role does not approve quotes: nothing waits for you here.";
    table_reload(&a->table);
    struct table_source refunds = {.cols = refund_columns,
                                   .ncols = (int)(sizeof refund_columns / sizeof refund_columns[0]),
                                   .row_size = sizeof(struct refund_waiting),
                                   .fetch_rows = refunds_fetch,
                                   .cursor = refunds_cursor,
                                   .id = refunds_id,
                                   .cell = refunds_cell,
                                   .ctx = a,
                                   .forward_only = true,
                                   .page = 30};
    table_init(&a->refunds, &refunds);
    a->refunds.con = c;
    a->refunds.owner = a;
    a->refunds.on_open = refunds_open;
    a->refunds.empty_text = "No refund waits for approval.";
    a->with_refunds = app_require(c->app, ACT_REFUND_APPROVE, &e) == ERR_OK;
    if (a->with_refunds)
        table_reload(&a->refunds);
    return &a->base;
}
