/* test_reader.c - the reading pane's model: the visible-row walk,
 * scrolling, folds that keep the position, heading navigation, marks and
 * the jump history, on small documents built with docbuild.h. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docbuild.h"
#include "layout.h"
#include "load.h"
#include "reader.h"
#include "sidebar.h"
#include "util.h"

#define NONE OUTLINE_NONE

static const char para[] =
    "随着城市化进程的加快，城市社区治理成为城市发展的重要问题。"
    "社区作为城市管理和服务的基层单位，承担着重要职责。";

static void
add_block(struct docb *b, enum block_type t, unsigned level, const char *s,
    uint32_t label)
{
	static uint32_t line = 1;

	docb_begin(b, t, level, line);
	line += 2;
	docb_text(b, s, strlen(s));
	if (t == BLOCK_HEADING)
		docb_set_label(b, label, label, (uint32_t)strlen(s) - label);
	docb_end(b);
}

/* Blocks:
 *  0 title   1 para
 *  2 一、甲 (node 0)   3 4 5 paras
 *  6 (一)子一 (node 1) 7 8 paras
 *  9 (二)子二 (node 2) 10 para
 * 11 二、乙 (node 3)   12 13 paras
 * 14 (一)子三 (node 4) 15 para */
static struct doc *
sample(void)
{
	struct docb *b = docb_new();

	docb_begin(b, BLOCK_META, 0, 1);
	docb_text(b, "标题", strlen("标题"));
	docb_set_meta_kind(b, META_TITLE);
	docb_end(b);
	add_block(b, BLOCK_PARA, 0, para, 0);
	add_block(b, BLOCK_HEADING, 1, "一、甲", strlen("一、"));
	for (int i = 0; i < 3; i++)
		add_block(b, BLOCK_PARA, 0, para, 0);
	add_block(b, BLOCK_HEADING, 2, "(一)子一", strlen("(一)"));
	for (int i = 0; i < 2; i++)
		add_block(b, BLOCK_PARA, 0, para, 0);
	add_block(b, BLOCK_HEADING, 2, "(二)子二", strlen("(二)"));
	add_block(b, BLOCK_PARA, 0, para, 0);
	add_block(b, BLOCK_HEADING, 1, "二、乙", strlen("二、"));
	for (int i = 0; i < 2; i++)
		add_block(b, BLOCK_PARA, 0, para, 0);
	add_block(b, BLOCK_HEADING, 2, "(一)子三", strlen("(一)"));
	add_block(b, BLOCK_PARA, 0, para, 0);
	return docb_finish(b);
}

struct fix {
	struct doc *d;
	struct layout *l;
	struct reader *r;
};

static int
setup(void **state)
{
	struct fix *f = xcalloc(1, sizeof *f);
	struct layout_opts o = { 20, 1 };

	f->d = sample();
	f->l = layout_new(f->d, &o);
	f->r = reader_new(f->d, f->l);
	reader_set_height(f->r, 6);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	reader_free(f->r);
	layout_free(f->l);
	doc_free(f->d);
	free(f);
	return 0;
}

/* The text offset of (block, off). */
static doc_off
at(const struct doc *d, uint32_t block, uint32_t off)
{
	return doc_off_of(d, (struct doc_pos){ block, off });
}

static int
count_rows(struct reader *r)
{
	struct reader_iter it;
	struct rrow rw;
	int n = 0;

	reader_iter_top(r, &it);
	while (reader_iter_next(r, &it, &rw))
		n++;
	return n;
}

static struct rrow
first_row(struct reader *r)
{
	struct reader_iter it;
	struct rrow rw;

	reader_iter_top(r, &it);
	assert_true(reader_iter_next(r, &it, &rw));
	return rw;
}

static void
test_outline_shape(void **state)
{
	struct fix *f = *state;

	assert_int_equal(f->d->nnodes, 5);
	assert_int_equal(f->d->nodes[0].block, 2);
	assert_int_equal(f->d->nodes[1].block, 6);
	assert_int_equal(f->d->nodes[3].block, 11);
	assert_int_equal(f->d->nodes[1].parent, 0);
	assert_int_equal(f->d->nodes[0].next_sibling, 3);
}

/* Every row once: the walk from the top equals gaps + layout rows. */
static void
test_walk_all(void **state)
{
	struct fix *f = *state;
	int expect = 0;

	for (uint32_t b = 0; b < f->d->nblocks; b++) {
		uint32_t n;

		layout_block_rows(f->l, b, &n);
		expect += (int)n + layout_gap_before(f->l, b);
	}
	assert_int_equal(count_rows(f->r), expect);
}

/* Scrolling forward then back by the same amount comes back to the same
 * place; forward stops with the last row at the bottom. */
static void
test_scroll_roundtrip(void **state)
{
	struct fix *f = *state;
	int total = count_rows(f->r), moved, back;

	for (int k = 1; k < total; k += 3) {
		struct reader_place before = f->r->top;

		moved = reader_scroll(f->r, k);
		back = reader_scroll(f->r, -moved);
		assert_int_equal(back, -moved);
		assert_memory_equal(&before, &f->r->top, sizeof before);
		reader_scroll(f->r, 1);
	}
	reader_top_of_doc(f->r);
	moved = reader_scroll(f->r, 100000);
	assert_int_equal(moved, total - 6);
	assert_true(reader_at_end(f->r));
	assert_int_equal(reader_percent(f->r), 100);
	assert_int_equal(reader_scroll(f->r, 1), 0);
	assert_int_equal(count_rows(f->r), 6);
	assert_int_equal(reader_scroll(f->r, -100000), -moved);
	assert_int_equal(f->r->top.pos.block, 0);
	assert_int_equal(f->r->top.pos.off, 0);
	assert_true(reader_percent(f->r) < 100);
}

/* The last page never starts with a blank paragraph gap, whatever the
 * pane height; the end stays on screen and scrolling stops there. */
static void
test_bottom_no_gap_top(void **state)
{
	struct fix *f = *state;

	for (int h = 1; h <= 14; h++) {
		struct rrow rw;

		reader_set_height(f->r, h);
		reader_bottom_of_doc(f->r);
		rw = first_row(f->r);
		assert_int_not_equal(rw.kind, RROW_GAP);
		assert_true(reader_at_end(f->r));
		assert_int_equal(reader_scroll(f->r, 1), 0);
		reader_scroll(f->r, -3);
		reader_scroll(f->r, 100);
		rw = first_row(f->r);
		assert_int_not_equal(rw.kind, RROW_GAP);
		reader_top_of_doc(f->r);
	}
}

/* True when row rw is one of the rows a walk from the start shows. */
static bool
row_shown(struct reader *r, const struct rrow *want)
{
	struct reader_place keep = r->top;
	struct reader_iter it;
	struct rrow rw;
	bool found = false;

	r->top = (struct reader_place){ { 0, 0 }, 0 };
	reader_iter_top(r, &it);
	while (!found && reader_iter_next(r, &it, &rw))
		found = rw.kind == want->kind && rw.block == want->block &&
		    rw.index == want->index && rw.node == want->node;
	r->top = keep;
	return found;
}

/* After any fold command the top is a row that is shown (the fold row
 * that hides the reading position, never a row from inside the fold),
 * and the stored top is already that row: drawing needs no fix-up. */
static void
test_fold_top_normalised(void **state)
{
	struct fix *f = *state;
	int total = count_rows(f->r);

	for (int op = 0; op < 6; op++)
		for (int k = 0; k < total; k++) {
			struct reader_place before;
			struct rrow rw;
			uint32_t n;

			reader_fold_all(f->r, FOLD_OPEN);
			reader_goto(f->r, at(f->d, 0, 0));
			reader_scroll(f->r, k);
			n = reader_current_node(f->r);
			switch (op) {
			case 0:
				reader_fold_cycle(f->r, n);
				break;
			case 1:
				reader_fold_cycle(f->r, n);
				reader_fold_cycle(f->r, n);
				break;
			case 2:
				reader_fold_all(f->r, FOLD_CLOSED);
				break;
			case 3:
				reader_fold_levels(f->r, 1);
				break;
			case 4:
				reader_fold_cycle_all(f->r);
				reader_fold_cycle_all(f->r);
				break;
			default:
				if (n != NONE && f->d->nodes[n].parent != NONE)
					n = f->d->nodes[n].parent;
				if (n != NONE)
					reader_set_fold(f->r, n, FOLD_CLOSED);
				break;
			}
			rw = first_row(f->r);
			assert_true(row_shown(f->r, &rw));
			before = f->r->top;
			reader_relayout(f->r);
			assert_memory_equal(&before, &f->r->top, sizeof before);
		}
}

/* A fold hides the reading position; unfolding brings it back to the top
 * exactly. */
static void
test_fold_keeps_position(void **state)
{
	struct fix *f = *state;
	struct doc_pos in = { 7, 0 };
	struct reader_place keep;
	struct rrow rw;

	reader_goto(f->r, doc_off_of(f->d, in));
	reader_scroll(f->r, 2);	/* a row inside block 7 or 8 */
	keep = f->r->top;
	assert_int_equal(reader_current_node(f->r), 1);
	reader_set_fold(f->r, 0, FOLD_CLOSED);
	rw = first_row(f->r);
	assert_int_equal(rw.kind, RROW_FOLD);
	assert_int_equal(rw.node, 0);
	assert_int_equal(rw.block, 2);
	reader_set_fold(f->r, 0, FOLD_OPEN);
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
	/* A fold below the top changes nothing at the top. */
	reader_set_fold(f->r, 3, FOLD_CLOSED);
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
}

static void
test_fold_cycle(void **state)
{
	struct fix *f = *state;

	assert_string_equal(reader_fold_cycle(f->r, 0), "folded");
	assert_int_equal(reader_fold_state(f->r, 0), FOLD_CLOSED);
	assert_string_equal(reader_fold_cycle(f->r, 0), "children");
	assert_int_equal(reader_fold_state(f->r, 0), FOLD_OPEN);
	assert_int_equal(reader_fold_state(f->r, 1), FOLD_CLOSED);
	assert_int_equal(reader_fold_state(f->r, 2), FOLD_CLOSED);
	assert_string_equal(reader_fold_cycle(f->r, 0), "subtree");
	assert_int_equal(reader_fold_state(f->r, 1), FOLD_OPEN);
	assert_string_equal(reader_fold_cycle(f->r, 0), "folded");
	/* A leaf: folded <-> open. */
	assert_string_equal(reader_fold_cycle(f->r, 4), "folded");
	assert_string_equal(reader_fold_cycle(f->r, 4), "open");
}

static void
test_global_cycle(void **state)
{
	struct fix *f = *state;
	struct reader_iter it;
	struct rrow rw;
	int folds = 0, texts = 0;

	reader_set_height(f->r, 100);
	assert_string_equal(reader_fold_cycle_all(f->r), "overview");
	reader_iter_top(f->r, &it);
	while (reader_iter_next(f->r, &it, &rw)) {
		folds += rw.kind == RROW_FOLD;
		texts += rw.kind == RROW_TEXT && rw.block >= 2;
	}
	assert_int_equal(folds, 2);
	assert_int_equal(texts, 0);
	assert_string_equal(reader_fold_cycle_all(f->r), "contents");
	assert_int_equal(reader_fold_state(f->r, 0), FOLD_BODY);
	assert_int_equal(reader_fold_state(f->r, 1), FOLD_CLOSED);
	/* Contents: headings of both levels, no paragraphs under them. */
	folds = texts = 0;
	reader_iter_top(f->r, &it);
	while (reader_iter_next(f->r, &it, &rw)) {
		folds += rw.kind == RROW_FOLD;
		if (rw.kind == RROW_TEXT && rw.block >= 2)
			assert_int_equal(f->d->blocks[rw.block].type,
			    BLOCK_HEADING);
	}
	assert_int_equal(folds, 3);
	assert_string_equal(reader_fold_cycle_all(f->r), "show all");
	for (uint32_t i = 0; i < f->d->nnodes; i++)
		assert_int_equal(reader_fold_state(f->r, i), FOLD_OPEN);
	assert_string_equal(reader_fold_cycle_all(f->r), "overview");
}

/* Jumping into a folded section opens what hides the target. */
static void
test_jump_reveals(void **state)
{
	struct fix *f = *state;
	struct rrow rw;

	reader_fold_all(f->r, FOLD_CLOSED);
	reader_jump(f->r, at(f->d, 15, 0));
	assert_int_equal(reader_fold_state(f->r, 3), FOLD_OPEN);
	assert_int_equal(reader_fold_state(f->r, 4), FOLD_OPEN);
	assert_int_equal(reader_fold_state(f->r, 0), FOLD_CLOSED);
	rw = first_row(f->r);
	assert_int_equal(rw.kind, RROW_TEXT);
	assert_int_equal(rw.block, 15);
}

static void
test_heading_nav(void **state)
{
	struct fix *f = *state;
	uint32_t seen[8];
	int n = 0;

	while (reader_next_heading(f->r) && n < 8)
		seen[n++] = f->r->top.pos.block;
	assert_int_equal(n, 5);
	assert_int_equal(seen[0], 2);
	assert_int_equal(seen[4], 14);
	assert_true(reader_prev_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 11);
	/* Siblings and parent. */
	reader_goto(f->r, at(f->d, 7, 0));
	assert_true(reader_prev_sibling(f->r));	/* to its own heading */
	assert_int_equal(f->r->top.pos.block, 6);
	assert_false(reader_prev_sibling(f->r));
	assert_true(reader_next_sibling(f->r));
	assert_int_equal(f->r->top.pos.block, 9);
	assert_true(reader_parent_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 2);
	assert_true(reader_next_sibling(f->r));
	assert_int_equal(f->r->top.pos.block, 11);
	assert_false(reader_next_sibling(f->r));
	assert_true(reader_first_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 2);
	assert_true(reader_last_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 14);
	/* In overview, next heading skips the hidden ones. */
	reader_top_of_doc(f->r);
	reader_fold_all(f->r, FOLD_CLOSED);
	assert_true(reader_next_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 2);
	assert_true(reader_next_heading(f->r));
	assert_int_equal(f->r->top.pos.block, 11);
	assert_false(reader_next_heading(f->r));
}

static void
test_marks_history(void **state)
{
	struct fix *f = *state;
	struct reader_place a, b, c;

	reader_scroll(f->r, 3);
	a = f->r->top;
	assert_true(reader_mark_set(f->r, 'a'));
	assert_false(reader_mark_set(f->r, '1'));
	reader_jump(f->r, at(f->d, 9, 0));
	b = f->r->top;
	reader_scroll(f->r, 2);
	c = f->r->top;
	assert_true(reader_mark_goto(f->r, 'a'));
	assert_memory_equal(&a, &f->r->top, sizeof a);
	assert_false(reader_mark_goto(f->r, 'z'));
	/* '' goes back to where the last jump started, and toggles. */
	assert_true(reader_prev_goto(f->r));
	assert_memory_equal(&c.pos, &f->r->top.pos, sizeof c.pos);
	assert_true(reader_prev_goto(f->r));
	assert_memory_equal(&a.pos, &f->r->top.pos, sizeof a.pos);
	/* Back and forward return to the exact places. */
	assert_true(reader_back(f->r));
	assert_memory_equal(&c.pos, &f->r->top.pos, sizeof c.pos);
	assert_true(reader_back(f->r));
	assert_memory_equal(&a.pos, &f->r->top.pos, sizeof a.pos);
	assert_true(reader_back(f->r));
	assert_memory_equal(&c.pos, &f->r->top.pos, sizeof c.pos);
	assert_true(reader_back(f->r));
	assert_memory_equal(&a.pos, &f->r->top.pos, sizeof a.pos);
	assert_false(reader_back(f->r));
	assert_true(reader_forward(f->r));
	assert_memory_equal(&c.pos, &f->r->top.pos, sizeof c.pos);
	while (reader_forward(f->r))
		;
	assert_memory_equal(&a.pos, &f->r->top.pos, sizeof a.pos);
	(void)b;
}

/* A jump from a folded place records the text the fold hides, not the
 * fold row: back opens the fold and shows that exact top again. */
static void
test_history_through_fold(void **state)
{
	struct fix *f = *state;
	struct reader_place keep;
	struct rrow rw;

	reader_goto(f->r, at(f->d, 7, 0));
	reader_scroll(f->r, 2);
	keep = f->r->top;
	reader_fold_all(f->r, FOLD_CLOSED);
	rw = first_row(f->r);
	assert_int_equal(rw.kind, RROW_FOLD);
	assert_int_equal(rw.node, 0);
	reader_top_of_doc(f->r);
	assert_true(reader_back(f->r));
	assert_int_equal(reader_fold_state(f->r, 0), FOLD_OPEN);
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
	rw = first_row(f->r);
	assert_int_equal(rw.kind, RROW_TEXT);
	/* The same for a mark set while folded, and for ''. */
	reader_fold_all(f->r, FOLD_CLOSED);
	assert_true(reader_mark_set(f->r, 'b'));
	reader_fold_all(f->r, FOLD_OPEN);
	reader_top_of_doc(f->r);
	assert_true(reader_mark_goto(f->r, 'b'));
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
	reader_fold_all(f->r, FOLD_CLOSED);
	reader_jump(f->r, at(f->d, 15, 0));
	assert_true(reader_prev_goto(f->r));
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
	/* Forward again after back keeps the place too. */
	reader_fold_all(f->r, FOLD_CLOSED);
	reader_top_of_doc(f->r);
	assert_true(reader_back(f->r));
	assert_true(reader_forward(f->r));
	assert_true(reader_back(f->r));
	assert_memory_equal(&keep, &f->r->top, sizeof keep);
}

/* A new width keeps the first visible text in the top row. */
static void
test_relayout(void **state)
{
	struct fix *f = *state;
	struct doc_pos anchor;
	int widths[] = { 7, 33, 2, 80, 20 };

	reader_goto(f->r, at(f->d, 4, 0));
	reader_scroll(f->r, 1);
	anchor = doc_pos_of(f->d, reader_anchor(f->r));
	for (size_t i = 0; i < nitems(widths); i++) {
		struct rrow rw;

		layout_set_width(f->l, widths[i]);
		reader_relayout(f->r);
		rw = first_row(f->r);
		assert_int_equal(rw.kind, RROW_TEXT);
		assert_int_equal(rw.block, anchor.block);
		assert_true(rw.row.start <= anchor.off);
		assert_true(anchor.off < rw.row.end || rw.last);
	}
	layout_set_width(f->l, 20);
	reader_relayout(f->r);
	assert_int_equal(f->r->top.pos.off, anchor.off);
}

static void
test_fold_text_and_path(void **state)
{
	struct fix *f = *state;
	struct buf b;
	uint32_t path[4];

	buf_init(&b);
	reader_fold_text(f->r, 0, &b);
	assert_non_null(strstr(b.data, "▸ 一、甲  ("));
	assert_non_null(strstr(b.data, " 段 · "));
	assert_non_null(strstr(b.data, " 字)"));
	buf_free(&b);
	reader_goto(f->r, at(f->d, 10, 0));
	assert_int_equal(reader_path(f->r, path, 4), 2);
	assert_int_equal(path[0], 0);
	assert_int_equal(path[1], 2);
	reader_top_of_doc(f->r);
	assert_int_equal(reader_path(f->r, path, 4), 0);
}

/* A section with no text folds to its heading alone, not "(0 段 · 0 字)". */
static void
test_fold_text_empty_section(void **state)
{
	struct docb *b = docb_new();
	struct layout_opts o = { 20, 1 };
	struct doc *d;
	struct layout *l;
	struct reader *r;
	struct buf t;

	add_block(b, BLOCK_HEADING, 1, "一、空", strlen("一、"));
	add_block(b, BLOCK_HEADING, 1, "二、乙", strlen("二、"));
	add_block(b, BLOCK_PARA, 0, para, 0);
	d = docb_finish(b);
	l = layout_new(d, &o);
	r = reader_new(d, l);
	assert_int_equal(d->nnodes, 2);
	buf_init(&t);
	reader_fold_text(r, 0, &t);
	buf_putc(&t, '\0');
	assert_string_equal(t.data, "▸ 一、空");
	t.len = 0;
	reader_fold_text(r, 1, &t);
	buf_putc(&t, '\0');
	assert_non_null(strstr(t.data, "▸ 二、乙  (1 段 · "));
	buf_free(&t);
	reader_free(r);
	layout_free(l);
	doc_free(d);
}

static void
test_percent_and_lines(void **state)
{
	struct fix *f = *state;
	struct doc_pos p;

	p = doc_pos_of(f->d, reader_pos_of_percent(f->r, 0));
	assert_int_equal(p.block, 0);
	p = doc_pos_of(f->d, reader_pos_of_percent(f->r, 100));
	assert_int_equal(p.block, f->d->nblocks - 1);
	p = doc_pos_of(f->d, reader_pos_of_percent(f->r, 50));
	assert_true(p.block > 3 && p.block < 13);
	p = doc_pos_of(f->d, reader_pos_of_line(f->r, 5));
	assert_true(f->d->blocks[p.block].line <= 5);
}

static void
test_sidebar_follows(void **state)
{
	struct fix *f = *state;
	struct sidebar *sb = sidebar_new(f->d, f->r);

	sidebar_set_height(sb, 3);
	assert_int_equal(sb->nrows, 5);
	reader_goto(f->r, at(f->d, 15, 0));
	sidebar_follow(sb);
	assert_int_equal(sidebar_node(sb), 4);
	assert_true(sb->scroll <= sb->sel && sb->sel < sb->scroll + 3);
	reader_set_fold(f->r, 3, FOLD_CLOSED);
	sidebar_rebuild(sb);
	assert_int_equal(sb->nrows, 4);
	sidebar_follow(sb);
	assert_int_equal(sidebar_node(sb), 3);
	/* Type-to-filter. */
	assert_true(sidebar_filter_key(sb, 0x5b50));	/* 子 */
	assert_int_equal(sb->nrows, 3);
	assert_true(sidebar_filter_key(sb, 0x4e09));	/* 三 */
	assert_int_equal(sb->nrows, 1);
	assert_int_equal(sidebar_node(sb), 4);
	sidebar_filter_clear(sb);
	assert_int_equal(sb->nrows, 4);
	sidebar_free(sb);
}

static void
test_empty_doc(void **state)
{
	struct doc *d = docb_finish(docb_new());
	struct layout_opts o = { 10, 1 };
	struct layout *l = layout_new(d, &o);
	struct reader *r = reader_new(d, l);
	struct reader_iter it;
	struct rrow rw;

	reader_set_height(r, 3);
	reader_iter_top(r, &it);
	assert_false(reader_iter_next(r, &it, &rw));
	assert_int_equal(reader_scroll(r, 5), 0);
	assert_int_equal(reader_scroll(r, -5), 0);
	assert_false(reader_next_heading(r));
	assert_null(reader_fold_cycle_all(r));
	reader_bottom_of_doc(r);
	reader_jump(r, 12345);
	assert_int_equal(reader_percent(r), 100);
	reader_free(r);
	layout_free(l);
	doc_free(d);
}

/* True when the first row on screen shows text offset p. */
static bool
top_shows(struct reader *r, doc_off p)
{
	struct doc_pos dp = doc_pos_of(r->d, p);
	struct rrow rw = first_row(r);

	return rw.kind == RROW_TEXT && rw.block == dp.block &&
	    rw.row.start <= dp.off && (dp.off < rw.row.end || rw.last);
}

/* The text of the first row on screen. */
static char *
top_text(struct reader *r)
{
	struct rrow rw = first_row(r);

	assert_int_equal(rw.kind, RROW_TEXT);
	return xasprintf("%.*s", (int)(rw.row.end - rw.row.start),
	    doc_block_text(r->d, rw.block) + rw.row.start);
}

static char *
chapters(void)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "标题\n\n");
	for (int c = 0; c < 3; c++) {
		buf_printf(&b, "第%s章 名称\n\n", c == 0 ? "一" : c == 1 ?
		    "二" : "三");
		for (int i = 0; i < 4; i++)
			buf_printf(&b, "%s\n\n", para);
	}
	buf_putc(&b, '\0');
	return b.data;
}

/* A mark and the reading position are text offsets: a second parse of the
 * same text, with a new reader, shows the same text for them. */
static void
test_pos_survives_reparse(void **state)
{
	static const struct load_opts none = { NULL, -1, 0, 0 };
	struct layout_opts o = { 20, 1 };
	char *src = chapters(), *row1, *row2, *mrow1, *mrow2;
	struct doc *d1 = load_bytes("a.txt", src, strlen(src), &none);
	struct doc *d2 = load_bytes("a.txt", src, strlen(src), &none);
	struct layout *l1 = layout_new(d1, &o), *l2 = layout_new(d2, &o);
	struct reader *r1 = reader_new(d1, l1), *r2 = reader_new(d2, l2);
	doc_off pos, mark;
	uint32_t node;

	assert_true(d1->nnodes >= 3);
	reader_set_height(r1, 6);
	reader_set_height(r2, 6);
	reader_jump_node(r1, 1);
	reader_scroll(r1, 3);
	if (first_row(r1).kind == RROW_GAP)
		reader_scroll(r1, 1);
	assert_true(reader_mark_set(r1, 'm'));
	mark = r1->marks['m' - 'a'];
	mrow1 = top_text(r1);
	reader_scroll(r1, 5);
	if (first_row(r1).kind == RROW_GAP)
		reader_scroll(r1, 1);
	pos = reader_anchor(r1);
	row1 = top_text(r1);
	node = reader_current_node(r1);

	reader_goto(r2, pos);
	assert_int_equal(reader_anchor(r2), pos);
	row2 = top_text(r2);
	assert_string_equal(row1, row2);
	assert_int_equal(reader_current_node(r2), node);
	assert_memory_equal(&r1->top, &r2->top, sizeof r1->top);
	reader_goto(r2, mark);
	mrow2 = top_text(r2);
	assert_string_equal(mrow1, mrow2);
	free(row1);
	free(row2);
	free(mrow1);
	free(mrow2);
	reader_free(r1);
	reader_free(r2);
	layout_free(l1);
	layout_free(l2);
	doc_free(d1);
	doc_free(d2);
	free(src);
}

/* A width change and folds keep the reading position and marks as the
 * same offsets, and going there shows them at the top. */
static void
test_pos_survives_resize_fold(void **state)
{
	struct fix *f = *state;
	int widths[] = { 7, 33, 2, 80, 20 };
	doc_off pos, mark;

	reader_goto(f->r, at(f->d, 8, 0));
	reader_scroll(f->r, 2);
	pos = reader_anchor(f->r);
	assert_true(pos > f->d->blocks[8].text_off);
	assert_true(reader_mark_set(f->r, 'a'));
	mark = f->r->marks[0];
	assert_int_equal(mark, pos);
	/* A relayout keeps the anchor itself... */
	for (size_t i = 0; i < nitems(widths); i++) {
		layout_set_width(f->l, widths[i]);
		reader_relayout(f->r);
		assert_int_equal(reader_anchor(f->r), pos);
		assert_true(top_shows(f->r, pos));
	}
	/* ...and a jump to the mark shows its row at any width (the anchor
	 * is then that row's start). */
	for (size_t i = 0; i < nitems(widths); i++) {
		layout_set_width(f->l, widths[i]);
		reader_relayout(f->r);
		reader_top_of_doc(f->r);
		assert_true(reader_mark_goto(f->r, 'a'));
		assert_true(top_shows(f->r, pos));
	}
	reader_goto(f->r, pos);
	pos = reader_anchor(f->r);
	/* Folded: the position is hidden but kept; unfolding shows it. */
	reader_fold_all(f->r, FOLD_CLOSED);
	assert_int_equal(reader_anchor(f->r), pos);
	assert_false(top_shows(f->r, pos));
	reader_fold_all(f->r, FOLD_OPEN);
	assert_true(top_shows(f->r, pos));
	/* A mark in a folded section opens it. */
	reader_fold_all(f->r, FOLD_CLOSED);
	reader_top_of_doc(f->r);
	assert_true(reader_mark_goto(f->r, 'a'));
	assert_true(top_shows(f->r, pos));
	/* Back across a fold returns to the same offset. */
	reader_fold_levels(f->r, 1);
	assert_true(reader_back(f->r));
	assert_int_equal(reader_anchor(f->r), 0);
	assert_true(reader_forward(f->r));
	assert_int_equal(reader_anchor(f->r), pos);
}

/* Offsets and doc_pos convert both ways; offsets past the end, between
 * blocks or inside a character land on a character boundary in a block. */
static void
test_doc_off_roundtrip(void **state)
{
	struct fix *f = *state;
	const struct doc *d = f->d;
	struct doc_pos p;

	for (uint32_t b = 0; b < d->nblocks; b++) {
		if (d->blocks[b].type != BLOCK_PARA)
			continue;
		p = doc_pos_of(d, d->blocks[b].text_off + 3);
		assert_int_equal(p.block, b);
		assert_int_equal(p.off, 3);
		assert_int_equal(doc_off_of(d, p), d->blocks[b].text_off + 3);
	}
	p = doc_pos_of(d, d->blocks[1].text_off + 4);	/* inside 着 */
	assert_int_equal(p.off, 3);
	p = doc_pos_of(d, UINT32_MAX);
	assert_int_equal(p.block, d->nblocks - 1);
	assert_int_equal(p.off, d->blocks[p.block].text_len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outline_shape, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_walk_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll_roundtrip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bottom_no_gap_top, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fold_top_normalised,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold_keeps_position,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fold_cycle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_global_cycle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_jump_reveals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_heading_nav, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_marks_history, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_history_through_fold,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_relayout, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fold_text_and_path, setup,
		    teardown),
		cmocka_unit_test(test_fold_text_empty_section),
		cmocka_unit_test_setup_teardown(test_percent_and_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sidebar_follows, setup,
		    teardown),
		cmocka_unit_test(test_empty_doc),
		cmocka_unit_test(test_pos_survives_reparse),
		cmocka_unit_test_setup_teardown(test_pos_survives_resize_fold,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_doc_off_roundtrip, setup,
		    teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
