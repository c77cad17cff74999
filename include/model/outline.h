/* outline.h - the heading tree of a document (doc->nodes) and questions
 * about it.  Nodes are in document order; the heading's block index is the
 * stable tag that fold state and the sidebar keep. */
#ifndef YUEDU_OUTLINE_H
#define YUEDU_OUTLINE_H

#include "doc.h"

/* What the builder counts as blocks close (docbuild.c), so that the tree
 * is built from the headings alone, without a pass over the text: that
 * matters while a large file loads and the outline is rebuilt as it
 * grows.  Section text is every block's characters but a heading's own
 * label and title (a run-in heading's body counts) and metadata; a
 * paragraph is a block other than a heading, metadata or the
 * continuation of a split one, and a run-in heading. */
struct outline_counts {
	uint32_t *head;		/* heading blocks, in document order */
	uint64_t *chars_before;	/* section characters before each */
	uint32_t *paras_before;	/* paragraphs before each */
	uint32_t n, cap;
	uint64_t chars;		/* section characters so far */
	uint32_t paras;		/* paragraphs so far */
	size_t all_chars;	/* every character (d->chars) */
};

/* Adds closed block number b, bl with its text, to c (the builder
 * calls it for each block it closes). */
void outline_count_block(struct outline_counts *c, const struct block *bl,
    uint32_t b, const char *text);
void outline_counts_free(struct outline_counts *c);

/* Builds d->nodes from the heading blocks in c (levels as set by the
 * parser), with the per-section counts and d->chars from c.  Called by
 * docb_peek and docb_finish. */
void outline_build(struct doc *d, const struct outline_counts *c);

/* Innermost section node containing block b, or OUTLINE_NONE. */
uint32_t outline_node_of_block(const struct doc *d, uint32_t b);
/* Node whose heading is block b, or OUTLINE_NONE. */
uint32_t outline_node_at_block(const struct doc *d, uint32_t b);
/* Depth of node n (1 = top). */
unsigned outline_depth(const struct doc *d, uint32_t n);

#endif
