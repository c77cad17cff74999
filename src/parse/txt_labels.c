/* txt_labels.c - heading candidates: the leading number of a paragraph
 * (第一章, 一、, （一）, 1., 1.1, （1）, ①, Chapter 3 …) and whether the
 * paragraph is shaped like a heading, standalone or run-in. */
#include "txt.h"

/* Fills the candidate fields of p from its first line. */
void
txt_find_label(const struct ctx *c, struct para *p)
{
	const char *s = c->t + p->off;
	size_t n = c->lines[p->first].c_len, i = 0, k, j;
	uint32_t cp;
	long v = -1;

	p->style = ST_NONE;
	p->num = -1;
	p->label_len = 0;
	if (n == 0)
		return;
	cp = cp_at(s, n, &k);
	if ((cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 ||
	    cp == 0x00B7 || cp == 0x2013 || cp == 0x25CF || cp == 0x25AA ||
	    cp == 0x25A0 || cp == 0x2023) && k < n && s[k] == ' ') {
		p->style = ST_BULLET;	/* the marker and its space */
		p->label_len = (uint32_t)k + 1;
		return;
	}
	if (cp == 0x7B2C) {			/* 第 */
		j = txt_cn_number(s + k, n - k, &v);
		if (j == 0)
			j = txt_ar_number(s + k, n - k, &v);
		if (j > 0) {
			static const struct { const char *w; int st; } words[] = {
				{ "分编", ST_FENBIAN }, { "编", ST_BIAN },
				{ "部分", ST_JUAN },
				{ "章", ST_ZHANG }, { "节", ST_JIE },
				{ "回", ST_HUI }, { "卷", ST_JUAN },
				{ "部", ST_JUAN }, { "篇", ST_JUAN },
				{ "条", ST_TIAO },
			};
			size_t w;

			i = k + j;
			for (w = 0; w < nitems(words); w++)
				if (starts(s + i, n - i, words[w].w)) {
					p->style = words[w].st;
					p->num = v;
					p->label_len = (uint32_t)(i +
					    strlen(words[w].w));
					break;
				}
		}
	} else if (is_open_paren(cp)) {
		i = k;
		i = txt_skip_spaces(s, n, i);
		if ((j = txt_cn_number(s + i, n - i, &v)) > 0)
			p->style = ST_CN_PAREN;
		else if ((j = txt_ar_number(s + i, n - i, &v)) > 0)
			p->style = ST_AR_PAREN;
		if (j > 0) {
			i = txt_skip_spaces(s, n, i + j);
			if (i < n && is_close_paren(cp_at(s + i, n - i, &k))) {
				p->num = v;
				p->label_len = (uint32_t)(i + k);
			} else
				p->style = ST_NONE;
		}
	} else if (cp >= 0x2460 && cp <= 0x2473) {	/* ① .. ⑳ */
		p->style = ST_CIRCLED;
		p->num = (long)(cp - 0x2460 + 1);
		p->label_len = (uint32_t)k;
	} else if ((j = txt_cn_number(s, n, &v)) > 0) {
		cp = cp_at(s + j, n - j, &k);
		if (j < n && (cp == 0x3001 || cp == 0xFF0E || cp == '.')) {
			p->style = ST_CN_DUN;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		}
	} else if ((j = txt_ar_number(s, n, &v)) > 0) {
		uint32_t sep = j < n ? cp_at(s + j, n - j, &k) : 0;

		if (sep == '.' || sep == 0xFF0E) {
			/* 1.  or 1.2  or 1.2.3 */
			size_t q = j + k;
			int depth = 1;
			long sub;

			while (q < n &&
			    depth < (int)TXT_RULES.multi_depth_max) {
				size_t d = txt_ar_number(s + q, n - q, &sub);
				uint32_t nx;

				if (d == 0)
					break;
				depth++;
				v = sub;	/* 2.3 continues 2.2: compare the last part */
				q += d;
				nx = q < n ? cp_at(s + q, n - q, &k) : 0;
				if (nx == '.' || nx == 0xFF0E)
					q += k;
				else
					break;
			}
			if (depth == 1) {
				/* "3.14": a decimal, not a label */
				p->style = ST_AR_DOT;
			} else {
				p->style = depth == 2 ? ST_AR_MULTI2 :
				    depth == 3 ? ST_AR_MULTI3 : ST_AR_MULTI4;
				/* "1.1 Title" or "1.1标题"; "1.1x" is not a label */
				if (q < n) {
					uint32_t nx = cp_at(s + q, n - q, &k);

					if (nx < 0x80 && !is_space_cp(nx))
						p->style = ST_NONE;
				}
			}
			p->num = v;
			p->label_len = (uint32_t)q;
		} else if (sep == 0x3001) {		/* 1、 */
			p->style = ST_AR_DOT;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		} else if (sep == ')' || sep == 0x3011) {	/* 1) 1】 */
			p->style = ST_AR_CLOSE;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		}
	} else if ((starts(s, n, "Chapter ") || starts(s, n, "CHAPTER ") ||
	    starts(s, n, "Part ") || starts(s, n, "PART ")) &&
	    n < TXT_RULES.en_chapter_max) {
		i = (size_t)(strchr(s, ' ') - s) + 1;
		j = txt_ar_number(s + i, n - i, &v);
		if (j == 0) {
			while (i + j < n && strchr("IVXLCivxlc", s[i + j]))
				j++;
			v = 0;
		}
		if (j > 0 && (i + j == n || s[i + j] == ' ' ||
		    s[i + j] == ':' || s[i + j] == '.')) {
			p->style = ST_EN_CHAPTER;
			p->num = v;
			p->label_len = (uint32_t)(i + j);
		}
	}
	if (p->style == ST_NONE)
		p->label_len = 0;
}

/* Cross-references start like labels but go on like a sentence:
 * （一）至（三）项, （四）、（五）项所列, 第二章规定的, 1.5倍. */
bool
txt_is_cross_reference(const char *s, size_t n, int style)
{
	static const char *const after[] = {
		"至（", "至(", "至第", "到第", "、（", "、(", "、第", "和（",
		"或（", "和第", "或第", "及第", "项", "款", "规定", "所列",
		"所称", "所述", "的规定", "之规定", "倍", "%", "％",
	};
	size_t i, k;
	uint32_t cp;

	/* 第三条第一款, 第二章第一节: a chapter word right after another */
	if ((style == ST_TIAO || is_chapter_style(style)) && starts(s, n, "第"))
		return true;
	for (i = 0; i < nitems(after); i++)
		if (starts(s, n, after[i]))
			return true;
	/* "1.5": a digit right after the label is a decimal. */
	if (n > 0) {
		cp = cp_at(s, n, &k);
		if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
			return true;
	}
	return false;
}

/* Decides run-in vs standalone; returns false when the paragraph does not
 * have the shape of a heading at all. */
bool
txt_shape_heading(const struct ctx *c, struct para *p)
{
	const char *s = c->t + p->off;
	size_t n = p->len, i, k, end, chars = 0;
	const struct line *l = &c->lines[p->first];
	uint32_t cp, last = 0;
	bool comma = false;

	i = txt_skip_spaces(s, n, p->label_len);
	/* A label with nothing after it ("一、" alone) is a bare number. */
	if (i >= n)
		return false;
	if (txt_is_cross_reference(s + i, n - i, p->style))
		return false;
	p->title_off = (uint32_t)i;
	/* Standalone: the whole (single-line) paragraph is short and does not
	 * end like a sentence. */
	if (p->first == p->last && l->c_len == p->len) {
		size_t w = utf8_count(s + i, n - i);
		size_t q = utf8_prev(s, n);

		last = cp_at(s + q, n - q, &k);
		for (end = i; end < n; end += k) {
			cp = cp_at(s + end, n - end, &k);
			if (cp == 0xFF1B || cp == ';')
				comma = true;	/* clauses: an item, not a title */
			/* "问：…？" inside: a statement with a lead-in */
			if ((cp == 0xFF1A || cp == ':') && end + k < n &&
			    !is_chapter_style(p->style))
				comma = true;
		}
		if (w <= TXT_RULES.title_max && !comma && last != 0x3002 &&
		    last != 0xFF1B && last != ';' && last != 0xFF0C && last != ',' &&
		    last != 0x3001) {
			p->title_len = (uint32_t)(n - i);
			p->runin = false;
			return true;
		}
		/* "第一章 总则" lines may be longer but never sentences */
		if (is_chapter_style(p->style) &&
		    w <= TXT_RULES.chapter_title_max && last != 0x3002 &&
		    !comma) {
			p->title_len = (uint32_t)(n - i);
			p->runin = false;
			return true;
		}
	}
	/* Run-in: a short title ended by 。 or ：, then the body. */
	for (end = i; end < n && chars <= TXT_RULES.runin_max;
	    end += k, chars++) {
		cp = cp_at(s + end, n - end, &k);
		if (cp == ':' && end > i && s[end - 1] >= '0' &&
		    s[end - 1] <= '9' && end + 1 < n && s[end + 1] >= '0' &&
		    s[end + 1] <= '9')
			continue;	/* 7:00 is a time, not a title's end */
		if (cp == 0x3002 || cp == 0xFF1A || cp == ':' ||
		    cp == 0xFF01 || cp == 0xFF1F)
			break;
		if (cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';')
			return false;	/* a clause, not a title */
	}
	if (end >= n || chars > TXT_RULES.runin_max ||
	    chars < TXT_RULES.runin_min || is_chapter_style(p->style))
		return false;
	cp = cp_at(s + end, n - end, &k);
	/* "修改为：“…”" introduces a quotation, not a body */
	if ((cp == 0xFF1A || cp == ':') && end + k < n &&
	    cp_at(s + end + k, n - end - k, &k) == 0x201C)
		return false;
	cp_at(s + end, n - end, &k);
	if (txt_skip_spaces(s, n, end + k) >= n)
		return false;	/* nothing after the title: a sentence item */
	p->title_len = (uint32_t)(end - i);
	p->runin = true;
	return true;
}
