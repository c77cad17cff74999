/* txt_header.c - pass 3a of the plain-text parser: the site, title,
 * subtitle, date and source lines before the body become metadata. */
#include "txt.h"

static bool
looks_like_date(const char *s, size_t n, size_t *dstart, size_t *dend)
{
	size_t i, j;

	/* 2025-02-26 [20:24:56] | 2025/2/26 | 2025.2.26 | 2018年1月2日 */
	for (i = 0; i + 8 <= n; i++) {
		long y, m, d;
		size_t a, b2, e;

		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		a = txt_ar_number(s + i, n - i, &y);
		if (a != 4 || y < 1000 || y > 2999)
			continue;
		j = i + a;
		if (starts(s + j, n - j, "年"))
			j += 3;
		else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.'))
			j++;
		else
			continue;
		b2 = txt_ar_number(s + j, n - j, &m);
		if (b2 == 0 || b2 > 2 || m < 1 || m > 12)
			continue;
		j += b2;
		if (starts(s + j, n - j, "月"))
			j += 3;
		else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.'))
			j++;
		else
			continue;
		e = txt_ar_number(s + j, n - j, &d);
		if (e == 0 || e > 2 || d < 1 || d > 31)
			continue;
		j += e;
		if (starts(s + j, n - j, "日"))
			j += 3;
		/* an optional time */
		if (j + 5 <= n && s[j] == ' ' && s[j + 1] >= '0' &&
		    s[j + 1] <= '9') {
			size_t t = j + 1;

			while (t < n && ((s[t] >= '0' && s[t] <= '9') ||
			    s[t] == ':'))
				t++;
			if (t - j >= 5)
				j = t;
		}
		*dstart = i;
		*dend = j;
		return true;
	}
	return false;
}

/* Skips what separates a date from its source: spaces, commas, bars,
 * dashes and a "来源：" lead-in. */
static size_t
skip_source_lead(const char *s, size_t n, size_t i)
{
	static const char *const leads[] = {
		"来源：", "来源:", "，", "：", "丨", "|", ",", ":", "-", "—",
	};
	size_t k, j;

	for (;;) {
		if (i < n && is_space_cp(cp_at(s + i, n - i, &k))) {
			i += k;
			continue;
		}
		for (j = 0; j < nitems(leads); j++)
			if (starts(s + i, n - i, leads[j]))
				break;
		if (j == nitems(leads))
			return i;
		i += strlen(leads[j]);
	}
}

/* An official document number: 国发〔2018〕1号, 法释〔2022〕2号. */
static bool
is_doc_number(const char *s, size_t n)
{
	const char *open = NULL;
	size_t i;

	for (i = 0; i + 3 <= n && open == NULL; i++)
		if (memcmp(s + i, "〔", 3) == 0 || memcmp(s + i, "［", 3) == 0)
			open = s + i + 3;
	return open != NULL && n >= 3 && memcmp(s + n - 3, "号", 3) == 0 &&
	    open + 4 <= s + n && open[0] >= '0' && open[0] <= '9';
}

/* The source ends where an author, editor or a wide gap begins:
 * "科技日报  作者：王小明" -> "科技日报". */
static size_t
source_len(const char *s, size_t n)
{
	static const char *const stops[] = {
		"  ", "　", "作者", "编辑", "记者", "责任编辑", "|", "丨",
	};
	size_t i, j, end = n;

	for (i = 0; i < n && end == n; i++)
		for (j = 0; j < nitems(stops); j++)
			if (i > 0 && starts(s + i, n - i, stops[j])) {
				end = i;
				break;
			}
	while (end > 0 && s[end - 1] == ' ')
		end--;
	return end;
}


/* "科技日报网" above "人工智能如何改变…" above the date: the first short
 * line is the site, the next one the title. */
static void
fix_site_title(struct ctx *c, struct docb *b, uint32_t body)
{
	uint32_t t, i;
	bool dated = false;
	struct para *a, *z;
	size_t wa, wz;

	for (t = 0; t < body && !(c->paras[t].kind == P_META &&
	    c->paras[t].meta == META_TITLE); t++)
		;
	if (t + 1 >= body || c->paras[t + 1].kind != P_META ||
	    c->paras[t + 1].meta != META_SUBTITLE)
		return;
	for (i = t + 2; i < body; i++)
		if (c->paras[i].kind == P_META && c->paras[i].meta == META_DATE)
			dated = true;
	a = &c->paras[t];
	z = &c->paras[t + 1];
	wa = utf8_count(c->t + a->off, a->len);
	wz = utf8_count(c->t + z->off, z->len);
	if (!dated || !(ends_with(c->t + a->off, a->len, "网") ||
	    ends_with(c->t + a->off, a->len, "网站") ||
	    ends_with(c->t + a->off, a->len, "频道") ||
	    ends_with(c->t + a->off, a->len, "在线") || wa * 2 <= wz))
		return;
	a->meta = META_SITE;
	z->meta = META_TITLE;
	docb_set_meta(b, META_SITE, c->t + a->off, a->len);
	docb_set_meta(b, META_TITLE, c->t + z->off, z->len);
}

/* The lines before the body: site, title, subtitles, date and source. */
uint32_t
txt_classify_header(struct ctx *c, struct docb *b)
{
	uint32_t i, limit = MIN(c->nparas, TXT_RULES.header_paras), body = 0;
	bool have_title = false;

	for (i = 0; i < limit; i++) {
		struct para *p = &c->paras[i];
		const char *s = c->t + p->off;
		size_t n = p->len, ds, de, w = utf8_count(s, n), q, k;
		uint32_t last;

		if (p->first != p->last || p->style != ST_NONE)
			break;
		if (txt_is_special_line(s, n) || txt_eq_nospace(s, n, "目录") ||
		    txt_is_related_line(s, n))
			break;
		q = utf8_prev(s, n);
		last = cp_at(s + q, n - q, &k);
		if (looks_like_date(s, n, &ds, &de) &&
		    w <= TXT_RULES.date_line_max) {
			size_t src;

			p->kind = P_META;
			p->meta = META_DATE;
			/* "（2018年1月2日）" -> the date without brackets */
			docb_set_meta(b, META_DATE, s + ds, de - ds);
			/* "2026-11-25, 来源：某报" -> source "某报" */
			src = skip_source_lead(s, n, de);
			if (src < n && !is_close_paren(cp_at(s + src, n - src,
			    &k)))
				docb_set_meta(b, META_SOURCE, s + src,
				    source_len(s + src, n - src));
			body = i + 1;
			continue;
		}
		if (w > TXT_RULES.header_line_max || last == 0x3002 ||
		    last == 0xFF1A ||
		    last == ':' || last == 0xFF0C || last == 0xFF1B)
			break;
		if (!have_title && (strstr(s, "首页") != NULL &&
		    (size_t)(strstr(s, "首页") - s) < n)) {
			size_t e = (size_t)(strstr(s, "首页") - s);

			while (e > 0 && s[e - 1] == ' ')
				e--;
			p->kind = P_META;
			p->meta = META_SITE;
			docb_set_meta(b, META_SITE, s, e);
			body = i + 1;
			continue;
		}
		p->kind = P_META;
		if (!have_title) {
			p->meta = META_TITLE;
			docb_set_meta(b, META_TITLE, s, n);
			have_title = true;
		} else
			p->meta = META_SUBTITLE;
		body = i + 1;
	}
	fix_site_title(c, b, body);
	/* The last short line of the header, right before a long paragraph
	 * and after the title, is the body's first heading ("基本案情"), not
	 * a subtitle; txt_find_plain_headings() decides. */
	if (c->blank_style && body >= 2 && body < c->nparas &&
	    c->paras[body - 1].kind == P_META &&
	    c->paras[body - 1].meta == META_SUBTITLE &&
	    !is_doc_number(c->t + c->paras[body - 1].off,
	    c->paras[body - 1].len) &&
	    c->paras[body].style == ST_NONE &&
	    utf8_count(c->t + c->paras[body].off, c->paras[body].len) >=
	    TXT_RULES.body_min) {
		c->paras[body - 1].kind = P_TEXT;
		body--;
	}
	/* A header must be followed by a body; a document of short lines is
	 * all body (a poem, a list), except its first line as the title. */
	if (body >= c->nparas && c->nparas > 1) {
		for (i = 1; i < body; i++)
			c->paras[i].kind = P_TEXT;
		body = 1;
	}
	return body;
}
