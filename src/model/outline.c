/* outline.c - the heading tree.  Built once in O(blocks) with a stack, so
 * 100,000 headings cost nothing noticeable and no recursion is needed. */
#include "outline.h"

#include <stdlib.h>

#include "docbuild.h"
#include "utf8.h"
#include "util.h"

static bool
counts_as_text(const struct block *bl)
{
	return bl->type != BLOCK_HEADING && bl->type != BLOCK_META &&
	    !(bl->flags & BLOCK_F_CONT);
}

/* Characters a block adds to its section, given all of its characters:
 * a heading's own title is not section text, but a run-in heading's body
 * is. */
static size_t
section_chars(const struct doc *d, uint32_t b, size_t all)
{
	const struct block *bl = &d->blocks[b];

	if (bl->type == BLOCK_META)
		return 0;
	if (bl->type == BLOCK_HEADING)
		return all - utf8_count(doc_block_text(d, b),
		    bl->title_off + bl->title_len);
	return all;
}

void
outline_build(struct doc *d)
{
	uint32_t *stack, depth = 0, *last_child, b, n = 0, i;
	size_t all;

	d->chars = 0;
	free(d->nodes);
	for (b = 0; b < d->nblocks; b++)
		if (d->blocks[b].type == BLOCK_HEADING)
			n++;
	d->nodes = xcalloc(n ? n : 1, sizeof *d->nodes);
	d->nnodes = n;
	stack = xreallocarray(NULL, DOCB_MAX_HEADING_LEVEL + 1, sizeof *stack);
	last_child = xreallocarray(NULL, n ? n : 1, sizeof *last_child);

	n = 0;
	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		struct outline_node *nd;

		if (bl->type == BLOCK_HEADING) {
			while (depth > 0 &&
			    d->blocks[d->nodes[stack[depth - 1]].block].level >=
			    bl->level) {
				d->nodes[stack[depth - 1]].end_block = b;
				depth--;
			}
			nd = &d->nodes[n];
			nd->block = b;
			nd->parent = depth ? stack[depth - 1] : OUTLINE_NONE;
			nd->first_child = nd->next_sibling = OUTLINE_NONE;
			nd->prev_sibling = OUTLINE_NONE;
			nd->end_block = d->nblocks;
			nd->level = (uint8_t)(depth + 1);
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
			n++;
			/* A run-in heading carries body text of its own. */
			if (bl->flags & BLOCK_F_RUNIN)
				nd->paras++;
		}
		/* One pass over the text gives the document's and the
		 * sections' character counts. */
		all = utf8_count(doc_block_text(d, b), bl->text_len);
		d->chars += all;
		if (depth > 0) {
			struct outline_node *in = &d->nodes[stack[depth - 1]];
			uint32_t chars = (uint32_t)section_chars(d, b, all);

			if (counts_as_text(bl))
				in->paras++;
			in->chars += chars;
		}
	}
	/* Children come after their parents: add sums bottom-up. */
	for (i = d->nnodes; i-- > 0;) {
		uint32_t p = d->nodes[i].parent;

		if (p != OUTLINE_NONE) {
			d->nodes[p].paras += d->nodes[i].paras;
			d->nodes[p].chars += d->nodes[i].chars;
		}
	}
	free(stack);
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
