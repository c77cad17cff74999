/* docbuild.h - the one builder every parser (txt, md, html) feeds.
 * Parsers say what they saw; the builder owns the arena, sanitises text on
 * entry (idempotent, so pre-sanitised text keeps its offsets), caps
 * nesting, splits overlong paragraphs so layout work per block stays
 * bounded, and at the end builds the outline tree. */
#ifndef YUEDU_DOCBUILD_H
#define YUEDU_DOCBUILD_H

#include <stdbool.h>
#include "doc.h"

/* Paragraphs longer than this are split into BLOCK_F_CONT pieces at a
 * character boundary near the limit (preferring a line end or a sentence
 * end) so that one screen never needs more than ~64 KiB of layout. */
#define DOCB_BLOCK_MAX (64u * 1024u - 1u)	/* fits block.text_len */
#define DOCB_MAX_DEPTH 16	/* list/quote depth kept for indentation */
#define DOCB_MAX_HEADING_LEVEL 9
/* Containers open at once.  Deeper opens are counted and flattened (their
 * blocks go to the deepest kept container), so hostile nesting costs
 * nothing and nothing walks the tree by recursion. */
#define DOCB_MAX_NEST DOC_MAX_NEST

/* What a container says about itself; fields a type does not use are
 * ignored.  Strings are copied and sanitised. */
struct cont_attrs {
	unsigned ordered;	/* list: numbered */
	uint32_t num;		/* list: start; item: number; table: columns;
				 * cell: column */
	uint32_t bullet;	/* list: bullet code point */
	const char *label;	/* item: number or bullet as written; code:
				 * language */
	size_t label_len;
	enum task_state task;	/* item */
	enum cell_align align;	/* cell */
	unsigned header;	/* row, cell */
};

struct docb;

struct docb *docb_new(void);
/* Frees a builder that was not finished. */
void docb_free(struct docb *b);

/* Document metadata (copied, sanitised).  A later call replaces. */
void docb_set_meta(struct docb *b, enum meta_kind kind, const char *s, size_t n);

/* Opens a container inside the innermost open one (a NULL a means no
 * attributes); closes the open block first.  Returns its index, or
 * CONT_NONE when past DOCB_MAX_NEST (then docb_close() just pops the
 * count).  Containers left open are closed by docb_finish(). */
uint32_t docb_open(struct docb *b, enum container_type type,
    const struct cont_attrs *a);
/* Closes the innermost open container (and the open block); no-op when
 * none is open. */
void docb_close(struct docb *b);

/* Opens a block; returns its index.  Blocks do not nest: a parser closes
 * one before it opens the next.  The block belongs to the innermost open
 * container. */
uint32_t docb_begin(struct docb *b, enum block_type type, unsigned level,
    uint32_t line);
/* The text entry point for adapters: appends raw decoded UTF-8 (not yet
 * sanitised) to the open block, sanitising it as it is stored (controls,
 * bidi, tabs; see sanitize.h), so an adapter parses the text as written
 * and no parser ever sees what the sanitiser made of it.  Idempotent:
 * already clean text is stored byte for byte.  Hand over whole
 * characters: a sequence cut between two calls becomes U+FFFD. */
void docb_text(struct docb *b, const char *s, size_t n);
/* Appends text that has already been through sanitize_append (load.c
 * sanitises before parse_txt runs): saves a second pass over 100 MB.
 * doc_check() still verifies it in every test and fuzz run. */
void docb_text_clean(struct docb *b, const char *s, size_t n);
/* Current byte length of the open block's text (for spans and labels). */
uint32_t docb_text_len(const struct docb *b);
void docb_set_flags(struct docb *b, unsigned flags);
void docb_set_indent(struct docb *b, unsigned indent, unsigned hang);
void docb_set_meta_kind(struct docb *b, enum meta_kind m);
/* Heading or article number: text[0..label_len) is the label, the title
 * is text[title_off .. title_off+title_len).  Offsets are clamped. */
void docb_set_label(struct docb *b, uint32_t label_len, uint32_t title_off,
    uint32_t title_len);
/* Adds a span over [off, off+len) of the open block's text. */
void docb_span(struct docb *b, enum span_style style, uint32_t off,
    uint32_t len, const char *link);
/* Closes the open block.  An empty paragraph is dropped. */
void docb_end(struct docb *b);
/* Index of the last closed block, or UINT32_MAX. */
uint32_t docb_last(const struct docb *b);

/* Room for n bytes of text, asked for at once (a loader knows the
 * file's size): the arena is then one mapping that is never copied or
 * moved, and it is given huge pages (util.h).  Untouched room costs no
 * memory. */
void docb_reserve_text(struct docb *b, size_t n);

/* Sets the level of heading block (closed); other blocks are left. */
void docb_set_level(struct docb *b, uint32_t block, unsigned level);

/* The document built so far, to show while the rest loads (load.h): its
 * arrays are the builder's, so any other docb_* call may move them and
 * only a docb_peek() makes the view safe to read again.  With grow set,
 * it takes in every block closed so far and builds their outline (a pass
 * over the text); without, it only follows the arrays and keeps its
 * counts, which is cheap.  The doc keeps its address: docb_finish()
 * completes the same struct, and until then it belongs to the builder
 * (docb_free() frees it; name is freed with it).  Nothing may be open
 * at the top level of a list when grow is set, or the list shows
 * cut short until it closes. */
struct doc *docb_peek(struct docb *b, bool grow);

/* Hands over the finished document (outline built, invariants hold) and
 * frees the builder. */
struct doc *docb_finish(struct docb *b);

#endif
