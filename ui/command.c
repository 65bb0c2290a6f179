/* The `:` command line: a screen by name (:accounts), an object by its number
 * or code (:O-000123, :ACME, a SKU), and Tab completion of the names. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/accounts.h"
#include "src/app.h"
#include "src/b2b/quotes.h"
#include "src/b2c/returns.h"
#include "src/base/err.h"
#include "src/orders.h"
#include "src/products.h"
#include "src/users.h"
#include "ui/keys.h"
#include "ui/screens/screens.h"
#include "ui/shell.h"

struct command_target {
    const char *name;
    struct screen *(*open)(struct console *c); /* NULL: handled in command_run */
    int need;                                  /* an enum action the user must have, or -1 */
    const bool *ready;                         /* a B2C screen still a stub is not offered; NULL: always */
};

static const struct command_target targets[] = {
    {"home", NULL, -1, NULL},
    {"accounts", accounts_new, -1, NULL},
    {"customers", customers_new, -1, NULL},
    {"products", products_new, -1, NULL},
    {"orders", orders_new, -1, NULL},
    {"new", quick_order_new, ACT_ORDER_CREATE, NULL},
    {"quotes", quotes_new, -1, NULL},
    {"approvals", approvals_new, ACT_QUOTE_APPROVE, NULL},
    {"rules", rules_new, -1, NULL},
    {"admin", admin_new, -1, NULL},
    {"help", NULL, -1, NULL},
    {"quit", NULL, -1, NULL},
    /* the B2C wave's screens, each in its own file (screens.h) */
    {"promotions", promotions_new, ACT_PROMOTION_EDIT, &promotions_screen_ready},
    {"fulfilment", fulfilment_new, ACT_ORDER_VIEW, &fulfilment_screen_ready},
    {"returns", returns_new, ACT_RETURN_OPEN, &returns_screen_ready},
    {"reports", reports_new, ACT_REPORTS_OWN, &reports_screen_ready},
};
#define NTARGETS (int)(sizeof targets / sizeof targets[0])

static bool target_offered(const struct command_target *t)
{
    return t->ready == NULL || *t->ready;
}

const char *command_name(int i)
{
    for (int k = 0; k < NTARGETS; k++)
        if (target_offered(&targets[k]) && i-- == 0)
            return targets[k].name;
    return NULL;
}

/* The target whose name text starts (a unique prefix is enough), or NULL. */
static const struct command_target *command_find(const char *text)
{
    const struct command_target *found = NULL;
    size_t n = strlen(text);
    if (n == 0)
        return NULL;
    for (int i = 0; i < NTARGETS; i++) {
        if (!target_offered(&targets[i]))
            continue;
        if (strcmp(targets[i].name, text) == 0)
            return &targets[i];
        if (strncmp(targets[i].name, text, n) == 0) {
            if (found)
                return NULL; /* ambiguous */
            found = &targets[i];
        }
    }
    return found;
}

bool command_complete(const char *typed, char *out, size_t len)
{
    size_t n = strlen(typed), common = 0;
    const char *first = NULL;
    for (int i = 0; i < NTARGETS; i++) {
        if (!target_offered(&targets[i]) || strncmp(targets[i].name, typed, n) != 0)
            continue;
        if (first == NULL) {
            first = targets[i].name;
            common = strlen(first);
        } else {
            size_t k = 0;
            while (k < common && first[k] == targets[i].name[k])
                k++;
            common = k;
        }
    }
    if (first == NULL || common <= n)
        return false;
    snprintf(out, len, "%.*s", (int)common, first);
    return true;
}

/* "O-123", "o123", "O-000123" → "O-000123" (and Q- for quotes); false when
 * text is not a number with that letter. */
static bool number_normalize(char letter, const char *text, char *out, size_t len)
{
    if (toupper((unsigned char)text[0]) != letter)
        return false;
    const char *digits = text + 1 + (text[1] == '-');
    if (!isdigit((unsigned char)digits[0]))
        return false;
    for (const char *p = digits; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    long long n = atoll(digits);
    snprintf(out, len, "%c-%06lld", letter, n);
    return true;
}

/* A quote by its number ("Q-1042" as typed or padded), or NULL with *why set. */
static struct screen *command_find_quote(struct console *c, const char *text, struct err *why)
{
    char number[40];
    struct quote q;
    if (!number_normalize('Q', text, number, sizeof number))
        return NULL;
    if (quote_get(c->app, number, &q, why) == ERR_OK)
        return quote_editor_new(c, q.number);
    return NULL;
}

/* An order by its number ("O-123" as typed or padded), or NULL with *why set. */
static struct screen *command_find_order(struct console *c, const char *text, struct err *why)
{
    char number[40];
    struct order o;
    if (!number_normalize('O', text, number, sizeof number))
        return NULL;
    if (order_get(c->app, text, &o, why) == ERR_OK || order_get(c->app, number, &o, why) == ERR_OK)
        return order_detail_new(c, o.number);
    return NULL;
}

/* A return by its number ("R-12" as typed or padded), or NULL with *why set. */
static struct screen *command_find_return(struct console *c, const char *text, struct err *why)
{
    char number[40];
    struct return_record r;
    if (!number_normalize('R', text, number, sizeof number))
        return NULL;
    if (return_get(c->app, number, &r, NULL, NULL, why) == ERR_OK)
        return return_detail_new(c, r.number);
    return NULL;
}

/* Keeps the most telling refusal: "not yours" says more than "not found". */
static void command_keep_error(struct err *kept, const struct err *e)
{
    if (kept->code == ERR_OK || kept->code == ERR_NOTFOUND)
        *kept = *e;
}

/* Opens an object named by its number or code: an order, an account, a product. */
static int command_open_object(struct console *c, const char *text)
{
    struct err kept = {0}, e = {0};
    struct account a;
    struct product p;
    struct screen *s = command_find_order(c, text, &e);
    if (s == NULL && e.code != ERR_OK)
        command_keep_error(&kept, &e);
    if (s == NULL && (s = command_find_quote(c, text, &e)) == NULL && e.code != ERR_OK)
        command_keep_error(&kept, &e);
    if (s == NULL && (s = command_find_return(c, text, &e)) == NULL && e.code != ERR_OK)
        command_keep_error(&kept, &e);
    if (s == NULL && account_find_code(c->app, text, &a, &e) == ERR_OK)
        s = account_detail_new(c, a.id);
    else if (s == NULL)
        command_keep_error(&kept, &e);
    if (s == NULL && product_find_sku(c->app, text, &p, &e) == ERR_OK)
        s = product_detail_new(c, p.id);
    else if (s == NULL)
        command_keep_error(&kept, &e);
    if (s != NULL) {
        /* a document by number starts from Home: never stacked onto an unrelated path */
        console_pop_to_home(c);
        console_apply_pops(c);
        console_push(c, s);
    } else if (kept.code != ERR_OK && kept.code != ERR_NOTFOUND)
        console_error(c, &kept);
    else
        console_status(
            c, true, "no screen or object called '%s' (try :accounts, :quotes, :O-000123, :Q-001042)", text);
    return UI_DRAW;
}

int command_run(struct console *c, const char *text)
{
    while (*text == ' ' || *text == ':')
        text++;
    char word[256];
    snprintf(word, sizeof word, "%s", text);
    for (size_t n = strlen(word); n > 0 && word[n - 1] == ' '; n--)
        word[n - 1] = '\0';
    if (word[0] == '\0')
        return UI_DONE;
    if (strcmp(word, "q") == 0)
        return console_request_quit(c); /* vi's :q, though "q" also starts "quotes" */
    const struct command_target *t = command_find(word);
    if (t == NULL)
        return command_open_object(c, word);
    if (strcmp(t->name, "quit") == 0)
        return console_request_quit(c);
    struct err e = {0};
    if (t->need >= 0 && app_require(c->app, (enum action)t->need, &e) != ERR_OK) {
        console_status(c, true, "%s: %s", t->name, e.msg); /* nothing opens; the role says why */
        return UI_DRAW;
    }
    if (strcmp(t->name, "help") == 0) {
        console_push(c, help_new(c, console_top(c)));
        return UI_DRAW;
    }
    /* a screen by name opens right above Home: the breadcrumb stays short */
    console_pop_to_home(c);
    console_apply_pops(c);
    struct screen *opened = t->open ? t->open(c) : NULL;
    if (opened)
        console_push(c, opened);
    return UI_DRAW;
}
