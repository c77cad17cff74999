/* utf8.c - strict UTF-8 decoding and terminal column widths. */
#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include <unicode/uchar.h>

size_t
utf8_decode_slow(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	size_t need, i;
	unsigned char lo = 0x80, hi = 0xBF;

	if (n == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* Table 3-7 of the Unicode standard: the second byte's range depends
	 * on the first, which rules out overlongs, surrogates and > U+10FFFF. */
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		c &= 0x07;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi) {
			/* Maximal subpart: the valid prefix is one U+FFFD. */
			*cp = UTF8_REPLACEMENT;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		const unsigned char *p = (const unsigned char *)s + i;

		if (p[0] < 0x80) {
			/* ASCII eight bytes at a time. */
			for (; i + 8 <= n; i += 8) {
				uint64_t x;

				memcpy(&x, s + i, 8);
				if (x & 0x8080808080808080ull)
					break;
			}
			while (i < n && (unsigned char)s[i] < 0x80)
				i++;
			continue;
		}
		/* Most of a Chinese text: three bytes led by E1..EC or
		 * EE..EF, whose second byte may be any continuation (E0 and
		 * ED restrict it: overlongs, surrogates). */
		if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED &&
		    i + 2 < n && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return false;
		i += k;
	}
	return true;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_prev(const char *s, size_t off)
{
	size_t i = off;

	if (i == 0)
		return 0;
	i--;
	while (i > 0 && off - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static bool amb_wide;
static bool reveal;
static int locale_utf8 = -1;	/* -1: not checked yet */
/* Cache for the BMP and the CJK supplementary planes: width + 1, 0 = unknown. */
#define WCACHE_MAX 0x30000u
static unsigned char wcache[WCACHE_MAX];

void
utf8_set_ambiguous_wide(bool wide)
{
	if (wide != amb_wide) {
		amb_wide = wide;
		memset(wcache, 0, sizeof wcache);
	}
	locale_utf8 = -1;
}

bool
utf8_ambiguous_wide(void)
{
	return amb_wide;
}

bool
utf8_is_invisible(uint32_t cp)
{
	/* Tags are the sanitiser's business (text, or part of a flag). */
	if (cp < 0xAD || (cp >= 0xE0000 && cp <= 0xE007F))
		return false;
	return u_charType((UChar32)cp) == U_FORMAT_CHAR;
}

void
utf8_set_reveal_invisibles(bool on)
{
	if (on != reveal) {
		reveal = on;
		memset(wcache, 0, sizeof wcache);
	}
}

bool
utf8_reveal_invisibles(void)
{
	return reveal;
}

bool
utf8_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

static int
icu_width(uint32_t cp)
{
	int eaw = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
	int gc = u_charType((UChar32)cp);

	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
	    gc == U_FORMAT_CHAR)
		return 0;
	if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF))
		return 0;	/* Hangul medial vowels and final consonants */
	if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH)
		return 2;
	if (eaw == U_EA_AMBIGUOUS && amb_wide)
		return 2;
	return 1;
}

static int
compute_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 1;	/* drawn as a visible glyph */
	if (reveal && utf8_is_invisible(cp))
		return 1;	/* drawn as the marker */
	if (locale_utf8 < 0)
		locale_utf8 = utf8_locale_is_utf8();
	if (locale_utf8) {
		w = wcwidth((wchar_t)cp);
		if (w >= 0) {
			if (w == 1 && amb_wide &&
			    u_getIntPropertyValue((UChar32)cp,
			    UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS)
				return 2;
			return w;
		}
	}
	return icu_width(cp);
}

int
utf8_width(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp < WCACHE_MAX) {
		if (wcache[cp] != 0)
			return wcache[cp] - 1;
		w = compute_width(cp);
		wcache[cp] = (unsigned char)(w + 1);
		return w;
	}
	return compute_width(cp);
}

size_t
utf8_str_width(const char *s, size_t n)
{
	return utf8_str_width_max(s, n, SIZE_MAX);
}

size_t
utf8_str_width_max(const char *s, size_t n, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0;
	uint32_t cp;

	/* Two fast paths, for what most text is made of: printable ASCII,
	 * and CJK Unified Ideographs U+4E00..U+9FFF (E4 B8 80 .. E9 BF BF),
	 * all of them 2 columns (test_sanitize checks it against
	 * utf8_width).  Measuring every line was a fifth of loading a
	 * Chinese text. */
	while (i < n && w <= max) {
		unsigned c = p[i];

		if (c >= 0x20 && c < 0x7F) {
			w++;
			i++;
			continue;
		}
		if (c >= 0xE4 && c <= 0xE9 && i + 2 < n &&
		    (c > 0xE4 || p[i + 1] >= 0xB8) &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			w += 2;
			i += 3;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		w += (size_t)utf8_width(cp);
	}
	return w;
}

bool
utf8_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||
	    (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF);
}

size_t
utf8_count(const char *s, size_t n)
{
	/* A continuation byte is 10xxxxxx: as a signed byte, below -64.
	 * Count those and subtract.  Counting is a pass over the whole text
	 * whenever the outline is built (at each growth while a file loads),
	 * so it is done 16 bytes at a time where SSE2 is there (every
	 * x86-64), else 8 at a time. */
	size_t i = 0, cont = 0;
#ifdef __SSE2__
	const __m128i lim = _mm_set1_epi8(-64);	/* 0xC0 */

	while (i + 16 <= n) {
		/* Per-byte counters count down by one per match (a compare
		 * gives -1), up to 255 rounds before they could wrap. */
		__m128i acc = _mm_setzero_si128();
		size_t rounds = (n - i) / 16 < 255 ? (n - i) / 16 : 255;

		for (size_t r = 0; r < rounds; r++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));

			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(x, lim));
		}
		acc = _mm_sad_epu8(acc, _mm_setzero_si128());
		cont += (size_t)_mm_cvtsi128_si32(acc) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
	}
#endif
	{
		const uint64_t hi = 0x8080808080808080ull;

		for (; i + 8 <= n; i += 8) {
			uint64_t x;

			memcpy(&x, s + i, 8);
			/* One bit per continuation byte, moved to each byte's
			 * low end and summed by a multiply. */
			x = (x & ~(x << 1) & hi) >> 7;
			cont += (size_t)((x * 0x0101010101010101ull) >> 56);
		}
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			cont++;
	return n - cont;
}
