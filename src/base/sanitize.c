/* sanitize.c - untrusted text to inert display text (security.md R1-R3).
 * The output contains no byte that a terminal interprets: no C0 (except
 * LF when asked), no DEL, no C1, no bidi or reordering format controls,
 * no raw tag characters outside a flag, nothing of unknown width. */
#include "sanitize.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"

#include <unicode/uchar.h>

/* Invisible or reordering controls that are shown as "<U+202E>" text. */
static bool
is_hidden_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||	/* bidi embeddings/overrides */
	    (cp >= 0x2066 && cp <= 0x2069) ||		/* bidi isolates */
	    cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	    (cp >= 0x2061 && cp <= 0x2064) ||		/* invisible operators */
	    (cp >= 0x206A && cp <= 0x206F) ||		/* deprecated format chars */
	    cp == 0x180E ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB) ||		/* interlinear annotation */
	    cp == 0x2028 || cp == 0x2029 ||		/* line/para separators */
	    cp == 0xE0001;	/* language tag; E0020.. stay for emoji flags */
}

static bool
is_mark(uint32_t cp)
{
	int gc;

	if (cp < 0x300)
		return false;
	gc = u_charType((UChar32)cp);
	return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
	    gc == U_COMBINING_SPACING_MARK;
}

/* Whether wcwidth() speaks Unicode: the locale the caches below were
 * filled under (-1: not yet).  Checked at each sanitize_append call, so a
 * locale switch (main() moves to C.UTF-8 after startup) empties them. */
static int san_utf8 = -1;

static bool
is_private_use(uint32_t cp)
{
	return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
}

/* A code point the terminal cannot be trusted to measure: unassigned in
 * ICU, a noncharacter, or one the C library's wcwidth() does not know
 * (ICU may be a Unicode version ahead of glibc: ncursesw would leave a
 * cell of unknown width, or a blank).  wcwidth() only counts in a UTF-8
 * locale; elsewhere ICU's view is all there is. */
static bool
is_unmeasurable(uint32_t cp)
{
	if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
		return true;	/* noncharacters */
	if (is_private_use(cp))
		return false;	/* private use is kept */
	if (u_charType((UChar32)cp) == U_UNASSIGNED)
		return true;
	return san_utf8 == 1 && wcwidth((wchar_t)cp) < 0;
}

/* The tags after a U+1F3F4 when they spell one of the RGI subdivision
 * flags (England, Scotland, Wales) and end in CANCEL TAG: their length
 * in bytes, else 0.  Any other tag run is shown as text. */
static size_t
flag_tags(const char *s, size_t n)
{
	static const char *const rgi[] = { "gbeng", "gbsct", "gbwls" };
	char name[6];
	size_t i = 0, len = 0, r;
	uint32_t cp;

	while (i < n && len < sizeof name) {
		i += utf8_decode(s + i, n - i, &cp);
		if (cp < 0xE0020 || cp > 0xE007F)
			return 0;
		if (cp == 0xE007F) {
			name[len] = '\0';
			for (r = 0; r < sizeof rgi / sizeof rgi[0]; r++)
				if (strcmp(name, rgi[r]) == 0)
					return i;
			return 0;
		}
		name[len++] = (char)(cp - 0xE0000);
	}
	return 0;
}

/* A ZWJ right after an emoji (or its skin tone or VS16) joins an emoji
 * sequence: part of a picture, not hidden text, so it is not counted. */
static bool
after_emoji(const struct buf *out, size_t from)
{
	size_t prev;
	uint32_t cp;

	if (out->len <= from)
		return false;
	prev = utf8_prev(out->data, out->len);
	utf8_decode(out->data + prev, out->len - prev, &cp);
	return cp == 0xFE0F ||
	    u_hasBinaryProperty((UChar32)cp, UCHAR_EXTENDED_PICTOGRAPHIC) ||
	    u_hasBinaryProperty((UChar32)cp, UCHAR_EMOJI_MODIFIER);
}

/* Per-BMP-code-point cache: 0 unknown, 1 plain (copied as is, not a mark),
 * 2 anything else.  Plain text is nearly all of every real document, so
 * the ICU property lookups run once per distinct character. */
static unsigned char plain_cache[0x10000];

static bool
is_plain(uint32_t cp)
{
	unsigned char v;

	if (cp >= 0x10000)
		return false;
	if ((v = plain_cache[cp]) == 0) {
		bool plain = cp >= 0xA0 && !is_hidden_control(cp) &&
		    !is_mark(cp) && !is_unmeasurable(cp) &&
		    !utf8_is_invisible(cp) && cp != UTF8_REPLACEMENT;
		v = plain ? 1 : 2;
		plain_cache[cp] = v;
	}
	return v == 1;
}

void
sanitize_append(struct buf *out, const char *in, size_t n, int flags,
    int tab_width, size_t *col)
{
	sanitize_append_stats(out, in, n, flags, tab_width, col, NULL);
}

void
sanitize_append_stats(struct buf *out, const char *in, size_t n, int flags,
    int tab_width, size_t *col, struct san_stats *st)
{
	/* The column matters only at a tab and at the end, so it is measured
	 * there, on the output since the last line start or tab (c0 is the
	 * column at out->data[from]), instead of character by character. */
	size_t i = 0, k, c0 = col != NULL ? *col : 0, from, start;
	uint32_t cp;
	unsigned marks = 0;
	char enc[4], tmp[16];
	int u8 = utf8_locale_is_utf8();

	if (u8 != san_utf8) {
		memset(plain_cache, 0, sizeof plain_cache);
		san_utf8 = u8;
	}
	if (tab_width <= 0)
		tab_width = 8;
	buf_reserve(out, n);
	from = start = out->len;
	while (i < n) {
		unsigned char ch = (unsigned char)in[i];

		/* Fast path for printable ASCII. */
		if (ch >= 0x20 && ch < 0x7F) {
			size_t j = i + 1;

			while (j < n && (unsigned char)in[j] >= 0x20 &&
			    (unsigned char)in[j] < 0x7F)
				j++;
			buf_put(out, in + i, j - i);
			i = j;
			marks = 0;
			continue;
		}
		k = utf8_decode(in + i, n - i, &cp);
		if (is_plain(cp)) {
			/* Copy a run of plain characters in one go. */
			size_t j = i + k;

			while (j < n && (unsigned char)in[j] >= 0x80) {
				size_t k2 = utf8_decode(in + j, n - j, &cp);

				if (!is_plain(cp))
					break;
				j += k2;
			}
			buf_put(out, in + i, j - i);
			i = j;
			marks = 0;
			continue;
		}
		i += k;
		if (cp == '\n' && (flags & SAN_KEEP_NEWLINE)) {
			buf_putc(out, '\n');
			from = out->len;
			c0 = 0;
			marks = 0;
			continue;
		}
		if (cp == '\t' && (flags & SAN_KEEP_TAB)) {
			size_t c = c0 + utf8_str_width(out->data + from,
			    out->len - from);

			buf_putc(out, '\t');
			from = out->len;
			c0 = (c / (size_t)tab_width + 1) * (size_t)tab_width;
			marks = 0;
			continue;
		}
		if (cp == '\t') {
			size_t c = c0 + utf8_str_width(out->data + from,
			    out->len - from);
			size_t to = (flags & SAN_TAB_SPACE) ? c + 1 :
			    (c / (size_t)tab_width + 1) * (size_t)tab_width;

			for (; c < to; c++)
				buf_putc(out, ' ');
			from = out->len;
			c0 = to;
			marks = 0;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F) {
			/* Control Pictures: ␀..␟ and ␡. */
			cp = cp == 0x7F ? 0x2421 : 0x2400 + cp;
			buf_put(out, enc, utf8_encode(cp, enc));
			marks = 0;
			continue;
		}
		if (cp >= 0x80 && cp < 0xA0) {
			snprintf(tmp, sizeof tmp, "<%02X>", (unsigned)cp);
			buf_puts(out, tmp);
			marks = 0;
			continue;
		}
		if (is_hidden_control(cp)) {
			snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
			buf_puts(out, tmp);
			marks = 0;
			continue;
		}
		if (cp >= 0xE0020 && cp <= 0xE007F) {
			/* Outside a flag (those are copied whole below). */
			snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp);
			buf_puts(out, tmp);
			marks = 0;
			continue;
		}
		if (cp == 0x1F3F4 && (k = flag_tags(in + i, n - i)) > 0) {
			buf_put(out, enc, utf8_encode(cp, enc));
			buf_put(out, in + i, k);
			i += k;
			marks = 0;
			continue;
		}
		if (cp != UTF8_REPLACEMENT && is_unmeasurable(cp))
			cp = UTF8_REPLACEMENT;
		if (st != NULL && utf8_is_invisible(cp) &&
		    !(cp == 0x200D && after_emoji(out, start)))
			st->invisible++;
		if (is_mark(cp)) {
			if (marks == SAN_MAX_MARKS)
				buf_puts(out, "\xE2\x80\xA6");	/* … once */
			if (marks++ >= SAN_MAX_MARKS)
				continue;
		} else {
			marks = 0;
		}
		buf_put(out, enc, utf8_encode(cp, enc));
	}
	if (col != NULL)
		*col = c0 + utf8_str_width(out->data + from, out->len - from);
}

char *
sanitize_str(const char *s)
{
	struct buf b;

	buf_init(&b);
	sanitize_append(&b, s, strlen(s), SAN_TAB_SPACE, 8, NULL);
	return buf_detach(&b, NULL);
}

int
sanitize_is_clean(const char *s, size_t n)
{
	struct buf b;
	int same;

	buf_init(&b);
	sanitize_append(&b, s, n, SAN_KEEP_NEWLINE, 8, NULL);
	same = b.len == n && (n == 0 || memcmp(b.data, s, n) == 0);
	buf_free(&b);
	return same;
}
