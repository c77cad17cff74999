/* outline.h - the heading tree of a document (doc->nodes) and questions
 * about it.  Nodes are in document order; the heading's block index is the
 * stable tag that fold state and the sidebar keep. */
#ifndef YUEDU_OUTLINE_H
#define YUEDU_OUTLINE_H

#include "doc.h"

/* Builds d->nodes from the heading blocks (levels as set
 * by the parser), the per-section counts and d->chars, in one pass over
 * the text.  Called by docb_finish. */
void outline_build(struct doc *d);

/* Innermost section node containing block b, or OUTLINE_NONE. */
uint32_t outline_node_of_block(const struct doc *d, uint32_t b);
/* Node whose heading is block b, or OUTLINE_NONE. */
uint32_t outline_node_at_block(const struct doc *d, uint32_t b);
/* Depth of node n (1 = top). */
unsigned outline_depth(const struct doc *d, uint32_t n);

#endif
