/* The cart as typed: its party, its lines (a SKU twice merges), its
 * options, and the idempotency key that makes a retried placing safe. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "src/b2c/cart.h"
#include "src/base/mem.h"

#define CART_MAX_QUANTITY 1000000

struct cart *cart_new(enum channel channel)
{
    struct cart *c = xcalloc(1, sizeof *c);
    c->channel = channel;
    cart_new_key(c);
    return c;
}

void cart_free(struct cart **pc)
{
    if (pc == NULL || *pc == NULL)
        return;
    free((*pc)->lines);
    free(*pc);
    *pc = NULL;
}

void cart_set_customer(struct cart *c, int64_t customer_id)
{
    c->channel = CHANNEL_B2C;
    c->customer_id = customer_id;
    c->account_id = c->contact_id = 0;
}

void cart_set_account(struct cart *c, int64_t account_id, int64_t contact_id)
{
    c->channel = CHANNEL_B2B;
    c->account_id = account_id;
    c->contact_id = contact_id;
    c->customer_id = 0;
}

static int cart_check_quantity(int64_t quantity, struct err *e)
{
    if (quantity < 1 || quantity > CART_MAX_QUANTITY)
        return err_set(e, ERR_INVALID, "quantity", "a quantity is a whole number from 1 to %d",
                       CART_MAX_QUANTITY);
    return ERR_OK;
}

int cart_add(struct cart *c, int64_t product_id, const char *sku, int64_t quantity, int *index, struct err *e)
{
    int rc = cart_check_quantity(quantity, e);
    if (rc != ERR_OK)
        return rc;
    for (int i = 0; i < c->nlines; i++) {
        if (c->lines[i].product_id != product_id)
            continue;
        if ((rc = cart_check_quantity(c->lines[i].quantity + quantity, e)) != ERR_OK)
            return rc;
        c->lines[i].quantity += quantity;
        if (index)
            *index = i;
        return ERR_OK;
    }
    if (c->nlines >= CART_MAX_LINES)
        return err_set(e, ERR_INVALID, "lines", "a cart has at most %d lines", CART_MAX_LINES);
    if (c->nlines == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->lines = xrealloc(c->lines, sizeof *c->lines * (size_t)c->cap);
    }
    struct cart_line *l = &c->lines[c->nlines];
    memset(l, 0, sizeof *l);
    l->product_id = product_id;
    snprintf(l->sku, sizeof l->sku, "%s", sku ? sku : "");
    l->quantity = quantity;
    if (index)
        *index = c->nlines;
    c->nlines++;
    return ERR_OK;
}

int cart_set_quantity(struct cart *c, int index, int64_t quantity, struct err *e)
{
    if (index < 0 || index >= c->nlines)
        return err_set(e, ERR_INVALID, "line", "no line %d in the cart", index + 1);
    int rc = cart_check_quantity(quantity, e);
    if (rc == ERR_OK)
        c->lines[index].quantity = quantity;
    return rc;
}

void cart_remove(struct cart *c, int index)
{
    if (index < 0 || index >= c->nlines)
        return;
    memmove(&c->lines[index], &c->lines[index + 1], sizeof *c->lines * (size_t)(c->nlines - index - 1));
    c->nlines--;
}

void cart_set_backorder(struct cart *c, int index, bool backorder)
{
    if (index >= 0 && index < c->nlines)
        c->lines[index].backorder = backorder;
}

enum payment_method cart_payment(const struct cart *c)
{
    if (c->pay_chosen)
        return c->pay;
    return c->channel == CHANNEL_B2B ? PAY_ACCOUNT : PAY_CARD;
}

/* Fills buf from the system's randomness (getrandom, else /dev/urandom). */
static void random_bytes(unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got == n)
        return;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, buf + got, n - got) != (ssize_t)(n - got)) {
        fprintf(stderr, "comptoir: no source of randomness for an idempotency key\n");
        abort();
    }
    close(fd);
}

void cart_new_key(struct cart *c)
{
    unsigned char raw[16];
    random_bytes(raw, sizeof raw);
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(c->idempotency_key + 2 * i, 3, "%02x", raw[i]);
}

void cart_clear(struct cart *c)
{
    struct cart_line *lines = c->lines;
    int cap = c->cap;
    enum channel channel = c->channel;
    int64_t customer = c->customer_id, account = c->account_id, contact = c->contact_id;
    memset(c, 0, sizeof *c);
    c->lines = lines;
    c->cap = cap;
    c->channel = channel;
    c->customer_id = customer;
    c->account_id = account;
    c->contact_id = contact;
    cart_new_key(c);
}

struct cart *cart_copy(const struct cart *c)
{
    struct cart *copy = xmalloc(sizeof *copy);
    *copy = *c;
    copy->lines = NULL;
    copy->cap = 0;
    if (c->nlines > 0) {
        copy->cap = c->nlines;
        copy->lines = xmalloc(sizeof *copy->lines * (size_t)c->nlines);
        memcpy(copy->lines, c->lines, sizeof *copy->lines * (size_t)c->nlines);
    }
    return copy;
}

bool cart_parse_entry(const char *text, int64_t *quantity, char *query, size_t len)
{
    while (isspace((unsigned char)*text))
        text++;
    const char *star = strchr(text, '*');
    *quantity = 1;
    if (star != NULL) {
        char *end = NULL;
        errno = 0;
        long long q = strtoll(text, &end, 10);
        while (end && isspace((unsigned char)*end))
            end++;
        if (end == text || end != star || errno != 0 || q < 1 || q > CART_MAX_QUANTITY)
            return false;
        *quantity = q;
        text = star + 1;
        while (isspace((unsigned char)*text))
            text++;
    }
    snprintf(query, len, "%s", text);
    size_t n = strlen(query);
    while (n > 0 && isspace((unsigned char)query[n - 1]))
        query[--n] = '\0';
    return true;
}
