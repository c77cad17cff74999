/* txt_text.c - characters, numerals and the word lists of the plain-text
 * parser. */
#include "txt.h"

#include <ctype.h>
#include <strings.h>

/* Sentence or clause ends: a line ending with one is complete. */
bool
txt_is_terminal(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '.' ||
	    cp == '!' || cp == '?' || cp == 0xFF1B || cp == ';' ||
	    cp == 0x2026 || cp == 0x201D || cp == 0x300D || cp == 0x300F ||
	    cp == 0xFF09 || cp == ')' || cp == 0xFF1A || cp == ':';
}



static int
cn_digit(uint32_t cp)
{
	static const struct { uint32_t cp; int v; } d[] = {
		{ 0x3007, 0 }, { 0x96F6, 0 }, { 0x4E00, 1 }, { 0x4E8C, 2 },
		{ 0x4E24, 2 }, { 0x4E09, 3 }, { 0x56DB, 4 }, { 0x4E94, 5 },
		{ 0x516D, 6 }, { 0x4E03, 7 }, { 0x516B, 8 }, { 0x4E5D, 9 },
		{ 0x58F9, 1 }, { 0x8D30, 2 }, { 0x53C1, 3 }, { 0x8086, 4 },
		{ 0x4F0D, 5 }, { 0x9646, 6 }, { 0x67D2, 7 }, { 0x634C, 8 },
		{ 0x7396, 9 },
	};
	size_t i;

	for (i = 0; i < nitems(d); i++)
		if (d[i].cp == cp)
			return d[i].v;
	return -1;
}

static int
cn_unit(uint32_t cp)
{
	switch (cp) {
	case 0x5341: case 0x62FE:	/* 十 拾 */
		return 10;
	case 0x767E: case 0x4F70:	/* 百 佰 */
		return 100;
	case 0x5343: case 0x4EDF:	/* 千 仟 */
		return 1000;
	default:
		return 0;
	}
}

/* Parses a Chinese numeral (一, 十二, 二十, 一百零五, 一千二百六十);
 * returns bytes used (0 if none) and the value. */
size_t
txt_cn_number(const char *s, size_t n, long *val)
{
	size_t i = 0, k;
	long total = 0, digit = -1;
	int chars = 0;

	while (i < n && chars < (int)TXT_RULES.cn_number_chars) {
		uint32_t cp = cp_at(s + i, n - i, &k);
		int d = cn_digit(cp), u = cn_unit(cp);

		if (d >= 0)
			digit = d;
		else if (u > 0) {
			total += (digit < 0 ? 1 : digit) * u;
			digit = -1;
		} else
			break;
		i += k;
		chars++;
	}
	if (chars == 0)
		return 0;
	if (digit > 0)
		total += digit;
	*val = total;
	return i;
}

/* ASCII or full-width digits. */
size_t
txt_ar_number(const char *s, size_t n, long *val)
{
	size_t i = 0, k;
	long v = 0;
	int digits = 0;

	while (i < n && digits < (int)TXT_RULES.ar_number_digits) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (cp >= '0' && cp <= '9')
			v = v * 10 + (long)(cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			v = v * 10 + (long)(cp - 0xFF10);
		else
			break;
		i += k;
		digits++;
	}
	if (digits == 0 || digits >= (int)TXT_RULES.ar_number_digits)
		return 0;
	*val = v;
	return i;
}


size_t
txt_skip_spaces(const char *s, size_t n, size_t i)
{
	size_t k;

	while (i < n && is_space_cp(cp_at(s + i, n - i, &k)))
		i += k;
	return i;
}

/* Compares text ignoring white space (目　　录 == 目录). */
bool
txt_eq_nospace(const char *s, size_t n, const char *lit)
{
	size_t i = 0, j = 0, k, m = strlen(lit);

	while (i < n) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (is_space_cp(cp)) {
			i += k;
			continue;
		}
		if (j + k > m || memcmp(s + i, lit + j, k) != 0)
			return false;
		i += k;
		j += k;
	}
	return j == m;
}

static const char *const special_words[] = {
	"序言", "序", "前言", "引言", "导言", "绪论", "后记", "跋", "附录",
	"结语", "结束语", "尾声", "楔子", "序章", "引子", "附则", "总则",
	"Preface", "Introduction", "Epilogue", "Appendix", "Conclusion",
	"Foreword", "Afterword", "Prologue",
};

static const char *const related_words[] = {
	"相关阅读", "相关文章", "推荐阅读", "延伸阅读", "最近更新", "热门文章",
	"相关推荐", "猜你喜欢", "热门推荐", "最新文章", "更多阅读", "相关链接",
	"扩展阅读", "参考阅读", "Related", "Related articles", "Related posts",
	"Related reading", "See also", "Further reading", "Read more",
	"Recommended reading", "More to read",
};

static bool
matches_word_line(const char *s, size_t n, const char *const *words,
    size_t nwords)
{
	size_t i, k;
	uint32_t cp;

	if (n > TXT_RULES.word_line_max)
		return false;	/* every word is short: skip long lines fast */
	/* A trailing colon is allowed after 相关阅读, not after 附录 (a
	 * label introducing what follows). */
	if (n > 0 && words == related_words) {
		size_t p = utf8_prev(s, n);

		cp = cp_at(s + p, n - p, &k);
		if (cp == 0xFF1A || cp == ':')
			n = p;
	}
	if (n == 0)
		return false;
	for (i = 0; i < nwords; i++) {
		size_t m;

		/* Cheap first-byte test: this runs for every short line. */
		if ((unsigned char)s[0] < 0x80 ?
		    tolower((unsigned char)s[0]) !=
		    tolower((unsigned char)words[i][0]) : s[0] != words[i][0])
			continue;
		m = strlen(words[i]);
		if (txt_eq_nospace(s, n, words[i]))
			return true;
		if (n == m && strncasecmp(s, words[i], m) == 0)
			return true;
	}
	return false;
}






int
txt_chapter_rank(int s)
{
	switch (s) {
	case ST_JUAN:
		return 0;
	case ST_BIAN:
		return 1;
	case ST_FENBIAN:
		return 2;
	case ST_ZHANG:
	case ST_HUI:
		return 3;
	case ST_JIE:
		return 4;
	default:
		return 9;
	}
}

bool
txt_has_period(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "\xE3\x80\x82", 3) == 0)	/* 。 */
			return true;
	return false;
}

bool
txt_is_special_line(const char *s, size_t n)
{
	return matches_word_line(s, n, special_words, nitems(special_words));
}

bool
txt_is_related_line(const char *s, size_t n)
{
	return matches_word_line(s, n, related_words, nitems(related_words));
}
