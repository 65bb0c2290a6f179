/* The quote editor: header (account, contact, owner, status, revision, terms),
 * the lines with their price source and margin, live totals, the approval
 * status with its reasons line by line, and only the actions quote_actions
 * allows this user now. The core decides and refuses; this screen shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/b2b/approval.h"
#include "src/b2b/pricing.h"
#include "src/b2b/quotes.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/page.h"
#include "src/base/rows.h"
#include "src/base/strbuf.h"
#include "src/base/text.h"
#include "src/orders.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/quote_private.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/table.h"

/* ------------------------------------------------------------- columns */

enum line_col {
    COL_NO,
    COL_SKU,
    COL_NAME,
    COL_QTY,
    COL_LIST,
    COL_UNIT,
    COL_DISC,
    COL_SOURCE,
    COL_MARGIN,
    COL_TOTAL
};

static const struct table_column narrow_columns[] = {
    {"#", 2, TEXT_RIGHT, -1},      {"SKU", 9, TEXT_LEFT, -1},    {"Name", 0, TEXT_LEFT, -1},
    {"Qty", 5, TEXT_RIGHT, -1},    {"Unit", 10, TEXT_RIGHT, -1}, {"Source", 16, TEXT_LEFT, -1},
    {"Total", 12, TEXT_RIGHT, -1},
};
/* the discount and margin of the selected line show under the table */
static const int narrow_ids[] = {COL_NO, COL_SKU, COL_NAME, COL_QTY, COL_UNIT, COL_SOURCE, COL_TOTAL};

static const struct table_column wide_columns[] = {
    {"#", 3, TEXT_RIGHT, -1},           {"SKU", 12, TEXT_LEFT, -1},
    {"Name", 0, TEXT_LEFT, -1},         {"Qty", 7, TEXT_RIGHT, -1},
    {"List price", 13, TEXT_RIGHT, -1}, {"Unit price", 13, TEXT_RIGHT, -1},
    {"Disc", 8, TEXT_RIGHT, -1},        {"Source", 17, TEXT_LEFT, -1},
    {"Margin", 8, TEXT_RIGHT, -1},      {"Line total", 14, TEXT_RIGHT, -1},
};
static const int wide_ids[] = {COL_NO,   COL_SKU,  COL_NAME,   COL_QTY,    COL_LIST,
                               COL_UNIT, COL_DISC, COL_SOURCE, COL_MARGIN, COL_TOTAL};

#define WIDE_FROM 120 /* columns from which every line column fits */

/* Case-insensitive (ASCII) substring test for the lines' filter. */
static bool line_matches(const struct quote_line *l, const char *filter)
{
    if (filter == NULL || filter[0] == '\0')
        return true;
    size_t n = strlen(filter);
    for (const char *p = l->sku; *p; p++)
        if (strncasecmp(p, filter, n) == 0)
            return true;
    for (const char *p = l->description; *p; p++)
        if (strncasecmp(p, filter, n) == 0)
            return true;
    return false;
}

/* The lines live in the loaded view (a quote has tens, at most a thousand). */
static int lines_fetch(void *ctx, const struct page_req *q, void *rows, int *count, struct err *e)
{
    (void)e;
    struct quote_editor *ed = ctx;
    struct price_line *out = rows;
    int from = 0;
    *count = 0;
    if (ed->view == NULL || q->before)
        return ERR_OK;
    if (q->has_cursor) /* the page after the row with the cursor's id */
        while (from < ed->view->nlines && ed->view->lines[from++].line.id != q->cursor.id)
            ;
    for (int i = from; i < ed->view->nlines && *count < q->limit; i++)
        if (line_matches(&ed->view->lines[i].line, q->filter))
            out[(*count)++] = ed->view->lines[i];
    return ERR_OK;
}

static void line_cursor(const void *row, int sort, struct page_cursor *c)
{
    (void)sort;
    memset(c, 0, sizeof *c);
    c->id = ((const struct price_line *)row)->line.id;
}

static int64_t line_id(const void *row)
{
    return ((const struct price_line *)row)->line.id;
}

static void line_cell(void *ctx, const void *row, int col, char *out, size_t len)
{
    struct quote_editor *ed = ctx;
    const struct price_line *p = row;
    const struct quote_line *l = &p->line;
    struct console *c = ed->base.con;
    switch (ed->colids[col]) {
    case COL_NO: snprintf(out, len, "%d", l->line_no); break;
    case COL_SKU: snprintf(out, len, "%s", l->sku); break;
    case COL_NAME: snprintf(out, len, "%s%s", l->description, l->note[0] ? " *" : ""); break;
    case COL_QTY: fmt_int(l->quantity, out, len); break;
    case COL_LIST: fmt_money(c, l->list_price, out, len); break;
    case COL_UNIT: fmt_money(c, l->unit_price, out, len); break;
    case COL_DISC:
        l->discount_bp ? rate_format(l->discount_bp, out, len) : (void)snprintf(out, len, "—");
        break;
    case COL_SOURCE: snprintf(out, len, "%s%s", l->price_source, p->issues ? " !" : ""); break;
    case COL_MARGIN: margin_format(p->margin_bp, out, len); break;
    case COL_TOTAL: fmt_money(c, p->net, out, len); break;
    }
}

/* ---------------------------------------------------------------- load */

static void editor_set_columns(struct quote_editor *ed, int width)
{
    bool wide = width >= WIDE_FROM;
    ed->lines.src.cols = wide ? wide_columns : narrow_columns;
    ed->lines.src.ncols =
        wide ? (int)(sizeof wide_ids / sizeof wide_ids[0]) : (int)(sizeof narrow_ids / sizeof narrow_ids[0]);
    ed->colids = wide ? wide_ids : narrow_ids;
}

static int editor_load(struct quote_editor *ed)
{
    struct quote_view *v = NULL;
    err_clear(&ed->load_error);
    if (quote_view_load(ed->base.con->app, ed->number, &v, &ed->load_error) != ERR_OK)
        return ed->load_error.code;
    quote_view_free(&ed->view);
    ed->view = v;
    ed->can = quote_actions(ed->base.con->app, v);
    screen_set_title(&ed->base, v->quote.number);
    return ERR_OK;
}

int quote_editor_reload(struct quote_editor *ed)
{
    if (editor_load(ed) == ERR_OK) {
        table_refresh(&ed->lines);
    }
    return UI_DRAW;
}

const struct price_line *quote_editor_line(const struct quote_editor *ed)
{
    return ed->view ? table_selected(&ed->lines) : NULL;
}

/* -------------------------------------------------------------- layout */

static int selected_line_rows(const struct quote_editor *ed, int width);
static int editor_totals_rows(const struct quote_editor *ed, int width);

/* Rows under the table: the selected line, totals, approval and its reasons. */
static int editor_bottom_rows(const struct quote_editor *ed, int h)
{
    if (ed->view == NULL)
        return 0;
    int reasons = ed->view->approval.nreasons + (ed->view->approval.omitted ? 1 : 0);
    int most = h >= 40 ? 10 : 3;
    if (reasons > most)
        reasons = most;
    return 1 + selected_line_rows(ed, ed->base.w - 2) + editor_totals_rows(ed, ed->base.w - 2) + reasons +
           (ed->view->issues[0] ? 1 : 0);
}

static void editor_layout(struct screen *s)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    int top = 3, bottom = editor_bottom_rows(ed, s->h);
    editor_set_columns(ed, s->w);
    table_layout(&ed->lines, s->y + top, s->x, s->h - top - bottom, s->w);
}

/* ---------------------------------------------------------------- draw */

static void draw_header(struct quote_editor *ed)
{
    struct screen *s = &ed->base;
    const struct quote *q = &ed->view->quote;
    const struct quote_revision *r = &ed->view->revision;
    int half = s->w / 2, x = s->x + 1;
    char v[700];
    draw_textf(s->y, x, s->w - 2, STYLE_TITLE, "%s  %s  revision %d%s  owner %s", q->number,
               quote_status_name(q->status), r->number,
               r->proposed_by == QUOTE_SIDE_CUSTOMER ? " (customer's)" : "", q->owner_login);
    snprintf(v, sizeof v, "%s (%s)", q->account_name, q->account_code);
    draw_field(s->y + 1, x, 8, half - 2, "Account", v);
    draw_field(s->y + 1, s->x + half, 8, half - 1, "Contact", q->contact_name[0] ? q->contact_name : "—");
    int n = snprintf(v, sizeof v, "valid until %s · %d days%s%s", q->valid_until, q->payment_terms_days,
                     q->requested_date[0] ? " · delivery " : "", q->requested_date);
    if (q->order_number[0])
        snprintf(v + n, sizeof v - (size_t)n, " · order %s (O opens it)", q->order_number);
    else if (r->comment[0] || q->notes[0])
        snprintf(v + n, sizeof v - (size_t)n, " · %s%.400s",
                 r->comment[0] ? "their comment: " : "notes: ", r->comment[0] ? r->comment : q->notes);
    draw_field(s->y + 2, x, 8, s->w - 2, "Terms", v);
}

/* What the selected line is made of; false when no line is selected. */
static bool selected_line_text(const struct quote_editor *ed, char *out, size_t len, bool *issue)
{
    const struct price_line *p = quote_editor_line(ed);
    const struct console *c = ed->base.con;
    char list[64], base[64], disc[32], margin[32], issues[400];
    if (p == NULL)
        return false;
    fmt_money(c, p->line.list_price, list, sizeof list);
    fmt_money(c, p->line.base_price, base, sizeof base);
    rate_format(p->line.discount_bp, disc, sizeof disc);
    margin_format(p->margin_bp, margin, sizeof margin);
    pricing_describe_issues(p, issues, sizeof issues);
    snprintf(out, len, "line %d: margin %s · discount %s · list %s · account price %s%s%s%s%s",
             p->line.line_no, margin, disc, list, base, p->line.note[0] ? " · note: " : "", p->line.note,
             issues[0] ? " · " : "", issues);
    *issue = issues[0] != '\0';
    return true;
}

/* The selected line takes one line, or two when its text needs them. */
static int selected_line_rows(const struct quote_editor *ed, int width)
{
    char text[1200];
    bool issue;
    if (!selected_line_text(ed, text, sizeof text, &issue))
        return 1;
    return draw_wrapped_lines(text, width) > 1 ? 2 : 1;
}

static void draw_selected_line(struct quote_editor *ed, int y, int rows)
{
    struct screen *s = &ed->base;
    char text[1200];
    bool issue = false;
    if (selected_line_text(ed, text, sizeof text, &issue))
        draw_wrapped(y, s->x + 1, s->w - 2, rows, text, issue ? STYLE_ERROR : STYLE_DIM);
}

/* The totals in full: two spaces apart, one when that does not fit; the
 * caller wraps them onto a second line when even that is too wide. */
static void editor_totals_text(const struct quote_editor *ed, int width, char *text, size_t len)
{
    const struct console *c = ed->base.con;
    const struct priced_quote *pq = &ed->view->priced;
    char sub[64], tax[64], total[64], margin[32], disc[96] = "";
    fmt_money(c, pq->subtotal, sub, sizeof sub);
    fmt_money(c, pq->tax_total, tax, sizeof tax);
    fmt_money(c, pq->total, total, sizeof total);
    margin_format(pq->margin_bp, margin, sizeof margin);
    if (pq->order_discount) {
        char amount[48];
        fmt_money(c, -pq->order_discount, amount, sizeof amount);
        snprintf(disc, sizeof disc, "Order discount %s  ", amount);
    }
    const char *gap = "  ";
    for (int pass = 0; pass < 2; pass++, gap = " ") {
        snprintf(text, len, "%sExcl. tax %s%sTax %s%sIncl. tax %s%sMargin %s", disc, sub, gap, tax, gap,
                 total, gap, margin);
        if (text_width(text) <= width)
            break;
    }
}

/* Lines the totals take at this width: one, or two when they do not fit. */
static int editor_totals_rows(const struct quote_editor *ed, int width)
{
    char text[400];
    editor_totals_text(ed, width, text, sizeof text);
    return draw_wrapped_lines(text, width) > 1 ? 2 : 1;
}

static void draw_totals(struct quote_editor *ed, int y, int rows)
{
    struct screen *s = &ed->base;
    char text[400];
    editor_totals_text(ed, s->w - 2, text, sizeof text);
    draw_wrapped(y, s->x + 1, s->w - 2, rows, text, STYLE_TITLE);
}

static void draw_approval(struct quote_editor *ed, int y, int rows)
{
    struct screen *s = &ed->base;
    const struct quote_view *v = ed->view;
    char needs[400], who[300] = "";
    if (v->approval.level == 0) {
        draw_text(y, s->x + 1, s->w - 2, "Approval: not needed", TEXT_LEFT, STYLE_OK);
        return;
    }
    approval_needs_text(&v->approval, needs, sizeof needs);
    for (int i = 0; i < v->napprovals; i++) {
        size_t n = strlen(who);
        snprintf(who + n, sizeof who - n, "%s%s by %s", n ? ", " : " · ",
                 v->approvals[i].decision == APPROVAL_APPROVE ? "approved" : "rejected",
                 v->approvals[i].approver_login);
    }
    draw_textf(y, s->x + 1, s->w - 2, v->approved_enough ? STYLE_OK : STYLE_ERROR,
               "Approval: %s (level %d)%s%s", needs, v->approval.level, who,
               v->approved_enough ? "" : " — why:");
    int shown = 0;
    for (; shown < v->approval.nreasons && shown < rows; shown++) {
        bool last = shown == rows - 1 && shown + 1 < v->approval.nreasons + (v->approval.omitted ? 1 : 0);
        if (last) {
            draw_textf(y + 1 + shown, s->x + 3, s->w - 4, STYLE_DIM,
                       "… and %d more (T: timeline and reasons)",
                       v->approval.nreasons + v->approval.omitted - shown);
            return;
        }
        draw_text(y + 1 + shown, s->x + 3, s->w - 4, v->approval.reasons[shown].text, TEXT_LEFT,
                  STYLE_NORMAL);
    }
    if (v->approval.omitted && shown < rows)
        draw_textf(y + 1 + shown, s->x + 3, s->w - 4, STYLE_DIM, "… and %d more", v->approval.omitted);
}

static void editor_draw(struct screen *s)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    if (ed->view == NULL) {
        draw_text(s->y + 1, s->x + 2, s->w - 4, ed->load_error.msg, TEXT_LEFT, STYLE_ERROR);
        return;
    }
    editor_layout(s); /* the selected line may need a line more or less than the last one */
    draw_header(ed);
    table_draw(&ed->lines);
    int y = ed->lines.y + ed->lines.h;
    int bottom = editor_bottom_rows(ed, s->h), totals = editor_totals_rows(ed, s->w - 2);
    int line = selected_line_rows(ed, s->w - 2);
    draw_selected_line(ed, y, line);
    draw_totals(ed, y + line, totals);
    draw_approval(ed, y + line + totals, bottom - 1 - line - totals - (ed->view->issues[0] ? 1 : 0));
    if (ed->view->issues[0])
        draw_textf(s->y + s->h - 1, s->x + 1, s->w - 2, STYLE_ERROR, "To fix before submitting: %s",
                   ed->view->issues);
}

/* ------------------------------------------------------------- actions */

/* What a move without a form did: the core's refusal, or the new status. */
static int editor_after(struct quote_editor *ed, int rc, const struct err *e, const char *done)
{
    struct console *c = ed->base.con;
    if (rc == ERR_CONFLICT)
        console_conflict(c, e->msg, false);
    else if (rc != ERR_OK)
        console_error(c, e);
    else {
        quote_editor_reload(ed);
        console_status(c, false, "%s %s: now %s.", ed->number, done,
                       ed->view ? quote_status_name(ed->view->quote.status) : "?");
    }
    return UI_DRAW;
}

static struct quote_editor *editor_ready(void *p)
{
    struct quote_editor *ed = p;
    return ed->view ? ed : NULL;
}

/* What a change of lines or terms does to a quote past its draft, said
 * before it is made; "" for a draft. */
static void editor_reopen_warning(const struct quote_editor *ed, char *out, size_t len)
{
    enum quote_status s = ed->view->quote.status;
    out[0] = '\0';
    if (s != QUOTE_DRAFT)
        snprintf(out, len,
                 "%s is %s: a change of price, quantity or terms takes it back to draft, and it "
                 "must be approved again.",
                 ed->number, quote_status_name(s));
}

static int editor_open_pending_form(void *p)
{
    struct quote_editor *ed = p;
    console_push(ed->base.con, quote_form_new(ed, ed->pending_form));
    return UI_DRAW;
}

static int editor_form(void *p, enum quote_form_kind kind)
{
    struct quote_editor *ed = editor_ready(p);
    char warning[300];
    if (ed == NULL)
        return UI_DONE;
    if ((kind == QUOTE_FORM_EDIT_LINE || kind == QUOTE_FORM_COUNTER) && quote_editor_line(ed) == NULL) {
        console_status(ed->base.con, true, "No line selected.");
        return UI_DRAW;
    }
    bool changes = kind == QUOTE_FORM_ADD_LINE || kind == QUOTE_FORM_EDIT_LINE || kind == QUOTE_FORM_TERMS;
    editor_reopen_warning(ed, warning, sizeof warning);
    ed->pending_form = kind;
    if (changes && warning[0]) { /* the quote would silently go back to draft: ask first */
        char text[400];
        snprintf(text, sizeof text, "%s\nGo on?", warning);
        dialog_confirm(ed->base.con, "Change the quote?", text, editor_open_pending_form, ed);
        return UI_DRAW;
    }
    return editor_open_pending_form(ed);
}

static int editor_add_line(void *p)
{
    return editor_form(p, QUOTE_FORM_ADD_LINE);
}
static int editor_edit_line(void *p)
{
    return editor_form(p, QUOTE_FORM_EDIT_LINE);
}
static int editor_terms(void *p)
{
    return editor_form(p, QUOTE_FORM_TERMS);
}
static int editor_notes(void *p)
{
    return editor_form(p, QUOTE_FORM_NOTES);
}
static int editor_counter(void *p)
{
    return editor_form(p, QUOTE_FORM_COUNTER);
}
static int editor_approve(void *p)
{
    return editor_form(p, QUOTE_FORM_APPROVE);
}
static int editor_reject(void *p)
{
    return editor_form(p, QUOTE_FORM_REJECT);
}
static int editor_print(void *p)
{
    return editor_form(p, QUOTE_FORM_PRINT);
}

static int editor_do_remove(void *p)
{
    struct quote_editor *ed = p;
    const struct price_line *l = quote_editor_line(ed);
    struct err e = {0};
    if (l == NULL)
        return UI_DONE;
    int line_no = l->line.line_no;
    return editor_after(ed, quote_remove_line(ed->base.con->app, &ed->view->quote, line_no, &e), &e,
                        "line removed");
}

static int editor_remove(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    const struct price_line *l = ed ? quote_editor_line(ed) : NULL;
    char text[700];
    if (l == NULL)
        return UI_DONE;
    char warning[300];
    editor_reopen_warning(ed, warning, sizeof warning);
    snprintf(text, sizeof text, "Remove line %d (%s, %lld)?%s%s", l->line.line_no, l->line.sku,
             (long long)l->line.quantity, warning[0] ? "\n" : "", warning);
    dialog_confirm(ed->base.con, "Remove line", text, editor_do_remove, ed);
    return UI_DRAW;
}

static int editor_move(void *p, int dir)
{
    struct quote_editor *ed = editor_ready(p);
    const struct price_line *l = ed ? quote_editor_line(ed) : NULL;
    struct err e = {0};
    if (l == NULL)
        return UI_DONE;
    int position = ed->lines.view.cursor + 1 + dir;
    if (position < 1 || position > ed->view->nlines)
        return UI_DONE;
    int line_no = l->line.line_no;
    if (quote_move_line(ed->base.con->app, &ed->view->quote, line_no, position, &e) != ERR_OK)
        return editor_after(ed, e.code, &e, "");
    quote_editor_reload(ed);
    table_move(&ed->lines, dir);
    return UI_DRAW;
}

static int editor_move_down(void *p)
{
    return editor_move(p, 1);
}
static int editor_move_up(void *p)
{
    return editor_move(p, -1);
}

/* ------------------------------------------------ the status moves (m) */

enum editor_move { MOVE_SUBMIT, MOVE_RECALL, MOVE_APPROVE, MOVE_REJECT, MOVE_SEND, MOVE_ACCEPT, MOVE_CANCEL };

/* The moves m offers, in the order a quote takes them, each with what it needs. */
static const struct {
    unsigned need;
    const char *label;
} editor_moves[] = {
    [MOVE_SUBMIT] = {QUOTE_CAN_SUBMIT, "Submit for approval"},
    [MOVE_RECALL] = {QUOTE_CAN_RECALL, "Recall to draft"},
    [MOVE_APPROVE] = {QUOTE_CAN_APPROVE, "Approve… (v)"},
    [MOVE_REJECT] = {QUOTE_CAN_APPROVE, "Reject… (x)"},
    [MOVE_SEND] = {QUOTE_CAN_SEND, "Send to the customer"},
    [MOVE_ACCEPT] = {QUOTE_CAN_ACCEPT, "Customer accepts: create the order"},
    [MOVE_CANCEL] = {QUOTE_CAN_CANCEL, "Cancel the quote…"},
};

static int editor_do_submit(void *p)
{
    struct quote_editor *ed = p;
    struct err e = {0};
    return editor_after(ed, quote_submit(ed->base.con->app, &ed->view->quote, &e), &e, "submitted");
}

static int editor_do_recall(void *p)
{
    struct quote_editor *ed = p;
    struct err e = {0};
    return editor_after(ed, quote_recall(ed->base.con->app, &ed->view->quote, &e), &e, "recalled");
}

static int editor_do_send(void *p)
{
    struct quote_editor *ed = p;
    struct err e = {0};
    return editor_after(ed, quote_send(ed->base.con->app, &ed->view->quote, &e), &e, "sent");
}

static int editor_accept(void *p);

/* A move picked: asked once more (a question, or the form of the move). */
static int editor_move_picked(void *owner, const struct lookup_item *item)
{
    struct quote_editor *ed = owner;
    char text[600], needs[400];
    const struct quote *q = &ed->view->quote;
    switch ((enum editor_move)item->id) {
    case MOVE_SUBMIT:
        approval_needs_text(&ed->view->approval, needs, sizeof needs);
        snprintf(text, sizeof text, "Submit %s for approval?\n%s", q->number,
                 ed->view->approval.level ? needs : "No rule applies: it is approved at once.");
        dialog_confirm(ed->base.con, "Submit", text, editor_do_submit, ed);
        return UI_DRAW;
    case MOVE_RECALL:
        snprintf(text, sizeof text, "Recall %s to draft? Its approvals so far are set aside.", q->number);
        dialog_confirm(ed->base.con, "Recall", text, editor_do_recall, ed);
        return UI_DRAW;
    case MOVE_SEND:
        snprintf(text, sizeof text, "Send revision %d of %s to the customer? It can no longer change.",
                 ed->view->revision.number, q->number);
        dialog_confirm(ed->base.con, "Send", text, editor_do_send, ed);
        return UI_DRAW;
    case MOVE_ACCEPT: return editor_accept(ed);
    case MOVE_APPROVE: return editor_form(ed, QUOTE_FORM_APPROVE);
    case MOVE_REJECT: return editor_form(ed, QUOTE_FORM_REJECT);
    case MOVE_CANCEL: return editor_form(ed, QUOTE_FORM_CANCEL);
    }
    return UI_DONE;
}

static int editor_status(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    struct lookup_item items[sizeof editor_moves / sizeof editor_moves[0]];
    int n = 0;
    if (ed == NULL)
        return UI_DONE;
    for (size_t i = 0; i < sizeof editor_moves / sizeof editor_moves[0]; i++)
        if ((ed->can & editor_moves[i].need) == editor_moves[i].need) {
            memset(&items[n], 0, sizeof items[n]);
            items[n].id = (int64_t)i;
            snprintf(items[n].label, sizeof items[n].label, "%s", editor_moves[i].label);
            n++;
        }
    if (n == 0) {
        console_status(ed->base.con, true, "%s is %s: nothing you may move it to now.", ed->number,
                       quote_status_name(ed->view->quote.status));
        return UI_DRAW;
    }
    char title[64];
    snprintf(title, sizeof title, "%s is %s: move it to", ed->number,
             quote_status_name(ed->view->quote.status));
    dialog_pick(ed->base.con, title, items, n, 0, editor_move_picked, ed);
    return UI_DRAW;
}

static int editor_open_order(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    if (ed == NULL || ed->view->quote.order_number[0] == '\0')
        return UI_DONE;
    console_push(ed->base.con, order_detail_new(ed->base.con, ed->view->quote.order_number));
    return UI_DRAW;
}

static int editor_order_picked(void *owner, const struct lookup_item *item)
{
    struct quote_editor *ed = owner;
    console_push(ed->base.con, order_detail_new(ed->base.con, item->value));
    return UI_DRAW;
}

static int editor_do_accept(void *p)
{
    struct quote_editor *ed = p;
    struct order o;
    struct err e = {0};
    if (quote_accept(ed->base.con->app, &ed->view->quote, &o, &e) != ERR_OK)
        return editor_after(ed, e.code, &e, "");
    quote_editor_reload(ed);
    struct lookup_item item = {.id = o.id};
    snprintf(item.value, sizeof item.value, "%s", o.number);
    snprintf(item.label, sizeof item.label, "Order %s created — Enter opens it", o.number);
    console_status(ed->base.con, false, "%s accepted: order %s.", ed->number, o.number);
    dialog_pick(ed->base.con, "Accepted", &item, 1, 0, editor_order_picked, ed);
    return UI_DRAW;
}

static int editor_accept(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    char text[300];
    if (ed == NULL)
        return UI_DONE;
    snprintf(text, sizeof text, "Customer accepts revision %d of %s: create the order?",
             ed->view->revision.number, ed->number);
    dialog_confirm(ed->base.con, "Accept", text, editor_do_accept, ed);
    return UI_DRAW;
}

static int editor_compare(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    if (ed == NULL)
        return UI_DONE;
    console_push(ed->base.con, quote_compare_new(ed->base.con, ed->number, 0, 0));
    return UI_DRAW;
}

/* Every reason, then every event of the timeline, newest first, in a message
 * box that scrolls. */
static int editor_timeline(void *p)
{
    struct quote_editor *ed = editor_ready(p);
    if (ed == NULL)
        return UI_DONE;
    struct rows events = {0};
    struct strbuf text = {0};
    struct err e = {0};
    if (quote_events(ed->base.con->app, &ed->view->quote, NULL, &events, &e) != ERR_OK) {
        rows_free(&events);
        console_error(ed->base.con, &e);
        return UI_DRAW;
    }
    for (int i = 0; i < ed->view->approval.nreasons; i++)
        strbuf_addf(&text, "why: %s\n", ed->view->approval.reasons[i].text);
    if (ed->view->approval.omitted)
        strbuf_addf(&text, "why: … and %d more\n", ed->view->approval.omitted);
    const struct quote_event *ev = events.items;
    for (int i = events.n - 1; i >= 0; i--) {
        char when[32];
        fmt_time(ev[i].at, when, sizeof when);
        strbuf_addf(&text, "%s r%d %s %s%s%s%s%s\n", when, ev[i].revision, ev[i].user_login, ev[i].kind,
                    ev[i].to_status[0] ? " → " : "", ev[i].to_status, ev[i].note[0] ? ": " : "", ev[i].note);
    }
    dialog_message(ed->base.con, "Timeline", text.len ? strbuf_text(&text) : "Nothing yet.");
    strbuf_free(&text);
    rows_free(&events);
    return UI_DRAW;
}

static int editor_reload_key(void *p)
{
    struct quote_editor *ed = p;
    quote_editor_reload(ed);
    if (ed->view)
        console_status(ed->base.con, false, "Reloaded %s.", ed->number);
    else
        console_error(ed->base.con, &ed->load_error);
    return UI_DRAW;
}

/* Every action with what it needs (QUOTE_CAN_*; 0 = always, ~0u = an order exists). */
struct editor_action {
    unsigned need;
    struct keydef def;
};

#define HAS_ORDER (~0u)
#define STATUS_MOVES (~1u) /* any move of the quote's life cycle */

static const struct editor_action editor_actions[] = {
    {QUOTE_CAN_EDIT, {UA_NEW, editor_add_line, KEYDEF_BAR, "Add line"}},
    {QUOTE_CAN_EDIT, {UA_EDIT, editor_edit_line, KEYDEF_BAR, "Edit line"}},
    {QUOTE_CAN_EDIT, {UA_OPEN, editor_edit_line, 0, "Edit line"}},
    {STATUS_MOVES, {UA_STATUS, editor_status, KEYDEF_BAR, "Status…"}},
    {QUOTE_CAN_APPROVE, {UA_APPROVE, editor_approve, KEYDEF_BAR, NULL}},
    {QUOTE_CAN_APPROVE, {UA_REJECT, editor_reject, KEYDEF_BAR, NULL}},
    {QUOTE_CAN_COUNTER, {UA_COUNTER, editor_counter, KEYDEF_BAR, NULL}},
    {HAS_ORDER, {UA_OPEN_ORDER, editor_open_order, KEYDEF_BAR, NULL}},
    {0, {UA_COMPARE, editor_compare, KEYDEF_BAR, "Compare"}},
    {QUOTE_CAN_EDIT, {UA_REMOVE, editor_remove, 0, "Remove line"}},
    {QUOTE_CAN_EDIT, {UA_LINE_DOWN, editor_move_down, 0, NULL}},
    {QUOTE_CAN_EDIT, {UA_LINE_UP, editor_move_up, 0, NULL}},
    {QUOTE_CAN_EDIT, {UA_TERMS, editor_terms, 0, NULL}},
    {0, {UA_PRINT, editor_print, 0, NULL}},
    {QUOTE_CAN_NOTES, {UA_NOTES, editor_notes, 0, NULL}},
    {0, {UA_TIMELINE, editor_timeline, 0, "Timeline and reasons"}},
    {0, {UA_RELOAD, editor_reload_key, 0, NULL}},
};

static bool action_allowed(const struct quote_editor *ed, unsigned need)
{
    if (ed->view == NULL)
        return need == 0;
    if (need == HAS_ORDER)
        return ed->view->quote.order_number[0] != '\0';
    if (need == STATUS_MOVES)
        return (ed->can & (QUOTE_CAN_SUBMIT | QUOTE_CAN_RECALL | QUOTE_CAN_APPROVE | QUOTE_CAN_SEND |
                           QUOTE_CAN_ACCEPT | QUOTE_CAN_CANCEL)) != 0;
    return need == 0 || (ed->can & need) == need;
}

static int editor_keytables(struct screen *s, struct keytable *out, int max)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    int n = 0;
    ed->nkeys = 0;
    for (size_t i = 0; i < sizeof editor_actions / sizeof editor_actions[0]; i++)
        if (action_allowed(ed, editor_actions[i].need) && ed->nkeys < QUOTE_EDITOR_KEYS)
            ed->keys[ed->nkeys++] = editor_actions[i].def;
    if (!ed->lines.filtering && max > 1)
        out[n++] = (struct keytable){"Quote", ed->keys, ed->nkeys, ed, false, false};
    return n + table_keytables(&ed->lines, out + n, max - n);
}

/* Why an action of the editor is refused now, in words (the core's for the quote's actions). */
static void editor_refusal(const struct quote_editor *ed, unsigned need, char *out, size_t len)
{
    const struct quote_view *v = ed->view;
    if (v == NULL)
        snprintf(out, len, "%s", ed->load_error.msg[0] ? ed->load_error.msg : "the quote is not loaded");
    else if (need == HAS_ORDER)
        snprintf(out, len, "%s has no order: it gets one when the customer accepts it", ed->number);
    else if (need == STATUS_MOVES)
        snprintf(out, len, "%s is %s: no move of its status is yours to make now", ed->number,
                 quote_status_names[v->quote.status]);
    else
        quote_action_refusal(ed->base.con->app, v, need, out, len);
}

/* A key of an action the quote does not allow now says why, never nothing
 * (the bar and help leave the action out). */
static int editor_refused_key(struct quote_editor *ed, int key)
{
    for (size_t i = 0; i < sizeof editor_actions / sizeof editor_actions[0]; i++) {
        const struct editor_action *a = &editor_actions[i];
        if (action_allowed(ed, a->need) || !keydef_has_key(&a->def, key, false))
            continue;
        char why[sizeof ed->load_error.msg + 100];
        editor_refusal(ed, a->need, why, sizeof why);
        console_status(ed->base.con, true, "%s: %s", keydef_label(&a->def), why);
        return UI_DRAW;
    }
    return UI_PASS;
}

static int editor_input(struct screen *s, int key)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    if (!ed->lines.filtering && editor_refused_key(ed, key) != UI_PASS)
        return UI_DRAW;
    return table_input(&ed->lines, key);
}

static bool editor_typing(struct screen *s)
{
    return ((struct quote_editor *)s)->lines.filtering;
}

static int editor_reload(struct screen *s)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    quote_editor_reload(ed);
    return UI_LAYOUT;
}

static void editor_destroy(struct screen *s)
{
    struct quote_editor *ed = (struct quote_editor *)s;
    table_free(&ed->lines);
    quote_view_free(&ed->view);
    free(ed);
}

static const struct screen_ops quote_editor_ops = {
    .kind = "quote",
    .layout = editor_layout,
    .draw = editor_draw,
    .keytables = editor_keytables,
    .input = editor_input,
    .reload = editor_reload,
    .typing = editor_typing,
    .destroy = editor_destroy,
};

void quote_editor_open(struct console *c, const char *number)
{
    struct quote_editor *ed = (struct quote_editor *)quote_editor_new(c, number);
    console_push(c, &ed->base);
    if (ed->view && (ed->can & QUOTE_CAN_EDIT) && ed->view->nlines == 0)
        console_push(c, quote_form_new(ed, QUOTE_FORM_ADD_LINE));
}

struct screen *quote_editor_new(struct console *c, const char *number)
{
    struct quote_editor *ed = xcalloc(1, sizeof *ed);
    screen_init(&ed->base, &quote_editor_ops, c, number);
    snprintf(ed->number, sizeof ed->number, "%s", number);
    struct table_source lines = {.cols = narrow_columns,
                                 .ncols = 7,
                                 .row_size = sizeof(struct price_line),
                                 .fetch = lines_fetch,
                                 .cursor = line_cursor,
                                 .id = line_id,
                                 .cell = line_cell,
                                 .ctx = ed,
                                 .forward_only = true,
                                 .page = QUOTE_MAX_LINES};
    table_init(&ed->lines, &lines);
    editor_set_columns(ed, c->cols);
    ed->lines.con = c;
    ed->lines.owner = ed;
    ed->lines.empty_text = "No lines yet.";
    if (editor_load(ed) == ERR_OK) {
        if (ed->can & QUOTE_CAN_EDIT)
            ed->lines.empty_text = "No lines yet: n adds one.";
        table_reload(&ed->lines);
    }
    return &ed->base;
}
