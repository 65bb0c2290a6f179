/* The key map: every action of the console, its keys and its meaning, written
 * once. Screens bind these actions to handlers (struct keydef); the key bar,
 * the `?` help and the README's key section are drawn from this table, and
 * tests/unit/test_ui_keys.c fails when one key gets two meanings in the same
 * mode. A key means one thing on every screen: `v` approves in the Approvals
 * queue and in the quote it opens, `s` sorts everywhere, Esc steps back and
 * never leaves the program. */
#include "src/base/strbuf.h"
#include "ui/keys.h"

#define B KEYMODE_BROWSE
#define T KEYMODE_TYPING
#define M KEYMODE_MODAL

const struct ui_action_def ui_actions[UA_COUNT] = {
    /* everywhere */
    [UA_HELP] = {{'?', UI_KEY_F1}, "?", "help", "Help", B | T | M, 0, "every screen (F1 while typing)"},
    [UA_GO] = {{':'}, ":", "go", "Go to", B, 0, "every screen: a screen by name or a document by number"},
    [UA_BACK] = {{UI_KEY_ESC},
                 "Esc",
                 "back",
                 "Back",
                 B | T | M,
                 0,
                 "every screen: clears a filter first, leaves a form (asks when you typed), closes a dialog; "
                 "never leaves the program"},
    [UA_CLOSE] = {{'q'}, "q", "close", "Back", B | M, 0, "every screen; on Home it quits"},
    [UA_QUIT] = {{'Q', UI_KEY_F10, UI_KEY_INTERRUPT},
                 "Q F10",
                 "quit",
                 "Quit",
                 B | T,
                 ACTION_ASKS,
                 "every screen (also Ctrl-C); asks when something typed is not saved"},
    [UA_REDRAW] = {{UI_CTRL('l')}, "C-l", "redraw", "Redraw the screen", B | T | M, 0, "every screen"},
    [UA_GO_ACCOUNTS] = {{'a'}, "a", "accounts", "Accounts", B, 0, "every screen (shown on Home)"},
    [UA_GO_CUSTOMERS] = {{'c'}, "c", "customers", "Customers", B, 0, "every screen (shown on Home)"},
    [UA_GO_PRODUCTS] = {{'p'}, "p", "products", "Products", B, 0, "every screen (shown on Home)"},
    [UA_GO_ORDERS] = {{'o'}, "o", "orders", "Orders", B, 0, "every screen (shown on Home)"},
    [UA_GO_QUOTES] = {{'u'}, "u", "quotes", "Quotes", B, 0, "every screen (shown on Home)"},
    [UA_GO_APPROVALS] = {{'A'}, "A", "approvals", "Approvals", B, 0, "every screen (shown on Home)"},
    [UA_GO_ADMIN] = {{'i'}, "i", "admin", "Import/export", B, 0, "every screen (shown on Home)"},
    [UA_GO_FULFILMENT] = {{'W'},
                          "W",
                          "fulfilment",
                          "Fulfilment",
                          B,
                          0,
                          "every screen: the warehouse's orders to ship, back-orders and late orders"},
    /* lists */
    [UA_OPEN] = {{UI_KEY_ENTER}, "Enter", "open", "Open", B, 0, "lists"},
    [UA_FILTER] = {{'/'}, "/", "filter", "Filter", B, 0, "lists"},
    [UA_DOWN] = {{'j', UI_KEY_DOWN}, "j ↓", "down", "Next row", B | T | M, 0, "lists, forms, dialogs, help"},
    [UA_UP] = {{'k', UI_KEY_UP}, "k ↑", "up", "Previous row", B | T | M, 0, "lists, forms, dialogs, help"},
    [UA_PAGE_DOWN] = {{UI_KEY_PGDN, ' ', UI_CTRL('f')},
                      "PgDn",
                      "page-down",
                      "Next page",
                      B | T | M,
                      0,
                      "lists, dialogs, help"},
    [UA_PAGE_UP] = {{UI_KEY_PGUP, UI_CTRL('b')},
                    "PgUp",
                    "page-up",
                    "Previous page",
                    B | T | M,
                    0,
                    "lists, dialogs, help"},
    [UA_FIRST] = {{'g', UI_KEY_HOME}, "g Home", "first", "First row", B | M, 0, "lists, dialogs, help"},
    [UA_LAST] = {{'G', UI_KEY_END}, "G End", "last", "Last row", B | M, 0, "lists, dialogs, help"},
    [UA_SORT] = {{'s', '>'}, "s >", "sort", "Sort", B, 0, "lists"},
    [UA_SORT_BACK] = {{'<'}, "<", "sort-back", "Sort back", B, 0, "lists"},
    [UA_REVERSE] = {{'S'}, "S", "reverse", "Reverse the order", B, 0, "lists"},
    [UA_NEXT] =
        {{UI_KEY_TAB},
         "Tab",
         "next",
         "Next list",
         B | T,
         0,
         "screens with several lists (Approvals: quotes, refunds), forms (next field), Quotes (scope), the"
         " `:` line "
         "(complete)"},
    [UA_PREVIOUS] = {{UI_KEY_BTAB},
                     "S-Tab",
                     "previous",
                     "Previous list",
                     B | T,
                     0,
                     "screens with several lists, forms (previous field)"},
    [UA_FILTER_STATUS] = {{'f'}, "f", "filter-status", "Status", B, 0, "Quotes, Orders, Returns"},
    [UA_FILTER_STATUS_BACK] =
        {{'F'}, "F", "filter-status-back", "Previous status", B, 0, "Quotes, Orders, Returns"},
    [UA_FILTER_CHANNEL] = {{'b'}, "b", "channel", "B2B/B2C", B, 0, "Orders"},
    [UA_FILTER_DATES] =
        {{'z'}, "z", "dates", "Dates", B, 0, "Orders: the days placed, late ones only; a report: its range"},
    /* records */
    [UA_NEW] = {{'n'},
                "n",
                "new",
                "New",
                B,
                0,
                "Accounts, Customers, Products, Quotes, Rules; an account (a quote); a quote (a line); "
                "Home (a quick order, issue 10); an order (a return)"},
    [UA_EDIT] = {{'e'}, "e", "edit", "Edit", B, 0, "records and their lists; a quote (the line)"},
    [UA_REMOVE] = {{'d', UI_KEY_DELETE}, "d", "remove", "Remove", B, ACTION_ASKS, "a quote (the line)"},
    [UA_RELOAD] = {{UI_CTRL('r')},
                   "C-r",
                   "reload",
                   "Reload",
                   B | T,
                   0,
                   "a quote; every form after someone else saved (keeps what you typed)"},
    [UA_STATUS] = {{'m'},
                   "m",
                   "status",
                   "Change status",
                   B,
                   ACTION_ASKS,
                   "an order; a quote (submit, recall, send, accept, cancel); a return (receive, refund)"},
    [UA_ENABLE] = {{'E'}, "E", "enable", "Enable/disable", B, ACTION_ASKS, "Rules"},
    [UA_PRINT] = {{'P'}, "P", "print", "Print PDF", B, 0, "a quote"},
    [UA_TIMELINE] = {{'T'},
                     "T",
                     "timeline",
                     "Timeline and reasons",
                     B,
                     0,
                     "a quote; Approvals (why, whole); an order (its shipments and timeline, whole)"},
    [UA_ADD_CONTACT] = {{'C'}, "C", "add-contact", "Add contact", B, 0, "an account"},
    [UA_PACKING] = {{'I'},
                    "I",
                    "packing",
                    "Packing instructions",
                    B,
                    0,
                    "an account: its packing instructions, whether its PO number is required"},
    [UA_OTHER_PANE] = {{UI_KEY_F9}, "F9", "other-pane", "Form / errors", B | T, 0, "Import/export"},
    [UA_CODES] = {{'B'}, "B", "codes", "Codes", B, 0, "Promotions: a batch of single-use codes, as CSV"},
    /* orders */
    [UA_SHIP] =
        {{'h'},
         "h",
         "ship",
         "Ship",
         B,
         ACTION_ASKS,
         "an order, Fulfilment: a form with the lines and quantities, the carrier, tracking, parcels"},
    [UA_DELIVER] =
        {{'l'}, "l", "deliver", "Record a delivery", B, ACTION_ASKS, "an order: which shipment, which day"},
    /* quotes */
    [UA_APPROVE] =
        {{'v'}, "v", "approve", "Approve", B, ACTION_ASKS, "Approvals (quotes, refunds), a quote, a return"},
    [UA_REJECT] =
        {{'x'}, "x", "reject", "Reject", B, ACTION_ASKS, "Approvals (quotes, refunds), a quote, a return"},
    [UA_COUNTER] = {{'r'}, "r", "counter-offer", "Counter-offer", B, 0, "a quote"},
    [UA_TERMS] = {{'t'}, "t", "terms", "Terms", B, 0, "a quote"},
    [UA_NOTES] = {{'N'}, "N", "notes", "Notes", B, 0, "a quote; an order (adds one)"},
    [UA_COMPARE] = {{'D'}, "D", "compare", "Compare revisions", B, 0, "a quote"},
    [UA_OPEN_ORDER] =
        {{'O'}, "O", "open-order", "Open its order", B, 0, "a quote that became an order; a return"},
    [UA_LINE_DOWN] = {{'J'}, "J", "line-down", "Move line down", B, 0, "a quote"},
    [UA_LINE_UP] = {{'K'}, "K", "line-up", "Move line up", B, 0, "a quote"},
    [UA_REVISION_A] = {{'1'}, "1", "revision-a", "Pick revision A", B, 0, "Compare"},
    [UA_REVISION_B] = {{'2'}, "2", "revision-b", "Pick revision B", B, 0, "Compare"},
    [UA_SWAP] = {{'w'}, "w", "swap", "Swap A and B", B, 0, "Compare"},
    /* typing */
    [UA_SAVE] = {{UI_CTRL('s'), UI_KEY_F2}, "C-s F2", "save", "Save", B | T, 0, "forms, Import/export (run)"},
    [UA_ACCEPT] = {{UI_KEY_ENTER},
                   "Enter",
                   "accept",
                   "Next field",
                   T,
                   0,
                   "forms (next field; in a lookup, find), filter line (done), `:` line (go)"},
    [UA_EDIT_LEFT] = {{UI_KEY_LEFT},
                      "←",
                      "cursor-left",
                      "Cursor left; in a choice, the previous one",
                      T,
                      ACTION_DOC,
                      "every text field"},
    [UA_EDIT_RIGHT] = {{UI_KEY_RIGHT},
                       "→",
                       "cursor-right",
                       "Cursor right; in a choice (or Space), the next one",
                       T,
                       ACTION_DOC,
                       "every text field"},
    [UA_EDIT_START] = {{UI_KEY_HOME, UI_CTRL('a')},
                       "Home C-a",
                       "line-start",
                       "Start of the text",
                       T,
                       ACTION_DOC,
                       "every text field"},
    [UA_EDIT_END] = {{UI_KEY_END, UI_CTRL('e')},
                     "End C-e",
                     "line-end",
                     "End of the text",
                     T,
                     ACTION_DOC,
                     "every text field"},
    [UA_EDIT_BACKSPACE] = {{UI_KEY_BACKSPACE, UI_CTRL('h')},
                           "Backspace",
                           "delete-back",
                           "Delete the character before",
                           T,
                           ACTION_DOC,
                           "every text field"},
    [UA_EDIT_DELETE] = {{UI_KEY_DELETE, UI_CTRL('d')},
                        "Del C-d",
                        "delete-char",
                        "Delete the character under",
                        T,
                        ACTION_DOC,
                        "every text field"},
    [UA_EDIT_KILL_END] =
        {{UI_CTRL('k')}, "C-k", "kill-end", "Delete to the end", T, ACTION_DOC, "every text field"},
    [UA_EDIT_KILL_START] = {{UI_CTRL('u')},
                            "C-u",
                            "kill-start",
                            "Delete to the start (all of a pre-filled value)",
                            T,
                            ACTION_DOC,
                            "every text field"},
    [UA_EDIT_KILL_WORD] =
        {{UI_CTRL('w')}, "C-w", "kill-word", "Delete the word before", T, ACTION_DOC, "every text field"},
    /* Quick order: reserved here so issue 10 builds on them (Home `n` and `:new` open it) */
    [UA_QO_SHIPPING] =
        {{UI_KEY_F3}, "F3", "shipping", "Shipping", T, 0, "Quick order (the pick takes the first letter)"},
    [UA_QO_GIFT] = {{UI_KEY_F4},
                    "F4",
                    "gift",
                    "Gift wrap and notes",
                    T,
                    0,
                    "Quick order (message, requested date, note)"},
    [UA_QO_PAYMENT] = {{UI_KEY_F5}, "F5", "payment", "Payment", T, 0, "Quick order"},
    [UA_QO_COUPON] =
        {{UI_KEY_F6}, "F6", "coupon", "Coupon", T, 0, "Quick order (a code, Enter; again takes it out)"},
    [UA_QO_POINTS] =
        {{UI_KEY_F7}, "F7", "points", "Loyalty points", T, ACTION_RESERVED, "Quick order (issue 12)"},
    [UA_QO_BACKORDER] = {{UI_KEY_F8}, "F8", "back-order", "Back-order the line", T, 0, "Quick order"},
    [UA_QO_QUANTITY] = {{'*'},
                        "*",
                        "quantity",
                        "Quantity: 12*SKU adds 12; 5* then Enter sets the selected line, 0* takes it out",
                        T,
                        ACTION_DOC,
                        "Quick order: typed in the product field (Enter on it empty places)"},
    /* dialogs */
    [UA_OK] = {{UI_KEY_ENTER}, "Enter", "ok", "OK", M, 0, "dialogs: yes, pick, close"},
    [UA_YES] = {{'y', 'Y'}, "y", "yes", "Yes", M, 0, "questions"},
    [UA_NO] = {{'n', 'N'}, "n", "no", "No", M, 0, "questions"},
};

/* ------------------------------------------------------- the README's part */

static const struct {
    enum ui_action first;
    const char *title;
} keymap_sections[] = {
    {UA_HELP, "Everywhere (outside a text field)"},
    {UA_OPEN, "Lists"},
    {UA_NEW, "Records"},
    {UA_APPROVE, "Quotes"},
    {UA_SAVE, "While typing (forms, the filter line, the `:` line)"},
    {UA_QO_SHIPPING, "Quick order (`n` on Home and `:new` open it; F7 is kept for issue 12)"},
    {UA_OK, "Dialogs and the help"},
};

static void keymap_keys(const struct ui_action_def *a, struct strbuf *out)
{
    for (int k = 0; k < 4 && a->keys[k] != 0; k++) {
        char name[32];
        strbuf_addf(out, "%s`%s`", k ? " " : "", ui_key_name(a->keys[k], name, sizeof name));
    }
}

void keymap_markdown(struct strbuf *out)
{
    size_t s = 0;
    for (int i = 0; i < UA_COUNT; i++) {
        if (s < sizeof keymap_sections / sizeof keymap_sections[0] &&
            keymap_sections[s].first == (enum ui_action)i) {
            strbuf_addf(out, "%s**%s**\n\n| keys | action | where |\n| --- | --- | --- |\n", i ? "\n" : "",
                        keymap_sections[s].title);
            s++;
        }
        const struct ui_action_def *a = &ui_actions[i];
        strbuf_add(out, "| ");
        keymap_keys(a, out);
        strbuf_addf(out, " | %s%s | %s |\n", a->label, (a->flags & ACTION_ASKS) ? " (asks first)" : "",
                    a->where);
    }
}
