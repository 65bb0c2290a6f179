/* CSV: the reader (lines, quoting, UTF-8), the header binding (--map,
 * --null), the writer and its formula guard; then import and export of every
 * kind: good files, every kind of bad one (nothing written), --rejects,
 * --update, --dry-run, and the export → import → export round trip. */
#include "testutil.h"

#include "src/csv/csv_private.h"

/* ------------------------------------------------------------ helpers */

#define MAX_RECS 16

struct collected {
    int n;
    int64_t line[MAX_RECS];
    int nfields[MAX_RECS];
    int bad[MAX_RECS];
    char text[MAX_RECS][256]; /* fields joined with '|' */
};

static int collect(void *ctx, const struct csv_record *rec, struct err *e)
{
    (void)e;
    struct collected *c = ctx;
    if (c->n >= MAX_RECS)
        return ERR_INTERNAL;
    c->line[c->n] = rec->line;
    c->nfields[c->n] = rec->nfields;
    c->bad[c->n] = rec->bad_field;
    c->text[c->n][0] = '\0';
    for (int i = 0; i < rec->nfields; i++) {
        size_t used = strlen(c->text[c->n]);
        snprintf(c->text[c->n] + used, sizeof c->text[0] - used, "%s%s", i ? "|" : "", rec->fields[i]);
    }
    c->n++;
    return ERR_OK;
}

static int read_string(const char *data, size_t len, struct collected *c, struct err *e)
{
    memset(c, 0, sizeof *c);
    FILE *f = fmemopen((void *)data, len, "rb");
    assert_non_null(f);
    int rc = csv_read(f, "t.csv", collect, c, e);
    fclose(f);
    return rc;
}

#define READ(lit, c, e) read_string(lit, sizeof(lit) - 1, c, e)

/* ------------------------------------------------------------- reader */

static void test_reader_reports_the_line_where_a_multiline_record_starts(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\n1,\"two\nlines\"\n3,x\n", &c, &e), ERR_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.line[1], 2);
    assert_string_equal(c.text[1], "1|two\nlines");
    assert_int_equal(c.line[2], 4); /* not 3: the record before spans two lines */
}

/* A line break inside a field is a newline whoever wrote it: a CR alone
 * would be a control character, which text refuses (issue 8). */
static void test_reader_accepts_crlf_and_reads_crlf_inside_quotes_as_a_newline(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\r\n\"x\r\ny\",2\r\nz,3", &c, &e), ERR_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.text[1], "x\ny|2");
    assert_int_equal(c.line[2], 4);
    assert_string_equal(c.text[2], "z|3"); /* no newline at the end of the file */
}

static void test_reader_handles_quoted_commas_and_doubled_quotes(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\n\"RECORD FRAME 7\"\" SINGLE, \",2\n", &c, &e), ERR_OK);
    assert_int_equal(c.nfields[1], 2);
    assert_string_equal(c.text[1], "RECORD FRAME 7\" SINGLE, |2");
}

static void test_reader_keeps_spaces_as_data(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\n  two  spaces ,x\n", &c, &e), ERR_OK);
    assert_string_equal(c.text[1], "  two  spaces |x");
}

static void test_reader_skips_a_bom_and_blank_lines_but_counts_them(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("\xEF\xBB\xBFname,x\n\n\r\nAlice,1\n", &c, &e), ERR_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.text[0], "name|x");
    assert_int_equal(c.line[1], 4);
}

static void test_reader_flags_the_field_with_invalid_utf8(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b,c\nok,caf\xE9,x\nLule\xC3\xA5,\xEF\xBB\xBFy,z\n", &c, &e), ERR_OK);
    assert_int_equal(c.bad[0], -1);
    assert_int_equal(c.bad[1], 1);  /* Latin-1 é */
    assert_int_equal(c.bad[2], -1); /* å is fine; a BOM past the start is just U+FEFF */
}

static void test_reader_reports_an_unclosed_quote_at_the_line_it_opens(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\n1,2\n3,\"never closed\n4,5\n", &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "t.csv:3:"));
    assert_non_null(strstr(e.msg, "never closed"));
}

static void test_reader_counts_fields_so_an_unquoted_comma_shows(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("code,address,city\nBLONP,24, place Kl\xC3\xA9"
                          "ber,Strasbourg\n",
                          &c, &e),
                     ERR_OK);
    assert_int_equal(c.nfields[0], 3);
    assert_int_equal(c.nfields[1], 4);
}

static void test_utf8_validator_refuses_overlongs_surrogates_and_nul(void **state)
{
    (void)state;
    const char *good = "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\x65 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80";
    assert_true(csv_utf8_valid(good, strlen(good)));
    assert_false(csv_utf8_valid("\xC0\xAF", 2));         /* overlong / */
    assert_false(csv_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(csv_utf8_valid("\xF4\x90\x80\x80", 4)); /* past U+10FFFF */
    assert_false(csv_utf8_valid("a\0b", 3));
    assert_false(csv_utf8_valid("\xC3", 1)); /* cut short */
}

/* ------------------------------------------------------------- header */

static const struct csv_column people_cols[] = {{"name", CSV_COL_REQUIRED | CSV_COL_TEXT},
                                                {"email", CSV_COL_REQUIRED | CSV_COL_TEXT},
                                                {"city", CSV_COL_TEXT},
                                                {"points", 0}};

static struct csv_record make_record(char **fields, size_t *lens, int n, int64_t line)
{
    for (int i = 0; i < n; i++)
        lens[i] = strlen(fields[i]);
    return (struct csv_record){.line = line, .nfields = n, .fields = fields, .lens = lens, .bad_field = -1};
}

static void test_header_matches_names_in_any_order_and_case(void **state)
{
    (void)state;
    char *names[] = {" Points", "EMAIL", "name"};
    size_t lens[3];
    struct csv_record hdr = make_record(names, lens, 3, 1);
    struct csv_errors sink = {.file = "t.csv", .shown = 50};
    struct csv_header h;
    struct err e = {0};
    assert_int_equal(csv_header_bind(&h, people_cols, 4, &hdr, NULL, NULL, &sink, &e), ERR_OK);
    assert_int_equal(h.index[0], 2);
    assert_int_equal(h.index[1], 1);
    assert_int_equal(h.index[2], -1);
    assert_int_equal(h.index[3], 0);
    char *row[] = {"12", "a@b.c", "Ana"};
    struct csv_record rec = make_record(row, lens, 3, 2);
    assert_string_equal(csv_header_value(&h, &rec, 0), "Ana");
    assert_null(csv_header_value(&h, &rec, 2)); /* absent, not empty */
    csv_header_free(&h);
}

static void test_header_map_renames_theirs_and_null_text_means_no_value(void **state)
{
    (void)state;
    char *names[] = {"companyName", "mail", "name", "town"};
    size_t lens[4];
    struct csv_record hdr = make_record(names, lens, 4, 1);
    char warnings[512] = "";
    FILE *w = fmemopen(warnings, sizeof warnings, "w");
    struct csv_errors sink = {.out = w, .file = "t.csv", .shown = 50};
    struct csv_header h;
    struct err e = {0};
    int rc =
        csv_header_bind(&h, people_cols, 4, &hdr, "name=companyName,email=mail,city=town", "NULL", &sink, &e);
    fclose(w);
    assert_int_equal(rc, ERR_OK);
    assert_int_equal(h.index[0], 0); /* the map wins over the file's own "name" */
    assert_non_null(strstr(warnings, "'name'"));
    char *row[] = {"Alfreds", "x@y.z", "ignored", "NULL"};
    struct csv_record rec = make_record(row, lens, 4, 2);
    assert_string_equal(csv_header_value(&h, &rec, 0), "Alfreds");
    assert_string_equal(csv_header_value(&h, &rec, 2), "");
    csv_header_free(&h);
}

static void test_header_without_a_required_column_is_an_error_naming_it(void **state)
{
    (void)state;
    char *names[] = {"name", "city"};
    size_t lens[2];
    struct csv_record hdr = make_record(names, lens, 2, 1);
    char out[512] = "";
    FILE *f = fmemopen(out, sizeof out, "w");
    struct csv_errors sink = {.out = f, .file = "t.csv", .shown = 50};
    struct csv_header h;
    struct err e = {0};
    int rc = csv_header_bind(&h, people_cols, 4, &hdr, NULL, NULL, &sink, &e);
    fclose(f);
    assert_int_equal(rc, ERR_INVALID);
    assert_non_null(strstr(out, "t.csv:1: column 'email': required"));
    csv_header_free(&h);
}

static void test_header_map_to_an_unknown_column_of_ours_is_a_usage_error(void **state)
{
    (void)state;
    char *names[] = {"name", "email"};
    size_t lens[2];
    struct csv_record hdr = make_record(names, lens, 2, 1);
    struct csv_errors sink = {.file = "t.csv", .shown = 50};
    struct csv_header h;
    struct err e = {0};
    assert_int_equal(csv_header_bind(&h, people_cols, 4, &hdr, "nom=name", NULL, &sink, &e), ERR_USAGE);
    assert_non_null(strstr(e.msg, "'nom'"));
    csv_header_free(&h);
}

static void test_errors_are_file_line_column_reason_value_and_capped(void **state)
{
    (void)state;
    char out[4096] = "";
    FILE *f = fmemopen(out, sizeof out, "w");
    struct csv_errors sink = {.out = f, .file = "c.csv", .shown = 2};
    csv_errors_add(&sink, 7, "email", "not an e-mail address", "bob\nat home");
    csv_errors_add(&sink, 9, NULL, "12 fields where the header has 11", NULL);
    csv_errors_add(&sink, 10, "x", "y", "z");
    csv_errors_summary(&sink);
    fclose(f);
    assert_non_null(strstr(out, "c.csv:7: column 'email': not an e-mail address (\"bob\\nat home\")\n"));
    assert_non_null(strstr(out, "c.csv:9: 12 fields where the header has 11\n"));
    assert_null(strstr(out, "c.csv:10:"));
    assert_non_null(strstr(out, "1 more"));
    assert_int_equal(sink.count, 3);
}

/* ------------------------------------------------------------- writer */

static void test_writer_quotes_every_cell_and_ends_rows_with_crlf(void **state)
{
    (void)state;
    char out[256] = "";
    FILE *f = fmemopen(out, sizeof out, "w");
    struct csv_writer w;
    csv_writer_init(&w, f);
    csv_put_text(&w, "say \"hi\", twice");
    csv_put_money(&w, -1250);
    csv_put_int(&w, 42);
    csv_end_row(&w);
    csv_put_text(&w, "two\nlines");
    csv_end_row(&w);
    struct err e = {0};
    assert_int_equal(csv_writer_finish(&w, "out", &e), ERR_OK);
    fclose(f);
    assert_string_equal(out, "\"say \"\"hi\"\", twice\",\"-12.50\",\"42\"\r\n\"two\nlines\"\r\n");
}

static void test_guard_prefixes_formulas_but_not_plain_numbers(void **state)
{
    (void)state;
    assert_true(csv_text_needs_guard("=HYPERLINK(\"x\")"));
    assert_true(csv_text_needs_guard("+33 1 23 45 67 89"));
    assert_true(csv_text_needs_guard("-2+3+cmd|' /C calc'!A0"));
    assert_true(csv_text_needs_guard("@SUM(A1)"));
    assert_true(csv_text_needs_guard("\tx"));
    assert_true(csv_text_needs_guard("\rx"));
    assert_true(csv_text_needs_guard("'=already guarded"));
    assert_false(csv_text_needs_guard("-5"));
    assert_false(csv_text_needs_guard("+33123456789"));
    assert_false(csv_text_needs_guard("-12,50"));
    assert_false(csv_text_needs_guard("O'Brien"));
    assert_false(csv_text_needs_guard("'quoted'"));
    assert_false(csv_text_needs_guard(""));
}

static void test_guard_round_trip_is_exact(void **state)
{
    (void)state;
    static const char *texts[] = {"=1+1", "'=1+1", "''=x", "-5",    "'-5", "-",  "'",  "''",
                                  "'a",   "@home", "\t",   "plain", "+",   "-x", "'\r"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char guarded[64];
        snprintf(guarded, sizeof guarded, "%s%s", csv_text_needs_guard(texts[i]) ? "'" : "", texts[i]);
        assert_string_equal(csv_text_unguard(guarded), texts[i]);
    }
}

/* ------------------------------------------------------------- import */

struct fx {
    char dbpath[64];
    struct db *db;
    struct app app;
    char errors[32768]; /* what the import printed */
    struct import_report rep;
};

static struct fx *fx_new(const char *login)
{
    struct fx *f = calloc(1, sizeof *f);
    f->db = test_db_new(f->dbpath);
    f->app = test_app_as(f->db, login);
    return f;
}

static void fx_free(struct fx *f)
{
    db_close(&f->db);
    test_db_remove(f->dbpath);
    free(f);
}

/* The samples folder: $COMPTOIR_ROOT/assets/samples, or found from the cwd. */
static const char *samples_dir(void)
{
    static char dir[512];
    const char *root = getenv("COMPTOIR_ROOT");
    const char *tries[] = {root ? root : ".", ".", ".."};
    for (size_t i = 0; i < 3; i++) {
        snprintf(dir, sizeof dir, "%s/assets/samples", tries[i]);
        if (access(dir, R_OK) == 0)
            return dir;
    }
    fail_msg("assets/samples not found (set COMPTOIR_ROOT)");
    return NULL;
}

static void sample_path(const char *name, char *out, size_t len)
{
    snprintf(out, len, "%s/%s", samples_dir(), name);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Imports a file; what it printed lands in f->errors. */
static int fx_import_file(struct fx *f, enum import_kind kind, const char *path, struct import_options *opt)
{
    struct import_options plain = {0};
    if (opt == NULL)
        opt = &plain;
    memset(f->errors, 0, sizeof f->errors);
    FILE *errs = fmemopen(f->errors, sizeof f->errors - 1, "w");
    opt->errors = errs;
    struct err e = {0};
    int rc = csv_import_file(&f->app, kind, path, opt, &f->rep, &e);
    if (rc != ERR_OK)
        fprintf(errs, "returned: %s\n", e.msg);
    fclose(errs);
    return rc;
}

static int fx_import_text(struct fx *f, enum import_kind kind, const char *text, struct import_options *opt)
{
    char path[96];
    snprintf(path, sizeof path, "%s/comptoir-unit-%ld.csv", test_tmp_dir(), (long)getpid());
    write_text(path, text);
    int rc = fx_import_file(f, kind, path, opt);
    unlink(path);
    return rc;
}

static int fx_import_sample(struct fx *f, enum import_kind kind, const char *name, struct import_options *opt)
{
    char path[640];
    sample_path(name, path, sizeof path);
    return fx_import_file(f, kind, path, opt);
}

/* The export as a string (owned). */
static char *fx_export(struct fx *f, enum import_kind kind)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct err e = {0};
    int rc = csv_export(&f->app, kind, out, &e);
    fclose(out);
    if (rc != ERR_OK)
        fail_msg("export %s: %s", import_kind_name(kind), e.msg);
    return buf;
}

/* Fails showing everything the import printed when `text` is not in it. */
#define assert_printed(f, text)                                                                              \
    do {                                                                                                     \
        if (strstr((f)->errors, (text)) == NULL)                                                             \
            fail_msg("missing: %s\n--- printed:\n%s", (text), (f)->errors);                                  \
    } while (0)

static void fx_import_all_samples(struct fx *f)
{
    static const char *const names[] = {"accounts.csv", "contacts.csv", "customers.csv", "products.csv",
                                        "orders.csv"};
    for (int k = 0; k < IMPORT_KIND_COUNT; k++)
        if (fx_import_sample(f, (enum import_kind)k, names[k], NULL) != ERR_OK)
            fail_msg("importing %s: %s", names[k], f->errors);
}

static bool customer_exists(struct fx *f, const char *email)
{
    struct customer c;
    return customer_store_find_email(f->db, email, &c, NULL) == ERR_OK;
}

static void test_import_good_samples_write_every_row(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    fx_import_all_samples(f);
    struct account a;
    assert_int_equal(account_store_find_code(f->db, "ACME", &a, NULL), ERR_OK);
    assert_string_equal(a.name, "Acme, Inc.");
    assert_string_equal(a.billing_address, "12 rue de la Paix\n75002 Paris");
    assert_string_equal(a.notes, "Prefers \"net 45\" and paper invoices");
    assert_int_equal(a.credit_limit, 1500000);
    assert_int_equal(a.payment_terms_days, 45);
    assert_string_equal(a.rep_login, "alice");
    assert_int_equal(account_store_find_code(f->db, "KAIS", &a, NULL), ERR_OK);
    assert_int_equal(a.credit_limit, 2500050); /* "25,000.50" */
    struct product p;
    assert_int_equal(product_store_find_sku(f->db, "DESK-02", &p, NULL), ERR_OK);
    assert_int_equal(p.list_price, 39900); /* "399.00" */
    assert_int_equal(product_store_find_sku(f->db, "LAMP-OLD", &p, NULL), ERR_OK);
    assert_false(p.active);
    assert_true(customer_exists(f, "yuki@example.jp"));
    fx_free(f);
}

static void test_import_orders_groups_rows_by_number_and_totals_its_lines(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    fx_import_all_samples(f);
    struct order o;
    assert_int_equal(order_store_find_number(f->db, "B-1001", &o, NULL), ERR_OK);
    assert_int_equal(o.line_count, 2);
    assert_int_equal(o.channel, CHANNEL_B2B);
    assert_int_equal(o.status, ORDER_DELIVERED);
    assert_string_equal(o.placed_at, "2024-03-01T09:30:00Z");
    assert_string_equal(o.requested_date, "2024-03-10");
    assert_int_equal(o.subtotal, 10 * 13990 + 2 * 38000);
    assert_int_equal(o.total, o.subtotal + o.tax_total);
    assert_int_equal(o.tax_total, (10 * 13990 + 2 * 38000) / 5);
    assert_int_equal(order_store_find_number(f->db, "C-2002", &o, NULL), ERR_OK);
    assert_string_equal(o.placed_at, "1996-07-04T00:00:00Z"); /* Northwind's form */
    assert_int_equal(o.customer_id, 0);                       /* a cash sale */
    struct rows got = {0};
    assert_int_equal(order_store_lines(f->db, o.id, NULL, &got, NULL), ERR_OK);
    const struct order_line *lines = got.items;
    assert_int_equal(got.n, 2);
    assert_int_equal(lines[0].unit_price, 499);   /* "4,99" */
    assert_int_equal(lines[0].tax_rate_bp, 2000); /* from the product's class */
    assert_int_equal(lines[1].product_id, 0);     /* POST: not a product */
    rows_free(&got);
    assert_printed(f, "1 order line with a SKU not in the catalogue (POST): kept as lines without a product");
    fx_free(f);
}

static void test_import_orders_keeps_a_lines_discount_and_exports_it(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_sample(f, IMPORT_PRODUCTS, "products.csv", NULL), ERR_OK);
    assert_int_equal(fx_import_text(f, IMPORT_ORDERS,
                                    "number,placed_at,sku,quantity,unit_price,discount_amount\n"
                                    "D-1,2024-01-01,PAPER-A4,10,4.99,1.90\n"
                                    "D-1,2024-01-01,PAPER-A4,1,4.99,\n",
                                    NULL),
                     ERR_OK);
    struct order o;
    struct rows got = {0};
    assert_int_equal(order_store_find_number(f->db, "D-1", &o, NULL), ERR_OK);
    assert_int_equal(order_store_lines(f->db, o.id, NULL, &got, NULL), ERR_OK);
    const struct order_line *lines = got.items;
    assert_int_equal(got.n, 2);
    assert_int_equal(lines[0].discount_amount, 190);
    assert_int_equal(lines[0].net_amount, 4990 - 190);
    assert_int_equal(lines[1].discount_amount, 0); /* empty: none */
    rows_free(&got);
    assert_int_equal(o.subtotal, 4990 - 190 + 499);
    char *out = fx_export(f, IMPORT_ORDERS);
    assert_non_null(strstr(out, "discount_amount"));
    assert_non_null(strstr(out, "\"1.90\""));
    free(out);
    assert_int_equal(fx_import_text(f, IMPORT_ORDERS,
                                    "number,placed_at,sku,quantity,unit_price,discount_amount\n"
                                    "D-2,2024-01-01,PAPER-A4,1,4.99,5.00\n",
                                    NULL),
                     ERR_INVALID);
    assert_printed(f, "discount");
    fx_free(f);
}

static void test_import_bad_accounts_report_each_line_and_write_nothing(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_sample(f, IMPORT_ACCOUNTS, "accounts_bad.csv", NULL), ERR_INVALID);
    assert_printed(f, "accounts_bad.csv:3: 6 fields where the header has 5 (an unquoted comma?)");
    assert_printed(f, "accounts_bad.csv:4: column 'code': must not be empty");
    assert_printed(f, "accounts_bad.csv:5: column 'payment_terms_days': must be between 0 and 365 (\"400\")");
    assert_printed(f, "accounts_bad.csv:6: column 'rep': no such user (\"zoe\")");
    assert_printed(f, "accounts_bad.csv:7: column 'email': ");
    assert_printed(f, "accounts_bad.csv:8: column 'code': already exists");
    assert_printed(f, "6 errors; nothing was imported");
    struct account a;
    assert_int_equal(account_store_find_code(f->db, "GOOD", &a, NULL), ERR_NOTFOUND);
    fx_free(f);
}

static void test_import_bad_customers_name_the_line_a_multiline_record_starts_on(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_sample(f, IMPORT_CUSTOMERS, "customers_bad.csv", NULL), ERR_INVALID);
    assert_printed(f, "customers_bad.csv:4: column 'address': not valid UTF-8 (\"Z\\xFCrich\")");
    assert_printed(f, "customers_bad.csv:5: column 'name': must be on one line");
    assert_printed(f, "customers_bad.csv:7: column 'email': must not be empty");
    assert_printed(f,
                   "customers_bad.csv:8: column 'email': already exists; --update changes existing records "
                   "(\"ANA@example.com\")");
    assert_false(customer_exists(f, "ana@example.com"));
    fx_free(f);
}

static void test_import_bad_products_explain_money_tax_and_flags(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_sample(f, IMPORT_PRODUCTS, "products_bad.csv", NULL), ERR_INVALID);
    assert_printed(
        f, "products_bad.csv:3: column 'list_price': more than 2 decimals; expected an amount like "
           "1234.50, 1,234.50 or -3 (decimal point); with --decimal , it reads 12505.00 (\"12.505\")");
    assert_printed(f, "products_bad.csv:4: column 'list_price': must not be negative (\"-3.00\")");
    assert_printed(f, "products_bad.csv:5: column 'tax_class': no such tax class");
    assert_printed(f, "products_bad.csv:6: column 'active': not a yes/no value");
    assert_printed(f, "products_bad.csv:7: column 'min_order_qty': must be at least 1 (\"0\")");
    assert_printed(f, "products_bad.csv:8: column 'list_price': must not be empty");
    struct product p;
    assert_int_equal(product_store_find_sku(f->db, "OK-1", &p, NULL), ERR_NOTFOUND);
    fx_free(f);
}

static void test_import_bad_orders_reject_whole_orders(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_sample(f, IMPORT_PRODUCTS, "products.csv", NULL), ERR_OK);
    assert_int_equal(fx_import_sample(f, IMPORT_CUSTOMERS, "customers.csv", NULL), ERR_OK);
    char rejects[96];
    snprintf(rejects, sizeof rejects, "%s/comptoir-unit-%ld-rejects.csv", test_tmp_dir(), (long)getpid());
    struct import_options opt = {.rejects_path = rejects};
    assert_int_equal(fx_import_sample(f, IMPORT_ORDERS, "orders_bad.csv", &opt), ERR_OK);
    assert_printed(f, "orders_bad.csv:3: column 'quantity': negative: a return or a cancellation");
    assert_printed(f, "orders_bad.csv:4: column 'account_code': no account with this code (\"NOPE\")");
    assert_printed(f, "orders_bad.csv:5: column 'placed_at': not a date and time");
    assert_printed(
        f, "orders_bad.csv:7: column 'customer_email': differs from line 6, the first line of order X-4");
    assert_printed(f, "orders_bad.csv:8: column 'quantity': must be at least 1");
    assert_printed(f, "orders_bad.csv:9: column 'unit_price': not a number; expected an amount like 1234.50, "
                      "1,234.50 or -3 (decimal point) (\"abc\")");
    assert_int_equal(f->rep.rows_written, 1);
    assert_int_equal(f->rep.rows_rejected, 7);
    struct order o;
    assert_int_equal(order_store_find_number(f->db, "G-1", &o, NULL), ERR_OK);
    assert_int_equal(order_store_find_number(f->db, "X-4", &o, NULL), ERR_NOTFOUND);
    FILE *r = fopen(rejects, "rb");
    char buf[4096] = "";
    assert_non_null(r);
    size_t n = fread(buf, 1, sizeof buf - 1, r);
    buf[n] = '\0';
    fclose(r);
    unlink(rejects);
    assert_non_null(strstr(buf, "\"reason\",\"number\",\"placed_at\""));
    /* the good first line of X-4 goes with its order, saying why */
    assert_non_null(strstr(buf, "\"order X-4 has a bad line (line 7)\",\"X-4\""));
    assert_non_null(strstr(buf, "\"line 3: column 'quantity': negative"));
    fx_free(f);
}

static void test_import_rejects_imports_good_rows_and_keeps_bad_ones_as_they_came(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    char rejects[96];
    snprintf(rejects, sizeof rejects, "%s/comptoir-unit-%ld-rejects.csv", test_tmp_dir(), (long)getpid());
    struct import_options opt = {.rejects_path = rejects};
    assert_int_equal(fx_import_sample(f, IMPORT_ACCOUNTS, "accounts_bad.csv", &opt), ERR_OK);
    assert_int_equal(f->rep.rows_written, 1);
    assert_int_equal(f->rep.rows_rejected, 6);
    struct account a;
    assert_int_equal(account_store_find_code(f->db, "GOOD", &a, NULL), ERR_OK);
    char buf[4096] = "";
    FILE *r = fopen(rejects, "rb");
    assert_non_null(r);
    size_t n = fread(buf, 1, sizeof buf - 1, r);
    buf[n] = '\0';
    fclose(r);
    unlink(rejects);
    assert_non_null(strstr(buf, "\"reason\",\"code\",\"name\",\"payment_terms_days\",\"rep\",\"email\"\r\n"));
    assert_non_null(strstr(buf, "\"line 3: 6 fields where the header has 5 (an unquoted comma?)\",\"BLONP\","
                                "\"Blondel p\xc3\xa8re et fils\",\"24\",\" place Kl\xc3\xa9"
                                "ber\",\"\",\"\"\r\n"));
    fx_free(f);
}

static void test_import_existing_key_is_an_error_unless_update(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS,
                                    "name,email,city,loyalty_points\nAna,ana@x.es,Sevilla,10\n", NULL),
                     ERR_OK);
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS, "email,name\nANA@x.es,Ana María\n", NULL),
                     ERR_INVALID);
    assert_printed(f, ":2: column 'email': already exists; --update changes existing records (\"ANA@x.es\")");
    struct import_options opt = {.update = true};
    assert_int_equal(
        fx_import_text(f, IMPORT_CUSTOMERS, "email,name,loyalty_points\nana@x.es,Ana María,\n", &opt),
        ERR_OK);
    struct customer c;
    assert_int_equal(customer_store_find_email(f->db, "ana@x.es", &c, NULL), ERR_OK);
    assert_string_equal(c.name, "Ana María");
    assert_string_equal(c.city, "Sevilla"); /* a column the file lacks stays as it was */
    assert_int_equal(c.loyalty_points, 10); /* an empty number keeps the stored one */
    fx_free(f);
}

static void test_import_update_still_needs_required_columns_for_a_new_record(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_text(f, IMPORT_PRODUCTS, "sku,name,list_price\nA-1,Apple,1.00\n", NULL),
                     ERR_OK);
    struct import_options opt = {.update = true};
    assert_int_equal(fx_import_text(f, IMPORT_PRODUCTS, "sku,stock_on_hand\nA-1,7\nB-2,3\n", &opt),
                     ERR_INVALID);
    assert_printed(f, ":3: column 'list_price': needed for a new record");
    opt = (struct import_options){.update = true};
    assert_int_equal(fx_import_text(f, IMPORT_PRODUCTS, "sku,stock_on_hand\nA-1,7\n", &opt), ERR_OK);
    struct product p;
    assert_int_equal(product_store_find_sku(f->db, "A-1", &p, NULL), ERR_OK);
    assert_int_equal(p.stock_on_hand, 7);
    assert_int_equal(p.list_price, 100);
    fx_free(f);
}

static void test_import_dry_run_checks_everything_and_writes_nothing(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    struct import_options opt = {.dry_run = true};
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS, "name,email\nA,a@x.fr\nB,b@x.fr\nA2,A@x.fr\n", &opt),
                     ERR_INVALID);
    assert_printed(f, ":4: column 'email': already exists");
    opt = (struct import_options){.dry_run = true};
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS, "name,email\nA,a@x.fr\nB,b@x.fr\n", &opt), ERR_OK);
    assert_int_equal(f->rep.rows_written, 2);
    assert_false(customer_exists(f, "a@x.fr"));
    fx_free(f);
}

static void test_import_map_and_null_read_another_systems_columns(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    struct import_options opt = {.map = "code=customerID,name=companyName,billing_address=address",
                                 .null_text = "NULL"};
    assert_int_equal(fx_import_text(f, IMPORT_ACCOUNTS,
                                    "customerID,companyName,contactName,address,city,region\n"
                                    "ALFKI,Alfreds Futterkiste,Maria Anders,Obere Str. 57,Berlin,NULL\n",
                                    &opt),
                     ERR_OK);
    assert_printed(f, "warning: ignoring columns that map to nothing: 'contactName', 'region'");
    struct account a;
    assert_int_equal(account_store_find_code(f->db, "ALFKI", &a, NULL), ERR_OK);
    assert_string_equal(a.billing_address, "Obere Str. 57");
    fx_free(f);
}

static void test_import_missing_required_column_fails_at_line_1(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_text(f, IMPORT_PRODUCTS, "sku,name\nA,B\n", NULL), ERR_INVALID);
    assert_printed(f, ":1: column 'list_price': required, but the header has no such column");
    assert_int_equal(fx_import_text(f, IMPORT_PRODUCTS, "", NULL), ERR_INVALID);
    assert_printed(f, ":1: the file is empty: a header row is required");
    fx_free(f);
}

static void test_import_quote_never_closed_is_an_error_at_its_line(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(
        fx_import_text(f, IMPORT_CUSTOMERS, "name,email\nA,a@x.fr\n\"B,b@x.fr\nC,c@x.fr\n", NULL),
        ERR_INVALID);
    assert_printed(f, ":3: a quoted field is never closed");
    assert_printed(f, "1 error; nothing was imported");
    assert_false(customer_exists(f, "a@x.fr"));
    /* with --rejects the order the file ends in is not written half */
    assert_int_equal(fx_import_sample(f, IMPORT_PRODUCTS, "products.csv", NULL), ERR_OK);
    char rejects[96];
    snprintf(rejects, sizeof rejects, "%s/comptoir-unit-%ld-rejects.csv", test_tmp_dir(), (long)getpid());
    struct import_options opt = {.rejects_path = rejects};
    assert_int_equal(fx_import_text(f, IMPORT_ORDERS,
                                    "number,placed_at,sku,quantity,unit_price,description\n"
                                    "N-1,2024-01-01,PAPER-A4,1,4.99,ok\n"
                                    "N-2,2024-01-01,PAPER-A4,1,4.99,ok\n"
                                    "N-2,2024-01-01,PAPER-A4,1,4.99,\"cut\n",
                                    &opt),
                     ERR_OK);
    unlink(rejects);
    struct order o;
    assert_int_equal(order_store_find_number(f->db, "N-1", &o, NULL), ERR_OK);
    assert_int_equal(order_store_find_number(f->db, "N-2", &o, NULL), ERR_NOTFOUND);
    fx_free(f);
}

static void test_import_is_for_admins_only(void **state)
{
    (void)state;
    struct fx *f = fx_new("david");
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS, "name,email\nA,a@x.fr\n", NULL), ERR_DENIED);
    assert_false(customer_exists(f, "a@x.fr"));
    fx_free(f);
}

static void test_import_writes_one_audit_entry_with_the_counts(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    char path[640];
    sample_path("customers.csv", path, sizeof path);
    assert_int_equal(fx_import_file(f, IMPORT_CUSTOMERS, path, NULL), ERR_OK);
    struct rows rows_read = {0};
    size_t len = strlen(path);
    const char *key = len > 64 ? path + len - 64 : path;
    assert_int_equal(audit_store_for_object(f->db, "file", key, NULL, &rows_read, NULL), ERR_OK);
    const struct audit_entry *rows = rows_read.items;
    int n = rows_read.n;
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].action, "import");
    assert_non_null(strstr(rows[0].after_json, "\"rows_written\":5"));
    /* and none per customer */
    assert_int_equal(audit_store_for_object(f->db, "customer", "ana@example.com", NULL, &rows_read, NULL),
                     ERR_OK);
    assert_int_equal(rows_read.n, 0);
    audit_entries_free(&rows_read);
    fx_free(f);
}

static void test_import_strips_the_formula_guard_it_writes(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    assert_int_equal(fx_import_text(f, IMPORT_CUSTOMERS, "name,email,address\n'=1+1,g@x.fr,'@home\n", NULL),
                     ERR_OK);
    struct customer c;
    assert_int_equal(customer_store_find_email(f->db, "g@x.fr", &c, NULL), ERR_OK);
    assert_string_equal(c.name, "=1+1");
    assert_string_equal(c.address, "@home");
    fx_free(f);
}

/* ------------------------------------------------------------- export */

static void test_export_guards_formulas_but_not_numbers(void **state)
{
    (void)state;
    struct fx *f = fx_new("root");
    fx_import_all_samples(f);
    char *out = fx_export(f, IMPORT_CUSTOMERS);
    assert_non_null(strstr(out, "\"'=cmd|' /C calc'!A0\""));
    assert_non_null(strstr(out, "\"'@SUM(1+1)\""));
    assert_non_null(strstr(out, "\"+34 600 123 456\"") == NULL ? "" : NULL); /* a phone with spaces is text */
    free(out);
    out = fx_export(f, IMPORT_ACCOUNTS);
    assert_non_null(strstr(out, "\"'-\"\r\n")); /* TOKY's notes: a lone minus is text */
    assert_non_null(strstr(out, "\"25000.50\""));
    free(out);
    fx_free(f);
}

/* A generated file of n rows: fmt gets the row number (twice). */
static char *generated_csv(const char *header, const char *fmt, int n)
{
    size_t cap = strlen(header) + (size_t)n * 128 + 1, len = 0;
    char *buf = malloc(cap);
    len += (size_t)snprintf(buf, cap, "%s\n", header);
    for (int i = 1; i <= n; i++)
        len += (size_t)snprintf(buf + len, cap - len, fmt, i, i);
    return buf;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_export_pages_through_more_than_one_page(void **state)
{
    (void)state;
    struct fx *one = fx_new("root"), *two = fx_new("root");
    static const struct {
        enum import_kind kind;
        const char *header, *fmt;
        int n;
    } sets[] = {
        {IMPORT_ACCOUNTS, "code,name", "A%04d,Account %d\n", 1201},
        {IMPORT_CONTACTS, "account_code,name", "A%04d,Contact %d\n", 1201},
        {IMPORT_CUSTOMERS, "name,email", "Customer %d,c%d@example.com\n", 1201},
        {IMPORT_PRODUCTS, "sku,name,list_price", "S-%d,Product %d,1.00\n", 1201},
        {IMPORT_ORDERS, "number,placed_at,sku,quantity,unit_price", "N%05d,2024-01-01,S-%d,1,1.00\n", 1201},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char *text = generated_csv(sets[i].header, sets[i].fmt, sets[i].n);
        assert_int_equal(fx_import_text(one, sets[i].kind, text, NULL), ERR_OK);
        free(text);
        char *first = fx_export(one, sets[i].kind);
        assert_int_equal(count_lines(first), sets[i].n + 1);
        assert_int_equal(fx_import_text(two, sets[i].kind, first, NULL), ERR_OK);
        char *second = fx_export(two, sets[i].kind);
        assert_string_equal(first, second);
        free(first);
        free(second);
    }
    fx_free(one);
    fx_free(two);
}

static void test_export_then_import_into_an_empty_database_gives_the_same_bytes(void **state)
{
    (void)state;
    struct fx *one = fx_new("root"), *two = fx_new("root");
    fx_import_all_samples(one);
    for (int k = 0; k < IMPORT_KIND_COUNT; k++) {
        char *first = fx_export(one, (enum import_kind)k);
        assert_int_equal(fx_import_text(two, (enum import_kind)k, first, NULL), ERR_OK);
        char *second = fx_export(two, (enum import_kind)k);
        assert_string_equal(first, second);
        assert_non_null(strchr(first, '\n'));
        assert_true(strlen(first) > 200); /* something beyond the header */
        free(first);
        free(second);
    }
    fx_free(one);
    fx_free(two);
}

#define READER_TESTS                                                                                         \
    cmocka_unit_test(test_reader_reports_the_line_where_a_multiline_record_starts),                          \
        cmocka_unit_test(test_reader_accepts_crlf_and_reads_crlf_inside_quotes_as_a_newline),                \
        cmocka_unit_test(test_reader_handles_quoted_commas_and_doubled_quotes),                              \
        cmocka_unit_test(test_reader_keeps_spaces_as_data),                                                  \
        cmocka_unit_test(test_reader_skips_a_bom_and_blank_lines_but_counts_them),                           \
        cmocka_unit_test(test_reader_flags_the_field_with_invalid_utf8),                                     \
        cmocka_unit_test(test_reader_reports_an_unclosed_quote_at_the_line_it_opens),                        \
        cmocka_unit_test(test_reader_counts_fields_so_an_unquoted_comma_shows),                              \
        cmocka_unit_test(test_utf8_validator_refuses_overlongs_surrogates_and_nul),                          \
        cmocka_unit_test(test_header_matches_names_in_any_order_and_case),                                   \
        cmocka_unit_test(test_header_map_renames_theirs_and_null_text_means_no_value),                       \
        cmocka_unit_test(test_header_without_a_required_column_is_an_error_naming_it),                       \
        cmocka_unit_test(test_header_map_to_an_unknown_column_of_ours_is_a_usage_error),                     \
        cmocka_unit_test(test_errors_are_file_line_column_reason_value_and_capped),                          \
        cmocka_unit_test(test_writer_quotes_every_cell_and_ends_rows_with_crlf),                             \
        cmocka_unit_test(test_guard_prefixes_formulas_but_not_plain_numbers),                                \
        cmocka_unit_test(test_guard_round_trip_is_exact)

#define IMPORT_TESTS                                                                                         \
    cmocka_unit_test(test_import_good_samples_write_every_row),                                              \
        cmocka_unit_test(test_import_orders_groups_rows_by_number_and_totals_its_lines),                     \
        cmocka_unit_test(test_import_orders_keeps_a_lines_discount_and_exports_it),                          \
        cmocka_unit_test(test_import_bad_accounts_report_each_line_and_write_nothing),                       \
        cmocka_unit_test(test_import_bad_customers_name_the_line_a_multiline_record_starts_on),              \
        cmocka_unit_test(test_import_bad_products_explain_money_tax_and_flags),                              \
        cmocka_unit_test(test_import_bad_orders_reject_whole_orders),                                        \
        cmocka_unit_test(test_import_rejects_imports_good_rows_and_keeps_bad_ones_as_they_came),             \
        cmocka_unit_test(test_import_existing_key_is_an_error_unless_update),                                \
        cmocka_unit_test(test_import_update_still_needs_required_columns_for_a_new_record),                  \
        cmocka_unit_test(test_import_dry_run_checks_everything_and_writes_nothing),                          \
        cmocka_unit_test(test_import_map_and_null_read_another_systems_columns),                             \
        cmocka_unit_test(test_import_missing_required_column_fails_at_line_1),                               \
        cmocka_unit_test(test_import_quote_never_closed_is_an_error_at_its_line),                            \
        cmocka_unit_test(test_import_is_for_admins_only),                                                    \
        cmocka_unit_test(test_import_writes_one_audit_entry_with_the_counts),                                \
        cmocka_unit_test(test_import_strips_the_formula_guard_it_writes),                                    \
        cmocka_unit_test(test_export_guards_formulas_but_not_numbers),                                       \
        cmocka_unit_test(test_export_pages_through_more_than_one_page),                                      \
        cmocka_unit_test(test_export_then_import_into_an_empty_database_gives_the_same_bytes)

int main(void)
{
    const struct CMUnitTest tests[] = {READER_TESTS, IMPORT_TESTS};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
