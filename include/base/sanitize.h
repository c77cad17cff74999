/* sanitize.h - the single choke point that turns untrusted text into inert
 * display text (security.md R1-R3).  Every output path uses it: the
 * document builder for file text, --dump/--outline/--info, the screen,
 * error messages and file names. */
#ifndef YUEDU_SANITIZE_H
#define YUEDU_SANITIZE_H

#include <stddef.h>
#include "util.h"

/* Flags for sanitize_append. */
#define SAN_KEEP_NEWLINE 0x1	/* LF stays LF (else shown as a glyph) */
#define SAN_TAB_SPACE    0x2	/* TAB becomes one space (else expands) */
#define SAN_KEEP_TAB     0x4	/* TAB stays TAB (printers: TSV) */

/* Appends the display form of in[0..n) to out:
 *  - invalid UTF-8 -> U+FFFD per maximal subpart;
 *  - C0 controls, DEL -> Control Pictures (U+2400 + c, U+2421), so ESC is
 *    '␛' and a lone CR is '␍'; nothing can move the cursor;
 *  - C1 U+0080..U+009F -> "<9B>" style text;
 *  - bidi controls and invisible format characters that can reorder or
 *    hide text (U+202A..E, U+2066..9, U+200E/F, U+061C, U+2061..4,
 *    U+2028/9, ...) -> "<U+202E>" style text;
 *  - tag characters U+E0020..E007F -> "<U+E0041>" style text (they can
 *    carry a hidden ASCII message), except inside the three RGI
 *    subdivision flags (U+1F3F4 + gbeng/gbsct/gbwls + U+E007F), kept whole;
 *  - the other invisible format characters (utf8_is_invisible: soft
 *    hyphen, zero-width space, ZWNJ/ZWJ, word joiner, a mid-file U+FEFF,
 *    U+0600..5, U+1BCA0..3, ...) stay as they are: they cannot move the
 *    cursor or reorder anything, web text is full of them, and emoji and
 *    scripts need ZWJ/ZWNJ.  They are counted (sanitize_append_stats) and
 *    the view can reveal them (utf8_set_reveal_invisibles);
 *  - unassigned code points, noncharacters, and anything wcwidth() cannot
 *    measure (-1: newer Unicode than the C library's, in a UTF-8 locale)
 *    -> U+FFFD, so no character of unknown width reaches the terminal;
 *  - more than SAN_MAX_MARKS combining marks on one base -> the rest are
 *    replaced by one '…' (bounded clusters, R3);
 *  - TAB -> spaces up to the next multiple of tab_width, counted from
 *    *col (the column at the start of in; updated; reset by LF).
 * The result is idempotent: sanitising it again changes nothing. */
#define SAN_MAX_MARKS 16
void sanitize_append(struct buf *out, const char *in, size_t n,
    int flags, int tab_width, size_t *col);

/* What sanitize_append_stats saw; it adds to the counts (so a caller can
 * sum over calls), it never resets them. */
struct san_stats {
	size_t invisible;	/* invisible format characters kept; a ZWJ
				 * right after an emoji is not counted */
};

/* sanitize_append, counting into st (NULL: no counts). */
void sanitize_append_stats(struct buf *out, const char *in, size_t n,
    int flags, int tab_width, size_t *col, struct san_stats *st);

/* Convenience: a malloc'd sanitised copy of a NUL-terminated string with
 * newlines shown as glyphs (for file names and messages). */
char *sanitize_str(const char *s);

/* True when sanitize_append would change nothing in s[0..n) (for tests). */
int sanitize_is_clean(const char *s, size_t n);

#endif
