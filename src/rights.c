/* Who may do what: one table of roles against actions, consulted by every core
 * operation (the screens only use it to hide what would be refused anyway). */
#include "src/users.h"

#define R (1u << ROLE_REP)
#define S (1u << ROLE_SUPPORT)
#define M (1u << ROLE_MANAGER)
#define A (1u << ROLE_ADMIN)

static const struct {
    unsigned roles;
    const char *description;
} rights[ACT_COUNT] = {
    [ACT_USER_MANAGE] = {A, "manage users"},
    [ACT_ACT_AS] = {A, "act as another user"},
    [ACT_ACCOUNT_VIEW_ALL] = {S | M | A, "see every account"},
    [ACT_ACCOUNT_CREATE] = {R | M | A, "create accounts"},
    [ACT_ACCOUNT_EDIT] = {R | M | A, "edit accounts"},
    [ACT_ACCOUNT_ASSIGN] = {M | A, "assign accounts to reps"},
    [ACT_CUSTOMER_EDIT] = {R | S | M | A, "edit customers"},
    [ACT_PRODUCT_EDIT] = {M | A, "edit products"},
    [ACT_PRICE_EDIT] = {M | A, "change prices"},
    [ACT_ORDER_VIEW] = {R | S | M | A, "see orders"},
    [ACT_ORDER_VIEW_ALL] = {S | M | A, "see every order"},
    [ACT_ORDER_CREATE] = {R | M | A, "place orders"},
    /* support, managers and (later) the fulfilment screens; a rep sells */
    [ACT_ORDER_STATUS] = {S | M | A, "move orders through their life cycle"},
    [ACT_ORDER_NOTE] = {R | S | M | A, "add notes to orders"},
    [ACT_IMPORT] = {A, "import data"},
    [ACT_EXPORT] = {M | A, "export data"},
    [ACT_BACKUP] = {A, "back up the database"},
    [ACT_SETTINGS] = {A, "change settings"},
    [ACT_QUOTE_EDIT] = {R | M | A, "build and negotiate quotes"},
    [ACT_QUOTE_APPROVE] = {M | A, "approve quotes"},
    [ACT_APPROVAL_RULES] = {M | A, "edit approval rules"},
    [ACT_REPORTS] = {M | A, "see reports"},
    [ACT_AUDIT] = {A, "read the audit log's head"},
    [ACT_QUOTE_EXPIRE] = {M | A, "expire quotes"},
    [ACT_ORDER_OVER_CREDIT] = {M | A, "place an order beyond an account's credit limit"},
    [ACT_SHIPPING_EDIT] = {A, "edit shipping methods and closing days"},
    [ACT_PROMOTION_VIEW] = {R | S | M | A, "see promotions"},
    [ACT_PROMOTION_EDIT] = {M | A, "edit promotions"},
    [ACT_LOYALTY_VIEW] = {R | S | M | A, "see loyalty points"},
    [ACT_LOYALTY_ADJUST] = {M | A, "adjust loyalty points"},
    [ACT_LOYALTY_EXPIRE] = {A, "expire loyalty points"},
    [ACT_ORDER_SHIP] = {R | S | M | A, "ship and deliver orders"},
    [ACT_ORDER_CANCEL] = {R | S | M | A, "cancel orders"},
    [ACT_STOCK_RECEIVE] = {M | A, "receive and adjust stock"},
    [ACT_RETURN_OPEN] = {R | S | M | A, "open returns"},
    [ACT_RETURN_REFUND] = {R | S | M | A, "refund and exchange returns"},
    [ACT_RETURN_LATE] = {M | A, "accept returns past their window"},
    [ACT_REFUND_APPROVE] = {M | A, "approve refunds"},
    [ACT_REPORTS_OWN] = {R | M | A, "read reports"},
};

bool rights_allows(enum role role, enum action action)
{
    if ((unsigned)action >= ACT_COUNT || (unsigned)role > ROLE_ADMIN)
        return false;
    return (rights[action].roles & (1u << role)) != 0;
}

const char *action_describe(enum action action)
{
    if ((unsigned)action >= ACT_COUNT)
        return "do that";
    return rights[action].description;
}
