/* layout.h - rows for a width, computed lazily one block at a time.
 *
 * A row is a byte range [start, end) of one block's text.  The rows of a
 * block are contiguous and cover its whole text, so reading them back in
 * order gives the text; [start, vis_end) is what is drawn (a break's
 * trailing spaces and a PRE block's '\n' are not).  Widths are terminal
 * columns (utf8_width); breaks come from ICU's line breaker with the
 * strict Chinese tailoring plus kinsoku repairs; grapheme clusters are
 * never split; a wide glyph never takes the last column.
 *
 * No row's drawn part is wider than the width, with one exception: at
 * width 1 a 2-column cluster cannot fit anywhere, so it gets a row of its
 * own with cols == 2 (the view asks for width >= 2; this only keeps
 * layout total and terminating).  An indent that would leave fewer than
 * 2 columns (1 at width 1) is reduced; row.indent is the value used.
 *
 * Nothing lays out the whole document: callers ask for the rows of the
 * blocks they show, and a bounded cache keeps recent blocks. */
#ifndef YUEDU_LAYOUT_H
#define YUEDU_LAYOUT_H

#include <stdint.h>
#include "doc.h"
#include "util.h"

struct row {
	uint32_t start;		/* byte offset in block text */
	uint32_t end;		/* start of the next row */
	uint32_t vis_end;	/* end of the drawn text */
	uint16_t indent;	/* columns before the text */
	uint16_t cols;		/* columns of the drawn text */
};

struct layout_opts {
	int width;		/* columns available (>= 1) */
	int para_gap;		/* blank rows between blocks (0 or 1) */
};

struct layout;

struct layout *layout_new(const struct doc *d, const struct layout_opts *o);
void layout_free(struct layout *l);
/* Changes the width (drops the cache). */
void layout_set_width(struct layout *l, int width);
int layout_width(const struct layout *l);

/* The rows of block b; *n gets the count (>= 1 for any block, an empty
 * block has one empty row).  The array stays valid until the next call
 * that may evict it (any layout_* call); copy what you keep. */
const struct row *layout_block_rows(struct layout *l, uint32_t b, uint32_t *n);

/* Blank rows drawn before block b (paragraph spacing). */
int layout_gap_before(const struct layout *l, uint32_t b);

/* Pure function behind the cache, for tests: lays out text with the block
 * rules (indent, hang, PRE) into a malloc'd array; caller frees.  The
 * first row is indented by indent, every later row (also after a '\n')
 * by hang.  '\n' ends its row in both modes (a final '\n' adds no empty
 * row); ASCII spaces at a break hang past the width, outside vis_end.
 * layout_block_rows() adds 2 columns per level to a QUOTE's indent and
 * hang, and lays out PRE blocks with pre set. */
struct row *layout_text(const char *text, uint32_t len, int width,
    int indent, int hang, int pre, uint32_t *n);

/* Row index within block b that contains byte offset off. */
uint32_t layout_row_of(struct layout *l, struct doc_pos p);

/* Columns of s[0..n) as layout counts them: per grapheme cluster, an
 * emoji sequence (ZWJ, VS16, skin tone, flag, keycap) is 2 columns, any
 * other cluster the sum of utf8_width() of its code points; '\n' is 0.
 * The view draws with the same rule so screen and layout agree. */
size_t layout_str_width(const char *s, size_t n);

/* What the view hands to ncursesw for s[0..n): the same text, except that
 * an emoji sequence whose code points add up to more or less than the 2
 * columns layout gives it (👨‍👩‍👧, 👍🏽, 1️⃣, ❤️) is drawn as its first
 * code point, padded with a space to 2 columns.  ncursesw counts cells
 * per code point, so without this a row holding 👨‍👩‍👧 would take 6 cells
 * on the screen where layout planned 2.  Appends to out. */
void layout_draw_form(const char *s, size_t n, struct buf *out);

#endif
