/* The order confirmation a customer receives: an A4 PDF with the lines as
 * charged (tax included for consumers, excluded for businesses), tax per
 * rate, totals, the payment and the promised date. Never the gift message
 * (that belongs on the packing slip, issue 13). */
#ifndef COMPTOIR_B2C_ORDER_DOC_H
#define COMPTOIR_B2C_ORDER_DOC_H

#include "src/base/err.h"

struct app;

/* Writes the confirmation of an order the user may see to path; audited. */
int order_print_pdf(struct app *app, const char *number, const char *path, struct err *e);

#endif
