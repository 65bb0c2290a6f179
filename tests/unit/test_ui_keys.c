/* The key map and key tables: one meaning per key in each mode, Esc never
 * quits, what changes a state asks first, the quick order's keys kept free,
 * lookup through a chain of tables, names for help and traces, and the
 * README's key section equal to the map it is generated from.
 * `test_ui_keys --markdown` prints that section (`make keymap` uses it). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/strbuf.h"
#include "testutil.h"
#include "ui/keys.h"

static int handler_a(void *t)
{
    (void)t;
    return UI_DRAW;
}

static int handler_b(void *t)
{
    (void)t;
    return UI_QUIT;
}

static const struct keydef screen_keys[] = {
    {UA_DOWN, handler_a, KEYDEF_BAR, NULL},
    {UA_EDIT, handler_a, KEYDEF_BAR, "Edit the thing"},
};
static const struct keydef global_keys[] = {
    {UA_BACK, handler_b, KEYDEF_BAR, NULL},
    {UA_EDIT, handler_b, 0, "Shadowed"},
};

/* The modes two actions share in which key is a key (a character is text while typing). */
static unsigned shared_modes(const struct ui_action_def *a, const struct ui_action_def *b, int key)
{
    unsigned both = a->modes & b->modes;
    if (key_is_text(key))
        both &= ~(unsigned)KEYMODE_TYPING;
    return both;
}

/* Every screen a user moves between is in one of three modes; within a mode a
 * key has one meaning on every screen, since a screen binds actions only. */
static void test_one_key_has_one_meaning_in_each_mode(void **state)
{
    (void)state;
    int clashes = 0;
    for (int a = 0; a < UA_COUNT; a++)
        for (int b = a + 1; b < UA_COUNT; b++)
            for (int i = 0; i < 4 && ui_actions[a].keys[i]; i++)
                for (int j = 0; j < 4 && ui_actions[b].keys[j]; j++) {
                    int key = ui_actions[a].keys[i];
                    if (key != ui_actions[b].keys[j] ||
                        shared_modes(&ui_actions[a], &ui_actions[b], key) == 0)
                        continue;
                    char name[32];
                    print_message("key %s means both '%s' and '%s'\n", ui_key_name(key, name, sizeof name),
                                  ui_actions[a].name, ui_actions[b].name);
                    clashes++;
                }
    assert_int_equal(clashes, 0);
}

/* The clashes users met: a/r in Approvals against the quote, s sort against submit. */
static void test_approve_reject_and_sort_mean_the_same_everywhere(void **state)
{
    (void)state;
    const struct keydef approvals[] = {{UA_APPROVE, handler_a, 0, NULL}, {UA_REJECT, handler_a, 0, NULL}};
    const struct keydef quote[] = {{UA_NEW, handler_a, 0, "Add line"}, {UA_STATUS, handler_a, 0, NULL}};
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 2; j++)
            for (int k = 0; k < 4 && keydef_action(&approvals[i])->keys[k]; k++)
                assert_null(keydef_find(&quote[j], 1, keydef_action(&approvals[i])->keys[k]));
    assert_int_equal(ui_actions[UA_SORT].keys[0], 's');
    for (int a = 0; a < UA_COUNT; a++)
        if (a != UA_SORT && (ui_actions[a].modes & KEYMODE_BROWSE))
            for (int k = 0; k < 4 && ui_actions[a].keys[k]; k++)
                assert_int_not_equal(ui_actions[a].keys[k], 's');
}

static void test_every_action_is_named_and_shown(void **state)
{
    (void)state;
    for (int a = 0; a < UA_COUNT; a++) {
        const struct ui_action_def *d = &ui_actions[a];
        assert_non_null(d->name);
        assert_non_null(d->label);
        assert_non_null(d->shown);
        assert_non_null(d->where);
        assert_int_not_equal(d->keys[0], 0);
        assert_int_not_equal(d->modes, 0);
        for (int b = a + 1; b < UA_COUNT; b++)
            if (strcmp(d->name, ui_actions[b].name) == 0)
                assert_int_equal(d->modes & ui_actions[b].modes, 0); /* a name is one action */
    }
}

static void test_esc_steps_back_and_never_quits(void **state)
{
    (void)state;
    for (int a = 0; a < UA_COUNT; a++)
        for (int k = 0; k < 4 && ui_actions[a].keys[k]; k++)
            if (ui_actions[a].keys[k] == UI_KEY_ESC)
                assert_int_equal(a, UA_BACK);
    assert_true(ui_actions[UA_BACK].modes & KEYMODE_BROWSE);
    assert_true(ui_actions[UA_BACK].modes & KEYMODE_TYPING);
    assert_true(ui_actions[UA_BACK].modes & KEYMODE_MODAL);
}

static void test_what_changes_a_state_asks_first(void **state)
{
    (void)state;
    static const enum ui_action asking[] = {UA_APPROVE, UA_REJECT, UA_STATUS, UA_REMOVE, UA_ENABLE, UA_QUIT};
    for (size_t i = 0; i < sizeof asking / sizeof asking[0]; i++)
        assert_true(ui_actions[asking[i]].flags & ACTION_ASKS);
    /* Ctrl-C and F10 are the quit that asks, not a way around it */
    const struct keydef quit[] = {{UA_QUIT, handler_b, 0, NULL}};
    assert_non_null(keydef_find(quit, 1, UI_KEY_INTERRUPT));
    assert_non_null(keydef_find(quit, 1, UI_KEY_F10));
}

static void test_the_quick_order_keys_are_kept_free(void **state)
{
    (void)state;
    static const int reserved[] = {UI_KEY_F3, UI_KEY_F4, UI_KEY_F5, UI_KEY_F6, UI_KEY_F7, UI_KEY_F8, '*'};
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        for (int a = 0; a < UA_COUNT; a++)
            for (int k = 0; k < 4 && ui_actions[a].keys[k]; k++)
                if (ui_actions[a].keys[k] == reserved[i])
                    assert_true(a >= UA_QO_SHIPPING && a <= UA_QO_QUANTITY);
    assert_true(ui_actions[UA_NEW].modes & KEYMODE_BROWSE); /* n on Home: a new quick order */
}

static void test_any_of_an_actions_keys_finds_it(void **state)
{
    (void)state;
    const struct keydef *d = keydef_find(screen_keys, 2, UI_KEY_DOWN);
    assert_non_null(d);
    assert_string_equal(keydef_action(d)->name, "down");
    assert_ptr_equal(keydef_find(screen_keys, 2, 'j'), d);
    assert_null(keydef_find(screen_keys, 2, 'x'));
    assert_null(keydef_find(screen_keys, 2, UI_KEY_NONE));
    assert_string_equal(keydef_label(&screen_keys[0]), "Next row");
    assert_string_equal(keydef_label(&screen_keys[1]), "Edit the thing");
}

static void test_the_first_table_in_the_chain_wins(void **state)
{
    (void)state;
    int target = 0;
    struct keytable chain[] = {KEYTABLE("Screen", screen_keys, &target),
                               KEYTABLE("Everywhere", global_keys, NULL)};
    const struct keytable *from = NULL;
    const struct keydef *d = keytables_find(chain, 2, 'e', &from);
    assert_string_equal(keydef_label(d), "Edit the thing");
    assert_ptr_equal(from->target, &target);
    d = keytables_find(chain, 2, UI_KEY_ESC, &from);
    assert_string_equal(keydef_action(d)->name, "back");
    assert_string_equal(from->title, "Everywhere");
    assert_int_equal(d->run(from->target), UI_QUIT);
}

static void test_characters_are_text_while_typing(void **state)
{
    (void)state;
    struct keytable chain[] = {KEYTABLE("Screen", screen_keys, NULL)};
    chain[0].typing = true;
    assert_null(keytables_find(chain, 1, 'j', NULL));
    assert_non_null(keytables_find(chain, 1, UI_KEY_DOWN, NULL));
    char shown[32];
    assert_string_equal(keydef_shown(&screen_keys[0], true, shown, sizeof shown), "↓");
    assert_string_equal(keydef_shown(&screen_keys[0], false, shown, sizeof shown), "j ↓");
}

static void test_key_names(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(ui_key_name('j', buf, sizeof buf), "j");
    assert_string_equal(ui_key_name(UI_KEY_DOWN, buf, sizeof buf), "Down");
    assert_string_equal(ui_key_name(UI_CTRL('l'), buf, sizeof buf), "C-l");
    assert_string_equal(ui_key_name(UI_KEY_ESC, buf, sizeof buf), "Esc");
    assert_string_equal(ui_key_name(UI_KEY_ENTER, buf, sizeof buf), "Enter");
    assert_string_equal(ui_key_name(UI_KEY_F8, buf, sizeof buf), "F8");
    assert_string_equal(ui_key_name(0xe9, buf, sizeof buf), "é");
    assert_true(key_is_text(0xe9));
    assert_true(key_is_text(0x6771)); /* 東 */
    assert_false(key_is_text(UI_KEY_DOWN));
    assert_false(key_is_text(UI_CTRL('a')));
}

/* The README section between its markers, or NULL. */
static char *readme_key_section(void)
{
    const char *root = getenv("COMPTOIR_ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/README.md", root && root[0] ? root : "..");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    struct strbuf all = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        strbuf_add(&all, buf);
    }
    fclose(f);
    const char *begin = strstr(strbuf_text(&all), "<!-- keymap:begin -->\n");
    const char *end = begin ? strstr(begin, "<!-- keymap:end -->") : NULL;
    char *section = NULL;
    if (begin && end) {
        begin += strlen("<!-- keymap:begin -->\n");
        section = xmalloc((size_t)(end - begin) + 1);
        memcpy(section, begin, (size_t)(end - begin));
        section[end - begin] = '\0';
    }
    strbuf_free(&all);
    return section;
}

static void test_the_readme_shows_the_key_map(void **state)
{
    (void)state;
    struct strbuf want = {0};
    keymap_markdown(&want);
    char *have = readme_key_section();
    assert_non_null(have);
    if (strcmp(have, strbuf_text(&want)) != 0)
        print_message("README.md's key section differs from ui/keymap.c: run `make keymap`\n");
    assert_string_equal(have, strbuf_text(&want));
    free(have);
    strbuf_free(&want);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    if (argc > 1 && strcmp(argv[1], "--markdown") == 0) {
        struct strbuf out = {0};
        keymap_markdown(&out);
        fputs(strbuf_text(&out), stdout);
        strbuf_free(&out);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_key_has_one_meaning_in_each_mode),
        cmocka_unit_test(test_approve_reject_and_sort_mean_the_same_everywhere),
        cmocka_unit_test(test_every_action_is_named_and_shown),
        cmocka_unit_test(test_esc_steps_back_and_never_quits),
        cmocka_unit_test(test_what_changes_a_state_asks_first),
        cmocka_unit_test(test_the_quick_order_keys_are_kept_free),
        cmocka_unit_test(test_any_of_an_actions_keys_finds_it),
        cmocka_unit_test(test_the_first_table_in_the_chain_wins),
        cmocka_unit_test(test_characters_are_text_while_typing),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_the_readme_shows_the_key_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
