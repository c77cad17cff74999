/* reader.h - the screen model of the reading pane, without curses.
 *
 * Coordinates: the reader's place is a struct doc_pos (the start of the
 * first visible row) plus, when the first visible row is one of the blank
 * rows drawn before a block, how many of those rows are still shown
 * (top_gap).  Rows exist only inside reader.c and view.c; everything the
 * reader hands out or keeps (marks, '', history, the anchor) is a doc_off,
 * a text offset, so it survives re-parsing the same text, a resize and
 * folds.
 *
 * The visible rows are, block by block: layout_gap_before() blank rows,
 * then the block's layout rows - except that a folded section (its
 * heading is FOLD_CLOSED) is one row, `▸ 标题  (12 段 · 3,456 字)`, and a
 * section in FOLD_BODY shows its heading and its subsections but not its
 * own paragraphs.  Fold state is kept per outline node (doc->nodes, whose
 * heading block is the stable tag).
 *
 * The anchor is the position the user is reading.  Folds may hide it; the
 * top then shows the fold row that hides it, and unfolding shows it again
 * at the top: folds never lose the position. */
#ifndef YUEDU_READER_H
#define YUEDU_READER_H

#include <stdbool.h>
#include <stdint.h>
#include "doc.h"
#include "layout.h"
#include "util.h"

enum fold_state {
	FOLD_OPEN,		/* everything shown */
	FOLD_CLOSED,		/* the section is one row */
	FOLD_BODY		/* heading and subsections, no paragraphs */
};

enum rrow_kind { RROW_TEXT, RROW_GAP, RROW_FOLD };

struct rrow {
	uint8_t kind;		/* enum rrow_kind */
	uint32_t block;
	uint32_t node;		/* RROW_FOLD: the folded node */
	uint32_t index;		/* RROW_TEXT: row in the block */
	struct row row;		/* RROW_TEXT: copied from the layout */
	bool last;		/* RROW_TEXT: last row of its block */
};

/* Walks visible rows; internal state, copy freely. */
struct reader_iter {
	uint32_t block;
	int32_t sub;		/* < 0: gap row; >= 0: text or fold row */
	bool done;
};

#define READER_HIST_MAX 100
#define READER_NMARKS 52	/* a-z A-Z */

/* A place in the jump history: which document (an id the owner of the
 * readers gives; 0 for a reader on its own) and where in it. */
struct jump {
	uint32_t doc;
	doc_off off;
};

/* The jump history.  Several readers share one when several documents
 * are open (tab.h), so Back crosses documents.  e[0..n); idx == n when
 * not navigating. */
struct jumplist {
	struct jump e[READER_HIST_MAX];
	size_t n;
	size_t idx;
};

/* A jump starts at from: drops the forward part (a browser's back and
 * forward, which is what readers expect) and records from. */
void jumplist_record(struct jumplist *h, struct jump from);
/* Back / forward from here: false when there is nothing older / newer,
 * else *to is where to go. */
bool jumplist_back(struct jumplist *h, struct jump here, struct jump *to);
bool jumplist_forward(struct jumplist *h, struct jump here, struct jump *to);

struct reader_place {
	struct doc_pos pos;
	int gap;
};

struct reader {
	const struct doc *d;
	struct layout *l;
	uint8_t *fold;		/* per node: enum fold_state */
	struct reader_place top;	/* first visible row */
	struct reader_place anchor;	/* what the user is reading */
	int height;		/* rows in the pane */
	int global_state;	/* last global cycle state, -1 after others */
	int levels;		/* last fold-levels N (0: none) */
	unsigned fold_gen;	/* changes with every fold change (the
				 * sidebar rebuilds when it sees a new one) */
	unsigned max_depth;	/* deepest heading */
	/* max_top cache: the top that shows the last row at the bottom */
	bool max_valid;
	struct reader_iter max_top;
	/* marks and the '' mark: per document, as vim's lowercase marks */
	doc_off marks[READER_NMARKS];
	bool mark_set[READER_NMARKS];
	doc_off prev;
	bool prev_set;
	/* the jump history: own_hist, or one shared by several readers */
	struct jumplist *hist;
	uint32_t doc_id;	/* this document's id in *hist */
	struct jumplist own_hist;
	/* The share of the file in d while it loads (loader.h), 1 once
	 * complete: percentages are of the whole file. */
	double loaded;
};

/* d and l stay owned by the caller and must outlive the reader. */
struct reader *reader_new(const struct doc *d, struct layout *l);
void reader_free(struct reader *r);
/* The document grew while loading (more blocks and headings, same text
 * before): fold state for the new sections, caches dropped; the place
 * stays. */
void reader_doc_grew(struct reader *r, uint32_t old_nnodes);
/* Records jumps in h (owned by the caller, outliving the reader) as
 * document doc_id instead of the reader's own history. */
void reader_share_history(struct reader *r, struct jumplist *h,
    uint32_t doc_id);

/* Pane height in rows (>= 1). */
void reader_set_height(struct reader *r, int height);
/* Call after layout_set_width(): the anchor text stays at the top. */
void reader_relayout(struct reader *r);

/* The first visible row. */
void reader_iter_top(struct reader *r, struct reader_iter *it);
/* Fills *out with the row at it and advances; false at the end. */
bool reader_iter_next(struct reader *r, struct reader_iter *it,
    struct rrow *out);

/* Scrolls by n rows (negative: back); returns the rows moved. */
int reader_scroll(struct reader *r, int n);
/* True when the last row of the document is on screen. */
bool reader_at_end(struct reader *r);
/* Percent (0..100) of the text above the bottom of the pane. */
int reader_percent(struct reader *r);

/* Moves the top to the row containing text offset p, opening folds that
 * hide it.  Records the old position in the history and the '' mark. */
void reader_jump(struct reader *r, doc_off p);
/* The same without touching history (back/forward use it). */
void reader_goto(struct reader *r, doc_off p);
/* Top of the document / the last page. */
void reader_top_of_doc(struct reader *r);
void reader_bottom_of_doc(struct reader *r);
/* Position of byte percent pct (0..100) / of input line n (1-based). */
doc_off reader_pos_of_percent(const struct reader *r, int pct);
doc_off reader_pos_of_line(const struct reader *r, uint32_t line);

/* The section the top row belongs to (OUTLINE_NONE before the first
 * heading).  Fold keys act on it; the status line highlights it. */
uint32_t reader_current_node(const struct reader *r);
/* Fills path[0..return) with the nodes from the top level down to the
 * current one (at most max). */
size_t reader_path(const struct reader *r, uint32_t *path, size_t max);

/* Heading navigation; each returns false (nothing moved) when there is no
 * such heading.  Jumps land on visible headings and record history. */
bool reader_next_heading(struct reader *r);
bool reader_prev_heading(struct reader *r);
bool reader_next_sibling(struct reader *r);
bool reader_prev_sibling(struct reader *r);
bool reader_parent_heading(struct reader *r);
bool reader_first_heading(struct reader *r);
bool reader_last_heading(struct reader *r);
/* Jumps to the heading of node n. */
void reader_jump_node(struct reader *r, uint32_t n);

/* Folding.  Each keeps the anchor; they return a short static word for
 * the status line ("folded", "children", "all", ...) or NULL when there
 * is nothing to fold. */
enum fold_state reader_fold_state(const struct reader *r, uint32_t n);
void reader_set_fold(struct reader *r, uint32_t n, enum fold_state s);
const char *reader_fold_cycle(struct reader *r, uint32_t n);
const char *reader_fold_cycle_all(struct reader *r);
void reader_fold_levels(struct reader *r, unsigned levels);
void reader_fold_all(struct reader *r, enum fold_state s);
/* Opens whatever hides block b. */
void reader_reveal(struct reader *r, uint32_t b);
/* True when node n's heading is shown (no closed ancestor). */
bool reader_node_visible(const struct reader *r, uint32_t n);

/* The fold row text: "▸ LABEL TITLE  (12 段 · 3,456 字)" into out; without
 * the counts when the section has no text. */
void reader_fold_text(const struct reader *r, uint32_t n, struct buf *out);
/* A heading's label+title (the whole heading, or the run-in title). */
void reader_heading_text(const struct doc *d, uint32_t block,
    const char **s, size_t *len);
/* Its first line: what one row shows of a heading with a hard line break
 * (fold rows, the sidebar, the status line). */
void reader_heading_line(const struct doc *d, uint32_t block,
    const char **s, size_t *len);

/* Marks: c is a letter.  reader_mark_goto() records history. */
bool reader_mark_set(struct reader *r, uint32_t c);
bool reader_mark_goto(struct reader *r, uint32_t c);
/* '' : back to the position before the last jump. */
bool reader_prev_goto(struct reader *r);
/* Jump history, within this document: an entry of another document
 * (a shared history) stops them; the tab list crosses documents. */
bool reader_back(struct reader *r);
bool reader_forward(struct reader *r);
/* The history entry for the reading position. */
struct jump reader_here(const struct reader *r);
/* Records a jump that starts here (a switch to another document). */
void reader_record_jump(struct reader *r);

/* The position a saved state, a resize or a re-parse keeps: the anchor. */
doc_off reader_anchor(const struct reader *r);

#endif
