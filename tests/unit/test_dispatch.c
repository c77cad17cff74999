/* test_dispatch.c - keys through the app without a terminal: counts,
 * multi-key prefixes, the focus chain and the ':' prompt, checked on the
 * screen model (the fixture is tests/fixtures/screen.txt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "appstate.h"
#include "draw.h"
#include "load.h"
#include "screen.h"
#include "testutil.h"
#include "utf8.h"

#define FIXTURE "tests/fixtures/screen.txt"

struct app_fx {
	struct app_args args;
	struct app_input in;
	struct app a;
	struct screen s;
};

static void
fx_open(struct app_fx *f)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	size_t len;
	char *bytes = slurp_file(FIXTURE, &len);

	assert_non_null(bytes);
	memset(f, 0, sizeof *f);
	f->args.config_path = "/dev/null";
	f->args.mouse = -1;
	f->args.gap = -1;
	f->args.ambiguous_wide = -1;
	f->in.path = "screen.txt";
	f->in.d = load_bytes("screen.txt", bytes, len, &lo);
	free(bytes);
	app_init(&f->a, &f->in, 1, &f->args);
	f->a.rows = 12;
	f->a.cols = 60;
	app_geometry(&f->a);
	screen_init(&f->s);
}

static void
fx_close(struct app_fx *f)
{
	screen_free(&f->s);
	app_fini(&f->a);
}

/* Sends the keys (UTF-8; "\r" is Enter, "\033" Esc) and draws. */
static void
keys(struct app_fx *f, const char *k)
{
	size_t i = 0, n = strlen(k);

	while (i < n) {
		uint32_t cp;
		unsigned dirty;

		i += utf8_decode(k + i, n - i, &cp);
		dirty = (unsigned)app_key(&f->a, cp);
		if (dirty & DIRTY_GEOMETRY)
			app_geometry(&f->a);
	}
	draw_app(&f->a, &f->s, DIRTY_ALL);
}

static char *
row(struct app_fx *f, int y)
{
	struct buf b;

	buf_init(&b);
	buf_putc(&b, 0);
	b.len = 0;
	screen_row_text(&f->s, y, &b);
	return buf_detach(&b, NULL);
}

static bool
row_has(struct app_fx *f, int y, const char *needle)
{
	char *t = row(f, y);
	bool yes = strstr(t, needle) != NULL;

	free(t);
	return yes;
}

/* "5j" moves five rows, like five "j"s; a count survives a prefix. */
static void
test_counts(void **state)
{
	struct app_fx f, g;
	char *a, *b;

	(void)state;
	fx_open(&f);
	fx_open(&g);
	keys(&f, "5j");
	keys(&g, "jjjjj");
	a = row(&f, 0);
	b = row(&g, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* The count is shown while it is typed and gone after. */
	keys(&f, "12");
	assert_true(row_has(&f, f.a.rows - 1, "12"));
	keys(&f, "\033");
	assert_false(row_has(&f, f.a.rows - 1, "12"));
	fx_close(&f);
	fx_close(&g);
}

/* "]]" and "z" are prefixes; an unbound second key is said, not run. */
static void
test_prefixes(void **state)
{
	struct app_fx f;

	(void)state;
	fx_open(&f);
	keys(&f, "]]");
	assert_true(row_has(&f, 0, "一、上山的路"));
	keys(&f, "]]");
	assert_true(row_has(&f, 0, "（一）路线"));
	keys(&f, "gg");
	assert_true(row_has(&f, 0, "山间小记"));
	/* "z" alone waits (shown in the status line) for its second key. */
	keys(&f, "z");
	assert_true(row_has(&f, f.a.rows - 1, "z"));
	keys(&f, "Q");
	assert_true(row_has(&f, f.a.rows - 1, "is not a command here"));
	assert_true(row_has(&f, 0, "山间小记"));
	fx_close(&f);
}

/* The ':' prompt: a line number, a setting, a command with an argument,
 * a mistake, and the line editor's keys. */
static void
test_prompt(void **state)
{
	struct app_fx f;

	(void)state;
	fx_open(&f);
	keys(&f, ":13\r");		/* input line 13: 二、山顶所见 */
	assert_true(row_has(&f, 0, "二、山顶所见"));
	keys(&f, ":no-such-thing\r");
	assert_true(row_has(&f, f.a.rows - 1, "unknown command"));
	keys(&f, ":paragraph-spacing = 0\r");
	assert_int_equal(f.a.cfg.para_gap, 0);
	/* Typing, Ctrl-W, Ctrl-U: what is left is what runs. */
	keys(&f, ":top\x15" "bottom\r");
	assert_false(row_has(&f, 0, "山间小记"));
	/* Esc leaves the prompt without running it. */
	keys(&f, ":top\033");
	assert_false(f.a.prompting);
	assert_false(row_has(&f, 0, "山间小记"));
	keys(&f, ":fold-levels 9\x17" "1\r");
	{
		/* "9" was deleted: level 1, every section one fold row. */
		int folds = 0;

		for (int y = 0; y < f.a.rows - 1; y++)
			folds += row_has(&f, y, "▸ ");
		assert_int_equal(folds, 3);
		assert_true(row_has(&f, f.a.rows - 1, "1 level"));
	}
	fx_close(&f);
}

/* Keys go to the focused sidebar first, then to the reader. */
static void
test_focus_chain(void **state)
{
	struct app_fx f;

	(void)state;
	fx_open(&f);
	keys(&f, "o");
	assert_int_equal(f.a.focus, KM_SIDEBAR);
	/* j moves the sidebar's selection, not the text. */
	keys(&f, "jj\r");
	assert_true(row_has(&f, 0, "（二）装备") || row_has(&f, 0, "（一）路线"));
	/* Typing a heading's characters filters the outline. */
	keys(&f, "o");
	if (f.a.focus != KM_SIDEBAR)
		keys(&f, "\x17");
	keys(&f, "附记\r");
	assert_true(row_has(&f, 0, "三、附记"));
	fx_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_prompt),
		cmocka_unit_test(test_focus_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
