/* test_screen.c - the screen model without a terminal: cells, wide
 * characters, clusters, sanitising, decorations, and whole screens of the
 * reading view compared with goldens in tests/golden/screen/ (GENERATE=1
 * rewrites them).  The fixture is tests/fixtures/screen.txt. */
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
#define GOLDEN "tests/golden/screen/"

static char *
row_text(const struct screen *s, int y)
{
	struct buf b;

	buf_init(&b);
	buf_putc(&b, 0);
	b.len = 0;
	screen_row_text(s, y, &b);
	return buf_detach(&b, NULL);
}

static void
test_put_basics(void **state)
{
	struct screen s;
	char *t;
	int used;

	UNUSED(state);
	screen_init(&s);
	screen_resize(&s, 3, 10);
	used = screen_put(&s, 0, 0, "ab中文", strlen("ab中文"), 10,
	    cell_style(STY_TEXT));
	assert_int_equal(used, 6);
	assert_int_equal(s.r[0].c[2].width, 2);
	assert_int_equal(s.r[0].c[3].width, 0);	/* right half */
	t = row_text(&s, 0);
	assert_string_equal(t, "ab中文");
	free(t);
	/* A wide character never goes into a last column alone. */
	used = screen_put(&s, 1, 0, "123456789中", strlen("123456789中"), 10,
	    cell_style(STY_TEXT));
	assert_int_equal(used, 9);
	/* Writing over one half of a wide character blanks the other. */
	screen_put(&s, 0, 3, "x", 1, 1, cell_style(STY_TEXT));
	t = row_text(&s, 0);
	assert_string_equal(t, "ab x文");
	free(t);
	screen_free(&s);
}

static void
test_put_sanitises(void **state)
{
	struct screen s;
	char *t;
	static const char evil[] = "a\033]0;x\007b\r\xe2\x80\xae";

	UNUSED(state);
	screen_init(&s);
	screen_resize(&s, 1, 40);
	screen_put(&s, 0, 0, evil, sizeof evil - 1, 40, cell_style(STY_TEXT));
	t = row_text(&s, 0);
	assert_string_equal(t, "a␛]0;x␇b␍<U+202E>");
	for (size_t i = 0; t[i] != '\0'; i++)
		assert_true((unsigned char)t[i] >= 0x20 && t[i] != 0x7f);
	free(t);
	screen_free(&s);
}

static void
test_clusters_and_trunc(void **state)
{
	struct screen s;
	char *t;
	int used;

	UNUSED(state);
	screen_init(&s);
	screen_resize(&s, 2, 8);
	/* e + combining acute is one cell. */
	used = screen_put(&s, 0, 0, "e\xcc\x81x", 4, 8, cell_style(STY_TEXT));
	assert_int_equal(used, 2);
	assert_int_equal(s.r[0].c[0].len, 3);
	t = row_text(&s, 0);
	assert_string_equal(t, "e\xcc\x81x");
	free(t);
	used = screen_put_trunc(&s, 1, 0, "一二三四五", strlen("一二三四五"),
	    8, cell_style(STY_TEXT));
	t = row_text(&s, 1);
	assert_string_equal(t, "一二三…");
	assert_int_equal(used, 7);
	free(t);
	screen_free(&s);
}

static void
test_row_buffer_bounded(void **state)
{
	struct screen s;

	UNUSED(state);
	screen_init(&s);
	screen_resize(&s, 1, 20);
	/* Half the row is never blanked (like the body beside a sidebar):
	 * its buffer must still not grow with every redraw. */
	for (int i = 0; i < 10000; i++)
		screen_put(&s, 0, 10, "中文中文中", strlen("中文中文中"), 10,
		    cell_style(STY_TEXT));
	screen_put(&s, 0, 0, "left", 4, 10, cell_style(STY_TEXT));
	assert_true(s.r[0].text.len < 1024);
	{
		char *t = row_text(&s, 0);

		assert_string_equal(t, "left      中文中文中");
		free(t);
	}
	screen_free(&s);
}

static void
test_deco_at(void **state)
{
	struct deco_list l;
	uint32_t next;

	UNUSED(state);
	memset(&l, 0, sizeof l);
	deco_add(&l, 100, 50, STY_SELECTION);	/* long, added first */
	deco_add(&l, 10, 4, STY_SEARCH);
	deco_add(&l, 120, 3, STY_SEARCH);
	deco_add(&l, 20, 4, STY_SEARCH_CURRENT);
	deco_add(&l, 20, 4, STY_SEARCH);
	assert_int_equal(deco_at(&l, 0, 1000, &next), STY_NONE);
	assert_int_equal(next, 10);
	assert_int_equal(deco_at(&l, 12, 1000, &next), STY_SEARCH);
	assert_int_equal(next, 14);
	/* The current hit wins over a hit on the same text. */
	assert_int_equal(deco_at(&l, 21, 1000, &next), STY_SEARCH_CURRENT);
	assert_int_equal(next, 24);
	/* A selection wins over a hit inside it; the long range is found
	 * from far after its start. */
	assert_int_equal(deco_at(&l, 121, 1000, &next), STY_SELECTION);
	assert_int_equal(deco_at(&l, 149, 1000, &next), STY_SELECTION);
	assert_int_equal(next, 150);
	assert_int_equal(deco_at(&l, 150, 1000, &next), STY_NONE);
	assert_int_equal(next, 1000);
	deco_free(&l);
}

/* The reading view on the fixture, drawn without a terminal. */
struct view {
	struct app_args args;
	struct load_opts lo;
	struct doc *d;
	struct app_input in;
	struct app a;
	struct screen s;
};

static void
view_open_fixture(struct view *v, int rows, int cols)
{
	size_t len;
	char *bytes = slurp_file(FIXTURE, &len);

	assert_non_null(bytes);
	memset(v, 0, sizeof *v);
	v->args.config_path = "/dev/null";	/* no user settings */
	v->args.mouse = -1;
	v->args.gap = -1;
	v->args.ambiguous_wide = -1;
	v->lo.format = -1;
	v->d = load_bytes("screen.txt", bytes, len, &v->lo);
	free(bytes);
	v->in.path = "screen.txt";
	v->in.d = v->d;		/* the app owns it from here */
	app_init(&v->a, &v->in, 1, &v->args);
	v->a.rows = rows;
	v->a.cols = cols;
	app_geometry(&v->a);
	screen_init(&v->s);
	draw_app(&v->a, &v->s, DIRTY_ALL);
}

static void
view_keys(struct view *v, const char *keys)
{
	for (const char *k = keys; *k != '\0'; k++) {
		unsigned dirty = (unsigned)app_key(&v->a, (uint32_t)*k);

		if (dirty & DIRTY_GEOMETRY)
			app_geometry(&v->a);
		draw_app(&v->a, &v->s, dirty | DIRTY_BODY | DIRTY_STATUS);
	}
}

static void
view_close_fixture(struct view *v)
{
	screen_free(&v->s);
	app_fini(&v->a);
}

/* Compares the whole screen with GOLDEN NAME.txt (or writes it). */
static void
golden(const struct view *v, const char *name)
{
	struct buf b;
	char path[256], *want;
	size_t wlen;

	buf_init(&b);
	for (int y = 0; y < v->s.rows; y++) {
		screen_row_text(&v->s, y, &b);
		buf_putc(&b, '\n');
	}
	snprintf(path, sizeof path, GOLDEN "%s.txt", name);
	if (getenv("GENERATE") != NULL && strcmp(getenv("GENERATE"), "1") == 0) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fwrite(b.data, 1, b.len, f);
		fclose(f);
	}
	want = slurp_file(path, &wlen);
	if (want == NULL)
		fail_msg("no golden %s (run with GENERATE=1)", path);
	if (wlen != b.len || memcmp(want, b.data, b.len) != 0)
		fail_msg("screen differs from %s:\n%s", path, b.data);
	free(want);
	buf_free(&b);
}

static void
test_screen_start(void **state)
{
	struct view v;

	UNUSED(state);
	view_open_fixture(&v, 24, 80);
	golden(&v, "start-80x24");
	view_close_fixture(&v);
	view_open_fixture(&v, 12, 40);
	golden(&v, "start-40x12");
	view_close_fixture(&v);
}

static void
test_screen_keys(void **state)
{
	struct view v;

	UNUSED(state);
	view_open_fixture(&v, 16, 80);
	view_keys(&v, "]]");		/* the first heading at the top */
	golden(&v, "next-heading");
	view_keys(&v, "\t");		/* its section folded */
	golden(&v, "fold");
	view_keys(&v, "\to");		/* unfolded, with the outline */
	golden(&v, "sidebar");
	view_close_fixture(&v);
}

/* Every occurrence of word is highlighted, the second as the current
 * hit: exactly its columns carry the decoration, in every row. */
static void
test_screen_decorations(void **state)
{
	static const char word[] = "凉亭";
	struct view v;
	const char *p;
	int nhits = 0, cells[2] = { 0, 0 };

	UNUSED(state);
	view_open_fixture(&v, 24, 80);
	for (p = v.d->text; (p = strstr(p, word)) != NULL; p += 1) {
		deco_add(v.a.deco, (uint32_t)(p - v.d->text),
		    sizeof word - 1, nhits == 1 ? STY_SEARCH_CURRENT :
		    STY_SEARCH);
		nhits++;
	}
	assert_int_equal(nhits, 2);
	draw_app(&v.a, &v.s, DIRTY_ALL);
	for (int y = 0; y < v.s.rows; y++) {
		struct buf d, t;
		const char *hit;

		buf_init(&d);
		buf_init(&t);
		screen_row_decos(&v.s, y, &d);
		screen_row_text(&v.s, y, &t);
		for (size_t x = 0; x < d.len; x++)
			if (d.data[x] != '.')
				cells[d.data[x] - 'a']++;
		/* Where the text shows the word, its four columns are
		 * decorated and nothing else in the row is. */
		hit = t.data != NULL ? strstr(t.data, word) : NULL;
		if (hit != NULL) {
			size_t col = utf8_str_width(t.data,
			    (size_t)(hit - t.data));

			assert_true(d.data[col] != '.' &&
			    d.data[col + 3] != '.');
			assert_int_equal(strspn(d.data + col, "ab"), 4);
			assert_int_equal(strspn(d.data, "."), col);
		} else if (d.data != NULL)
			assert_int_equal(strspn(d.data, "."), d.len);
		buf_free(&d);
		buf_free(&t);
	}
	assert_int_equal(cells[0], 4);	/* one hit */
	assert_int_equal(cells[1], 4);	/* and the current one */
	view_close_fixture(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_basics),
		cmocka_unit_test(test_put_sanitises),
		cmocka_unit_test(test_clusters_and_trunc),
		cmocka_unit_test(test_row_buffer_bounded),
		cmocka_unit_test(test_deco_at),
		cmocka_unit_test(test_screen_start),
		cmocka_unit_test(test_screen_keys),
		cmocka_unit_test(test_screen_decorations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
