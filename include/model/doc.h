/* doc.h - the document model: one UTF-8 text arena, a flat array of
 * blocks, a flat array of inline spans, and the outline tree of headings.
 * Every parser builds it through docbuild.h; layout, search and the view
 * only read it.  Text in the model is already sanitised (inert).
 *
 * Coordinates: a doc_off is a byte offset into the text arena, the one
 * position type outside the model and the layout: it survives re-parsing
 * the same text, a resize and folds.  A struct doc_pos is (block index,
 * byte offset into that block's text), for the model and the layout.
 * Screen rows exist only in layout.c and view.c. */
#ifndef YUEDU_DOC_H
#define YUEDU_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "output.h"

enum block_type {
	BLOCK_PARA,		/* paragraph: soft breaks already joined */
	BLOCK_HEADING,		/* heading: level, label and title set */
	BLOCK_LIST_ITEM,	/* list item: level = nesting depth (1..) */
	BLOCK_QUOTE,		/* quoted paragraph: level = depth */
	BLOCK_PRE,		/* preformatted / verse: '\n' kept, no reflow */
	BLOCK_RULE,		/* thematic break: no text */
	BLOCK_META,		/* title / date / source line before the body */
	BLOCK__COUNT
};

/* block.flags */
#define BLOCK_F_RUNIN	0x01	/* heading is the first sentence of a paragraph */
#define BLOCK_F_RELATED	0x02	/* heading of a related-reading section */
#define BLOCK_F_ARTICLE	0x04	/* numbered article (第N条): label set, not a heading */
#define BLOCK_F_CONT	0x08	/* continues the previous block (a split long paragraph) */
#define BLOCK_F_LINK	0x10	/* item of a related-reading list */
#define BLOCK_F_TOC	0x20	/* line of a table of contents (目录) */

/* block.meta for BLOCK_META */
enum meta_kind { META_NONE, META_TITLE, META_SUBTITLE, META_DATE, META_SOURCE, META_SITE };

struct block {
	uint32_t text_off;	/* start of the text in the arena */
	uint32_t span_first;	/* index of the first span */
	uint32_t line;		/* 1-based input line where it starts (0: unknown) */
	/* Narrow fields: a 100 MB text has ~570,000 blocks, so each byte
	 * here is half a megabyte; the builder splits longer paragraphs
	 * (DOCB_BLOCK_MAX) and clamps what else does not fit. */
	uint16_t text_len;	/* bytes of text (at most DOCB_BLOCK_MAX) */
	uint16_t span_count;	/* spans of this block (at most 65535) */
	uint16_t label_len;	/* heading/article: bytes of the number label at text[0] */
	uint16_t title_off;	/* heading: title start (after the label and spaces) */
	uint16_t title_len;	/* heading: title bytes; for run-in headings the rest is body */
	uint8_t indent;		/* first-row indent, columns (at most 64) */
	uint8_t hang;		/* indent of the following rows, columns */
	uint8_t type;		/* enum block_type */
	uint8_t level;		/* heading level 1..; list/quote depth */
	uint8_t flags;		/* BLOCK_F_* */
	uint8_t meta;		/* enum meta_kind */
};

/* Containers: lists, tables, quotes, code and figures that hold leaf
 * blocks.  The leaf blocks stay one flat array in document order (layout
 * walks it); a container names a range of it, [first_block, first_block +
 * nblocks), and its parent.  Containers are stored in document order, a
 * parent before its children, so the ranges nest like brackets. */
enum container_type {
	CONT_LIST,		/* flags CONT_F_ORDERED; num = start; bullet */
	CONT_ITEM,		/* label = its number or bullet; num; task */
	CONT_TABLE,		/* num = columns */
	CONT_ROW,		/* flags CONT_F_HEADER */
	CONT_CELL,		/* num = column; align; flags CONT_F_HEADER */
	CONT_QUOTE,
	CONT_CODE,		/* label = language */
	CONT_FIGURE,
	CONT__COUNT
};

#define CONT_NONE UINT32_MAX
#define DOC_MAX_NEST 32		/* container depth the builder keeps */

/* container.flags */
#define CONT_F_ORDERED	0x01	/* list: numbered */
#define CONT_F_HEADER	0x02	/* row or cell: a header */

enum task_state { TASK_NONE, TASK_OPEN, TASK_DONE };
enum cell_align { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTRE, ALIGN_RIGHT };

struct container {
	uint32_t parent;	/* CONT_NONE at the top */
	uint32_t first_block;	/* leaf blocks it holds: a range */
	uint32_t nblocks;
	uint32_t num;		/* list: start; item: number; table: columns;
				 * cell: column (0-based) */
	uint32_t bullet;	/* list: bullet code point, 0 if numbered */
	uint32_t label_off;	/* item label / code language in doc->strs */
	uint16_t label_len;
	uint8_t type;		/* enum container_type */
	uint8_t depth;		/* 1 at the top */
	uint8_t flags;		/* CONT_F_* */
	uint8_t task;		/* item: enum task_state */
	uint8_t align;		/* cell: enum cell_align */
};

enum span_style {
	STYLE_NONE, STYLE_STRONG, STYLE_EM, STYLE_CODE, STYLE_LINK,
	STYLE_STRIKE, STYLE_HEADING_TITLE, STYLE_CONTROL, STYLE__COUNT
};

struct span {
	uint32_t off;		/* byte offset in the block's text */
	uint32_t len;
	uint32_t link;		/* STYLE_LINK: index into doc links, else 0 */
	uint8_t style;		/* enum span_style */
};

/* One heading in the outline tree.  Indices are into doc->nodes; NONE is
 * UINT32_MAX.  A section runs from its heading block to end_block. */
#define OUTLINE_NONE UINT32_MAX
struct outline_node {
	uint32_t block;		/* the heading block (stable tag for folds) */
	uint32_t parent;
	uint32_t first_child;
	uint32_t next_sibling;
	uint32_t prev_sibling;
	uint32_t end_block;	/* first block after the section */
	uint32_t paras;		/* blocks in the section besides headings */
	uint32_t chars;		/* characters of text in the section */
	uint8_t level;		/* depth in the tree, 1 = top */
};

enum doc_format { FORMAT_TXT, FORMAT_MD, FORMAT_HTML };

struct doc_pos {
	uint32_t block;
	uint32_t off;
};

/* An offset into the text arena (block.text_off is 32 bits: the arena is
 * under 4 GiB). */
typedef uint32_t doc_off;

struct doc {
	char *text;		/* arena; NUL-terminated */
	size_t text_len;
	struct block *blocks;
	uint32_t nblocks;
	struct span *spans;
	uint32_t nspans;
	struct outline_node *nodes;	/* outline tree, in document order */
	uint32_t nnodes;
	struct container *conts;	/* in document order, parents first */
	uint32_t nconts;
	char *strs;		/* container labels and languages (sanitised) */
	size_t strs_len;
	uint32_t nest_flattened;	/* opens past the depth cap, not kept */
	char **links;		/* link targets (sanitised), links[0] unused */
	uint32_t nlinks;
	/* metadata, malloc'd and sanitised, NULL when unknown */
	char *title;
	char *date;
	char *source;
	char *site;
	char *name;		/* file name as given */
	const char *encoding;	/* static name */
	const char *detected_by;
	enum doc_format format;
	size_t invalid;		/* replaced byte sequences */
	size_t invisible;	/* invisible format characters kept (sanitize.h) */
	size_t source_bytes;	/* size of the input as read (before decoding) */
	size_t chars;		/* code points of text */
	int truncated;		/* input was cut (too large) */
};

static inline const char *
doc_block_text(const struct doc *d, uint32_t b)
{
	return d->text + d->blocks[b].text_off;
}

const char *doc_format_name(enum doc_format f);
const char *doc_block_type_name(enum block_type t);
const char *doc_container_type_name(enum container_type t);

/* Frees everything; NULL is fine. */
void doc_free(struct doc *d);

/* Checks the invariants (offsets in range, spans inside their block and
 * sorted, labels/titles inside text, outline tree consistent and in order,
 * containers nested in order with every block in its innermost one, text
 * valid and sanitised).  Returns the number of problems, printing
 * each to err when not NULL. */
int doc_check(const struct doc *d, struct out *err);

/* Text form of the model for golden tests (--dump-tree). */
void doc_dump_tree(const struct doc *d, struct out *out);

/* Counts of headings (outline nodes) and of non-heading text blocks. */
uint32_t doc_count_paragraphs(const struct doc *d);

/* The innermost container that holds block b, or CONT_NONE: found in
 * the containers' ranges (binary search), not stored per block. */
uint32_t doc_block_container(const struct doc *d, uint32_t b);

/* The block that holds byte position pos of the arena: the last one
 * starting at or before it (binary search); 0 when there are none. */
uint32_t doc_block_at(const struct doc *d, size_t pos);

/* Byte position of a doc_pos in the arena, for percent and ordering. */
static inline size_t
doc_pos_abs(const struct doc *d, struct doc_pos p)
{
	if (p.block >= d->nblocks)
		return d->text_len;
	return d->blocks[p.block].text_off + p.off;
}

/* A doc_pos as a text offset; past the last block: the end of the text. */
static inline doc_off
doc_off_of(const struct doc *d, struct doc_pos p)
{
	return (doc_off)doc_pos_abs(d, p);
}

/* The doc_pos of a text offset: the block that holds it (an offset
 * between blocks belongs to the one before), clamped to the text's end
 * and moved back to a character boundary. */
struct doc_pos doc_pos_of(const struct doc *d, doc_off off);

#endif
