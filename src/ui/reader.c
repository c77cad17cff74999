/* reader.c - the reading pane's model: folds, the visible-row walk,
 * scrolling, heading navigation, marks and the jump history.
 *
 * Inside this file a place in the row sequence is a cursor (block, sub):
 * sub in [-gap, -1] is one of the blank rows before the block, sub >= 0 is
 * a layout row of the block (or, for a closed heading, its fold row).
 * Cursors never leave this file; struct reader_place (a doc_pos plus the
 * gap count) is what is stored for the screen, a doc_off for everything
 * else. */
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "utf8.h"

#define NONE OUTLINE_NONE

static uint32_t
node_of(const struct reader *r, uint32_t b)
{
	return outline_node_of_block(r->d, b);
}

/* The node whose fold hides block b, or NONE when b is shown.  That node's
 * heading is always shown: it is the outermost closed section, or a
 * FOLD_BODY section (which hides only its own paragraphs). */
static uint32_t
hider(const struct reader *r, uint32_t b)
{
	const struct outline_node *nodes = r->d->nodes;
	uint32_t n = node_of(r, b), rep = NONE;

	if (n == NONE)
		return NONE;
	if (nodes[n].block != b && r->fold[n] != FOLD_OPEN)
		rep = n;
	for (uint32_t p = nodes[n].parent; p != NONE; p = nodes[p].parent)
		if (r->fold[p] == FOLD_CLOSED)
			rep = p;
	return rep;
}

/* First block after what node v hides. */
static uint32_t
skip_end(const struct reader *r, uint32_t v)
{
	const struct outline_node *nd = &r->d->nodes[v];

	if (r->fold[v] == FOLD_BODY && nd->first_child != NONE)
		return r->d->nodes[nd->first_child].block;
	return nd->end_block;
}

/* Closed heading: its node, else NONE. */
static uint32_t
closed_heading(const struct reader *r, uint32_t b)
{
	uint32_t n = node_of(r, b);

	if (n != NONE && r->d->nodes[n].block == b &&
	    r->fold[n] == FOLD_CLOSED)
		return n;
	return NONE;
}

static uint32_t
next_visible(const struct reader *r, uint32_t b)
{
	uint32_t nb, n = node_of(r, b), nblocks = r->d->nblocks;

	if (n != NONE && r->d->nodes[n].block == b && r->fold[n] != FOLD_OPEN)
		nb = skip_end(r, n);
	else
		nb = b + 1;
	while (nb < nblocks) {
		uint32_t v = hider(r, nb), e;

		if (v == NONE)
			return nb;
		e = skip_end(r, v);
		nb = e > nb ? e : nb + 1;
	}
	return nblocks;
}

/* The visible block before b, or NONE. */
static uint32_t
prev_visible(const struct reader *r, uint32_t b)
{
	uint32_t v;

	if (b == 0 || r->d->nblocks == 0)
		return NONE;
	if (b > r->d->nblocks)
		b = r->d->nblocks;
	v = hider(r, b - 1);
	return v == NONE ? b - 1 : r->d->nodes[v].block;
}

static int
gap_of(const struct reader *r, uint32_t b)
{
	int g = layout_gap_before(r->l, b);

	return g > 0 ? g : 0;
}

static uint32_t
nrows_of(struct reader *r, uint32_t b)
{
	uint32_t n;

	if (closed_heading(r, b) != NONE)
		return 1;
	layout_block_rows(r->l, b, &n);
	return n > 0 ? n : 1;
}

static int
cur_cmp(const struct reader_iter *a, const struct reader_iter *b)
{
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->sub != b->sub)
		return a->sub < b->sub ? -1 : 1;
	return 0;
}

static bool
cur_next(struct reader *r, struct reader_iter *c)
{
	uint32_t nb;
	int g;

	if (c->done)
		return false;
	if (c->sub < 0 || (uint32_t)c->sub + 1 < nrows_of(r, c->block)) {
		c->sub++;
		return true;
	}
	nb = next_visible(r, c->block);
	if (nb >= r->d->nblocks)
		return false;
	g = gap_of(r, nb);
	c->block = nb;
	c->sub = g > 0 ? -g : 0;
	return true;
}

static bool
cur_prev(struct reader *r, struct reader_iter *c)
{
	uint32_t pb;

	if (c->sub > -gap_of(r, c->block)) {
		c->sub--;
		return true;
	}
	pb = prev_visible(r, c->block);
	if (pb == NONE)
		return false;
	c->block = pb;
	c->sub = (int32_t)nrows_of(r, pb) - 1;
	return true;
}

/* The cursor of a stored place, moved to what is shown when a fold hides
 * it. */
static struct reader_iter
cur_of_place(struct reader *r, const struct reader_place *pl)
{
	struct reader_iter c = { 0, 0, false };
	uint32_t b = pl->pos.block, v;

	if (r->d->nblocks == 0) {
		c.done = true;
		return c;
	}
	if (b >= r->d->nblocks)
		b = r->d->nblocks - 1;
	if ((v = hider(r, b)) != NONE) {
		c.block = r->d->nodes[v].block;
		return c;
	}
	c.block = b;
	if (pl->gap > 0) {
		int g = gap_of(r, b);

		c.sub = g > 0 ? -(pl->gap < g ? pl->gap : g) : 0;
	} else if (closed_heading(r, b) == NONE) {
		struct doc_pos p = { b, pl->pos.off };
		uint32_t n, row;

		layout_block_rows(r->l, b, &n);
		if (p.off > r->d->blocks[b].text_len)
			p.off = r->d->blocks[b].text_len;
		row = layout_row_of(r->l, p);
		c.sub = (int32_t)(row < n ? row : (n ? n - 1 : 0));
	}
	return c;
}

static struct reader_place
place_of_cur(struct reader *r, const struct reader_iter *c)
{
	struct reader_place pl = { { c->block, 0 }, 0 };

	if (c->sub < 0)
		pl.gap = -c->sub;
	else if (closed_heading(r, c->block) == NONE) {
		const struct row *rows;
		uint32_t n;

		rows = layout_block_rows(r->l, c->block, &n);
		if ((uint32_t)c->sub < n)
			pl.pos.off = rows[c->sub].start;
	}
	return pl;
}

/* The top again from the anchor (after a fold change or a relayout). */
static void
retop(struct reader *r)
{
	struct reader_iter c = cur_of_place(r, &r->anchor);

	r->max_valid = false;
	r->top = place_of_cur(r, &c);
}

/* After any change to r->fold. */
static void
refold(struct reader *r)
{
	r->fold_gen++;
	retop(r);
}

struct reader *
reader_new(const struct doc *d, struct layout *l)
{
	struct reader *r = xcalloc(1, sizeof *r);

	r->d = d;
	r->l = l;
	r->hist = &r->own_hist;
	r->fold = xcalloc(d->nnodes ? d->nnodes : 1, 1);
	r->height = 1;
	r->global_state = -1;
	r->loaded = 1.0;
	for (uint32_t i = 0; i < d->nnodes; i++)
		if (d->nodes[i].level > r->max_depth)
			r->max_depth = d->nodes[i].level;
	return r;
}

static void apply_levels(struct reader *r, unsigned levels);

void
reader_doc_grew(struct reader *r, uint32_t old_nnodes)
{
	const struct doc *d = r->d;

	r->fold = xrealloc(r->fold, d->nnodes ? d->nnodes : 1);
	for (uint32_t i = old_nnodes; i < d->nnodes; i++)
		r->fold[i] = FOLD_OPEN;
	r->max_depth = 0;
	for (uint32_t i = 0; i < d->nnodes; i++)
		if (d->nodes[i].level > r->max_depth)
			r->max_depth = d->nodes[i].level;
	r->max_valid = false;
	/* The overview or contents asked for while loading takes in the
	 * new sections too. */
	if (r->global_state == 0)
		apply_levels(r, 1);
	else if (r->global_state == 1)
		apply_levels(r, r->max_depth);
	refold(r);
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	free(r->fold);
	free(r);
}

void
reader_share_history(struct reader *r, struct jumplist *h, uint32_t doc_id)
{
	r->hist = h;
	r->doc_id = doc_id;
}

void
reader_set_height(struct reader *r, int height)
{
	r->height = height > 0 ? height : 1;
	r->max_valid = false;
}

void
reader_relayout(struct reader *r)
{
	retop(r);
}

void
reader_iter_top(struct reader *r, struct reader_iter *it)
{
	*it = cur_of_place(r, &r->top);
}

bool
reader_iter_next(struct reader *r, struct reader_iter *it, struct rrow *out)
{
	uint32_t n;

	if (it->done || it->block >= r->d->nblocks)
		return false;
	memset(out, 0, sizeof *out);
	out->block = it->block;
	out->node = NONE;
	if (it->sub < 0) {
		out->kind = RROW_GAP;
		out->index = (uint32_t)(gap_of(r, it->block) + it->sub);
	} else if ((out->node = closed_heading(r, it->block)) != NONE) {
		out->kind = RROW_FOLD;
		out->last = true;
	} else {
		const struct row *rows = layout_block_rows(r->l, it->block, &n);

		out->kind = RROW_TEXT;
		out->index = (uint32_t)it->sub;
		if ((uint32_t)it->sub < n)
			out->row = rows[it->sub];
		out->last = (uint32_t)it->sub + 1 >= n;
	}
	if (!cur_next(r, it))
		it->done = true;
	return true;
}

static struct reader_iter
top_cur(struct reader *r)
{
	return cur_of_place(r, &r->top);
}

static struct reader_iter
max_top(struct reader *r)
{
	struct reader_iter c = { 0, 0, false };
	uint32_t lb;

	if (r->max_valid)
		return r->max_top;
	lb = prev_visible(r, r->d->nblocks);
	if (lb != NONE) {
		c.block = lb;
		c.sub = (int32_t)nrows_of(r, lb) - 1;
		for (int i = 1; i < r->height; i++)
			if (!cur_prev(r, &c))
				break;
		/* Not a paragraph gap in the top row: the last page starts
		 * with text, and the rows below the end stay empty. */
		if (c.sub < 0)
			c.sub = 0;
	}
	r->max_top = c;
	r->max_valid = true;
	return c;
}

static void
set_top(struct reader *r, const struct reader_iter *c)
{
	r->top = place_of_cur(r, c);
	r->anchor = r->top;
}

int
reader_scroll(struct reader *r, int n)
{
	struct reader_iter c, m;
	int moved = 0;

	if (r->d->nblocks == 0 || n == 0)
		return 0;
	c = top_cur(r);
	if (n > 0) {
		m = max_top(r);
		while (moved < n && cur_cmp(&c, &m) < 0 && cur_next(r, &c))
			moved++;
	} else {
		while (moved < -n && cur_prev(r, &c))
			moved++;
		moved = -moved;
	}
	if (moved != 0)
		set_top(r, &c);
	return moved;
}

/* Walks the rows on screen; returns the last one in *last and whether the
 * document ends on screen. */
static bool
walk_screen(struct reader *r, struct rrow *last)
{
	struct reader_iter it;
	struct rrow row;
	int i = 0;

	memset(last, 0, sizeof *last);
	reader_iter_top(r, &it);
	while (i < r->height && reader_iter_next(r, &it, &row)) {
		*last = row;
		i++;
	}
	return it.done || it.block >= r->d->nblocks;
}

bool
reader_at_end(struct reader *r)
{
	struct rrow last;

	return walk_screen(r, &last);
}

int
reader_percent(struct reader *r)
{
	struct rrow last;
	size_t abs, total = r->d->text_len;
	int pct;

	if (walk_screen(r, &last) || total == 0)
		return r->loaded < 1.0 ? (int)(r->loaded * 100) : 100;
	if (last.kind == RROW_TEXT)
		abs = r->d->blocks[last.block].text_off + last.row.end;
	else if (last.kind == RROW_FOLD)
		abs = doc_pos_abs(r->d, (struct doc_pos){
		    r->d->nodes[last.node].end_block, 0 });
	else
		abs = r->d->blocks[last.block].text_off;
	pct = (int)((double)abs * 100.0 * r->loaded / (double)total);
	return pct > 99 ? 99 : pct;
}

static void
hist_push(struct jumplist *h, struct jump j)
{
	if (h->n == READER_HIST_MAX) {
		memmove(h->e, h->e + 1, (h->n - 1) * sizeof *h->e);
		h->n--;
	}
	h->e[h->n++] = j;
}

void
jumplist_record(struct jumplist *h, struct jump from)
{
	if (h->idx < h->n)
		h->n = h->idx;
	hist_push(h, from);
	h->idx = h->n;
}

bool
jumplist_back(struct jumplist *h, struct jump here, struct jump *to)
{
	if (h->idx == 0)
		return false;
	if (h->idx == h->n) {
		size_t before = h->n;

		/* Where Back started, so that Forward comes back to it. */
		hist_push(h, here);
		/* hist_push may have dropped the oldest entry. */
		h->idx = h->n - 1;
		if (h->n == before && h->idx == 0)
			return false;
	} else
		h->e[h->idx] = here;
	h->idx--;
	*to = h->e[h->idx];
	return true;
}

bool
jumplist_forward(struct jumplist *h, struct jump here, struct jump *to)
{
	if (h->idx + 1 >= h->n)
		return false;
	h->e[h->idx] = here;
	h->idx++;
	*to = h->e[h->idx];
	return true;
}

static void
goto_pos(struct reader *r, struct doc_pos p)
{
	struct reader_place pl = { p, 0 };
	struct reader_iter c;
	uint32_t n;

	if (r->d->nblocks == 0)
		return;
	if (pl.pos.block >= r->d->nblocks) {
		pl.pos.block = r->d->nblocks - 1;
		pl.pos.off = r->d->blocks[pl.pos.block].text_len;
	}
	reader_reveal(r, pl.pos.block);
	/* Inside a closed heading's own text (a run-in heading is its first
	 * paragraph): open it too. */
	if (pl.pos.off > 0 && (n = closed_heading(r, pl.pos.block)) != NONE) {
		r->fold[n] = FOLD_OPEN;
		r->global_state = -1;
		refold(r);
	}
	c = cur_of_place(r, &pl);
	set_top(r, &c);
	r->max_valid = false;
}

void
reader_goto(struct reader *r, doc_off p)
{
	goto_pos(r, doc_pos_of(r->d, p));
}

/* Remembers where a jump starts: the history and the '' mark.  The
 * anchor, not the top: when a fold hides the reading position the top is
 * the fold row, and going back must open the fold and show the text. */
void
reader_record_jump(struct reader *r)
{
	struct jump from = reader_here(r);

	jumplist_record(r->hist, from);
	r->prev = from.off;
	r->prev_set = true;
}

void
reader_jump(struct reader *r, doc_off p)
{
	reader_record_jump(r);
	reader_goto(r, p);
}

void
reader_top_of_doc(struct reader *r)
{
	reader_jump(r, 0);
}

void
reader_bottom_of_doc(struct reader *r)
{
	struct reader_iter m;

	if (r->d->nblocks == 0)
		return;
	reader_record_jump(r);
	m = max_top(r);
	set_top(r, &m);
}

doc_off
reader_pos_of_percent(const struct reader *r, int pct)
{
	const struct doc *d = r->d;
	size_t target;

	if (d->nblocks == 0)
		return 0;
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	/* While loading, percent is of the whole file: the loaded text
	 * is its first `loaded` part. */
	target = (size_t)MIN((double)d->text_len,
	    (double)d->text_len * pct / 100.0 / r->loaded);
	/* Inside a block and on a character boundary. */
	return doc_off_of(d, doc_pos_of(d, (doc_off)target));
}

doc_off
reader_pos_of_line(const struct reader *r, uint32_t line)
{
	struct doc_pos p = { 0, 0 };

	for (uint32_t b = 0; b < r->d->nblocks; b++) {
		uint32_t l = r->d->blocks[b].line;

		if (l == 0)
			continue;
		if (l > line)
			break;
		p.block = b;
	}
	return r->d->nblocks > 0 ? doc_off_of(r->d, p) : 0;
}

uint32_t
reader_current_node(const struct reader *r)
{
	return node_of(r, r->top.pos.block);
}

size_t
reader_path(const struct reader *r, uint32_t *path, size_t max)
{
	uint32_t tmp[64];
	size_t n = 0, k = 0;

	for (uint32_t p = reader_current_node(r); p != NONE && n < 64;
	    p = r->d->nodes[p].parent)
		tmp[n++] = p;
	while (n > 0 && k < max)
		path[k++] = tmp[--n];
	return k;
}

void
reader_jump_node(struct reader *r, uint32_t n)
{
	if (n >= r->d->nnodes)
		return;
	reader_record_jump(r);
	goto_pos(r, (struct doc_pos){ r->d->nodes[n].block, 0 });
}

/* Jumps to node n; false when it is NONE. */
static bool
jump_to(struct reader *r, uint32_t n)
{
	if (n == NONE)
		return false;
	reader_jump_node(r, n);
	return true;
}

/* Jumps to node n, or to the closed fold that hides it. */
static bool
jump_shown(struct reader *r, uint32_t n)
{
	uint32_t v = hider(r, r->d->nodes[n].block);

	return jump_to(r, v == NONE ? n : v);
}

/* First node whose heading block is >= b. */
static uint32_t
node_at_or_after(const struct doc *d, uint32_t b)
{
	uint32_t lo = 0, hi = d->nnodes;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->nodes[mid].block < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
reader_next_heading(struct reader *r)
{
	const struct doc *d = r->d;
	uint32_t cb = r->top.pos.block;
	uint32_t i = node_at_or_after(d, r->top.gap > 0 ? cb : cb + 1);

	while (i < d->nnodes) {
		uint32_t v = hider(r, d->nodes[i].block);

		if (v == NONE) {
			reader_jump_node(r, i);
			return true;
		}
		i = node_at_or_after(d, skip_end(r, v));
	}
	return false;
}

bool
reader_prev_heading(struct reader *r)
{
	const struct doc *d = r->d;
	uint32_t cb = r->top.pos.block;
	uint32_t i = node_at_or_after(d, cb);

	/* A top inside the heading block itself counts as past it. */
	if (i < d->nnodes && d->nodes[i].block == cb && r->top.pos.off > 0)
		i++;
	return i > 0 && jump_shown(r, i - 1);
}

static bool
at_heading(const struct reader *r, uint32_t n)
{
	return r->top.pos.block == r->d->nodes[n].block &&
	    r->top.pos.off == 0;
}

bool
reader_next_sibling(struct reader *r)
{
	uint32_t cur = reader_current_node(r);

	if (cur == NONE)
		return jump_to(r, r->d->nnodes > 0 ? 0 : NONE);
	return jump_to(r, r->d->nodes[cur].next_sibling);
}

bool
reader_prev_sibling(struct reader *r)
{
	uint32_t cur = reader_current_node(r);

	return cur != NONE && jump_to(r, at_heading(r, cur) ?
	    r->d->nodes[cur].prev_sibling : cur);
}

bool
reader_parent_heading(struct reader *r)
{
	uint32_t cur = reader_current_node(r);

	return cur != NONE && jump_to(r, r->d->nodes[cur].parent);
}

bool
reader_first_heading(struct reader *r)
{
	return jump_to(r, r->d->nnodes > 0 ? 0 : NONE);
}

bool
reader_last_heading(struct reader *r)
{
	return r->d->nnodes > 0 && jump_shown(r, r->d->nnodes - 1);
}

enum fold_state
reader_fold_state(const struct reader *r, uint32_t n)
{
	return n < r->d->nnodes ? (enum fold_state)r->fold[n] : FOLD_OPEN;
}

/* One past the last node of n's subtree. */
static uint32_t
subtree_end(const struct reader *r, uint32_t n)
{
	return node_at_or_after(r->d, r->d->nodes[n].end_block);
}

void
reader_set_fold(struct reader *r, uint32_t n, enum fold_state s)
{
	if (n >= r->d->nnodes)
		return;
	r->fold[n] = (uint8_t)s;
	r->global_state = -1;
	r->levels = 0;
	refold(r);
}

const char *
reader_fold_cycle(struct reader *r, uint32_t n)
{
	const struct outline_node *nd;
	const char *word;
	bool all_closed = true;

	if (n == NONE || n >= r->d->nnodes)
		return reader_fold_cycle_all(r);
	nd = &r->d->nodes[n];
	for (uint32_t c = nd->first_child; c != NONE;
	    c = r->d->nodes[c].next_sibling)
		if (r->fold[c] != FOLD_CLOSED)
			all_closed = false;
	if (r->fold[n] == FOLD_CLOSED) {
		r->fold[n] = FOLD_OPEN;
		if (nd->first_child != NONE) {
			for (uint32_t c = nd->first_child; c != NONE;
			    c = r->d->nodes[c].next_sibling)
				r->fold[c] = FOLD_CLOSED;
			word = "children";
		} else
			word = "open";
	} else if (r->fold[n] == FOLD_OPEN && nd->first_child != NONE &&
	    all_closed) {
		for (uint32_t i = n, e = subtree_end(r, n); i < e; i++)
			r->fold[i] = FOLD_OPEN;
		word = "subtree";
	} else {
		r->fold[n] = FOLD_CLOSED;
		word = "folded";
	}
	r->global_state = -1;
	r->levels = 0;
	refold(r);
	return word;
}

static void
apply_levels(struct reader *r, unsigned levels)
{
	for (uint32_t i = 0; i < r->d->nnodes; i++) {
		const struct outline_node *nd = &r->d->nodes[i];

		if (levels > r->max_depth)
			r->fold[i] = FOLD_OPEN;
		else if (nd->level < levels && nd->first_child != NONE)
			r->fold[i] = FOLD_BODY;
		else
			r->fold[i] = FOLD_CLOSED;
	}
	r->levels = (int)levels;
	refold(r);
}

const char *
reader_fold_cycle_all(struct reader *r)
{
	static const char *words[] = { "overview", "contents", "show all" };
	int next = r->global_state >= 0 ? (r->global_state + 1) % 3 : 0;

	if (r->d->nnodes == 0)
		return NULL;
	if (next == 0)
		apply_levels(r, 1);
	else if (next == 1)
		apply_levels(r, r->max_depth);
	else
		apply_levels(r, r->max_depth + 1);
	r->global_state = next;
	return words[next];
}

void
reader_fold_levels(struct reader *r, unsigned levels)
{
	if (levels == 0)
		levels = 1;
	if (levels > r->max_depth + 1)
		levels = r->max_depth + 1;
	apply_levels(r, levels);
	r->global_state = -1;
}

void
reader_fold_all(struct reader *r, enum fold_state s)
{
	memset(r->fold, s, r->d->nnodes);
	r->global_state = -1;
	r->levels = s == FOLD_OPEN ? (int)r->max_depth + 1 : 1;
	refold(r);
}

void
reader_reveal(struct reader *r, uint32_t b)
{
	const struct outline_node *nodes = r->d->nodes;
	uint32_t n = node_of(r, b);
	bool changed = false;

	if (n == NONE)
		return;
	if (nodes[n].block != b && r->fold[n] != FOLD_OPEN) {
		r->fold[n] = FOLD_OPEN;
		changed = true;
	}
	for (uint32_t p = nodes[n].parent; p != NONE; p = nodes[p].parent)
		if (r->fold[p] == FOLD_CLOSED) {
			r->fold[p] = FOLD_OPEN;
			changed = true;
		}
	if (changed) {
		r->global_state = -1;
		refold(r);
	}
}

bool
reader_node_visible(const struct reader *r, uint32_t n)
{
	return n < r->d->nnodes && hider(r, r->d->nodes[n].block) == NONE;
}

void
reader_heading_text(const struct doc *d, uint32_t block, const char **s,
    size_t *len)
{
	const struct block *bk = &d->blocks[block];
	size_t n = bk->text_len;

	if ((bk->flags & BLOCK_F_RUNIN) && bk->title_len > 0 &&
	    (size_t)bk->title_off + bk->title_len <= n)
		n = (size_t)bk->title_off + bk->title_len;
	*s = doc_block_text(d, block);
	*len = n;
}

static void
put_thousands(struct buf *out, uint32_t v)
{
	char tmp[16];
	int n = snprintf(tmp, sizeof tmp, "%u", (unsigned)v);

	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, tmp[i]);
	}
}

void
reader_heading_line(const struct doc *d, uint32_t block, const char **s,
    size_t *len)
{
	reader_heading_text(d, block, s, len);
	for (size_t i = 0; i < *len; i++)
		if ((*s)[i] == '\n') {
			*len = i;
			break;
		}
}

void
reader_fold_text(const struct reader *r, uint32_t n, struct buf *out)
{
	const struct outline_node *nd = &r->d->nodes[n];
	const char *s;
	size_t len;

	reader_heading_line(r->d, nd->block, &s, &len);
	buf_puts(out, "▸ ");
	buf_put(out, s, len);
	/* A section with no text (a heading right before the next) has
	 * nothing to count. */
	if (nd->paras == 0 && nd->chars == 0)
		return;
	buf_puts(out, "  (");
	put_thousands(out, nd->paras);
	buf_puts(out, " 段 · ");
	put_thousands(out, nd->chars);
	buf_puts(out, " 字)");
}

static int
mark_index(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (int)(c - 'A') + 26;
	return -1;
}

bool
reader_mark_set(struct reader *r, uint32_t c)
{
	int i = mark_index(c);

	if (i < 0)
		return false;
	r->marks[i] = reader_anchor(r);
	r->mark_set[i] = true;
	return true;
}

bool
reader_mark_goto(struct reader *r, uint32_t c)
{
	int i;

	if (c == '\'' || c == '`')
		return reader_prev_goto(r);
	if ((i = mark_index(c)) < 0 || !r->mark_set[i])
		return false;
	reader_jump(r, r->marks[i]);
	return true;
}

bool
reader_prev_goto(struct reader *r)
{
	if (!r->prev_set)
		return false;
	reader_jump(r, r->prev);
	return true;
}

bool
reader_back(struct reader *r)
{
	struct jumplist *h = r->hist;
	struct jump to;

	if (h->idx > 0 && h->e[h->idx - 1].doc != r->doc_id)
		return false;
	if (!jumplist_back(h, reader_here(r), &to))
		return false;
	reader_goto(r, to.off);
	return true;
}

bool
reader_forward(struct reader *r)
{
	struct jumplist *h = r->hist;
	struct jump to;

	if (h->idx + 1 < h->n && h->e[h->idx + 1].doc != r->doc_id)
		return false;
	if (!jumplist_forward(h, reader_here(r), &to))
		return false;
	reader_goto(r, to.off);
	return true;
}

struct jump
reader_here(const struct reader *r)
{
	struct jump j = { r->doc_id, reader_anchor(r) };

	return j;
}

doc_off
reader_anchor(const struct reader *r)
{
	if (r->d->nblocks == 0)
		return 0;
	return doc_off_of(r->d, r->anchor.pos);
}
