/* The shipping records: a shipping method (a row of the table the admin
 * edits) and a day nobody ships. */
#ifndef COMPTOIR_DB_MODEL_SHIPPING_H
#define COMPTOIR_DB_MODEL_SHIPPING_H

#include <stdbool.h>
#include <stdint.h>

struct shipping_method {
    char code[17]; /* standard, express, pickup … */
    char name[65];
    int64_t fee; /* tax included, minor units */
    char tax_class[17];
    int tax_rate_bp;   /* read only, joined from the tax class */
    int64_t free_over; /* free from this amount of goods (the channel's basis); -1 = never */
    int lead_days;     /* business days from the day it leaves */
    char cutoff[6];    /* "14:00" store-local, "" = none */
    bool active;
    int position; /* the order of the list */
    char updated_at[32];
    int64_t version;
};

struct business_closure {
    char day[11];
    char reason[101];
};

#endif
