/* docbuild.c - the builder behind every parser.  Blocks are appended to
 * flat arrays (no per-node allocation, so freeing and deep input are
 * cheap); text is sanitised on entry; long paragraphs are split so that
 * layout work per block is bounded. */
#include "docbuild.h"

#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"

/* The arena uses 32-bit offsets; stop adding text well before that. */
#define ARENA_MAX ((size_t)UINT32_MAX - DOCB_BLOCK_MAX * 8)

struct docb {
	struct buf text;
	struct block *blocks;
	uint32_t nblocks, capblocks;
	struct span *spans;
	uint32_t nspans, capspans;
	char **links;
	uint32_t nlinks, caplinks;
	char *meta[META_SITE + 1];
	struct container *conts;
	uint32_t nconts, capconts;
	struct buf strs;	/* container labels */
	uint32_t stack[DOCB_MAX_NEST];	/* open containers, innermost last */
	uint32_t depth;		/* entries of stack in use */
	uint32_t over;		/* opens past DOCB_MAX_NEST still open */
	uint32_t flattened;	/* opens past DOCB_MAX_NEST in all */
	struct san_stats st;	/* what docb_text() saw */
	int open;		/* a block is open (it is blocks[nblocks]) */
	size_t col;		/* column for tab expansion */
	int truncated;
	struct doc *snap;	/* docb_peek()'s view; docb_finish() fills it */
	struct outline_counts counts;	/* of the blocks closed so far */
	uint32_t open_len;	/* text of the open block: it may pass
				 * DOCB_BLOCK_MAX until docb_end() splits it,
				 * so it is not kept in the 16-bit field */
};

struct docb *
docb_new(void)
{
	struct docb *b = xcalloc(1, sizeof *b);

	buf_init(&b->text);
	buf_reserve(&b->text, 0);
	buf_init(&b->strs);
	buf_reserve(&b->strs, 0);
	b->links = xcalloc(1, sizeof *b->links);	/* links[0] unused */
	b->nlinks = b->caplinks = 1;
	return b;
}

void
docb_free(struct docb *b)
{
	uint32_t i;

	if (b == NULL)
		return;
	buf_free(&b->text);
	free(b->blocks);
	free(b->spans);
	outline_counts_free(&b->counts);
	free(b->conts);
	buf_free(&b->strs);
	for (i = 0; i < b->nlinks; i++)
		free(b->links[i]);
	free(b->links);
	for (i = 0; i < nitems(b->meta); i++)
		free(b->meta[i]);
	if (b->snap != NULL) {
		/* Its arrays were the builder's, freed above. */
		free(b->snap->nodes);
		free(b->snap->name);
		free(b->snap);
	}
	free(b);
}

/* Points d at what the builder holds now; counts stay as they were
 * unless all is set. */
static void
alias(struct docb *b, struct doc *d, bool all)
{
	d->text = b->text.data;
	d->blocks = b->blocks;
	d->spans = b->spans;
	d->links = b->links;
	d->conts = b->conts;
	d->strs = b->strs.data;
	d->title = b->meta[META_TITLE];
	d->date = b->meta[META_DATE];
	d->source = b->meta[META_SOURCE];
	d->site = b->meta[META_SITE];
	if (!all)
		return;
	d->text_len = b->text.len;
	d->nblocks = b->nblocks;
	d->nspans = b->nspans;
	d->nlinks = b->nlinks;
	d->nconts = b->nconts;
	d->strs_len = b->strs.len;
	d->nest_flattened = b->flattened;
	d->invisible = b->st.invisible;
	d->truncated = b->truncated;
}

struct doc *
docb_peek(struct docb *b, bool grow)
{
	struct doc *d = b->snap;

	if (d == NULL) {
		d = b->snap = xcalloc(1, sizeof *d);
		d->encoding = "UTF-8";
		grow = true;
	}
	alias(b, d, grow);
	if (grow) {
		/* An open container's range so far (docb_close sets it
		 * again). */
		for (uint32_t k = 0; k < b->depth; k++) {
			struct container *c = &b->conts[b->stack[k]];

			c->nblocks = b->nblocks - c->first_block;
		}
		outline_build(d, &b->counts);
	}
	return d;
}

void
docb_reserve_text(struct docb *b, size_t n)
{
	if (n > ARENA_MAX)
		n = ARENA_MAX;
	/* A 32-bit process has no address space to spare. */
	if (b->text.cap > n || (SIZE_MAX <= UINT32_MAX && n > ((size_t)64 << 20)))
		return;
	/* One mapping that never moves: huge pages stay whole.  Only a
	 * wish: without the address space (ulimit -v) the arena grows as it
	 * goes. */
	{
		char *p = realloc(b->text.data, n + 1);

		if (p == NULL)
			return;
		b->text.data = p;
		b->text.cap = n + 1;
		p[b->text.len] = '\0';
	}
	util_hint_huge(b->text.data, b->text.cap);
}

void
docb_set_level(struct docb *b, uint32_t block, unsigned level)
{
	if (block >= b->nblocks || b->blocks[block].type != BLOCK_HEADING)
		return;
	level = level < 1 ? 1 : MIN(level, DOCB_MAX_HEADING_LEVEL);
	b->blocks[block].level = (uint8_t)level;
}

void
docb_set_meta(struct docb *b, enum meta_kind kind, const char *s, size_t n)
{
	struct buf v;

	if ((unsigned)kind >= nitems(b->meta) || kind == META_NONE)
		return;
	buf_init(&v);
	sanitize_append(&v, s, n, SAN_TAB_SPACE, 8, NULL);
	free(b->meta[kind]);
	b->meta[kind] = buf_detach(&v, NULL);
}

static struct block *
cur(struct docb *b)
{
	if (!b->open)
		fatal("docb: no open block");
	return &b->blocks[b->nblocks];
}

uint32_t
docb_open(struct docb *b, enum container_type type, const struct cont_attrs *a)
{
	static const struct cont_attrs none;
	struct container *c;
	uint32_t i;

	docb_end(b);
	if (b->depth == DOCB_MAX_NEST || b->over > 0) {
		b->over++;
		b->flattened++;
		return CONT_NONE;
	}
	if (a == NULL)
		a = &none;
	if (b->nconts == b->capconts) {
		b->capconts = b->capconts ? b->capconts * 2 : 64;
		b->conts = xreallocarray(b->conts, b->capconts,
		    sizeof *b->conts);
	}
	i = b->nconts++;
	c = &b->conts[i];
	memset(c, 0, sizeof *c);
	c->type = (uint8_t)((unsigned)type < CONT__COUNT ? type : CONT_FIGURE);
	c->parent = b->depth ? b->stack[b->depth - 1] : CONT_NONE;
	c->depth = (uint8_t)(b->depth + 1);
	c->first_block = b->nblocks;
	c->num = a->num;
	switch (c->type) {
	case CONT_LIST:
		c->flags = a->ordered ? CONT_F_ORDERED : 0;
		c->bullet = a->ordered ? 0 : a->bullet;
		break;
	case CONT_ITEM:
		c->task = (uint8_t)MIN((unsigned)a->task, TASK_DONE);
		break;
	case CONT_ROW:
		c->flags = a->header ? CONT_F_HEADER : 0;
		break;
	case CONT_CELL:
		c->flags = a->header ? CONT_F_HEADER : 0;
		c->align = (uint8_t)MIN((unsigned)a->align, ALIGN_RIGHT);
		break;
	default:
		break;
	}
	if ((c->type == CONT_ITEM || c->type == CONT_CODE) &&
	    a->label != NULL && a->label_len > 0) {
		size_t start = b->strs.len;

		/* A label is a number or a language: a line's worth is plenty,
		 * and the arena stays far below 4 GiB. */
		sanitize_append(&b->strs, a->label, MIN(a->label_len, 256u),
		    SAN_TAB_SPACE, 8, NULL);
		if (b->strs.len - start > UINT16_MAX ||
		    b->strs.len > UINT32_MAX) {
			b->strs.len = start;
		} else {
			c->label_off = (uint32_t)start;
			c->label_len = (uint16_t)(b->strs.len - start);
		}
	}
	b->stack[b->depth++] = i;
	return i;
}

void
docb_close(struct docb *b)
{
	struct container *c;

	docb_end(b);
	if (b->over > 0) {
		b->over--;
		return;
	}
	if (b->depth == 0)
		return;
	c = &b->conts[b->stack[--b->depth]];
	c->nblocks = b->nblocks - c->first_block;
}

uint32_t
docb_begin(struct docb *b, enum block_type type, unsigned level,
    uint32_t line)
{
	struct block *bl;

	if (b->open)
		docb_end(b);
	if (b->nblocks + 1 >= b->capblocks) {
		b->capblocks = b->capblocks ? b->capblocks * 2 : 256;
		b->blocks = xreallocarray(b->blocks, b->capblocks,
		    sizeof *b->blocks);
	}
	bl = &b->blocks[b->nblocks];
	memset(bl, 0, sizeof *bl);
	if (type == BLOCK_HEADING)
		level = level < 1 ? 1 : MIN(level, DOCB_MAX_HEADING_LEVEL);
	else if (level > DOCB_MAX_DEPTH)
		level = DOCB_MAX_DEPTH;	/* deeper nesting keeps its text */
	bl->type = (uint8_t)type;
	bl->level = (uint8_t)level;
	bl->line = line;
	bl->text_off = (uint32_t)b->text.len;
	bl->span_first = b->nspans;
	b->open = 1;
	b->open_len = 0;
	b->col = 0;
	return b->nblocks;
}

void
docb_text(struct docb *b, const char *s, size_t n)
{
	struct block *bl = cur(b);

	if (b->text.len + n > ARENA_MAX) {
		b->truncated = 1;
		return;
	}
	sanitize_append_stats(&b->text, s, n, SAN_KEEP_NEWLINE, 8, &b->col,
	    &b->st);
	b->open_len = (uint32_t)(b->text.len - bl->text_off);
}

void
docb_text_clean(struct docb *b, const char *s, size_t n)
{
	struct block *bl = cur(b);

	if (b->text.len + n > ARENA_MAX) {
		b->truncated = 1;
		return;
	}
	buf_put(&b->text, s, n);
	b->open_len = (uint32_t)(b->text.len - bl->text_off);
}

uint32_t
docb_text_len(const struct docb *b)
{
	return b->open ? b->open_len : 0;
}

void
docb_set_flags(struct docb *b, unsigned flags)
{
	cur(b)->flags = (uint8_t)flags;
}

void
docb_set_indent(struct docb *b, unsigned indent, unsigned hang)
{
	struct block *bl = cur(b);

	bl->indent = (uint8_t)MIN(indent, 64u);
	bl->hang = (uint8_t)MIN(hang, 64u);
}

void
docb_set_meta_kind(struct docb *b, enum meta_kind m)
{
	cur(b)->meta = (uint8_t)m;
}

void
docb_set_label(struct docb *b, uint32_t label_len, uint32_t title_off,
    uint32_t title_len)
{
	struct block *bl = cur(b);

	label_len = MIN(label_len, MIN(b->open_len, UINT16_MAX));
	title_off = MIN(MAX(title_off, label_len), b->open_len);
	title_len = MIN(title_len, b->open_len - title_off);
	if (title_off > UINT16_MAX) {	/* no title that far in */
		title_off = label_len;
		title_len = 0;
	}
	title_len = MIN(title_len, UINT16_MAX);
	bl->label_len = (uint16_t)label_len;
	bl->title_off = (uint16_t)title_off;
	bl->title_len = (uint16_t)title_len;
}

void
docb_span(struct docb *b, enum span_style style, uint32_t off, uint32_t len,
    const char *link)
{
	struct block *bl = cur(b);
	struct span *sp;

	if (off >= b->open_len || len == 0 || bl->span_count == UINT16_MAX)
		return;
	len = MIN(len, b->open_len - off);
	if (b->nspans + 1 >= b->capspans) {
		b->capspans = b->capspans ? b->capspans * 2 : 256;
		b->spans = xreallocarray(b->spans, b->capspans,
		    sizeof *b->spans);
	}
	sp = &b->spans[b->nspans++];
	sp->off = off;
	sp->len = len;
	sp->style = (uint8_t)style;
	sp->link = 0;
	if (style == STYLE_LINK && link != NULL) {
		if (b->nlinks + 1 >= b->caplinks) {
			b->caplinks *= 2;
			b->links = xreallocarray(b->links, b->caplinks,
			    sizeof *b->links);
		}
		b->links[b->nlinks] = sanitize_str(link);
		sp->link = b->nlinks++;
	}
	bl->span_count++;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;
}

/* Where to cut text[from..len) so the piece is at most DOCB_BLOCK_MAX:
 * after a line end, else after a sentence end, else after a space, else at
 * a character boundary. */
static uint32_t
split_point(const char *t, uint32_t from, uint32_t len)
{
	uint32_t lim = from + DOCB_BLOCK_MAX, lo = from + DOCB_BLOCK_MAX / 2, i;

	if (len - from <= DOCB_BLOCK_MAX)
		return len;
	for (i = lim; i > lo; i--)
		if (t[i - 1] == '\n')
			return i;
	for (i = lim; i > lo + 3; i--)
		if (memcmp(t + i - 3, "\xE3\x80\x82", 3) == 0)	/* 。 */
			return i;
	for (i = lim; i > lo; i--)
		if (t[i - 1] == ' ' || t[i - 1] == '.')
			return i;
	for (i = lim; i > lo; i--)
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			return i;
	return lim;
}

static void
split_block(struct docb *b)
{
	struct block whole = b->blocks[b->nblocks];
	struct span *sp = NULL;
	uint32_t nsp = whole.span_count, from = 0, to, i;
	uint32_t whole_len = b->open_len;
	const char *t = b->text.data + whole.text_off;

	if (nsp > 0) {
		sp = xreallocarray(NULL, nsp, sizeof *sp);
		memcpy(sp, b->spans + whole.span_first, nsp * sizeof *sp);
	}
	b->nspans = whole.span_first;
	b->open = 0;
	while (from < whole_len) {
		struct block *bl;

		to = split_point(t, from, whole_len);
		if (b->nblocks + 1 >= b->capblocks) {
			b->capblocks *= 2;
			b->blocks = xreallocarray(b->blocks, b->capblocks,
			    sizeof *b->blocks);
		}
		bl = &b->blocks[b->nblocks];
		*bl = whole;
		bl->text_off = whole.text_off + from;
		bl->text_len = (uint16_t)(to - from);
		b->open_len = to - from;
		bl->span_first = b->nspans;
		bl->span_count = 0;
		if (from > 0) {
			bl->flags = (uint8_t)((whole.flags & ~BLOCK_F_RUNIN) |
			    BLOCK_F_CONT);
			bl->label_len = bl->title_off = bl->title_len = 0;
			bl->indent = bl->hang;
			if (bl->type == BLOCK_HEADING)
				bl->type = BLOCK_PARA;
		} else {
			bl->title_len = (uint16_t)MIN(bl->title_len,
			    to > bl->title_off ? to - bl->title_off : 0);
			bl->label_len = (uint16_t)MIN(bl->label_len, to);
			bl->title_off = (uint16_t)MIN(bl->title_off, to);
		}
		b->open = 1;
		for (i = 0; i < nsp; i++) {
			uint32_t s = MAX(sp[i].off, from);
			uint32_t e = MIN(sp[i].off + sp[i].len, to);

			if (s < e) {
				docb_span(b, sp[i].style, s - from, e - s, NULL);
				b->spans[b->nspans - 1].link = sp[i].link;
			}
		}
		b->open = 0;
		outline_count_block(&b->counts, bl, b->nblocks,
		    b->text.data + bl->text_off);
		b->nblocks++;
		from = to;
	}
	free(sp);
}

void
docb_end(struct docb *b)
{
	struct block *bl;

	if (!b->open)
		return;
	bl = &b->blocks[b->nblocks];
	if (b->open_len == 0 && bl->type != BLOCK_RULE &&
	    bl->type != BLOCK_PRE) {
		b->nspans = bl->span_first;	/* nothing to show */
		b->open = 0;
		return;
	}
	if (bl->span_count > 1)
		qsort(b->spans + bl->span_first, bl->span_count,
		    sizeof *b->spans, span_cmp);
	if (b->open_len > DOCB_BLOCK_MAX) {
		split_block(b);
		return;
	}
	bl->text_len = (uint16_t)b->open_len;
	outline_count_block(&b->counts, bl, b->nblocks,
	    b->text.data + bl->text_off);
	b->nblocks++;
	b->open = 0;
}

uint32_t
docb_last(const struct docb *b)
{
	return b->nblocks ? b->nblocks - 1 : UINT32_MAX;
}

struct doc *
docb_finish(struct docb *b)
{
	/* A document shown while it loaded stays at its address. */
	struct doc *d = b->snap != NULL ? b->snap : xcalloc(1, sizeof *d);

	docb_end(b);
	while (b->depth > 0 || b->over > 0)
		docb_close(b);
	alias(b, d, true);
	/* The document owns the buffers from here (a NULL one becomes an
	 * empty string). */
	d->text = buf_detach(&b->text, NULL);
	d->strs = buf_detach(&b->strs, NULL);
	free(b->meta[META_SUBTITLE]);
	if (d->encoding == NULL)
		d->encoding = "UTF-8";
	outline_build(d, &b->counts);	/* and d->chars */
	outline_counts_free(&b->counts);
	free(b);
	return d;
}
