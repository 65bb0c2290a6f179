/* Promotions in the console: the Quick order's coupon key (F6) and the order
 * screen's section. F6 opens a small box over the cart: the code typed, then
 * Enter, puts it into the cart (or takes it out when the cart has it), the
 * cart is priced again and the status line says what the code did ("applied:
 * Noël −10 % (NOEL10) −6.00 €" or "not applied: NOEL25 — used 100 of 100");
 * the box also lists every promotion of the cart, applied or not and why. A
 * coupon costs F6, the code and Enter. The order screen shows the order's
 * promotions from promotion_order_summary (its rows): no keys of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/b2c/promotion.h"
#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/order_sections.h"
#include "ui/screens/quick_order_ext.h"
#include "ui/shell.h"
#include "ui/widgets/lineedit.h"

struct coupon_box {
    struct screen base;
    struct quick_order *qo;
    struct lineedit code;
    char error[520];
};

/* "applied: Noël −10 % (NOEL10) −6.00 €", "not applied: VIP15 — for gold tier". */
static void note_text(const struct console *c, const struct cart_note *n, char *out, size_t len)
{
    char amount[64] = "";
    if (n->has_amount) {
        amount[0] = ' ';
        fmt_money(c, n->amount, amount + 1, sizeof amount - 1);
    }
    snprintf(out, len, "%s%s%s",
             n->kind == NOTE_APPLIED       ? "applied: "
             : n->kind == NOTE_NOT_APPLIED ? "not applied: "
                                           : "",
             n->text, amount);
}

/* haystack holds needle, in any case (ASCII). */
static bool has_text(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *h = haystack; *h; h++)
        if (strncasecmp(h, needle, n) == 0)
            return true;
    return false;
}

/* The note that speaks of a code (its text starts with it, or names it in brackets). */
static const struct cart_note *note_of_code(const struct priced_cart *p, const char *code)
{
    size_t n = strlen(code);
    char bracketed[64];
    snprintf(bracketed, sizeof bracketed, "(%.40s)", code);
    for (int i = 0; i < p->nnotes; i++) {
        const char *t = p->notes[i].text;
        if (p->notes[i].kind != NOTE_APPLIED && p->notes[i].kind != NOTE_NOT_APPLIED)
            continue;
        if ((strncasecmp(t, code, n) == 0 && (t[n] == ' ' || t[n] == '\0')) || has_text(t, bracketed))
            return &p->notes[i];
    }
    return NULL;
}

static int coupon_close(void *p)
{
    struct coupon_box *b = p;
    console_close(b->base.con, &b->base);
    return UI_DRAW;
}

static int coupon_apply(void *p)
{
    struct coupon_box *b = p;
    struct console *c = b->base.con;
    char typed[200];
    lineedit_get(&b->code, typed, sizeof typed);
    if (typed[strspn(typed, " ")] == '\0')
        return coupon_close(b);
    struct err e = {0};
    bool added = false;
    struct cart *cart = quick_order_cart(b->qo);
    if (promotion_cart_code(cart, typed, &added, &e) != ERR_OK) {
        snprintf(b->error, sizeof b->error, "%s", e.msg); /* the code stays typed */
        return UI_DRAW;
    }
    char code[40];
    snprintf(code, sizeof code, "%.32s", added ? cart->coupons[cart->ncoupons - 1] : typed);
    quick_order_changed(b->qo);
    console_close(c, &b->base);
    const struct cart_note *n = added ? note_of_code(quick_order_priced(b->qo), code) : NULL;
    char text[300];
    if (!added)
        console_status(c, false, "%s taken out of the cart.", code);
    else if (n != NULL) {
        note_text(c, n, text, sizeof text);
        console_status(c, n->kind != NOTE_APPLIED, "%s", text);
    } else
        console_status(c, false, "%s is in the cart.", code);
    return UI_DRAW;
}

static const struct keydef coupon_keys[] = {
    {UA_ACCEPT, coupon_apply, KEYDEF_BAR, "Apply (again: take out)"},
    {UA_BACK, coupon_close, KEYDEF_BAR, "Close"},
};

static int coupon_keytables(struct screen *s, struct keytable *out, int max)
{
    (void)max;
    out[0] = (struct keytable){"Coupon", coupon_keys, (int)(sizeof coupon_keys / sizeof coupon_keys[0]),
                               s,        true,        false};
    return 1;
}

static int coupon_input(struct screen *s, int key)
{
    struct coupon_box *b = (struct coupon_box *)s;
    if (lineedit_key(&b->code, key))
        b->error[0] = '\0';
    return UI_DRAW; /* modal: nothing reaches the cart below */
}

static bool coupon_typing(struct screen *s)
{
    (void)s;
    return true;
}

/* How many notes the box lists. */
static int coupon_notes(const struct priced_cart *p)
{
    int n = 0;
    for (int i = 0; i < p->nnotes; i++)
        n += p->notes[i].kind == NOTE_APPLIED || p->notes[i].kind == NOTE_NOT_APPLIED;
    return n;
}

static void coupon_draw(struct screen *s)
{
    struct coupon_box *b = (struct coupon_box *)s;
    const struct priced_cart *p = quick_order_priced(b->qo);
    const struct cart *cart = quick_order_cart(b->qo);
    int w = s->w - 8 < 90 ? s->w - 8 : 90, inner = w - 4;
    int notes = coupon_notes(p), most = s->h - 10;
    int shown = notes < most ? notes : most;
    int h = 7 + (shown > 0 ? shown + 1 : 0);
    int y = s->y + (s->h - h) / 2, x = s->x + (s->w - w) / 2;
    draw_box(y, x, h, w, "Coupon");
    draw_text(y + 1, x + 2, 6, "Code", TEXT_LEFT, STYLE_LABEL);
    int fw = 34;
    char vis[200];
    int col = lineedit_view(&b->code, fw);
    lineedit_visible(&b->code, fw, vis, sizeof vis);
    draw_text(y + 1, x + 8, fw, vis, TEXT_LEFT, STYLE_FIELD_ACTIVE);
    console_cursor(s->con, y + 1, x + 8 + col);
    if (b->error[0])
        draw_text(y + 2, x + 8, inner - 6, b->error, TEXT_LEFT, STYLE_ERROR);
    char line[600];
    size_t n = 0;
    line[0] = '\0';
    for (int i = 0; i < cart->ncoupons && n < sizeof line; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", i ? ", " : "", cart->coupons[i]);
    if (cart->ncoupons > 0)
        draw_textf(y + 3, x + 2, inner, STYLE_NORMAL, "In the cart: %s (type one again to take it out)",
                   line);
    else
        draw_text(y + 3, x + 2, inner, "No code in the cart yet.", TEXT_LEFT, STYLE_DIM);
    int row = y + 5;
    if (shown > 0)
        draw_text(row++, x + 2, inner, "Promotions of this cart", TEXT_LEFT, STYLE_TITLE);
    for (int i = 0, k = 0; i < p->nnotes && k < shown; i++) {
        const struct cart_note *nt = &p->notes[i];
        if (nt->kind != NOTE_APPLIED && nt->kind != NOTE_NOT_APPLIED)
            continue;
        if (k == shown - 1 && shown < notes) {
            draw_textf(row++, x + 2, inner, STYLE_DIM, "%s %d more", text_ellipsis(), notes - k);
            break;
        }
        note_text(s->con, nt, line, sizeof line);
        draw_text(row++, x + 2, inner, line, TEXT_LEFT, nt->kind == NOTE_APPLIED ? STYLE_OK : STYLE_NORMAL);
        k++;
    }
    draw_text(y + h - 1, x + w - 32, 30, "[Enter] apply  [Esc] close", TEXT_RIGHT, STYLE_TITLE);
}

static void coupon_destroy(struct screen *s)
{
    free(s);
}

static const struct screen_ops coupon_ops = {
    .kind = "coupon",
    .draw = coupon_draw,
    .keytables = coupon_keytables,
    .input = coupon_input,
    .typing = coupon_typing,
    .destroy = coupon_destroy,
};

static int coupon_run(struct quick_order *qo)
{
    struct console *c = quick_order_console(qo);
    struct coupon_box *b = xcalloc(1, sizeof *b);
    screen_init(&b->base, &coupon_ops, c, "Coupon");
    b->base.overlay = true;
    b->qo = qo;
    b->code.max = 32;
    console_push(c, &b->base);
    return UI_DRAW;
}

/* Under the totals when nothing else is said: the codes in the cart. */
static void coupon_panel(struct quick_order *qo, char *out, size_t len)
{
    const struct cart *cart = quick_order_cart(qo);
    const struct priced_cart *p = quick_order_priced(qo);
    out[0] = '\0';
    if (cart->ncoupons == 0)
        return;
    char amount[64];
    int64_t off = 0;
    for (int i = 0; i < p->nadjustments; i++)
        if (p->adjustments[i].kind == ADJ_PROMOTION)
            off += p->adjustments[i].amount;
    fmt_money(quick_order_console(qo), -off, amount, sizeof amount);
    snprintf(out, len, "Coupons %s%s · promotions %s", cart->coupons[0], cart->ncoupons > 1 ? " …" : "",
             amount);
}

const struct quick_order_ext promotion_quick_order_ext = {UA_QO_COUPON, NULL, coupon_run, coupon_panel};

/* The order screen's promotions: its summary rows (promotion_order_summary); no keys. */
const struct order_section promotion_order_section = {"Promotions", NULL, 0};
