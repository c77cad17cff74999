/* txt_lines.c - pass 1 of the plain-text parser: lines (offsets, indent,
 * width, blank or not) and the margin of hard-wrapped text. */
#include "txt.h"

void
txt_split_lines(struct ctx *c)
{
	uint32_t cap = c->lines_cap, i = 0;
	size_t pos = 0;

	if (c->lines == NULL || cap == 0) {
		cap = 1024;
		c->lines = xreallocarray(c->lines, cap, sizeof *c->lines);
	}
	while (pos < c->n) {
		const char *nl = memchr(c->t + pos, '\n', c->n - pos);
		size_t end = nl ? (size_t)(nl - c->t) : c->n, p = pos, k;
		struct line *l;
		unsigned ind = 0;

		if (i == cap) {
			cap *= 2;
			c->lines = xreallocarray(c->lines, cap, sizeof *c->lines);
		}
		l = &c->lines[i++];
		l->off = (uint32_t)pos;
		l->len = (uint32_t)(end - pos);
		while (p < end) {
			uint32_t cp = cp_at(c->t + p, end - p, &k);

			if (!is_space_cp(cp))
				break;
			ind += cp == 0x3000 ? 2 : 1;
			p += k;
		}
		l->indent = (uint16_t)MIN(ind, TXT_RULES.indent_max);
		l->c_off = (uint32_t)p;
		while (end > p) {
			size_t q = utf8_prev(c->t, end);

			if (!is_space_cp(cp_at(c->t + q, end - q, &k)))
				break;
			end = q;
		}
		l->c_len = (uint32_t)(end - p);
		l->blank = l->c_len == 0;
		l->table = TL_NONE;	/* txt_find_tables() decides */
		l->table_first = false;
		/* Only widths up to width_max columns matter (wrap
		 * detection, tables, joins): do not measure long paragraph
		 * lines, and stop measuring past width_max. */
		l->width = end - p > TXT_RULES.measure_max ? 60000 :
		    (uint16_t)MIN(utf8_str_width_max(c->t + p, end - p,
		    TXT_RULES.width_max), 60000u);
		pos = nl ? end + (size_t)(c->t + end == nl ? 1 : 0) : c->n;
		if (nl)
			pos = (size_t)(nl - c->t) + 1;
	}
	c->nlines = i;
	c->lines_cap = cap;
}

/* How much shorter than the margin a wrapped line may be. */
uint32_t
txt_wrap_slack(uint32_t wrap)
{
	return MAX(TXT_RULES.wrap_slack_min,
	    wrap / TXT_RULES.wrap_slack_div);
}

/* Hard-wrapped text has many lines of nearly the same width, none much
 * longer.  Returns that width, or 0 when lines are paragraphs. */
uint32_t
txt_find_wrap_width(const struct ctx *c)
{
	uint32_t hist[TXT_WIDTH_MAX + 1] = { 0 };
	uint32_t i, total = 0, over = 0, acc = 0, p90 = 0;

	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].blank)
			continue;
		total++;
		if (c->lines[i].width + c->lines[i].indent > TXT_WIDTH_MAX)
			over++;
		else
			hist[c->lines[i].width + c->lines[i].indent]++;
	}
	if (total < TXT_RULES.wrap_min_lines ||
	    over * TXT_RULES.wrap_over_share > total)
		return 0;
	for (i = TXT_WIDTH_MAX; i > 0; i--) {
		acc += hist[i];
		if (acc * TXT_RULES.wrap_pct_share >= total) {
			p90 = i;
			break;
		}
	}
	/* Lines near p90 must be common, or widths are just random.  Word
	 * wrapping leaves lines up to a word shorter than the margin. */
	acc = 0;
	for (i = p90 > txt_wrap_slack(p90) ? p90 - txt_wrap_slack(p90) : 0;
	    i <= p90 + TXT_RULES.wrap_near_over && i <= TXT_WIDTH_MAX; i++)
		acc += hist[i];
	if (p90 < TXT_RULES.wrap_min_width ||
	    acc * TXT_RULES.wrap_near_share < total)
		return 0;
	return p90;
}
