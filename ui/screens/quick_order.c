/* Quick order: the counter clerk's sale (and a rep's order for an account)
 * in as few keys as the work needs. The customer field finds a customer by
 * name, e-mail or phone as it is typed (a rep may take an account instead;
 * a new customer is created on the spot); the product field finds a product
 * by part of its SKU or name, Enter on a single match adds one, "3*CAF"
 * adds three, "5*" sets the selected line's quantity. The cart is priced
 * after every change by the core (price and source per line, totals tax
 * included for consumers, the promise); shipping (F3), gift and notes (F4),
 * payment (F5) and back-order (F8) are one key each with defaults that need
 * none; Enter on an empty product field places, asking once. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2c/cart.h"
#include "src/b2c/order_place.h"
#include "src/b2c/shipping.h"
#include "src/base/datetime.h"
#include "src/base/err.h"
#include "src/base/mem.h"
#include "src/base/money.h"
#include "src/base/names.h"
#include "src/base/text.h"
#include "src/customers.h"
#include "src/products.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/kit.h"
#include "ui/screens/quick_order_ext.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"
#include "ui/widgets/dialog.h"
#include "ui/widgets/form.h"
#include "ui/widgets/lineedit.h"

#define QO_MATCHES 8
#define QO_FIELD_W 30

enum qo_field { QO_PARTY, QO_PRODUCT };
enum qo_match_kind { MATCH_CUSTOMER, MATCH_ACCOUNT, MATCH_PRODUCT };

struct qo_match {
    enum qo_match_kind kind;
    int64_t id;
    char sku[65];
    char text[720];
};

struct quick_order {
    struct screen base;
    struct cart *cart;
    struct cart_inputs in;
    bool loaded;
    struct priced_cart priced;
    struct err price_error;
    enum qo_field field;
    struct lineedit party, product;
    struct qo_match matches[QO_MATCHES];
    int nmatches;
    int64_t more; /* matches not shown */
    int match_cursor;
    bool match_moved; /* the clerk chose among several with the arrows */
    char party_label[720];
    int line, top; /* the selected cart line, the first one shown */
    int list_y, list_h, totals_y;
    int notes_h;              /* rows under the lines for the notes (promotions applied and not, points) */
    int64_t offered_customer; /* the customer who has the e-mail a new one was given */
    struct keydef keys[16];   /* the screen's keys, Enter's label as it is now, the extensions' among them */
};

/* ---------------------------------------------------------- pricing */

static void qo_price(struct quick_order *qo)
{
    struct app *app = qo->base.con->app;
    err_clear(&qo->price_error);
    int rc = qo->loaded ? cart_inputs_refresh(app, qo->cart, &qo->in, &qo->price_error)
                        : cart_inputs_load(app, qo->cart, &qo->in, &qo->price_error);
    qo->loaded = qo->loaded || rc == ERR_OK;
    if (rc == ERR_OK)
        cart_price(&qo->in, qo->cart, &qo->priced, &qo->price_error);
    if (qo->line >= qo->cart->nlines)
        qo->line = qo->cart->nlines - 1;
    if (qo->line < 0)
        qo->line = 0;
}

/* Everything read again (stock, prices, methods): another clerk sold meanwhile. */
static void qo_reload_inputs(struct quick_order *qo)
{
    if (qo->loaded)
        cart_inputs_free(&qo->in);
    qo->loaded = false;
    qo_price(qo);
}

struct cart *quick_order_cart(struct quick_order *qo)
{
    return qo->cart;
}

const struct priced_cart *quick_order_priced(const struct quick_order *qo)
{
    return &qo->priced;
}

struct console *quick_order_console(struct quick_order *qo)
{
    return qo->base.con;
}

int quick_order_changed(struct quick_order *qo)
{
    qo_price(qo);
    return UI_DRAW;
}

/* ---------------------------------------------------------- matches */

static struct lineedit *qo_edit(struct quick_order *qo)
{
    return qo->field == QO_PARTY ? &qo->party : &qo->product;
}

static void qo_match_customer(struct qo_match *m, const struct customer *c)
{
    m->kind = MATCH_CUSTOMER;
    m->id = c->id;
    snprintf(m->text, sizeof m->text, "%s · %s%s%s%s%s", c->name, c->email, c->phone[0] ? " · " : "",
             c->phone, c->city[0] ? " · " : "", c->city);
}

/* Customers first, then (for those who sell to businesses) accounts. */
static void qo_search_party(struct quick_order *qo, const char *text)
{
    struct app *app = qo->base.con->app;
    struct customer cust[QO_MATCHES];
    struct account acc[4];
    int nc = 0, na = 0;
    struct page_req q = {.filter = text, .sort = CUSTOMER_SORT_NAME, .limit = QO_MATCHES - 2};
    if (customer_page(app, &q, cust, &nc, NULL) != ERR_OK)
        nc = 0;
    for (int i = 0; i < nc; i++)
        qo_match_customer(&qo->matches[qo->nmatches++], &cust[i]);
    struct page_req qa = {.filter = text, .sort = ACCOUNT_SORT_NAME, .limit = 2};
    if (account_page(app, &qa, acc, &na, NULL) != ERR_OK)
        na = 0;
    for (int i = 0; i < na; i++) {
        struct qo_match *m = &qo->matches[qo->nmatches++];
        m->kind = MATCH_ACCOUNT;
        m->id = acc[i].id;
        snprintf(m->text, sizeof m->text, "%s — %s (account)%s%s", acc[i].code, acc[i].name,
                 acc[i].city[0] ? " · " : "", acc[i].city);
    }
    qo->more = nc == QO_MATCHES - 2 || na == 2;
}

static void qo_search_product(struct quick_order *qo, const char *query)
{
    struct product p[QO_MATCHES];
    int n = 0;
    struct page_req q = {.filter = query, .sort = PRODUCT_SORT_SKU, .limit = QO_MATCHES};
    if (product_page(qo->base.con->app, &q, p, &n, NULL) != ERR_OK)
        n = 0;
    for (int i = 0; i < n; i++) {
        struct qo_match *m = &qo->matches[qo->nmatches++];
        m->kind = MATCH_PRODUCT;
        m->id = p[i].id;
        snprintf(m->sku, sizeof m->sku, "%s", p[i].sku);
        snprintf(m->text, sizeof m->text, "%-12s %s%s — %lld in stock", p[i].sku, p[i].name,
                 p[i].active ? "" : " (no longer sold)",
                 (long long)(p[i].stock_on_hand - p[i].stock_reserved));
    }
    qo->more = n == QO_MATCHES;
}

/* The matches of what the focused field holds, searched as it is typed. */
static void qo_search(struct quick_order *qo)
{
    char text[256], query[256];
    int64_t qty;
    lineedit_get(qo_edit(qo), text, sizeof text);
    qo->nmatches = 0;
    qo->more = 0;
    qo->match_cursor = 0;
    qo->match_moved = false;
    if (qo->field == QO_PARTY && text[0])
        qo_search_party(qo, text);
    else if (qo->field == QO_PRODUCT && cart_parse_entry(text, &qty, query, sizeof query) && query[0])
        qo_search_product(qo, query);
}

/* ---------------------------------------------------------- the party */

static void qo_focus(struct quick_order *qo, enum qo_field f)
{
    qo->field = f;
    qo_search(qo);
}

static void qo_set_party_label(struct quick_order *qo, const char *text)
{
    snprintf(qo->party_label, sizeof qo->party_label, "%s", text);
}

static int qo_take_customer(struct quick_order *qo, int64_t id)
{
    struct customer c;
    struct err e = {0};
    if (customer_get(qo->base.con->app, id, &c, &e) != ERR_OK) {
        console_error(qo->base.con, &e);
        return UI_DRAW;
    }
    cart_set_customer(qo->cart, id);
    struct qo_match m;
    qo_match_customer(&m, &c);
    qo_set_party_label(qo, m.text);
    lineedit_clear(&qo->party);
    qo_focus(qo, QO_PRODUCT);
    qo_reload_inputs(qo); /* the basis and the party's facts change */
    return UI_DRAW;
}

static int qo_take_account(struct quick_order *qo, int64_t id)
{
    struct account a;
    struct err e = {0};
    if (account_get(qo->base.con->app, id, &a, &e) != ERR_OK) {
        console_error(qo->base.con, &e);
        return UI_DRAW;
    }
    cart_set_account(qo->cart, id, 0);
    qo->cart->pay_chosen = false;
    char label[320];
    snprintf(label, sizeof label, "%s — %s (account, prices excl. tax)", a.code, a.name);
    qo_set_party_label(qo, label);
    lineedit_clear(&qo->party);
    qo_focus(qo, QO_PRODUCT);
    qo_reload_inputs(qo);
    return UI_DRAW;
}

/* ------------------------------------------------- a new customer inline */

struct qo_new_customer {
    struct quick_order *qo;
    struct customer found; /* the customer who has the e-mail typed */
};

static int qo_use_existing(void *owner)
{
    struct quick_order *qo = owner;
    return qo_take_customer(qo, qo->offered_customer);
}

static int qo_new_customer_save(struct edit_screen *es, struct err *e)
{
    struct qo_new_customer *r = es->record;
    struct customer c = {0};
    FORM_COPY(&es->form, "name", c.name);
    FORM_COPY(&es->form, "email", c.email);
    FORM_COPY(&es->form, "phone", c.phone);
    struct app *app = es->base.con->app;
    if (c.email[0] && customer_find_email(app, c.email, &r->found, NULL) == ERR_OK) {
        char text[500];
        r->qo->offered_customer = r->found.id; /* kept for the answer */
        snprintf(text, sizeof text, "%s already has the e-mail %s. Sell to them?", r->found.name,
                 r->found.email);
        dialog_confirm(es->base.con, "Existing customer", text, qo_use_existing, r->qo);
        snprintf(es->saved, sizeof es->saved, "Not created: this e-mail is an existing customer's.");
        return ERR_OK;
    }
    int rc = customer_create(app, &c, e);
    if (rc == ERR_OK) {
        snprintf(es->saved, sizeof es->saved, "Customer created.");
        qo_take_customer(r->qo, c.id);
    }
    return rc;
}

/* Guesses from what was typed which field it fills: an e-mail, a phone, a name. */
static void qo_new_customer(struct quick_order *qo, const char *typed)
{
    struct qo_new_customer *r = xcalloc(1, sizeof *r);
    r->qo = qo;
    struct edit_screen *es = edit_screen_new(qo->base.con, "New customer", qo_new_customer_save, r);
    form_add(&es->form, "name", "Name", FIELD_TEXT, 200);
    form_add(&es->form, "email", "E-mail", FIELD_TEXT, 200);
    form_add(&es->form, "phone", "Phone", FIELD_TEXT, 40);
    bool digits = strspn(typed, "0123456789 +-.()") == strlen(typed);
    form_set(&es->form, strchr(typed, '@') ? "email" : digits ? "phone" : "name", typed);
    snprintf(es->intro, sizeof es->intro,
             "No customer matches '%.200s': a new one (Ctrl-S saves, Esc leaves)", typed);
    console_push(qo->base.con, &es->base);
}

static int qo_party_enter(struct quick_order *qo)
{
    char text[256];
    lineedit_get(&qo->party, text, sizeof text);
    if (text[0] == '\0') {
        qo_focus(qo, QO_PRODUCT);
        return UI_DRAW;
    }
    if (qo->nmatches == 0) {
        qo_new_customer(qo, text);
        return UI_DRAW;
    }
    /* several: the highlighted one (the first until ↓ moves), as a clerk expects */
    const struct qo_match *m = &qo->matches[qo->match_cursor];
    return m->kind == MATCH_ACCOUNT ? qo_take_account(qo, m->id) : qo_take_customer(qo, m->id);
}

/* ---------------------------------------------------------- products */

static int qo_add(struct quick_order *qo, const char *sku, int64_t qty)
{
    struct err e = {0};
    int index = 0;
    if (cart_add_sku(qo->base.con->app, qo->cart, sku, qty, &index, &e) != ERR_OK) {
        console_error(qo->base.con, &e);
        return UI_DRAW;
    }
    qo->line = index;
    lineedit_clear(&qo->product);
    qo_search(qo);
    qo_price(qo);
    return UI_DRAW;
}

/* "5*" sets the selected line's quantity; "0*" takes the line out. */
static int qo_set_quantity(struct quick_order *qo, const char *text)
{
    char *end = NULL;
    long long q = strtoll(text, &end, 10);
    while (end && isspace((unsigned char)*end))
        end++;
    if (end == text || end == NULL || *end != '*' || q < 0 || qo->cart->nlines == 0) {
        console_status(qo->base.con, true, "type a quantity and * (5*) to change the selected line");
        return UI_DRAW;
    }
    struct err e = {0};
    if (q == 0)
        cart_remove(qo->cart, qo->line);
    else if (cart_set_quantity(qo->cart, qo->line, q, &e) != ERR_OK) {
        console_error(qo->base.con, &e);
        return UI_DRAW;
    }
    lineedit_clear(&qo->product);
    qo_price(qo);
    return UI_DRAW;
}

static int qo_place_confirm(struct quick_order *qo);

static int qo_product_enter(struct quick_order *qo)
{
    char text[256], query[256];
    int64_t qty = 1;
    lineedit_get(&qo->product, text, sizeof text);
    if (text[0] == '\0')
        return qo_place_confirm(qo);
    if (!cart_parse_entry(text, &qty, query, sizeof query) || query[0] == '\0')
        return qo_set_quantity(qo, text);
    for (int i = 0; i < qo->nmatches; i++) /* a SKU typed whole wins */
        if (strcasecmp(qo->matches[i].sku, query) == 0)
            return qo_add(qo, qo->matches[i].sku, qty);
    if (qo->nmatches == 1 || (qo->nmatches > 1 && qo->match_moved))
        return qo_add(qo, qo->matches[qo->match_cursor].sku, qty);
    if (qo->nmatches == 0)
        console_status(qo->base.con, true, "no product matches '%s'", query);
    else
        console_status(qo->base.con, false, "%d products match '%s': type more, or ↓ and Enter", qo->nmatches,
                       query);
    return UI_DRAW;
}

/* ---------------------------------------------------------- placing */

static int qo_place(void *owner)
{
    struct quick_order *qo = owner;
    struct console *c = qo->base.con;
    struct place_result res;
    struct err e = {0};
    int rc = order_place(c->app, qo->cart, &qo->priced, &res, &e);
    if (rc != ERR_OK) {
        if (res.has_repriced) { /* what it costs now is what the clerk sees */
            priced_cart_free(&qo->priced);
            qo->priced = res.repriced;
            res.has_repriced = false;
        }
        console_error(c, &e);
        place_result_free(&res);
        return UI_DRAW;
    }
    char total[64], number[33];
    fmt_money(c, qo->priced.total, total, sizeof total);
    snprintf(number, sizeof number, "%s", res.number);
    place_result_free(&res);
    /* the next sale starts empty, with a new retry key */
    cart_free(&qo->cart);
    qo->cart = cart_new(CHANNEL_B2C);
    qo->party_label[0] = '\0';
    qo->line = 0;
    qo_focus(qo, QO_PARTY);
    qo_reload_inputs(qo);
    console_push(c, order_detail_new(c, number));
    console_status(c, false, "%s placed for %s.", number, total);
    return UI_DRAW;
}

static int qo_place_confirm(struct quick_order *qo)
{
    struct console *c = qo->base.con;
    if (qo->cart->nlines == 0) {
        console_status(c, true, "the cart is empty: type a SKU or part of a name");
        return UI_DRAW;
    }
    if (qo->price_error.code != ERR_OK) {
        console_error(c, &qo->price_error);
        return UI_DRAW;
    }
    for (int i = 0; i < qo->priced.nlines; i++) {
        char why[400];
        priced_line_issues(&qo->priced.lines[i], why, sizeof why);
        if (why[0]) {
            qo->line = i < qo->cart->nlines ? i : qo->line;
            console_status(c, true, "%s%s", why,
                           qo->priced.lines[i].issues & CART_ISSUE_STOCK ? " — F8 back-orders it" : "");
            return UI_DRAW;
        }
    }
    if (qo->priced.payment_issue[0]) {
        console_status(c, true, "%s", qo->priced.payment_issue);
        return UI_DRAW;
    }
    /* The number is given by placing; the question names who pays what. */
    char total[64], who[sizeof qo->party_label], text[sizeof who + 160];
    fmt_money(c, qo->priced.total, total, sizeof total);
    snprintf(who, sizeof who, "%s", qo->party_label);
    char *dot = strstr(who, " · ");
    if (dot)
        *dot = '\0';
    snprintf(text, sizeof text, "Place the order for %s: %s (%s)?", who, total,
             name_at(payment_method_names, PAY_METHOD_COUNT, (int)qo->priced.pay));
    dialog_confirm(c, "Place the order", text, qo_place, qo);
    return UI_DRAW;
}

/* ------------------------------------------------- shipping and payment */

static int qo_shipping_picked(void *owner, const struct lookup_item *item)
{
    struct quick_order *qo = owner;
    snprintf(qo->cart->shipping_method, sizeof qo->cart->shipping_method, "%.16s", item->value);
    return quick_order_changed(qo);
}

static int qo_shipping(void *owner)
{
    struct quick_order *qo = owner;
    struct lookup_item items[16];
    int n = 0;
    for (int i = 0; i < qo->in.nmethods && n < 16; i++) {
        const struct shipping_method *m = &qo->in.methods[i];
        if (!m->active)
            continue;
        char fee[32];
        money_format_plain(m->fee, fee, sizeof fee);
        items[n].id = i;
        snprintf(items[n].label, sizeof items[n].label, "%s — %s, %d business day%s%s%s", m->name, fee,
                 m->lead_days, m->lead_days == 1 ? "" : "s", m->cutoff[0] ? ", order before " : "",
                 m->cutoff);
        snprintf(items[n].value, sizeof items[n].value, "%s", m->code);
        n++;
    }
    dialog_pick(qo->base.con, "Shipping", items, n, 0, qo_shipping_picked, qo);
    return UI_DRAW;
}

/* A form for one thing the payment needs (cash handed over, a reference). */
struct qo_pay_form {
    struct quick_order *qo;
    enum payment_method method;
};

static int qo_pay_save(struct edit_screen *es, struct err *e)
{
    struct qo_pay_form *r = es->record;
    struct cart *c = r->qo->cart;
    int64_t tendered = 0;
    char reference[65];
    if (r->method == PAY_CASH && form_get_money(&es->form, "cash", &tendered, e) != ERR_OK)
        return e->code;
    FORM_COPY(&es->form, "reference", reference);
    c->pay = r->method;
    c->pay_chosen = true;
    c->cash_tendered = r->method == PAY_CASH ? tendered : 0;
    snprintf(c->pay_reference, sizeof c->pay_reference, "%s", reference);
    quick_order_changed(r->qo);
    snprintf(es->saved, sizeof es->saved, "Payment: %s.",
             name_at(payment_method_names, PAY_METHOD_COUNT, (int)r->method));
    return ERR_OK;
}

static int qo_payment_picked(void *owner, const struct lookup_item *item)
{
    struct quick_order *qo = owner;
    enum payment_method m = (enum payment_method)item->id;
    if (m == PAY_CARD || m == PAY_ACCOUNT) {
        qo->cart->pay = m;
        qo->cart->pay_chosen = true;
        qo->cart->cash_tendered = 0;
        qo->cart->pay_reference[0] = '\0';
        return quick_order_changed(qo);
    }
    struct qo_pay_form *r = xcalloc(1, sizeof *r);
    r->qo = qo;
    r->method = m;
    struct edit_screen *es = edit_screen_new(qo->base.con, "Payment", qo_pay_save, r);
    if (m == PAY_CASH) {
        struct form_field *f = form_add(&es->form, "cash", "Handed over", FIELD_MONEY, 16);
        f->unit = qo->base.con->app->currency;
        form_set_money(&es->form, "cash", qo->priced.total);
        f->prefilled = true;
    }
    form_add(&es->form, "reference", m == PAY_CASH ? "Note" : "Reference", FIELD_TEXT, 64);
    char total[64];
    fmt_money(qo->base.con, qo->priced.total, total, sizeof total);
    snprintf(es->intro, sizeof es->intro, "%s for %s (Ctrl-S)", m == PAY_CASH ? "Cash" : "Bank transfer",
             total);
    console_push(qo->base.con, &es->base);
    return UI_DRAW;
}

static int qo_payment(void *owner)
{
    struct quick_order *qo = owner;
    static const char *const labels[] = {"Card", "Cash (the change is shown)", "Bank transfer",
                                         "On account (within the credit limit)"};
    struct lookup_item items[4];
    int n = 0;
    for (int m = PAY_CARD; m <= PAY_ACCOUNT; m++) {
        if (m == PAY_ACCOUNT && qo->cart->channel != CHANNEL_B2B)
            continue;
        items[n].id = m;
        snprintf(items[n].label, sizeof items[n].label, "%s", labels[m]);
        snprintf(items[n].value, sizeof items[n].value, "%s", payment_method_names[m]);
        n++;
    }
    dialog_pick(qo->base.con, "Payment", items, n, 0, qo_payment_picked, qo);
    return UI_DRAW;
}

/* ------------------------------------------------- gift, date, note */

static const char *const yes_no[] = {"no", "yes", NULL};

static int qo_gift_save(struct edit_screen *es, struct err *e)
{
    struct quick_order *qo = *(struct quick_order **)es->record;
    struct cart copy = *qo->cart;
    char wrap[8], today[11];
    FORM_COPY(&es->form, "gift_wrap", wrap);
    copy.gift_wrap = strcmp(wrap, "yes") == 0;
    FORM_COPY(&es->form, "gift_message", copy.gift_message);
    FORM_COPY(&es->form, "requested", copy.requested_date);
    FORM_COPY(&es->form, "note", copy.note);
    datetime_today(today);
    int rc = cart_check_options(&copy, today, e);
    if (rc != ERR_OK)
        return rc;
    *qo->cart = copy; /* the same lines: copy holds the cart's own pointer */
    quick_order_changed(qo);
    snprintf(es->saved, sizeof es->saved, "%s", copy.gift_wrap ? "Gift wrapped." : "Saved.");
    return ERR_OK;
}

static int qo_gift(void *owner)
{
    struct quick_order *qo = owner;
    struct quick_order **r = xmalloc(sizeof *r);
    *r = qo;
    struct edit_screen *es = edit_screen_new(qo->base.con, "Gift and notes", qo_gift_save, r);
    struct form_field *f = form_add(&es->form, "gift_wrap", "Gift wrap", FIELD_CHOICE, 8);
    f->choices = yes_no;
    form_add(&es->form, "gift_message", "Message", FIELD_TEXT, GIFT_MESSAGE_MAX_CHARS);
    form_add(&es->form, "requested", "Requested", FIELD_DATE, 10);
    form_add(&es->form, "note", "Note", FIELD_TEXT, 500);
    form_set_choice(&es->form, "gift_wrap", qo->cart->gift_wrap ? "yes" : "no");
    form_set(&es->form, "gift_message", qo->cart->gift_message);
    form_set(&es->form, "requested", qo->cart->requested_date);
    form_set(&es->form, "note", qo->cart->note);
    char fee[64];
    fmt_money(qo->base.con, qo->in.gift_wrap_fee, fee, sizeof fee);
    snprintf(es->intro, sizeof es->intro,
             "Gift wrap %s; the message goes on the packing slip, never the invoice", fee);
    console_push(qo->base.con, &es->base);
    return UI_DRAW;
}

static int qo_backorder(void *owner)
{
    struct quick_order *qo = owner;
    if (qo->cart->nlines == 0)
        return UI_DONE;
    struct cart_line *l = &qo->cart->lines[qo->line];
    cart_set_backorder(qo->cart, qo->line, !l->backorder);
    console_status(qo->base.con, false, "%s: %s", l->sku,
                   l->backorder ? "what stock cannot cover waits (back-order)" : "no back-order");
    return quick_order_changed(qo);
}

/* ---------------------------------------------------------- moving */

static int qo_enter(void *owner)
{
    struct quick_order *qo = owner;
    return qo->field == QO_PARTY ? qo_party_enter(qo) : qo_product_enter(qo);
}

static int qo_next_field(void *owner)
{
    struct quick_order *qo = owner;
    qo_focus(qo, qo->field == QO_PARTY ? QO_PRODUCT : QO_PARTY);
    return UI_DRAW;
}

static int qo_move(struct quick_order *qo, int delta)
{
    if (qo->nmatches > 0) {
        /* products: the first arrow picks the first; a customer's first is highlighted already */
        int c = qo->match_moved || qo->field == QO_PARTY ? qo->match_cursor + delta : 0;
        qo->match_cursor = c < 0 ? 0 : c >= qo->nmatches ? qo->nmatches - 1 : c;
        qo->match_moved = true;
        return UI_DRAW;
    }
    int l = qo->line + delta;
    qo->line = l < 0 ? 0 : l >= qo->cart->nlines ? qo->cart->nlines - 1 : l;
    if (qo->line < 0)
        qo->line = 0;
    return UI_DRAW;
}

static int qo_down(void *owner)
{
    return qo_move(owner, 1);
}

static int qo_up(void *owner)
{
    return qo_move(owner, -1);
}

static int qo_leave(void *owner)
{
    struct quick_order *qo = owner;
    console_close(qo->base.con, &qo->base);
    return UI_DRAW;
}

/* Esc: clears the field first; leaving a cart asks. */
static int qo_back(void *owner)
{
    struct quick_order *qo = owner;
    if (qo_edit(qo)->len > 0) {
        lineedit_clear(qo_edit(qo));
        qo_search(qo);
        return UI_DRAW;
    }
    if (qo->cart->nlines == 0)
        return qo_leave(qo);
    dialog_confirm(qo->base.con, "Leave the cart?", "Leave this cart without placing it?", qo_leave, qo);
    return UI_DRAW;
}

/* ---------------------------------------------------------- drawing */

static void qo_draw_field(struct quick_order *qo, int y, const char *label, enum qo_field f,
                          const char *after)
{
    struct screen *s = &qo->base;
    struct lineedit *le = f == QO_PARTY ? &qo->party : &qo->product;
    bool active = qo->field == f;
    int x = s->x + 1, fx = x + 10, fw = QO_FIELD_W;
    char vis[512];
    draw_text(y, x, 9, label, TEXT_LEFT, active ? STYLE_TITLE : STYLE_LABEL);
    int col = active ? lineedit_view(le, fw) : 0;
    lineedit_visible(le, fw, vis, sizeof vis);
    draw_text(y, fx, fw, vis, TEXT_LEFT, active ? STYLE_FIELD_ACTIVE : STYLE_FIELD);
    draw_text(y, fx + fw + 2, s->x + s->w - fx - fw - 3, after, TEXT_LEFT, STYLE_NORMAL);
    if (active)
        console_cursor(s->con, y, fx + col);
}

static void qo_draw_matches(struct quick_order *qo)
{
    struct screen *s = &qo->base;
    bool party = qo->field == QO_PARTY;
    const char *head = party ? "Customers and accounts (Enter takes the highlighted one, ↓ ↑ choose)"
                             : "Products (↓ to choose, Enter adds)";
    draw_text(qo->list_y - 1, s->x + 1, s->w - 2, head, TEXT_LEFT, STYLE_COLUMN_HEAD);
    for (int i = 0; i < qo->nmatches && i < qo->list_h; i++)
        draw_text(qo->list_y + i, s->x + 1, s->w - 2, qo->matches[i].text, TEXT_LEFT,
                  i == qo->match_cursor && (party || qo->match_moved || qo->nmatches == 1) ? STYLE_SELECTED
                                                                                           : STYLE_NORMAL);
    int shown = qo->nmatches < qo->list_h ? qo->nmatches : qo->list_h;
    if (qo->nmatches == 0 && qo->field == QO_PARTY)
        draw_text(qo->list_y, s->x + 1, s->w - 2, "No match: Enter creates a new customer", TEXT_LEFT,
                  STYLE_DIM);
    else if (qo->more && shown < qo->list_h)
        draw_text(qo->list_y + shown, s->x + 1, s->w - 2, "… more match: type more", TEXT_LEFT, STYLE_DIM);
}

/* Column widths: text columns give way, amounts never. */
struct qo_cols {
    int sku, desc, qty, unit, source, total;
};

static struct qo_cols qo_columns(int w)
{
    struct qo_cols c = {.sku = 12, .qty = 6, .unit = 13, .source = 14, .total = 14};
    c.desc = w - c.sku - c.qty - c.unit - c.source - c.total - 6;
    if (c.desc < 8) {
        c.source = c.source - (8 - c.desc) > 6 ? c.source - (8 - c.desc) : 6;
        c.desc = w - c.sku - c.qty - c.unit - c.source - c.total - 6;
    }
    return c;
}

static void qo_draw_row(struct quick_order *qo, int y, const struct qo_cols *c, const char *cells[6],
                        enum ui_style style)
{
    int x = qo->base.x + 1;
    const int widths[6] = {c->sku, c->desc, c->qty, c->unit, c->source, c->total};
    const enum text_align align[6] = {TEXT_LEFT, TEXT_LEFT, TEXT_RIGHT, TEXT_RIGHT, TEXT_LEFT, TEXT_RIGHT};
    draw_fill(y, x, qo->base.w - 2, style);
    for (int i = 0; i < 6; i++) {
        draw_text(y, x, widths[i], cells[i], align[i], style);
        x += widths[i] + 1;
    }
}

static void qo_draw_line(struct quick_order *qo, int y, const struct qo_cols *c, int i)
{
    const struct priced_line *l = i < qo->priced.ngoods ? &qo->priced.lines[i] : NULL;
    const struct cart_line *cl = &qo->cart->lines[i];
    char qty[24], unit[64] = "", total[64] = "", source[80] = "";
    snprintf(qty, sizeof qty, "%lld", (long long)cl->quantity);
    if (l != NULL) {
        fmt_money(qo->base.con, l->unit_price, unit, sizeof unit);
        fmt_money(qo->base.con, qo->priced.tax_included ? l->total : l->net, total, sizeof total);
        if (l->issues)
            snprintf(source, sizeof source, "%s", l->issues & CART_ISSUE_STOCK ? "! stock" : "! check");
        else if (l->backorder_qty > 0)
            snprintf(source, sizeof source, "%lld wait", (long long)l->backorder_qty);
        else
            snprintf(source, sizeof source, "%s", l->price_source);
    }
    const char *cells[6] = {cl->sku, l ? l->description : "", qty, unit, source, total};
    enum ui_style style = i == qo->line && qo->nmatches == 0 ? STYLE_SELECTED
                          : l && l->issues                   ? STYLE_ERROR
                                                             : STYLE_NORMAL;
    qo_draw_row(qo, y, c, cells, style);
}

static void qo_note_text(const struct cart_note *n, char *out, size_t len)
{
    snprintf(out, len, "%s%s",
             n->kind == NOTE_APPLIED       ? "applied: "
             : n->kind == NOTE_NOT_APPLIED ? "not applied: "
                                           : "",
             n->text);
}

/* The width of a note's text: the line less the Total column and margins. */
static int qo_note_width(const struct quick_order *qo)
{
    int w = qo->base.w - 2 - qo_columns(qo->base.w - 2).total - 4;
    return w > 8 ? w : 8;
}

/* The rows a note takes, wrapped (its amounts are never cut). */
static int qo_note_rows(const struct quick_order *qo, const struct cart_note *n)
{
    char text[300];
    qo_note_text(n, text, sizeof text);
    int rows = draw_wrapped_lines(text, qo_note_width(qo));
    return rows > 0 ? rows : 1;
}

/* The notes under the lines: "applied: Noël −10 % (NOEL10)" with its amount
 * in the Total column, "not applied: VIP15 — for gold tier", each wrapped
 * onto the rows it needs; the last row says how many more when they do not
 * all fit. */
static void qo_draw_notes(struct quick_order *qo, const struct qo_cols *c)
{
    const struct priced_cart *p = &qo->priced;
    int y = qo->list_y + qo->list_h, w = qo->base.w - 2, amount_w = c->total, used = 0;
    for (int i = 0; used < qo->notes_h && i < p->nnotes; i++) {
        const struct cart_note *n = &p->notes[i];
        int rows = qo_note_rows(qo, n), left = qo->notes_h - used;
        bool last = i == p->nnotes - 1;
        if (rows > left || (!last && rows == left)) {
            draw_fill(y + qo->notes_h - 1, qo->base.x + 1, w, STYLE_NORMAL);
            draw_textf(y + qo->notes_h - 1, qo->base.x + 1, w, STYLE_DIM,
                       "%s %d more note%s (F6 lists the promotions)", text_ellipsis(), p->nnotes - i,
                       p->nnotes - i == 1 ? "" : "s");
            break;
        }
        char text[300], amount[64] = "";
        qo_note_text(n, text, sizeof text);
        if (n->has_amount)
            fmt_money(qo->base.con, n->amount, amount, sizeof amount);
        enum ui_style style = n->kind == NOTE_APPLIED   ? STYLE_OK
                              : n->kind == NOTE_WARNING ? STYLE_ERROR
                                                        : STYLE_LABEL;
        for (int r = 0; r < rows; r++)
            draw_fill(y + used + r, qo->base.x + 1, w, STYLE_NORMAL);
        draw_wrapped(y + used, qo->base.x + 3, qo_note_width(qo), rows, text, style);
        draw_text(y + used, qo->base.x + 1 + w - amount_w, amount_w, amount, TEXT_RIGHT, style);
        used += rows;
    }
}

static void qo_draw_cart(struct quick_order *qo)
{
    struct screen *s = &qo->base;
    struct qo_cols c = qo_columns(s->w - 2);
    const char *head[6] = {"SKU",    "Description",
                           "Qty",    qo->priced.tax_included ? "Unit incl." : "Unit excl.",
                           "Source", "Total"};
    qo_draw_row(qo, qo->list_y - 1, &c, head, STYLE_COLUMN_HEAD);
    if (qo->cart->nlines == 0) {
        draw_text(qo->list_y, s->x + 1, s->w - 2,
                  "Empty: type part of a SKU or name, Enter adds one; 3*CAF adds three", TEXT_LEFT,
                  STYLE_DIM);
        return;
    }
    if (qo->line < qo->top)
        qo->top = qo->line;
    if (qo->line >= qo->top + qo->list_h)
        qo->top = qo->line - qo->list_h + 1;
    for (int r = 0; r < qo->list_h && qo->top + r < qo->cart->nlines; r++)
        qo_draw_line(qo, qo->list_y + r, &c, qo->top + r);
    if (qo->top + qo->list_h < qo->cart->nlines)
        draw_textf(qo->list_y + qo->list_h - 1, s->x + s->w - 22, 20, STYLE_DIM, "… %d more below",
                   qo->cart->nlines - qo->top - qo->list_h + 1);
    qo_draw_notes(qo, &c);
}

/* "Shipping Express 9.90 €", "Gift wrap 3.50 €" from the charge lines. */
static void qo_charges_text(struct quick_order *qo, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = qo->priced.ngoods; i < qo->priced.nlines && n < len; i++) {
        const struct priced_line *l = &qo->priced.lines[i];
        char amount[64];
        fmt_money(qo->base.con, l->total, amount, sizeof amount);
        n += (size_t)snprintf(out + n, len - n, "%s%s %s%s%s%s", n ? "   " : "",
                              l->kind == LINE_SHIPPING ? "Shipping" : "", l->description, " ", amount,
                              l->kind == LINE_SHIPPING && l->unit_price == 0 && l->list_price > 0 ? " (free)"
                                                                                                  : "");
    }
}

static void qo_payment_text(struct quick_order *qo, char *out, size_t len)
{
    const struct priced_cart *p = &qo->priced;
    char amount[64];
    snprintf(out, len, "Paid by %s", name_at(payment_method_names, PAY_METHOD_COUNT, (int)p->pay));
    if (p->pay == PAY_CASH && p->change_due > 0) {
        fmt_money(qo->base.con, p->change_due, amount, sizeof amount);
        snprintf(out + strlen(out), len - strlen(out), ", change %s", amount);
    } else if (p->credit_exceeded_by > 0) {
        fmt_money(qo->base.con, p->credit_exceeded_by, amount, sizeof amount);
        snprintf(out + strlen(out), len - strlen(out), ", beyond the credit limit by %s", amount);
    }
}

/* The one line that matters most: the first problem, else a note, else an extension's line. */
static void qo_draw_message(struct quick_order *qo, int y)
{
    struct screen *s = &qo->base;
    char text[600] = "";
    enum ui_style style = STYLE_DIM;
    for (int i = 0; i < qo->priced.nlines && text[0] == '\0'; i++)
        priced_line_issues(&qo->priced.lines[i], text, sizeof text);
    if (text[0] || qo->priced.payment_issue[0] || qo->price_error.code != ERR_OK) {
        if (!text[0])
            snprintf(text, sizeof text, "%s",
                     qo->price_error.code != ERR_OK ? qo->price_error.msg : qo->priced.payment_issue);
        style = STYLE_ERROR;
    } else if (qo->priced.nnotes > 0 && qo->notes_h == 0) {
        snprintf(text, sizeof text, "%s", qo->priced.notes[0].text);
        style = qo->priced.notes[0].kind == NOTE_WARNING ? STYLE_ERROR : STYLE_LABEL;
    }
    draw_text(y, s->x + 1, s->w - 2, text, TEXT_LEFT, style);
}

/* The extensions' lines (the coupon, the points) on their own row, live. */
static void qo_draw_extensions(struct quick_order *qo, int y)
{
    struct screen *s = &qo->base;
    const struct quick_order_ext *exts[] = {&promotion_quick_order_ext, &loyalty_quick_order_ext};
    char text[600] = "", part[300];
    size_t n = 0;
    for (size_t i = 0; i < 2 && n < sizeof text; i++) {
        part[0] = '\0';
        if (exts[i]->panel)
            exts[i]->panel(qo, part, sizeof part);
        if (part[0])
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", n ? "   " : "", part);
    }
    draw_text(y, s->x + 1, s->w - 2, text, TEXT_LEFT, STYLE_NORMAL);
}

static void qo_draw_totals(struct quick_order *qo)
{
    struct screen *s = &qo->base;
    const struct priced_cart *p = &qo->priced;
    int y = qo->totals_y, x = s->x + 1, w = s->w - 2;
    char sub[64], total[64], line[600], taxes[300] = "";
    draw_fill(y, x, w, STYLE_NORMAL);
    fmt_money(s->con, p->tax_included ? p->goods_total : p->goods_net, sub, sizeof sub);
    qo_charges_text(qo, line, sizeof line);
    draw_textf(y, x, w, STYLE_NORMAL, "Subtotal %s   %s", sub, line);
    size_t n = 0;
    for (int i = 0; i < p->ntaxes && n < sizeof taxes; i++) {
        char pct[16], tax[64];
        bp_format(p->taxes[i].rate_bp, pct, sizeof pct);
        fmt_money(s->con, p->taxes[i].tax, tax, sizeof tax);
        n += (size_t)snprintf(taxes + n, sizeof taxes - n, "%sVAT %s%s %s", n ? "   " : "", pct,
                              p->tax_included ? " incl." : "", tax);
    }
    fmt_money(s->con, p->total, total, sizeof total);
    char total_text[96];
    snprintf(total_text, sizeof total_text, "Total %s", total);
    int tw = text_width(total_text);
    draw_text(y + 1, x, w - tw - 2, taxes, TEXT_LEFT, STYLE_NORMAL);
    draw_text(y + 1, x + w - tw, tw, total_text, TEXT_RIGHT, STYLE_TITLE);
    char pay[200];
    qo_payment_text(qo, pay, sizeof pay);
    snprintf(line, sizeof line, "Promised %s%s%s   %s%s", p->promised_date[0] ? p->promised_date : "-",
             p->promise_after_request ? ", after the requested " : "",
             p->promise_after_request ? qo->cart->requested_date : "", pay,
             qo->cart->gift_wrap || qo->cart->gift_message[0] ? "   Gift" : "");
    draw_text(y + 2, x, w, line, TEXT_LEFT, STYLE_NORMAL);
    qo_draw_extensions(qo, y + 3);
    qo_draw_message(qo, y + 4);
}

static void qo_layout(struct screen *s)
{
    struct quick_order *qo = (struct quick_order *)s;
    qo->list_y = s->y + 3;
    qo->totals_y = s->y + s->h - 5; /* totals, taxes, promise, the extensions' row, the message */
    qo->list_h = qo->totals_y - qo->list_y - 1;
    if (qo->list_h < 1)
        qo->list_h = 1;
    /* the notes take the bottom of the list, at most half of it, when there are lines */
    bool matching = qo->nmatches > 0 || (qo->field == QO_PARTY && qo->party.len > 0);
    qo->notes_h = 0;
    for (int i = 0; qo->cart->nlines > 0 && !matching && i < qo->priced.nnotes; i++)
        qo->notes_h += qo_note_rows(qo, &qo->priced.notes[i]);
    if (qo->notes_h > qo->list_h / 2)
        qo->notes_h = qo->list_h / 2;
    qo->list_h -= qo->notes_h;
}

static void qo_draw(struct screen *s)
{
    struct quick_order *qo = (struct quick_order *)s;
    qo_layout(s);
    const char *party = qo->party_label[0] ? qo->party_label
                        : qo->cart->nlines ? "(nobody: a counter sale)"
                                           : "name, e-mail or phone";
    qo_draw_field(qo, s->y, "Customer", QO_PARTY, party);
    qo_draw_field(qo, s->y + 1, "Product", QO_PRODUCT,
                  qo->cart->nlines ? "3*SKU adds 3 · 5* sets the line · Enter on empty places"
                                   : "part of a SKU or name · 3*SKU adds 3");
    if (qo->nmatches > 0 || (qo->field == QO_PARTY && qo->party.len > 0))
        qo_draw_matches(qo);
    else
        qo_draw_cart(qo);
    qo_draw_totals(qo);
}

/* ---------------------------------------------------------- keys */

/* Enter, first in the bar, says what it does now: take a customer, add a
 * product, place the order (so placing shows at 80 columns too); then the
 * keys of a sale, the extensions' (coupon, points) before the rarer ones. */
static const char *qo_enter_label(const struct quick_order *qo)
{
    if (qo->field == QO_PARTY)
        return qo->party.len == 0 ? "Products" : qo->nmatches > 0 ? "Take" : "New customer";
    return qo->product.len > 0 ? "Add" : "Place";
}

static const struct keydef qo_keys_first[] = {
    {UA_QO_SHIPPING, qo_shipping, KEYDEF_BAR, NULL},
    {UA_QO_PAYMENT, qo_payment, KEYDEF_BAR, NULL},
};

static const struct keydef qo_keys_last[] = {
    {UA_QO_GIFT, qo_gift, KEYDEF_BAR, "Gift, note"},
    {UA_QO_BACKORDER, qo_backorder, KEYDEF_BAR, "Back-order"},
    {UA_BACK, qo_back, KEYDEF_BAR, NULL},
    {UA_NEXT, qo_next_field, 0, "Customer / product"},
    {UA_PREVIOUS, qo_next_field, 0, "Customer / product"},
    {UA_DOWN, qo_down, 0, NULL},
    {UA_UP, qo_up, 0, NULL},
};

static int qo_ext_run_coupon(void *owner)
{
    return promotion_quick_order_ext.run(owner);
}

static int qo_ext_run_points(void *owner)
{
    return loyalty_quick_order_ext.run(owner);
}

static int qo_keytables(struct screen *s, struct keytable *out, int max)
{
    struct quick_order *qo = (struct quick_order *)s;
    int n = 0;
    (void)max;
    qo->keys[n++] = (struct keydef){UA_ACCEPT, qo_enter, KEYDEF_BAR, qo_enter_label(qo)};
    for (size_t i = 0; i < sizeof qo_keys_first / sizeof qo_keys_first[0]; i++)
        qo->keys[n++] = qo_keys_first[i];
    if (promotion_quick_order_ext.run)
        qo->keys[n++] = (struct keydef){promotion_quick_order_ext.action, qo_ext_run_coupon, KEYDEF_BAR,
                                        promotion_quick_order_ext.label};
    if (loyalty_quick_order_ext.run)
        qo->keys[n++] = (struct keydef){loyalty_quick_order_ext.action, qo_ext_run_points, KEYDEF_BAR,
                                        loyalty_quick_order_ext.label};
    for (size_t i = 0; i < sizeof qo_keys_last / sizeof qo_keys_last[0]; i++)
        qo->keys[n++] = qo_keys_last[i];
    out[0] = (struct keytable){"Quick order", qo->keys, n, s, false, false};
    return 1;
}

static int qo_input(struct screen *s, int key)
{
    struct quick_order *qo = (struct quick_order *)s;
    if (!lineedit_key(qo_edit(qo), key))
        return UI_PASS;
    qo_search(qo);
    return UI_DRAW;
}

static bool qo_typing(struct screen *s)
{
    (void)s;
    return true;
}

static bool qo_unsaved(struct screen *s)
{
    struct quick_order *qo = (struct quick_order *)s;
    return qo->cart->nlines > 0 || qo->party.len > 0 || qo->product.len > 0;
}

static int qo_reload(struct screen *s)
{
    struct quick_order *qo = (struct quick_order *)s;
    qo_reload_inputs(qo);
    qo_search(qo);
    return UI_DRAW;
}

static void qo_destroy(struct screen *s)
{
    struct quick_order *qo = (struct quick_order *)s;
    if (qo->loaded)
        cart_inputs_free(&qo->in);
    priced_cart_free(&qo->priced);
    cart_free(&qo->cart);
    free(qo);
}

static const struct screen_ops quick_order_ops = {
    .kind = "quick-order",
    .layout = qo_layout,
    .draw = qo_draw,
    .keytables = qo_keytables,
    .input = qo_input,
    .reload = qo_reload,
    .typing = qo_typing,
    .unsaved = qo_unsaved,
    .destroy = qo_destroy,
};

struct screen *quick_order_new(struct console *c)
{
    struct quick_order *qo = xcalloc(1, sizeof *qo);
    screen_init(&qo->base, &quick_order_ops, c, "Quick order");
    qo->cart = cart_new(CHANNEL_B2C);
    qo->party.max = 200;
    qo->product.max = 100;
    qo_price(qo);
    if (qo->price_error.code == ERR_DENIED) /* support: the core says who may sell */
        console_error(c, &qo->price_error);
    return &qo->base;
}
