/* The `:` command line: a screen by name (:accounts), an object by its number
 * or code (:O-000123, :ACME, a SKU), and Tab completion of the names. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens.h"
#include "shell.h"

struct command_target {
    const char *name;
    struct screen *(*open)(struct console *c); /* NULL: handled in command_run */
};

static const struct command_target targets[] = {
    {"home", NULL},
    {"accounts", accounts_new},
    {"customers", customers_new},
    {"products", products_new},
    {"orders", orders_new},
    {"admin", admin_new},
    {"help", NULL},
    {"quit", NULL},
};
#define NTARGETS (int)(sizeof targets / sizeof targets[0])

const char *const command_names[] = {"home", "accounts", "customers", "products", "orders", "admin",
                                     "help", "quit", NULL};

/* The target whose name text starts (a unique prefix is enough), or NULL. */
static const struct command_target *command_find(const char *text)
{
    const struct command_target *found = NULL;
    size_t n = strlen(text);
    if (n == 0)
        return NULL;
    for (int i = 0; i < NTARGETS; i++) {
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
    for (int i = 0; command_names[i]; i++) {
        if (strncmp(command_names[i], typed, n) != 0)
            continue;
        if (first == NULL) {
            first = command_names[i];
            common = strlen(first);
        } else {
            size_t k = 0;
            while (k < common && first[k] == command_names[i][k])
                k++;
            common = k;
        }
    }
    if (first == NULL || common <= n)
        return false;
    snprintf(out, len, "%.*s", (int)common, first);
    return true;
}

/* "O-123", "o123", "O-000123" → "O-000123"; false when text is not an order number. */
static bool order_number_normalize(const char *text, char *out, size_t len)
{
    if (text[0] != 'O' && text[0] != 'o')
        return false;
    const char *digits = text + 1 + (text[1] == '-');
    if (!isdigit((unsigned char)digits[0]))
        return false;
    for (const char *p = digits; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    long long n = atoll(digits);
    snprintf(out, len, "O-%06lld", n);
    return true;
}

/* Opens an object named by its number or code: an order, an account, a product. */
static int command_open_object(struct console *c, const char *text)
{
    struct err e = {0};
    char number[40];
    struct screen *s = NULL;
    if (order_number_normalize(text, number, sizeof number)) {
        struct order o;
        if (order_get(c->app, text, &o, &e) == ERR_OK || order_get(c->app, number, &o, &e) == ERR_OK)
            s = order_detail_new(c, o.number);
    } else {
        struct account a;
        struct product p;
        if (account_find_code(c->app, text, &a, &e) == ERR_OK)
            s = account_detail_new(c, a.id);
        else if (product_find_sku(c->app, text, &p, &e) == ERR_OK)
            s = product_detail_new(c, p.id);
    }
    if (s == NULL) {
        console_status(c, true, "no screen or object called '%s' (try :accounts, :orders, :O-000123)", text);
        return UI_DRAW;
    }
    console_push(c, s);
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
    const struct command_target *t = command_find(word);
    if (t == NULL)
        return command_open_object(c, word);
    if (strcmp(t->name, "quit") == 0)
        return UI_QUIT;
    if (strcmp(t->name, "help") == 0) {
        console_push(c, help_new(c, console_top(c)));
        return UI_DRAW;
    }
    /* a screen by name opens right above Home: the breadcrumb stays short */
    console_pop_to_home(c);
    console_apply_pops(c);
    if (t->open)
        console_push(c, t->open(c));
    return UI_DRAW;
}
