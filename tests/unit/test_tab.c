/* test_tab.c - several open documents: switching tabs, the jump history
 * across them (Back returns to the exact place in the other document),
 * marks per document, the documents list, a stream's rebuilt document
 * keeping its place, and the prompt's short names (:n, :p, :ls). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "command.h"
#include "load.h"
#include "tab.h"
#include "util.h"

static const struct load_opts none = { NULL, -1, 0, 0 };
static const struct layout_opts lo = { 20, 1 };

static struct doc *
chapters(const char *name, const char *word)
{
	struct buf b;
	struct doc *d;

	buf_init(&b);
	for (int c = 1; c <= 3; c++) {
		buf_printf(&b, "第%s章 %s%d\n\n", c == 1 ? "一" : c == 2 ?
		    "二" : "三", word, c);
		for (int i = 0; i < 4; i++)
			buf_printf(&b, "%s的正文，第%d章第%d段，写得长一些，"
			    "好让它占好几行。\n\n", word, c, i);
	}
	d = load_bytes(name, b.data, b.len, &none);
	buf_free(&b);
	return d;
}

static int
setup(void **state)
{
	struct tabs *ts = xcalloc(1, sizeof *ts);

	tabs_init(ts);
	tabs_add(ts, chapters("a.txt", "甲"), NULL, "dir/a.txt", &lo);
	tabs_add(ts, chapters("b.txt", "乙"), NULL, "b.txt", &lo);
	for (size_t i = 0; i < ts->n; i++)
		reader_set_height(ts->v[i]->r, 5);
	*state = ts;
	return 0;
}

static int
teardown(void **state)
{
	struct tabs *ts = *state;

	tabs_free(ts);
	free(ts);
	return 0;
}

static void
test_switch_and_back(void **state)
{
	struct tabs *ts = *state;
	struct reader *ra = ts->v[0]->r, *rb = ts->v[1]->r;
	struct reader_place left;

	assert_true(ts->v[0]->d->nnodes >= 3);
	assert_int_equal(ts->cur, 0);
	reader_scroll(ra, 7);
	left = ra->top;
	assert_false(tabs_switch(ts, 0));	/* already shown */
	assert_false(tabs_switch(ts, 5));
	assert_true(tabs_switch(ts, 1));
	assert_int_equal(ts->cur, 1);
	/* A jump in the second document, then Back: first within it... */
	assert_true(reader_next_heading(rb));
	assert_true(reader_next_heading(rb));
	assert_true(tabs_back(ts));
	assert_int_equal(ts->cur, 1);
	assert_true(tabs_back(ts));
	assert_int_equal(ts->cur, 1);
	assert_int_equal(reader_anchor(rb), 0);
	/* ...then to the exact place in the first. */
	assert_true(tabs_back(ts));
	assert_int_equal(ts->cur, 0);
	assert_memory_equal(&left, &ra->top, sizeof left);
	assert_false(tabs_back(ts));
	/* Forward crosses back to the second, where Back left it. */
	assert_true(tabs_forward(ts));
	assert_int_equal(ts->cur, 1);
	assert_int_equal(reader_anchor(rb), 0);
	assert_true(tabs_forward(ts));
	assert_true(tabs_forward(ts));
	assert_false(tabs_forward(ts));
	assert_int_equal(reader_current_node(rb), 2);
}

/* A reader's own Back stops at another document's entry. */
static void
test_reader_back_stays(void **state)
{
	struct tabs *ts = *state;
	struct reader *rb = ts->v[1]->r;

	assert_true(tabs_switch(ts, 1));
	assert_false(reader_back(rb));
	assert_int_equal(ts->cur, 1);
	assert_true(reader_next_heading(rb));
	assert_true(reader_back(rb));
	assert_int_equal(reader_anchor(rb), 0);
	assert_false(reader_back(rb));
}

/* Marks and '' are per document. */
static void
test_marks_per_doc(void **state)
{
	struct tabs *ts = *state;
	struct reader *ra = ts->v[0]->r, *rb = ts->v[1]->r;
	doc_off pa;

	reader_scroll(ra, 4);
	pa = reader_anchor(ra);
	assert_true(reader_mark_set(ra, 'a'));
	assert_true(tabs_switch(ts, 1));
	assert_false(reader_mark_goto(rb, 'a'));
	/* The switch was a jump in the first document: its '' is set. */
	assert_true(ra->prev_set);
	assert_int_equal(ra->prev, pa);
	assert_false(rb->prev_set);
	reader_scroll(ra, 3);
	assert_true(reader_mark_goto(ra, 'a'));
	assert_int_equal(reader_anchor(ra), pa);
}

/* The documents list: one row per document, titles or base names, and
 * the shown one as the current row. */
static void
test_documents_list(void **state)
{
	struct tabs *ts = *state;
	struct sidebar *sb = ts->v[0]->sb;
	char *name = tab_name(ts->v[0]);

	assert_string_equal(name, "a.txt");
	free(name);
	assert_int_equal(ts->list->nnodes, 2);
	sidebar_set_height(sb, 5);
	sidebar_set_tab(sb, SIDEBAR_DOCS);
	assert_int_equal(sb->tab, SIDEBAR_DOCS);
	assert_int_equal(sb->nrows, 2);
	assert_ptr_equal(sb->d, ts->list);
	assert_int_equal(sidebar_current(sb), 0);
	sidebar_follow(sb);
	assert_int_equal(sidebar_node(sb), 0);
	assert_true(sidebar_filter_key(sb, 'b'));
	assert_int_equal(sb->nrows, 1);
	assert_int_equal(sidebar_node(sb), 1);
	assert_true(tabs_switch(ts, 1));
	assert_int_equal(sidebar_current(sb), 1);
	sidebar_set_tab(sb, SIDEBAR_OUTLINE);
	assert_ptr_equal(sb->d, ts->v[0]->d);
	assert_int_equal(sb->nrows, ts->v[0]->d->nnodes);
}

/* A stream's document rebuilt from more text keeps the reading place (a
 * text offset) and the history. */
static void
test_replace_doc(void **state)
{
	struct tabs *ts = *state;
	struct tab *t = ts->v[0];
	doc_off at;
	uint32_t node;

	reader_scroll(t->r, 9);
	at = reader_anchor(t->r);
	node = reader_current_node(t->r);
	assert_true(tabs_switch(ts, 1));
	tab_replace_doc(ts, t, chapters("a.txt", "甲"), &lo);
	reader_set_height(t->r, 5);
	assert_int_equal(reader_anchor(t->r), at);
	assert_int_equal(reader_current_node(t->r), node);
	assert_true(tabs_back(ts));
	assert_int_equal(ts->cur, 0);
	assert_int_equal(reader_anchor(t->r), at);
}

static void
test_prompt_names(void **state)
{
	assert_string_equal(command_find("n")->name, "next-doc");
	assert_string_equal(command_find("next")->name, "next-doc");
	assert_string_equal(command_find("p")->name, "prev-doc");
	assert_string_equal(command_find("prev")->name, "prev-doc");
	assert_string_equal(command_find("ls")->name, "documents");
	assert_true(command_find("prev-doc")->flags & CMD_BACK);
	assert_null(command_find("nx"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_switch_and_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reader_back_stays, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_marks_per_doc, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_documents_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_replace_doc, setup,
		    teardown),
		cmocka_unit_test(test_prompt_names),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
