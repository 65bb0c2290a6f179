/* Returns: support's queue (requested, to receive; received, to refund;
 * waiting for a manager's approval), narrowed by status with f, and one
 * return: its lines, receipt and refunds. m takes the next step (receive:
 * restock or scrap each line; refund: to the order's method or another, with
 * a reference), v approves a refund waiting (managers, never their own),
 * x rejects with a reason, O opens the order. The core decides; the screen
 * shows its refusals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/app.h"
#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/names.h"
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

const bool returns_screen_ready = true;

/* ------------------------------------------------------------ one return */

#define DETAIL_TOP 7

struct return_detail {
    struct screen base;
    char number[33];
    struct return_record r;
    struct rows lines;   /* struct return_line */
    struct rows refunds; /* struct refund_record */
    struct err load_error;
};

static int rdetail_load(struct return_detail *d)
{
    err_clear(&d->load_error);
    if (return_get(d->base.con->app, d->number, &d->r, &d->lines, &d->refunds, &d->load_error) != ERR_OK)
        return d->load_error.code;
    screen_set_title(&d->base, d->r.number);
    return ERR_OK;
}

static void rdetail_layout(struct screen *s)
{
    (void)s;
}

static void rdetail_draw_line(struct return_detail *d, int y, const struct return_line *l)
{
    struct screen *s = &d->base;
    char amount[64], what[300], qty[24];
    fmt_money(s->con, l->refund_amount, amount, sizeof amount);
    int aw = text_width(amount) + 1, w = s->w - 2 - aw;
    if (l->charge) {
        snprintf(what, sizeof what, "%s %s", l->kind == LINE_SHIPPING ? "Shipping" : "Fee", l->sku);
    } else {
        snprintf(qty, sizeof qty, "×%lld", (long long)l->quantity);
        snprintf(what, sizeof what, "%-4s %s · %s%s%s%s%s", qty, l->sku, return_reason_label(l->reason),
                 l->disposition ? " · " : "", return_disposition_names[l->disposition],
                 l->exchange_sku[0] ? " → " : "", l->exchange_sku);
        size_t used = strlen(what);
        snprintf(what + used, sizeof what - used, "  %.80s", l->description);
    }
    draw_text(y, s->x + 1, w, what, TEXT_LEFT, STYLE_NORMAL);
    draw_text(y, s->x + 1 + w, aw, amount, TEXT_RIGHT, STYLE_NORMAL);
}

/* A refund in words: amount, method, who asked, who decided, paid. */
static void refund_text(const struct console *c, const struct refund_record *f, char *out, size_t len)
{
    char amount[64], when[40];
    fmt_money(c, f->amount, amount, sizeof amount);
    fmt_time(f->requested_at, when, sizeof when);
    snprintf(out, len, "Refund %s to %s%s%s, asked by %s %s%s%s%s%s%s", amount,
             name_at(payment_method_names, PAY_METHOD_COUNT, (int)f->method), f->reference[0] ? " " : "",
             f->reference, f->requested_login, when,
             f->decision == 1    ? "; approved by "
             : f->decision == 2  ? "; rejected by "
             : f->needs_approval ? "; waits for a manager"
                                 : "",
             f->decision ? f->decided_login : "", f->comment[0] ? ": " : "", f->comment,
             f->paid_at[0] ? "; paid" : "");
}

static void rdetail_draw(struct screen *s)
{
    struct return_detail *d = (struct return_detail *)s;
    const struct return_record *r = &d->r;
    int x = s->x + 1, w = s->w - 2, y = s->y;
    if (d->load_error.code != ERR_OK) {
        draw_text(s->y + 1, x, w, d->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    char v[600], t[40], amount[64];
    fmt_time(r->requested_at, t, sizeof t);
    fmt_money(s->con, r->refund_total, amount, sizeof amount);
    draw_textf(y++, x, w, STYLE_TITLE, "%s  %s  order %s  %s", r->number, return_status_label(r->status),
               r->order_number, r->party_name);
    snprintf(v, sizeof v, "%s by %s (%s)%s", t, r->requested_login,
             name_at(return_resolution_names, RESOLUTION_COUNT, (int)r->resolution),
             r->late_accepted_by ? ", past the window" : "");
    draw_field(y++, x, 10, w, "Opened", v);
    fmt_time(r->received_at, t, sizeof t);
    draw_field(y++, x, 10, w, "Received", r->received_at[0] ? t : "not yet");
    if (r->closed_at[0]) {
        fmt_time(r->closed_at, t, sizeof t);
        draw_field(y++, x, 10, w, "Closed", t);
    } else if (r->status == RETURN_EXCHANGED || r->status == RETURN_REPLACED) {
        snprintf(v, sizeof v, "when new order %s has shipped", r->exchange_number);
        draw_field(y++, x, 10, w, "Closes", v);
    }
    draw_field(y++, x, 10, w, "Shipping", shipping_rule_label(r->shipping_rule));
    snprintf(v, sizeof v, "%s%s%s%s%s", amount, r->exchange_number[0] ? " · new order " : "",
             r->exchange_number, r->rejection[0] ? " · rejected: " : "", r->rejection);
    draw_field(y++, x, 10, w, "Refund", v);
    y++;
    int room = s->h - DETAIL_TOP - d->refunds.n - 1, n = d->lines.n;
    const struct return_line *l = d->lines.items;
    for (int i = 0; i < n && i < room; i++) {
        if (i == room - 1 && n > room) {
            draw_textf(y++, x, w, STYLE_DIM, "%s %d more lines: comptoir return show %s", text_ellipsis(),
                       n - room + 1, r->number);
            break;
        }
        rdetail_draw_line(d, y++, &l[i]);
    }
    const struct refund_record *f = d->refunds.items;
    for (int i = 0; i < d->refunds.n && y < s->y + s->h; i++) {
        refund_text(s->con, &f[i], v, sizeof v);
        draw_text(y++, x, w, v, TEXT_LEFT, STYLE_LABEL);
    }
    if (r->note[0] && y < s->y + s->h)
        draw_field(y, x, 10, w, "Note", r->note);
}

/* ---------------------------------------------------- receive and refund */

static const char *const receipt_choices[] = {"restock", "scrap", NULL};
static const char *const method_choices[] = {"as paid", "card",   "cash", "transfer",
                                             "account", "credit", NULL};
static const char *const line_fields[] = {"l0",  "l1",  "l2",  "l3",  "l4",  "l5",  "l6",
                                          "l7",  "l8",  "l9",  "l10", "l11", "l12", "l13",
                                          "l14", "l15", "l16", "l17", "l18", "l19"};
#define RECEIPT_LINES (int)(sizeof line_fields / sizeof line_fields[0])

struct step_form {
    struct return_detail *d;
    char number[24];
    int op; /* 0 receive, 1 refund, 2 approve, 3 reject */
    int n;
    char sku[RECEIPT_LINES][65];
    char label[RECEIPT_LINES][120];
};

static int step_receive(struct edit_screen *e, struct step_form *f, struct err *err)
{
    struct return_disposition_item items[RECEIPT_LINES];
    struct return_receipt res;
    char word[16];
    for (int i = 0; i < f->n; i++) {
        form_get(&e->form, line_fields[i], word, sizeof word);
        snprintf(items[i].sku, sizeof items[i].sku, "%s", f->sku[i]);
        items[i].disposition = strcmp(word, "scrap") == 0 ? DISPOSITION_SCRAP : DISPOSITION_RESTOCK;
    }
    int rc = return_receive(e->base.con->app, f->number, items, f->n, &res, err);
    if (rc == ERR_OK)
        snprintf(e->saved, sizeof e->saved, "%s received: %lld restocked, %lld scrapped.", f->number,
                 (long long)res.restocked, (long long)res.scrapped);
    return rc;
}

/* What the status line says once the refund ran: an exchange names its new
 * order and what was paid back or is to pay, as `return refund` prints it. */
static void refund_saved(struct edit_screen *e, const struct step_form *f, const struct refund_result *res)
{
    char amount[40], charged[40];
    fmt_money(e->base.con, res->amount, amount, sizeof amount);
    fmt_money(e->base.con, res->charged, charged, sizeof charged);
    const char *method = name_at(payment_method_names, PAY_METHOD_COUNT, (int)res->method);
    bool exchange = res->status == RETURN_EXCHANGED || res->status == RETURN_REPLACED;
    if (res->status == RETURN_AWAITING_APPROVAL)
        snprintf(e->saved, sizeof e->saved, "%.16s: the refund of %.30s waits for a manager.", f->number,
                 amount);
    else if (exchange && res->charged > 0)
        snprintf(e->saved, sizeof e->saved, "%.16s %s: new order %.16s; %.30s to pay (%s).", f->number,
                 return_status_label(res->status), res->exchange_number, charged, method);
    else if (exchange && res->amount > 0)
        snprintf(e->saved, sizeof e->saved, "%.16s %s: new order %.16s; %.30s back to %s.", f->number,
                 return_status_label(res->status), res->exchange_number, amount, method);
    else if (exchange)
        snprintf(e->saved, sizeof e->saved, "%.16s %s: new order %.16s.", f->number,
                 return_status_label(res->status), res->exchange_number);
    else
        snprintf(e->saved, sizeof e->saved, "%s refunded: %s to %s.%s", f->number, amount, method,
                 res->closed ? " Closed: nothing left to do." : "");
}

static int step_save(struct edit_screen *e, struct err *err)
{
    struct step_form *f = e->record;
    struct app *app = e->base.con->app;
    struct refund_result res;
    char word[24], text[401];
    int rc;
    switch (f->op) {
    case 0: return step_receive(e, f, err);
    case 1: {
        form_get(&e->form, "method", word, sizeof word);
        FORM_COPY(&e->form, "reference", text);
        int m = name_index(payment_method_names, PAY_METHOD_COUNT, word, false);
        rc = return_refund(app, f->number, m >= 0, m >= 0 ? (enum payment_method)m : PAY_CARD, text, &res,
                           err);
        break;
    }
    case 2:
        FORM_COPY(&e->form, "comment", text);
        rc = return_approve(app, f->number, text, &res, err);
        break;
    default:
        FORM_COPY(&e->form, "comment", text);
        rc = return_reject(app, f->number, text, err);
        if (rc == ERR_OK)
            snprintf(e->saved, sizeof e->saved, "%s rejected.", f->number);
        return rc;
    }
    if (rc == ERR_OK)
        refund_saved(e, f, &res);
    return rc;
}

static void step_saved(void *owner, const void *record)
{
    (void)record;
    struct return_detail *d = owner;
    rdetail_load(d);
}

static struct edit_screen *step_open(struct return_detail *d, int op, const char *title)
{
    struct step_form *f = xcalloc(1, sizeof *f);
    f->d = d;
    f->op = op;
    snprintf(f->number, sizeof f->number, "%.20s", d->r.number);
    char t[80];
    snprintf(t, sizeof t, "%s %s", title, d->r.number);
    struct edit_screen *e = edit_screen_new(d->base.con, t, step_save, f);
    e->on_saved = step_saved;
    e->saved_owner = d;
    return e;
}

static int rdetail_receive(struct return_detail *d)
{
    struct edit_screen *e = step_open(d, 0, "Receive");
    struct step_form *f = e->record;
    const struct return_line *l = d->lines.items;
    for (int i = 0; i < d->lines.n && f->n < RECEIPT_LINES; i++) {
        if (l[i].charge)
            continue;
        snprintf(f->sku[f->n], sizeof f->sku[0], "%s", l[i].sku);
        snprintf(f->label[f->n], sizeof f->label[0], "%.40s ×%lld (%s)", l[i].sku, (long long)l[i].quantity,
                 return_reason_label(l[i].reason));
        form_add(&e->form, line_fields[f->n], f->label[f->n], FIELD_CHOICE, 0)->choices = receipt_choices;
        form_set_choice(&e->form, line_fields[f->n], l[i].reason == REASON_DAMAGED ? "scrap" : "restock");
        f->n++;
    }
    snprintf(e->intro, sizeof e->intro,
             "The goods of %s are back: each line back on the shelf (restock) or written off (scrap). "
             "Ctrl-S receives them, Esc leaves.",
             d->r.number);
    e->form.dirty = false;
    console_push(d->base.con, &e->base);
    return UI_DRAW;
}

static int rdetail_refund(struct return_detail *d)
{
    struct edit_screen *e = step_open(d, 1, "Refund");
    char amount[64];
    fmt_money(d->base.con, d->r.refund_total, amount, sizeof amount);
    snprintf(e->intro, sizeof e->intro,
             "%s %s of %s (%s). To the method the order was paid with unless you choose another; above the "
             "approval threshold a manager approves it. Ctrl-S refunds, Esc leaves.",
             d->r.resolution == RESOLUTION_REFUND ? "Refund" : "Settle the exchange:", amount, d->r.number,
             d->r.party_name);
    form_add(&e->form, "method", "Method", FIELD_CHOICE, 0)->choices = method_choices;
    form_add(&e->form, "reference", "Reference", FIELD_TEXT, 64);
    e->form.dirty = false;
    console_push(d->base.con, &e->base);
    return UI_DRAW;
}

static int rdetail_step(void *p)
{
    struct return_detail *d = p;
    if (d->load_error.code != ERR_OK)
        return UI_DONE;
    switch (d->r.status) {
    case RETURN_REQUESTED: return rdetail_receive(d);
    case RETURN_RECEIVED: return rdetail_refund(d);
    case RETURN_AWAITING_APPROVAL:
        console_status(d->base.con, false, "%s waits for a manager's approval (v in Approvals or here).",
                       d->r.number);
        return UI_DRAW;
    case RETURN_EXCHANGED:
    case RETURN_REPLACED:
        console_status(d->base.con, false, "%s closes when its new order %s has shipped (O opens the order).",
                       d->r.number, d->r.exchange_number);
        return UI_DRAW;
    default:
        console_status(d->base.con, true, "%s is %s: nothing left to do.", d->r.number,
                       return_status_label(d->r.status));
        return UI_DRAW;
    }
}

static int rdetail_decide(struct return_detail *d, bool reject)
{
    struct edit_screen *e = step_open(d, reject ? 3 : 2, reject ? "Reject" : "Approve");
    char amount[64];
    fmt_money(d->base.con, d->r.refund_total, amount, sizeof amount);
    snprintf(e->intro, sizeof e->intro, "%s %s · %s · %s — Ctrl-S %s, Esc back",
             reject ? "Reject" : "Approve the refund of", d->r.number, d->r.party_name, amount,
             reject ? "rejects" : "approves and pays");
    form_add(&e->form, "comment", reject ? "Why (required)" : "Comment", FIELD_TEXT, 400);
    e->form.dirty = false;
    console_push(d->base.con, &e->base);
    return UI_DRAW;
}

static int rdetail_approve(void *p)
{
    return rdetail_decide(p, false);
}

static int rdetail_reject(void *p)
{
    return rdetail_decide(p, true);
}

static int rdetail_order(void *p)
{
    struct return_detail *d = p;
    if (d->load_error.code == ERR_OK)
        console_push(d->base.con, order_detail_new(d->base.con, d->r.order_number));
    return UI_DRAW;
}

static const struct keydef rdetail_keys[] = {
    {UA_STATUS, rdetail_step, KEYDEF_BAR, "Next step…"},
    {UA_APPROVE, rdetail_approve, KEYDEF_BAR, "Approve refund"},
    {UA_REJECT, rdetail_reject, KEYDEF_BAR, "Reject…"},
    {UA_OPEN_ORDER, rdetail_order, KEYDEF_BAR, "Order"},
};

static int rdetail_keytables(struct screen *s, struct keytable *out, int max)
{
    (void)max;
    out[0] = (struct keytable)KEYTABLE("Return", rdetail_keys, s);
    return 1;
}

static int rdetail_reload(struct screen *s)
{
    rdetail_load((struct return_detail *)s);
    return UI_DRAW;
}

static void rdetail_destroy(struct screen *s)
{
    struct return_detail *d = (struct return_detail *)s;
    rows_free(&d->lines);
    rows_free(&d->refunds);
    free(d);
}

static const struct screen_ops return_detail_ops = {
    .kind = "return",
    .layout = rdetail_layout,
    .draw = rdetail_draw,
    .keytables = rdetail_keytables,
    .reload = rdetail_reload,
    .destroy = rdetail_destroy,
};

struct screen *return_detail_new(struct console *c, const char *number)
{
    struct return_detail *d = xcalloc(1, sizeof *d);
    screen_init(&d->base, &return_detail_ops, c, number);
    snprintf(d->number, sizeof d->number, "%s", number);
    rdetail_load(d);
    return &d->base;
}

/* ------------------------------------------------------------ the queue */

static const struct table_column return_columns[] = {
    {"Return", 9, TEXT_LEFT, -1}, {"Order", 9, TEXT_LEFT, -1},   {"Status", 17, TEXT_LEFT, -1},
    {"For", 0, TEXT_LEFT, -1},    {"Opened", 16, TEXT_LEFT, -1}, {"Refund", 12, TEXT_RIGHT, -1},
};

/* f steps through the queue (every open status), each status, then all. */
#define QUEUE_STEPS (RETURN_STATUS_COUNT + 2)

struct returns_list {
    struct list_screen list; /* first: the list screen's ops see only this */
    int step;                /* 0 the queue, 1.. a status, QUEUE_STEPS - 1 any */
    char intro[240];
};

static unsigned returns_statuses(const struct returns_list *rl)
{
    if (rl->step == 0)
        return RETURN_OPEN_STATUSES;
    if (rl->step <= RETURN_STATUS_COUNT)
        return 1u << (rl->step - 1);
    return 0;
}

static int returns_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    struct returns_list *rl = ctx;
    struct rows out = {0};
    struct page_req req = *q;
    int rc = return_list(rl->list.base.con->app, returns_statuses(rl), &req, &out, e);
    *count = 0;
    for (int i = 0; rc == ERR_OK && i < out.n && i < q->limit; i++)
        memcpy((char *)rows + (size_t)i * sizeof(struct return_record), rows_at(&out, i),
               sizeof(struct return_record));
    if (rc == ERR_OK)
        *count = out.n < q->limit ? out.n : q->limit;
    rows_free(&out);
    return rc;
}

static void returns_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    return_cursor(row, c);
}

static int64_t returns_id(const void *row)
{
    return ((const struct return_record *)row)->id;
}

static void returns_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    const struct return_record *r = row;
    switch (col) {
    case 0: snprintf(out, len, "%s", r->number); break;
    case 1: snprintf(out, len, "%s", r->order_number); break;
    case 2: snprintf(out, len, "%s", return_status_label(r->status)); break;
    case 3: snprintf(out, len, "%s", r->party_name); break;
    case 4: fmt_time(r->requested_at, out, len); break;
    case 5: fmt_money(((struct screen *)ctx)->con, r->refund_total, out, len); break;
    }
}

static int returns_open(void *owner)
{
    struct list_screen *l = owner;
    const struct return_record *r = table_selected(&l->table);
    if (r != NULL)
        console_push(l->base.con, return_detail_new(l->base.con, r->number));
    return UI_DRAW;
}

static void returns_intro(struct returns_list *rl)
{
    snprintf(rl->intro, sizeof rl->intro, "Showing: %s (f) · Enter opens · m there takes the next step",
             rl->step == 0 ? "open (requested, received, awaiting approval, exchanges to ship)"
             : rl->step <= RETURN_STATUS_COUNT ? return_status_label((enum return_status)(rl->step - 1))
                                               : "every return");
    rl->list.intro = rl->intro;
}

static int returns_step(struct returns_list *rl, int dir)
{
    rl->step = (rl->step + dir + QUEUE_STEPS) % QUEUE_STEPS;
    returns_intro(rl);
    table_reload(&rl->list.table);
    return UI_DRAW;
}

static int returns_next(void *p)
{
    return returns_step(p, 1);
}

static int returns_prev(void *p)
{
    return returns_step(p, -1);
}

static const struct keydef returns_keys[] = {
    {UA_FILTER_STATUS, returns_next, KEYDEF_BAR, "Status"},
    {UA_FILTER_STATUS_BACK, returns_prev, 0, NULL},
};

struct screen *returns_new(struct console *c)
{
    struct returns_list *rl = xcalloc(1, sizeof *rl);
    struct table_source src = {.cols = return_columns,
                               .ncols = (int)(sizeof return_columns / sizeof return_columns[0]),
                               .row_size = sizeof(struct return_record),
                               .fetch = returns_fetch,
                               .cursor = returns_cursor,
                               .id = returns_id,
                               .cell = returns_cell,
                               .ctx = rl,
                               .forward_only = true,
                               .page = 50};
    returns_intro(rl);
    list_screen_init(&rl->list, c, "Returns", &src, returns_keys,
                     (int)(sizeof returns_keys / sizeof returns_keys[0]), returns_open);
    rl->list.table.empty_text = "No return to show here (f shows other statuses).";
    return &rl->list.base;
}
