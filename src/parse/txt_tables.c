/* txt_tables.c - the tables plain text can be sure of, found between the
 * line and paragraph passes so that their rows are never joined into
 * paragraphs or taken for headings:
 *  - |-separated rows under a |---|:--:| rule (the Markdown shape: a header
 *    row with as many cells as the rule, then at least one row);
 *  - +----+----+ grids: rules and |…| lines, ending with a rule;
 *  - runs of lines whose cells start at the same columns, set apart by
 *    two or more blanks.
 * The rows stay as written (parse_txt.c makes them preformatted blocks);
 * drawing real tables is for later. */
#include "txt.h"

/* Cells of a pipe row: a leading and a trailing '|' open and close the
 * row; "\|" is a literal bar. */
static unsigned
pipe_cells(const char *s, size_t n)
{
	size_t i, start = 0, end = n;
	unsigned cells = 1;

	if (n > 0 && s[0] == '|')
		start = 1;
	if (end > start && s[end - 1] == '|' && !(end >= 2 &&
	    s[end - 2] == '\\'))
		end--;
	for (i = start; i < end; i++)
		if (s[i] == '|' && (i == 0 || s[i - 1] != '\\'))
			cells++;
	return cells;
}

/* A |---|:--:|---:| rule: its columns (0 if it is not one), and their
 * alignment from the colons. */
static unsigned
pipe_rule(const char *s, size_t n, uint8_t *aligns)
{
	size_t i = 0, end = n;
	unsigned cols = 0, dashes;
	bool pipe = false, left, right;

	if (i < end && s[i] == '|') {
		i++;
		pipe = true;
	}
	if (end > i && s[end - 1] == '|') {
		end--;
		pipe = true;
	}
	for (;;) {
		left = right = false;
		dashes = 0;
		while (i < end && s[i] == ' ')
			i++;
		if (i < end && s[i] == ':') {
			left = true;
			i++;
		}
		while (i < end && s[i] == '-') {
			dashes++;
			i++;
		}
		if (i < end && s[i] == ':') {
			right = true;
			i++;
		}
		while (i < end && s[i] == ' ')
			i++;
		if (dashes == 0 || cols == TXT_COLS_MAX)
			return 0;
		if (aligns != NULL)
			aligns[cols] = left && right ? ALIGN_CENTRE : right ?
			    ALIGN_RIGHT : left ? ALIGN_LEFT : ALIGN_NONE;
		cols++;
		if (i >= end)
			break;
		if (s[i] != '|' && s[i] != '+')
			return 0;
		pipe = true;
		i++;
	}
	return pipe && cols >= 2 ? cols : 0;
}

/* A +----+====+ rule: its columns (0 if it is not one); *eq is set when
 * it is drawn with '=' (the rule under a header). */
static unsigned
grid_rule(const char *s, size_t n, bool *eq)
{
	size_t i;
	unsigned cols = 0, run = 0;

	*eq = false;
	if (n < 3 || s[0] != '+' || s[n - 1] != '+')
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] == '+') {
			if (run == 0)
				return 0;
			cols++;
			run = 0;
		} else if (s[i] == '-' || s[i] == '=') {
			*eq |= s[i] == '=';
			run++;
		} else
			return 0;
	}
	return cols >= 2 && cols <= TXT_COLS_MAX ? cols : 0;
}

static bool
grid_row(const char *s, size_t n)
{
	return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

/* Two spaces or a U+3000 (E3 80 80) in s: memchr is quick where a loop
 * over every byte of every short line would show in the load time. */
static bool
has_gap(const char *s, size_t n)
{
	const char *p, *e = s + n;

	for (p = s; p + 1 < e && (p = memchr(p, ' ', (size_t)(e - p - 1))) !=
	    NULL; p++)
		if (p[1] == ' ')
			return true;
	for (p = s; p + 2 < e && (p = memchr(p, 0xE3, (size_t)(e - p - 2))) !=
	    NULL; p++)
		if ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80)
			return true;
	return false;
}

/* A cell of a table of column gaps starts with a word or a number; one
 * that starts with punctuation ("|", "----^", "'quoted'") is code or a
 * drawing lined up by hand. */
static bool
starts_word(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F &&
	    cp != 0xD7 && cp != 0xF7) || utf8_is_cjk(cp) ||
	    (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A);
}

/* The columns where the cells of a line start (its indent, then after
 * every run of at least table_gap_min blank columns); 0 when it has fewer
 * than two cells or a cell does not start with a word.  Most lines have
 * no double blank and cost one scan. */
static unsigned
gap_starts(const struct ctx *c, const struct line *l, uint16_t *starts)
{
	const char *s = c->t + l->c_off;
	size_t n = l->c_len, i, k;
	unsigned ns = 1, gap = 0, col = l->indent;

	if (l->blank || l->width + l->indent > TXT_WIDTH_MAX)
		return 0;
	starts[0] = (uint16_t)col;
	for (i = 0; i < n; i += k) {
		uint32_t cp = cp_at(s + i, n - i, &k);
		int w;

		if (cp == ' ' || cp == 0x3000) {
			w = cp == ' ' ? 1 : 2;
			gap += (unsigned)w;
			col += (unsigned)w;
			continue;
		}
		if ((i == 0 || gap > 0) && !starts_word(cp))
			return 0;
		if (gap >= TXT_RULES.table_gap_min) {
			if (ns == TXT_COLS_MAX)
				return 0;
			starts[ns++] = (uint16_t)col;
		}
		gap = 0;
		w = utf8_width(cp);
		col += w > 0 ? (unsigned)w : 0;
	}
	return ns >= 2 ? ns : 0;
}

/* A line that can be a row of a table of column gaps. */
static bool
gap_line(const struct ctx *c, const struct line *l)
{
	return !l->blank && l->table == TL_NONE &&
	    l->width + l->indent <= TXT_WIDTH_MAX &&
	    has_gap(c->t + l->c_off, l->c_len);
}

static void
mark(struct ctx *c, uint32_t from, uint32_t to, enum table_line kind)
{
	uint32_t i;

	for (i = from; i <= to; i++)
		c->lines[i].table = (uint8_t)kind;
	c->lines[from].table_first = true;
}

static const char *
content(const struct ctx *c, uint32_t li, size_t *n)
{
	*n = c->lines[li].c_len;
	return c->t + c->lines[li].c_off;
}

static bool
has_bar(const struct ctx *c, uint32_t li)
{
	return !c->lines[li].blank && c->lines[li].c_len > 0 &&
	    memchr(c->t + c->lines[li].c_off, '|', c->lines[li].c_len) != NULL;
}

/* A pipe table with its header at line i; returns its last line or i - 1
 * when there is none. */
static uint32_t
pipe_table(struct ctx *c, uint32_t i)
{
	const char *s;
	size_t n;
	unsigned cols;
	uint32_t j;

	if (i + 2 >= c->nlines || !has_bar(c, i) || !has_bar(c, i + 2))
		return i - 1;
	s = content(c, i + 1, &n);
	if ((cols = pipe_rule(s, n, NULL)) == 0)
		return i - 1;
	s = content(c, i, &n);
	if (pipe_cells(s, n) != cols)
		return i - 1;
	c->lines[i].table = TL_HEAD;
	c->lines[i].table_first = true;
	c->lines[i + 1].table = TL_RULE;
	for (j = i + 2; j < c->nlines && has_bar(c, j); j++) {
		s = content(c, j, &n);
		c->lines[j].table = pipe_rule(s, n, NULL) ? TL_RULE : TL_ROW;
	}
	return j - 1;
}

/* A grid table starting with the rule at line i: rules and |…| lines up
 * to the last rule with the same columns.  Rows above a '=' rule are the
 * header. */
static uint32_t
grid_table(struct ctx *c, uint32_t i)
{
	const char *s;
	size_t n;
	unsigned cols;
	uint32_t j, last = i, head_end = i;
	bool eq;

	s = content(c, i, &n);
	if ((cols = grid_rule(s, n, &eq)) == 0)
		return i - 1;
	for (j = i + 1; j < c->nlines && !c->lines[j].blank; j++) {
		s = content(c, j, &n);
		if (grid_rule(s, n, &eq) == cols) {
			last = j;
			if (eq && head_end == i)
				head_end = j;
		} else if (!grid_row(s, n))
			break;
	}
	if (last < i + 2)
		return i - 1;
	for (j = i; j <= last; j++) {
		s = content(c, j, &n);
		if (grid_rule(s, n, &eq) == cols)
			c->lines[j].table = TL_RULE;
		else if (c->lines[j - 1].table != TL_RULE)
			c->lines[j].table = TL_MORE;
		else
			c->lines[j].table = j < head_end ? TL_HEAD : TL_ROW;
	}
	c->lines[i].table_first = true;
	return last;
}

void
txt_find_tables(struct ctx *c)
{
	uint16_t a[TXT_COLS_MAX], b[TXT_COLS_MAX];
	uint16_t *prev = a, *cur = b, *t;
	unsigned np = 0, nc;
	uint32_t i, run = 0, j, e, elig_end = 0, skip_to = 0;
	bool bars;

	/* Bars and rules first: they are certain (and need a '|'). */
	bars = memchr(c->t, '|', c->n) != NULL;
	for (i = 0; bars && i < c->nlines; i++) {
		const struct line *l = &c->lines[i];
		uint32_t end;

		if (l->blank || l->c_len < 3)
			continue;
		if (c->t[l->c_off] == '+')
			end = grid_table(c, i);
		else
			end = pipe_table(c, i);
		if (end + 1 > i)
			i = end;
	}
	/* Then runs of lines with the same cell starts.  Only runs of enough
	 * short lines with gaps can be one: most text never gets its widths
	 * measured here. */
	for (i = 0; i <= c->nlines; i++) {
		if (i >= elig_end && i >= skip_to) {
			for (e = i; e < c->nlines && gap_line(c, &c->lines[e]);
			    e++)
				;
			if (e - i >= TXT_RULES.table_rows_min)
				elig_end = e;
			else
				skip_to = MAX(e, i + 1);
		}
		nc = i < elig_end ? gap_starts(c, &c->lines[i], cur) : 0;
		if (nc > 0 && nc == np && memcmp(cur, prev, nc *
		    sizeof *cur) == 0) {
			t = prev, prev = cur, cur = t;
			continue;
		}
		/* the run [run, i) ended */
		if (np > 0 && i - run >= TXT_RULES.table_rows_min) {
			for (j = run; j < i; j++)
				if (txt_line_is_candidate(c, j))
					break;
			if (j == i)
				mark(c, run, i - 1, TL_ROW);
		}
		run = i;
		np = nc;
		t = prev, prev = cur, cur = t;
	}
}

unsigned
txt_table_columns(const struct ctx *c, uint32_t li, uint8_t *aligns)
{
	uint16_t starts[TXT_COLS_MAX];
	const char *s;
	size_t n;
	unsigned i, cols;
	bool eq;

	if (aligns != NULL)
		for (i = 0; i < TXT_COLS_MAX; i++)
			aligns[i] = ALIGN_NONE;
	s = content(c, li, &n);
	if (c->lines[li].table == TL_RULE)
		return grid_rule(s, n, &eq);
	if (c->lines[li].table == TL_HEAD && li + 1 < c->nlines) {
		s = content(c, li + 1, &n);
		if ((cols = pipe_rule(s, n, aligns)) > 0)
			return cols;
	}
	return gap_starts(c, &c->lines[li], starts);
}
