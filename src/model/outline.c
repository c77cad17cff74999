/* outline.c - the heading tree.  Built in O(headings) with a stack from
 * the counts the builder keeps, so 100,000 headings cost nothing
 * noticeable, rebuilding it while a file loads costs no pass over the
 * text, and no recursion is needed. */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "docbuild.h"
#include "utf8.h"
#include "util.h"

static bool
counts_as_text(const struct block *bl)
{
	return bl->type != BLOCK_HEADING && bl->type != BLOCK_META &&
	    !(bl->flags & BLOCK_F_CONT);
}

void
outline_count_block(struct outline_counts *c, const struct block *bl,
    uint32_t b, const char *t)
{
	size_t all = utf8_count(t, bl->text_len);

	c->all_chars += all;
	if (bl->type == BLOCK_HEADING) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->head = xreallocarray(c->head, c->cap,
			    sizeof *c->head);
			c->chars_before = xreallocarray(c->chars_before, c->cap,
			    sizeof *c->chars_before);
			c->paras_before = xreallocarray(c->paras_before, c->cap,
			    sizeof *c->paras_before);
		}
		c->head[c->n] = b;
		c->chars_before[c->n] = c->chars;
		c->paras_before[c->n] = c->paras;
		c->n++;
		/* Its own number and title are not section text. */
		c->chars += all - utf8_count(t, (size_t)bl->title_off +
		    bl->title_len);
		/* A run-in heading carries body text of its own. */
		if (bl->flags & BLOCK_F_RUNIN)
			c->paras++;
		return;
	}
	if (bl->type == BLOCK_META)
		return;
	c->chars += all;
	if (counts_as_text(bl))
		c->paras++;
}

void
outline_counts_free(struct outline_counts *c)
{
	free(c->head);
	free(c->chars_before);
	free(c->paras_before);
	memset(c, 0, sizeof *c);
}

void
outline_build(struct doc *d, const struct outline_counts *c)
{
	uint32_t stack[DOCB_MAX_HEADING_LEVEL + 1], depth = 0, *last_child;
	uint32_t n = 0, i, nh = 0;

	/* The headings closed by the time d's blocks end. */
	while (nh < c->n && c->head[nh] < d->nblocks)
		nh++;
	free(d->nodes);
	d->nodes = xcalloc(nh ? nh : 1, sizeof *d->nodes);
	d->nnodes = nh;
	d->chars = c->all_chars;
	last_child = xreallocarray(NULL, nh ? nh : 1, sizeof *last_child);
	for (n = 0; n < nh; n++) {
		uint32_t b = c->head[n];
		const struct block *bl = &d->blocks[b];
		struct outline_node *nd = &d->nodes[n];
		uint64_t next = n + 1 < c->n ? c->chars_before[n + 1] : c->chars;
		uint32_t nextp = n + 1 < c->n ? c->paras_before[n + 1] :
		    c->paras;

		while (depth > 0 &&
		    d->blocks[d->nodes[stack[depth - 1]].block].level >=
		    bl->level) {
			d->nodes[stack[depth - 1]].end_block = b;
			depth--;
		}
		nd->block = b;
		nd->parent = depth ? stack[depth - 1] : OUTLINE_NONE;
		nd->first_child = nd->next_sibling = OUTLINE_NONE;
		nd->prev_sibling = OUTLINE_NONE;
		nd->end_block = d->nblocks;
		nd->level = (uint8_t)(depth + 1);
		/* Its own part: up to the next heading of any level. */
		nd->chars = (uint32_t)MIN(next - c->chars_before[n],
		    (uint64_t)UINT32_MAX);
		nd->paras = nextp - c->paras_before[n];
		last_child[n] = OUTLINE_NONE;
		if (nd->parent != OUTLINE_NONE) {
			uint32_t lc = last_child[nd->parent];

			if (lc == OUTLINE_NONE)
				d->nodes[nd->parent].first_child = n;
			else {
				d->nodes[lc].next_sibling = n;
				nd->prev_sibling = lc;
			}
			last_child[nd->parent] = n;
		} else if (n > 0) {
			/* Top-level siblings: link to the previous root. */
			uint32_t r = n - 1;

			while (d->nodes[r].parent != OUTLINE_NONE)
				r = d->nodes[r].parent;
			d->nodes[r].next_sibling = n;
			nd->prev_sibling = r;
		}
		if (depth < DOCB_MAX_HEADING_LEVEL)
			stack[depth++] = n;
	}
	/* Children come after their parents: add sums bottom-up. */
	for (i = d->nnodes; i-- > 0;) {
		uint32_t p = d->nodes[i].parent;

		if (p != OUTLINE_NONE) {
			d->nodes[p].paras += d->nodes[i].paras;
			d->nodes[p].chars += d->nodes[i].chars;
		}
	}
	free(last_child);
}

/* The last heading at or before b, then out to the section that still
 * holds b: no per-block array (4 bytes a block, 2 MB for 100 MB of
 * text), and at most log2(headings) + 9 steps. */
uint32_t
outline_node_of_block(const struct doc *d, uint32_t b)
{
	uint32_t lo = 0, hi = d->nnodes, n;

	if (b >= d->nblocks || d->nnodes == 0 || d->nodes[0].block > b)
		return OUTLINE_NONE;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->nodes[mid].block <= b)
			lo = mid;
		else
			hi = mid;
	}
	n = lo;
	while (n != OUTLINE_NONE && d->nodes[n].end_block <= b)
		n = d->nodes[n].parent;
	return n;
}

uint32_t
outline_node_at_block(const struct doc *d, uint32_t b)
{
	uint32_t n = outline_node_of_block(d, b);

	if (n != OUTLINE_NONE && d->nodes[n].block == b)
		return n;
	return OUTLINE_NONE;
}

unsigned
outline_depth(const struct doc *d, uint32_t n)
{
	return n < d->nnodes ? d->nodes[n].level : 0;
}
