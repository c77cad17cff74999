/* utf8.h - the project's own strict UTF-8 codec and terminal column
 * widths.  glibc's mbrtowc accepts code points above U+10FFFF and 5-byte
 * forms (security.md finding 4), so nothing here relies on it. */
#ifndef YUEDU_UTF8_H
#define YUEDU_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point from s[0..n).  Returns the number of bytes
 * consumed (>= 1 when n >= 1).  On an invalid or truncated sequence sets
 * *cp to U+FFFD and consumes the maximal subpart (Unicode 15, 3.9), so one
 * bad sequence gives exactly one U+FFFD.  Returns 0 only when n == 0. */
size_t utf8_decode_slow(const char *s, size_t n, uint32_t *cp);

/* Inline fast path for ASCII and well-formed 2- and 3-byte sequences (all
 * of CJK); everything else goes through the full checks. */
static inline size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n > 0 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (n >= 3 && p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED &&
	    (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if (n >= 2 && p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	return utf8_decode_slow(s, n, cp);
}

/* True when every byte of s[0..n) is well-formed UTF-8: no overlongs,
 * surrogates, or values above U+10FFFF. */
bool utf8_valid(const char *s, size_t n);

/* Writes cp (must be a scalar value) into out; returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Decodes the code point that ends just before s[off]; returns its start. */
size_t utf8_prev(const char *s, size_t off);

/* Terminal columns of one code point: 0 (combining, format), 1 or 2.
 * Uses wcwidth() in a UTF-8 locale so layout agrees with ncursesw, and
 * Unicode East Asian Width (via ICU) when the locale cannot tell.  Never
 * returns a negative value: controls count 1 (they are shown as glyphs). */
int utf8_width(uint32_t cp);

/* Columns of a UTF-8 string (sum of utf8_width). */
size_t utf8_str_width(const char *s, size_t n);
/* The same, stopping as soon as the width passes max (the result is then
 * some width above max): a parser that only asks "is this line shorter
 * than N columns" need not measure long paragraphs to their end. */
size_t utf8_str_width_max(const char *s, size_t n, size_t max);

/* East Asian Ambiguous characters (“ ” … — ·) take 2 columns when set;
 * default 1 (the locale's usual answer). */
void utf8_set_ambiguous_wide(bool wide);
bool utf8_ambiguous_wide(void);

/* Invisible format characters: general category Cf (soft hyphen, zero
 * width space, ZWNJ, ZWJ, word joiner, U+FEFF, Arabic number signs,
 * shorthand and musical format controls...) except the tag block
 * U+E0000..E007F, which the sanitiser shows as text or keeps inside an
 * emoji flag.  They stay in the text; the count is in --info. */
bool utf8_is_invisible(uint32_t cp);

/* Reveal-invisibles: when set, every utf8_is_invisible() code point is
 * 1 column wide and layout_draw_form() draws it as UTF8_REVEAL_MARKER.
 * Default off (they are zero width, as the locale says). */
#define UTF8_REVEAL_MARKER 0x2038u	/* ‸ CARET */
void utf8_set_reveal_invisibles(bool on);
bool utf8_reveal_invisibles(void);

/* True when LC_CTYPE's codeset is UTF-8, i.e. when wcwidth() speaks
 * Unicode and may be trusted (checked at each call: cheap). */
bool utf8_locale_is_utf8(void);

/* Han ideographs, kana, hangul, CJK punctuation and full-width forms:
 * text where no space separates words. */
bool utf8_is_cjk(uint32_t cp);

/* Counts code points (not columns). */
size_t utf8_count(const char *s, size_t n);
/* Whether s[0..n) holds at least k code points.  A code point is at most
 * 4 bytes, so a long paragraph answers without being counted: the parser
 * asks this of every paragraph, several times. */
static inline bool
utf8_at_least(const char *s, size_t n, size_t k)
{
	return n / 4 >= k || (n >= k && utf8_count(s, n) >= k);
}

#endif
