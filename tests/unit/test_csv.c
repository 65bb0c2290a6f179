/* CSV: the reader (lines, quoting, UTF-8), the header binding (--map,
 * --null), the writer and its formula guard; then import and export of every
 * kind: good files, every kind of bad one (nothing written), --rejects,
 * --update, --dry-run, and the export → import → export round trip. */
#include "testutil.h"

#include "csv_private.h"

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

static void test_reader_accepts_crlf_and_keeps_crlf_inside_quotes(void **state)
{
    (void)state;
    struct collected c;
    struct err e = {0};
    assert_int_equal(READ("a,b\r\n\"x\r\ny\",2\r\nz,3", &c, &e), ERR_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.text[1], "x\r\ny|2");
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
    assert_int_equal(c.bad[1], 1); /* Latin-1 é */
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
    assert_int_equal(READ("code,address,city\nBLONP,24, place Kl\xC3\xA9""ber,Strasbourg\n", &c, &e), ERR_OK);
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

static const struct csv_column people_cols[] = {
    {"name", CSV_COL_REQUIRED | CSV_COL_TEXT}, {"email", CSV_COL_REQUIRED | CSV_COL_TEXT},
    {"city", CSV_COL_TEXT}, {"points", 0}};

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
    int rc = csv_header_bind(&h, people_cols, 4, &hdr, "name=companyName,email=mail,city=town", "NULL",
                             &sink, &e);
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
    static const char *texts[] = {"=1+1", "'=1+1", "''=x", "-5", "'-5", "-", "'", "''", "'a",
                                  "@home", "\t", "plain", "+", "-x", "'\r"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char guarded[64];
        snprintf(guarded, sizeof guarded, "%s%s", csv_text_needs_guard(texts[i]) ? "'" : "", texts[i]);
        assert_string_equal(csv_text_unguard(guarded), texts[i]);
    }
}

#define READER_TESTS                                                                     \
    cmocka_unit_test(test_reader_reports_the_line_where_a_multiline_record_starts),      \
    cmocka_unit_test(test_reader_accepts_crlf_and_keeps_crlf_inside_quotes),             \
    cmocka_unit_test(test_reader_handles_quoted_commas_and_doubled_quotes),              \
    cmocka_unit_test(test_reader_keeps_spaces_as_data),                                  \
    cmocka_unit_test(test_reader_skips_a_bom_and_blank_lines_but_counts_them),           \
    cmocka_unit_test(test_reader_flags_the_field_with_invalid_utf8),                     \
    cmocka_unit_test(test_reader_reports_an_unclosed_quote_at_the_line_it_opens),        \
    cmocka_unit_test(test_reader_counts_fields_so_an_unquoted_comma_shows),              \
    cmocka_unit_test(test_utf8_validator_refuses_overlongs_surrogates_and_nul),          \
    cmocka_unit_test(test_header_matches_names_in_any_order_and_case),                   \
    cmocka_unit_test(test_header_map_renames_theirs_and_null_text_means_no_value),       \
    cmocka_unit_test(test_header_without_a_required_column_is_an_error_naming_it),       \
    cmocka_unit_test(test_header_map_to_an_unknown_column_of_ours_is_a_usage_error),     \
    cmocka_unit_test(test_errors_are_file_line_column_reason_value_and_capped),          \
    cmocka_unit_test(test_writer_quotes_every_cell_and_ends_rows_with_crlf),             \
    cmocka_unit_test(test_guard_prefixes_formulas_but_not_plain_numbers),                \
    cmocka_unit_test(test_guard_round_trip_is_exact)

int main(void)
{
    const struct CMUnitTest tests[] = {READER_TESTS};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
