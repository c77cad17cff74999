/* screen.h - the screen as cells, without curses.
 *
 * ui/draw.c lays the app's state onto a screen: layout rows with their
 * block and span styles, decorations over document text (search hits,
 * the current hit, a focused link, a selection), the sidebar, the status
 * line.  term/view.c only maps style ids to attributes and writes the
 * rows that changed.  Tests read a screen as text (screen_row_text) and
 * as styles, with no terminal at all.
 *
 * Every string reaches a screen through screen_put(), which sanitises it
 * (idempotent on the document's text, which is clean already; file names,
 * messages and help lines may not be), so a cell never holds a control. */
#ifndef YUEDU_SCREEN_H
#define YUEDU_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "style.h"
#include "util.h"

/* One terminal cell: a grapheme cluster (a character and the zero-width
 * ones that follow it) as UTF-8 in its row's text buffer, and up to three
 * style layers: the element's own, an inline span over it, a decoration
 * over both (STY_NONE when absent). */
struct cell {
	uint32_t off;		/* bytes in the row's buffer */
	uint16_t len;		/* 0: the right half of a wide character */
	uint8_t width;		/* 1 or 2; 0 for that right half */
	uint8_t style;
	uint8_t span;
	uint8_t deco;
};

struct screen_row {
	struct cell *c;		/* cols cells */
	struct buf text;	/* the clusters' bytes */
	bool dirty;		/* written since screen_clean() */
};

struct screen {
	int rows, cols;
	struct screen_row *r;
};

/* The three layers of a run of text. */
struct cell_style {
	uint8_t style, span, deco;
};

void screen_init(struct screen *s);
void screen_free(struct screen *s);
/* Sizes the screen; every cell becomes a blank in STY_TEXT. */
void screen_resize(struct screen *s, int rows, int cols);
/* Blanks n cells from (y, x) in style st. */
void screen_fill(struct screen *s, int y, int x, int n, struct cell_style st);
/* Puts s[0..n) at (y, x) in at most cols columns (sanitised first, emoji
 * sequences in their drawn form); returns the columns used.  Nothing that
 * does not fit is drawn. */
int screen_put(struct screen *s, int y, int x, const char *str, size_t n,
    int cols, struct cell_style st);
/* The same with a '…' in the last column when str does not fit. */
int screen_put_trunc(struct screen *s, int y, int x, const char *str,
    size_t n, int cols, struct cell_style st);
/* A style with no overlays. */
static inline struct cell_style
cell_style(uint8_t style)
{
	struct cell_style st = { style, STY_NONE, STY_NONE };

	return st;
}

/* Row y as text (wide characters once, trailing blanks dropped). */
void screen_row_text(const struct screen *s, int y, struct buf *out);
/* Row y's decoration layer as one char per column: '.' for none, else
 * 'a' + (style - STY_SEARCH) — for tests. */
void screen_row_decos(const struct screen *s, int y, struct buf *out);
/* Marks every row written (after the terminal was cleared). */
void screen_touch(struct screen *s);

/* Bytes of s[0..n) that fit in cols columns; *used gets the columns. */
size_t screen_fit(const char *s, size_t n, int cols, int *used);

/* Decorations: ranges of document text (offsets into the arena, as
 * positions are) with a style that is laid over what the text shows.
 * Kept sorted by offset; where two overlap, the higher style id wins (a
 * selection over a focused link over the current hit over a hit). */
struct deco {
	uint32_t off, len;
	uint8_t style;
};

struct deco_list {
	struct deco *v;
	size_t n, cap;
	uint32_t maxlen;	/* the longest range: bounds the look-back */
};

void deco_add(struct deco_list *l, uint32_t off, uint32_t len, uint8_t style);
void deco_clear(struct deco_list *l);
void deco_free(struct deco_list *l);
/* The decoration over offset off (STY_NONE for none); *next gets the
 * first offset after off (at most end) where that may change. */
uint8_t deco_at(const struct deco_list *l, uint32_t off, uint32_t end,
    uint32_t *next);

#endif
