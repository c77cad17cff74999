/* screen.c - the screen as cells, without curses (see screen.h). */
#include "screen.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "sanitize.h"
#include "utf8.h"

void
screen_init(struct screen *s)
{
	memset(s, 0, sizeof *s);
}

void
screen_free(struct screen *s)
{
	for (int y = 0; y < s->rows; y++) {
		free(s->r[y].c);
		buf_free(&s->r[y].text);
	}
	free(s->r);
	memset(s, 0, sizeof *s);
}

static void
blank_cell(struct cell *c, struct cell_style st)
{
	c->off = 0;		/* every row's buffer starts with a space */
	c->len = 1;
	c->width = 1;
	c->style = st.style;
	c->span = st.span;
	c->deco = st.deco;
}

void
screen_resize(struct screen *s, int rows, int cols)
{
	screen_free(s);
	if (rows <= 0 || cols <= 0)
		return;
	s->rows = rows;
	s->cols = cols;
	s->r = xcalloc((size_t)rows, sizeof *s->r);
	for (int y = 0; y < rows; y++) {
		struct screen_row *r = &s->r[y];

		r->c = xreallocarray(NULL, (size_t)cols, sizeof *r->c);
		buf_init(&r->text);
		buf_putc(&r->text, ' ');
		for (int x = 0; x < cols; x++)
			blank_cell(&r->c[x], cell_style(STY_TEXT));
		r->dirty = true;
	}
}

void
screen_touch(struct screen *s)
{
	for (int y = 0; y < s->rows; y++)
		s->r[y].dirty = true;
}

/* A row's buffer grows with every put; when it holds much more than the
 * cells use, the live clusters are copied into a fresh one. */
static void
row_compact(struct screen_row *r, int cols)
{
	struct buf nb;

	if (r->text.len <= 256 + 16 * (size_t)cols)
		return;
	buf_init(&nb);
	buf_putc(&nb, ' ');
	for (int x = 0; x < cols; x++) {
		struct cell *c = &r->c[x];

		if (c->width == 0) {
			c->off = x > 0 ? r->c[x - 1].off : 0;
			continue;
		}
		if (c->off == 0 && c->len == 1) {
			continue;
		}
		buf_put(&nb, r->text.data + c->off, c->len);
		c->off = (uint32_t)(nb.len - c->len);
	}
	buf_free(&r->text);
	r->text = nb;
}

/* Writing over one half of a wide character blanks the other half. */
static void
split_wide(struct screen_row *r, int cols, int x)
{
	if (x < 0 || x >= cols)
		return;
	if (r->c[x].width == 0 && x > 0 && r->c[x - 1].width == 2) {
		struct cell_style st = { r->c[x - 1].style, r->c[x - 1].span,
		    r->c[x - 1].deco };

		blank_cell(&r->c[x - 1], st);
	}
	if (r->c[x].width == 2 && x + 1 < cols) {
		struct cell_style st = { r->c[x + 1].style, r->c[x + 1].span,
		    r->c[x + 1].deco };

		blank_cell(&r->c[x + 1], st);
	}
}

void
screen_fill(struct screen *s, int y, int x, int n, struct cell_style st)
{
	struct screen_row *r;

	if (y < 0 || y >= s->rows || n <= 0)
		return;
	r = &s->r[y];
	if (x < 0) {
		n += x;
		x = 0;
	}
	if (x + n > s->cols)
		n = s->cols - x;
	if (n <= 0)
		return;
	split_wide(r, s->cols, x);
	split_wide(r, s->cols, x + n - 1);
	for (int i = 0; i < n; i++)
		blank_cell(&r->c[x + i], st);
	row_compact(r, s->cols);
	r->dirty = true;
}

size_t
screen_fit(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t m = utf8_decode(s + i, n - i, &cp);
		int cw = cp == '\n' ? 0 : utf8_width(cp);

		if (w + cw > cols)
			break;
		w += cw;
		i += m;
	}
	if (used != NULL)
		*used = w;
	return i;
}

int
screen_put(struct screen *s, int y, int x, const char *str, size_t n,
    int cols, struct cell_style st)
{
	static struct buf clean, form;
	struct screen_row *r;
	const char *p;
	size_t i = 0, k;
	int used, cx;

	if (y < 0 || y >= s->rows || x < 0 || x >= s->cols || cols <= 0)
		return 0;
	if (cols > s->cols - x)
		cols = s->cols - x;
	clean.len = 0;
	sanitize_append(&clean, str, n, 0, 8, NULL);
	/* Emoji sequences in the cell count layout planned for them. */
	form.len = 0;
	layout_draw_form(clean.data != NULL ? clean.data : "", clean.len,
	    &form);
	p = form.data != NULL ? form.data : "";
	k = screen_fit(p, form.len, cols, &used);
	if (k == 0)
		return 0;
	r = &s->r[y];
	row_compact(r, s->cols);
	split_wide(r, s->cols, x);
	split_wide(r, s->cols, x + used - 1);
	cx = x;
	while (i < k) {
		uint32_t cp;
		size_t m = utf8_decode(p + i, k - i, &cp);
		int w = utf8_width(cp);
		struct cell *c;

		if (w == 0) {
			/* A zero-width character joins the cluster before
			 * it; at the start of a put it gets a blank. */
			if (cx == x || r->c[cx - 1].len == 0 ||
			    r->c[cx - 1].off + r->c[cx - 1].len !=
			    r->text.len) {
				if (cx >= x + used)
					break;
				c = &r->c[cx++];
				c->off = (uint32_t)r->text.len;
				c->len = 1;
				c->width = 1;
				buf_putc(&r->text, ' ');
				c->style = st.style;
				c->span = st.span;
				c->deco = st.deco;
			} else
				c = &r->c[cx - 1];
			buf_put(&r->text, p + i, m);
			c->len = (uint16_t)MIN(c->len + m, 0xFFFFu);
			i += m;
			continue;
		}
		c = &r->c[cx];
		c->off = (uint32_t)r->text.len;
		c->len = (uint16_t)m;
		c->width = (uint8_t)w;
		c->style = st.style;
		c->span = st.span;
		c->deco = st.deco;
		buf_put(&r->text, p + i, m);
		if (w == 2 && cx + 1 < s->cols) {
			struct cell *h = &r->c[cx + 1];

			h->off = c->off;
			h->len = 0;
			h->width = 0;
			h->style = st.style;
			h->span = st.span;
			h->deco = st.deco;
		}
		cx += w;
		i += m;
	}
	r->dirty = true;
	return cx - x;
}

int
screen_put_trunc(struct screen *s, int y, int x, const char *str, size_t n,
    int cols, struct cell_style st)
{
	int used;
	size_t k = screen_fit(str, n, cols, &used);

	if (k == n)
		return screen_put(s, y, x, str, n, cols, st);
	if (cols < 1)
		return 0;
	k = screen_fit(str, n, cols - 1, &used);
	used = screen_put(s, y, x, str, k, cols - 1, st);
	return used + screen_put(s, y, x + used, "…", strlen("…"), 1, st);
}

void
screen_row_text(const struct screen *s, int y, struct buf *out)
{
	const struct screen_row *r;
	size_t keep;

	if (y < 0 || y >= s->rows)
		return;
	r = &s->r[y];
	keep = out->len;
	for (int x = 0; x < s->cols; x++) {
		const struct cell *c = &r->c[x];

		if (c->width == 0)
			continue;
		buf_put(out, r->text.data + c->off, c->len);
		if (!(c->len == 1 && r->text.data[c->off] == ' '))
			keep = out->len;
	}
	out->len = keep;
	if (out->data != NULL)
		out->data[out->len] = '\0';
}

void
screen_row_decos(const struct screen *s, int y, struct buf *out)
{
	if (y < 0 || y >= s->rows)
		return;
	for (int x = 0; x < s->cols; x++) {
		uint8_t d = s->r[y].c[x].deco;

		buf_putc(out, d == STY_NONE ? '.' :
		    'a' + (d >= STY_SEARCH ? d - STY_SEARCH : 25));
	}
}

/* Decorations. */

void
deco_add(struct deco_list *l, uint32_t off, uint32_t len, uint8_t style)
{
	size_t i;

	if (len == 0)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	/* Usually added in order: the insertion is a no-op then. */
	for (i = l->n; i > 0 && l->v[i - 1].off > off; i--)
		l->v[i] = l->v[i - 1];
	l->v[i].off = off;
	l->v[i].len = len;
	l->v[i].style = style;
	l->n++;
	if (len > l->maxlen)
		l->maxlen = len;
}

void
deco_clear(struct deco_list *l)
{
	l->n = 0;
	l->maxlen = 0;
}

void
deco_free(struct deco_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

uint8_t
deco_at(const struct deco_list *l, uint32_t off, uint32_t end,
    uint32_t *next)
{
	size_t lo = 0, hi = l->n;
	uint8_t best = STY_NONE;
	uint32_t nx = end;

	/* The first range starting after off. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->v[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < l->n && l->v[lo].off < nx)
		nx = l->v[lo].off;
	for (size_t i = lo; i > 0; i--) {
		const struct deco *d = &l->v[i - 1];
		uint32_t de = d->off + d->len;

		if ((uint64_t)d->off + l->maxlen <= off)
			break;	/* nothing earlier reaches off */
		if (de > off) {
			if (best == STY_NONE || d->style > best)
				best = d->style;
			if (de < nx)
				nx = de;
		}
	}
	*next = nx > off ? nx : end;
	return best;
}
