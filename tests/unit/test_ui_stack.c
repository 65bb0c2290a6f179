/* The screen stack and key dispatch without a terminal: the screen's tables
 * first, then its text input, then the global keys; closing screens; the
 * command line taking keys while open. */
#include <locale.h>

#include "testutil.h"
#include "ui/shell.h"

struct fake_screen {
    struct screen base;
    int edits, inputs, reloads;
    bool typing;
    bool unsaved;
    bool *destroyed;
};

static int fake_edit(void *p)
{
    ((struct fake_screen *)p)->edits++;
    return UI_DRAW;
}

static const struct keydef fake_keys[] = {
    {UA_EDIT, fake_edit, KEYDEF_BAR, NULL},
};

static int fake_keytables(struct screen *s, struct keytable *out, int max)
{
    (void)max;
    out[0] = (struct keytable)KEYTABLE("Fake", fake_keys, s);
    return 1;
}

static int fake_input(struct screen *s, int key)
{
    struct fake_screen *f = (struct fake_screen *)s;
    if (!f->typing || !key_is_text(key))
        return UI_PASS;
    f->inputs++;
    return UI_DRAW;
}

static int fake_reload(struct screen *s)
{
    ((struct fake_screen *)s)->reloads++;
    return UI_DRAW;
}

static void fake_draw(struct screen *s)
{
    (void)s;
}

static void fake_destroy(struct screen *s)
{
    struct fake_screen *f = (struct fake_screen *)s;
    if (f->destroyed)
        *f->destroyed = true;
    free(f);
}

static bool fake_typing(struct screen *s)
{
    return ((struct fake_screen *)s)->typing;
}

static bool fake_unsaved(struct screen *s)
{
    return ((struct fake_screen *)s)->unsaved;
}

static const struct screen_ops fake_ops = {
    .kind = "fake",
    .typing = fake_typing,
    .unsaved = fake_unsaved,
    .draw = fake_draw,
    .keytables = fake_keytables,
    .input = fake_input,
    .reload = fake_reload,
    .destroy = fake_destroy,
};

static struct fake_screen *fake_new(struct console *c, const char *title)
{
    struct fake_screen *f = xcalloc(1, sizeof *f);
    screen_init(&f->base, &fake_ops, c, title);
    return f;
}

static struct console *console_fake(void)
{
    static struct console c;
    memset(&c, 0, sizeof c);
    c.lines = 24;
    c.cols = 80;
    return &c;
}

static void test_a_screen_key_comes_before_the_global_keys(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *home = fake_new(c, "Home");
    console_push(c, &home->base);
    assert_int_equal(console_dispatch(c, 'e') & UI_DRAW, UI_DRAW);
    assert_int_equal(home->edits, 1);
    /* 'q' is no key of the screen: the global table takes it; on Home it quits */
    assert_int_equal(console_dispatch(c, 'q') & UI_QUIT, UI_QUIT);
    console_free(c);
}

static void test_esc_on_home_never_leaves_the_program(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *home = fake_new(c, "Home"), *list = fake_new(c, "List");
    console_push(c, &home->base);
    console_push(c, &list->base);
    assert_int_equal(console_dispatch(c, UI_KEY_ESC) & UI_QUIT, 0);
    assert_true(list->base.closing);
    console_apply_pops(c);
    for (int i = 0; i < 3; i++)
        assert_int_equal(console_dispatch(c, UI_KEY_ESC) & UI_QUIT, 0);
    assert_int_equal(console_apply_pops(c), UI_DONE);
    assert_int_equal(c->depth, 1);
    assert_false(home->base.closing);
    console_free(c);
}

static void test_quitting_with_unsaved_text_asks_first(void **state)
{
    (void)state;
    static const int quits[] = {UI_KEY_F10, UI_KEY_INTERRUPT, 'Q'};
    for (size_t i = 0; i < sizeof quits / sizeof quits[0]; i++) {
        struct console *c = console_fake();
        struct fake_screen *home = fake_new(c, "Home"), *form = fake_new(c, "Form");
        console_push(c, &home->base);
        console_push(c, &form->base);
        form->typing = form->unsaved = true;
        int r = console_dispatch(c, quits[i] == 'Q' ? UI_KEY_F10 : quits[i]);
        assert_int_equal(r & UI_QUIT, 0); /* a question, not a quit */
        assert_int_equal(c->depth, 3);
        assert_true(console_top(c)->overlay);
        console_dispatch(c, 'n');
        console_apply_pops(c);
        assert_int_equal(c->depth, 2); /* no: the form and its text stay */
        console_dispatch(c, UI_KEY_F10);
        assert_int_equal(console_dispatch(c, 'y') & UI_QUIT, UI_QUIT);
        console_free(c);
    }
    struct console *c = console_fake();
    struct fake_screen *home = fake_new(c, "Home");
    console_push(c, &home->base);
    assert_int_equal(console_dispatch(c, UI_KEY_F10) & UI_QUIT, UI_QUIT); /* nothing to lose: at once */
    console_free(c);
}

static void test_typing_screens_take_text_before_the_global_keys(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *form = fake_new(c, "Form");
    form->typing = true;
    console_push(c, &form->base);
    console_dispatch(c, 'q');
    console_dispatch(c, ':');
    assert_int_equal(form->inputs, 2);
    assert_false(form->base.closing);
    assert_false(c->cmd_open);
    console_free(c);
}

static void test_closing_a_screen_reloads_the_one_below_when_data_changed(void **state)
{
    (void)state;
    char path[64];
    struct db *db = test_db_new(path);
    struct app app = test_app_as(db, "root");
    struct console *c = console_fake();
    c->app = &app;
    bool destroyed = false;
    struct fake_screen *list = fake_new(c, "List"), *detail = fake_new(c, "Detail");
    detail->destroyed = &destroyed;
    console_push(c, &list->base);
    console_push(c, &detail->base);
    console_pop(c);
    assert_int_equal(c->depth, 2); /* nothing is freed while a handler may still run */
    assert_int_equal(console_apply_pops(c), UI_DRAW);
    assert_true(destroyed);
    assert_int_equal(c->depth, 1);
    assert_int_equal(list->reloads, 0); /* only looked: the list keeps its rows */
    struct fake_screen *form = fake_new(c, "Form");
    console_push(c, &form->base);
    assert_int_equal(settings_store_set(db, "x", "saved", NULL), ERR_OK); /* the form saved */
    console_pop(c);
    assert_int_equal(console_apply_pops(c), UI_DRAW);
    assert_int_equal(list->reloads, 1);
    console_free(c);
    db_close(&db);
    test_db_remove(path);
}

static void test_the_command_line_takes_keys_while_open(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *home = fake_new(c, "Home");
    console_push(c, &home->base);
    console_dispatch(c, ':');
    assert_true(c->cmd_open);
    console_dispatch(c, 'e');
    assert_int_equal(home->edits, 0);
    assert_int_equal(c->cmd.len, 1);
    console_dispatch(c, UI_KEY_ESC);
    assert_false(c->cmd_open);
    console_dispatch(c, 'e');
    assert_int_equal(home->edits, 1);
    console_free(c);
}

static void test_keys_typed_while_too_small_are_kept(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *home = fake_new(c, "Home");
    console_push(c, &home->base);
    c->too_small = true;
    assert_int_equal(console_dispatch(c, 'e'), UI_DONE);
    assert_int_equal(console_dispatch(c, 'e'), UI_DONE);
    assert_int_equal(home->edits, 0); /* nothing happens on a screen the user cannot see */
    c->too_small = false;
    console_replay(c);
    assert_int_equal(home->edits, 2); /* … and nothing typed is lost */
    assert_int_equal(c->npending, 0);
    console_free(c);
}

static void test_key_tables_offer_no_text_keys_while_typing(void **state)
{
    (void)state;
    struct console *c = console_fake();
    struct fake_screen *form = fake_new(c, "Form");
    struct keytable tables[4];
    console_push(c, &form->base);
    int n = console_keytables(c, &form->base, tables, 4);
    assert_non_null(keytables_find(tables, n, 'q', NULL));
    form->typing = true;
    n = console_keytables(c, &form->base, tables, 4);
    assert_null(keytables_find(tables, n, 'q', NULL)); /* q is text now: the bar must not offer it */
    assert_null(keytables_find(tables, n, ':', NULL));
    assert_non_null(keytables_find(tables, n, UI_KEY_F1, NULL));
    console_free(c);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_screen_key_comes_before_the_global_keys),
        cmocka_unit_test(test_typing_screens_take_text_before_the_global_keys),
        cmocka_unit_test(test_closing_a_screen_reloads_the_one_below_when_data_changed),
        cmocka_unit_test(test_the_command_line_takes_keys_while_open),
        cmocka_unit_test(test_keys_typed_while_too_small_are_kept),
        cmocka_unit_test(test_esc_on_home_never_leaves_the_program),
        cmocka_unit_test(test_quitting_with_unsaved_text_asks_first),
        cmocka_unit_test(test_key_tables_offer_no_text_keys_while_typing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
