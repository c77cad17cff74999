/* doc.c - reading, checking and freeing the document model. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "sanitize.h"
#include "utf8.h"

const char *
doc_format_name(enum doc_format f)
{
	switch (f) {
	case FORMAT_MD:
		return "md";
	case FORMAT_HTML:
		return "html";
	default:
		return "txt";
	}
}

const char *
doc_block_type_name(enum block_type t)
{
	static const char *names[BLOCK__COUNT] = {
		"para", "heading", "item", "quote", "pre", "rule", "meta"
	};

	return (unsigned)t < BLOCK__COUNT ? names[t] : "?";
}

const char *
doc_container_type_name(enum container_type t)
{
	static const char *names[CONT__COUNT] = {
		"list", "item", "table", "row", "cell", "quote", "code",
		"figure"
	};

	return (unsigned)t < CONT__COUNT ? names[t] : "?";
}

void
doc_free(struct doc *d)
{
	uint32_t i;

	if (d == NULL)
		return;
	free(d->text);
	free(d->blocks);
	free(d->spans);
	free(d->nodes);
	free(d->conts);
	free(d->strs);
	for (i = 0; i < d->nlinks; i++)
		free(d->links[i]);
	free(d->links);
	free(d->title);
	free(d->date);
	free(d->source);
	free(d->site);
	free(d->name);
	free(d);
}

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		problems++;						\
		if (err != NULL) {					\
			out_printf(err, "doc_check: " __VA_ARGS__);	\
			out_str(err, "\n");				\
		}							\
	}								\
} while (0)

static uint32_t
cont_end(const struct container *c)
{
	return c->first_block + c->nblocks;
}

/* Containers: parents precede children, leaf ranges nest like brackets
 * and follow document order, and each block names the innermost container
 * holding it.  One pass with a stack of the open ones. */
static int
check_containers(const struct doc *d, struct out *err)
{
	int problems = 0;
	uint32_t stack[DOC_MAX_NEST], depth = 0, i, b, *inner;

	if (d->nconts > 0 && d->conts == NULL) {
		CHECK(0, "%u containers but no array", d->nconts);
		return problems;
	}
	for (i = 0; i < d->nconts; i++) {
		const struct container *c = &d->conts[i];

		CHECK(c->type < CONT__COUNT, "container %u: bad type", i);
		CHECK(c->first_block <= d->nblocks &&
		    c->nblocks <= d->nblocks - c->first_block,
		    "container %u: blocks out of range", i);
		CHECK((size_t)c->label_off + c->label_len <= d->strs_len,
		    "container %u: label out of range", i);
		CHECK(c->parent == CONT_NONE || c->parent < i,
		    "container %u: parent %u does not precede it", i,
		    c->parent);
		/* Close what ended before this one starts, down to its parent;
		 * what is left open must be exactly its ancestors. */
		while (depth > 0 && stack[depth - 1] != c->parent) {
			CHECK(cont_end(&d->conts[stack[depth - 1]]) <=
			    c->first_block, "container %u: overlaps %u", i,
			    stack[depth - 1]);
			depth--;
		}
		CHECK(c->parent == CONT_NONE || depth > 0,
		    "container %u: parent %u is not open", i, c->parent);
		CHECK(c->depth == depth + 1, "container %u: depth %u, not %u",
		    i, c->depth, depth + 1);
		if (depth > 0) {
			const struct container *p = &d->conts[stack[depth - 1]];

			CHECK(c->first_block >= p->first_block &&
			    cont_end(c) <= cont_end(p),
			    "container %u: leaves its parent", i);
		}
		if (depth == DOC_MAX_NEST) {
			CHECK(0, "container %u: deeper than %u", i,
			    DOC_MAX_NEST);
			return problems;
		}
		stack[depth++] = i;
	}
	/* The innermost container of each block: ranges nest and children
	 * come after their parents, so the last one to cover it. */
	inner = malloc(((size_t)d->nblocks + 1) * sizeof *inner);
	if (inner == NULL || problems > 0) {
		free(inner);
		return problems;
	}
	for (b = 0; b < d->nblocks; b++)
		inner[b] = CONT_NONE;
	for (i = 0; i < d->nconts; i++)
		for (b = d->conts[i].first_block; b < cont_end(&d->conts[i]);
		    b++)
			inner[b] = i;
	for (b = 0; b < d->nblocks; b++)
		CHECK(doc_block_container(d, b) == inner[b],
		    "block %u: found in container %u, not %u", b,
		    doc_block_container(d, b), inner[b]);
	free(inner);
	return problems;
}

uint32_t
doc_block_container(const struct doc *d, uint32_t b)
{
	uint32_t lo = 0, hi = d->nconts, c;

	/* The last container to start at or before b, then out through its
	 * parents: ranges nest like brackets, so the innermost one holding b
	 * is among them. */
	if (b >= d->nblocks || d->nconts == 0 || d->conts[0].first_block > b)
		return CONT_NONE;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->conts[mid].first_block <= b)
			lo = mid;
		else
			hi = mid;
	}
	c = lo;
	while (c != CONT_NONE &&
	    b - d->conts[c].first_block >= d->conts[c].nblocks)
		c = d->conts[c].parent;
	return c;
}

int
doc_check(const struct doc *d, struct out *err)
{
	int problems = 0;
	uint32_t b, s, n, prev_end = 0, heads = 0;

	CHECK(d->text != NULL && d->text[d->text_len] == '\0',
	    "arena not terminated");
	CHECK(utf8_valid(d->text, d->text_len), "arena is not valid UTF-8");
	CHECK(sanitize_is_clean(d->text, d->text_len),
	    "arena holds unsanitised text");
	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];

		CHECK(bl->type < BLOCK__COUNT, "block %u: bad type", b);
		CHECK(bl->text_off >= prev_end && (size_t)bl->text_off +
		    bl->text_len <= d->text_len, "block %u: text out of order",
		    b);
		prev_end = bl->text_off + bl->text_len;
		CHECK(bl->label_len <= bl->text_len &&
		    bl->title_off >= bl->label_len &&
		    bl->title_off + bl->title_len <= bl->text_len,
		    "block %u: label/title outside text", b);
		CHECK(bl->text_len == 0 || utf8_valid(d->text + bl->text_off,
		    bl->text_len), "block %u: cut inside a character", b);
		if (bl->type == BLOCK_HEADING) {
			CHECK(bl->level >= 1, "block %u: heading level 0", b);
			heads++;
		}
		CHECK(bl->span_first + bl->span_count <= d->nspans,
		    "block %u: spans out of range", b);
		for (s = 0; s < bl->span_count &&
		    bl->span_first + s < d->nspans; s++) {
			const struct span *sp = &d->spans[bl->span_first + s];

			CHECK(sp->off + sp->len <= bl->text_len,
			    "block %u span %u: outside text", b, s);
			CHECK(s == 0 || sp[-1].off <= sp->off,
			    "block %u span %u: not sorted", b, s);
			CHECK(sp->link < d->nlinks, "block %u: bad link", b);
		}
	}
	problems += check_containers(d, err);
	CHECK(heads == d->nnodes, "%u headings but %u outline nodes", heads,
	    d->nnodes);
	for (n = 0; n < d->nnodes && heads == d->nnodes; n++) {
		const struct outline_node *nd = &d->nodes[n];

		CHECK(nd->block < d->nblocks &&
		    d->blocks[nd->block].type == BLOCK_HEADING,
		    "node %u: not a heading", n);
		CHECK(n == 0 || d->nodes[n - 1].block < nd->block,
		    "node %u: out of order", n);
		CHECK(nd->end_block > nd->block && nd->end_block <= d->nblocks,
		    "node %u: bad section end", n);
		if (nd->parent != OUTLINE_NONE) {
			const struct outline_node *p = &d->nodes[nd->parent];

			CHECK(nd->parent < n && nd->level == p->level + 1,
			    "node %u: bad parent", n);
			CHECK(nd->end_block <= p->end_block,
			    "node %u: section leaves its parent", n);
		} else {
			CHECK(nd->level == 1, "node %u: root not level 1", n);
		}
		if (nd->next_sibling != OUTLINE_NONE)
			CHECK(nd->next_sibling > n &&
			    d->nodes[nd->next_sibling].parent == nd->parent &&
			    d->nodes[nd->next_sibling].prev_sibling == n,
			    "node %u: bad sibling link", n);
		if (nd->first_child != OUTLINE_NONE)
			CHECK(d->nodes[nd->first_child].parent == n,
			    "node %u: bad child link", n);
		CHECK(outline_node_of_block(d, nd->block) == n,
		    "node %u: block map disagrees", n);
	}
	return problems;
}

uint32_t
doc_count_paragraphs(const struct doc *d)
{
	uint32_t b, n = 0;

	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];

		if (bl->flags & BLOCK_F_CONT)
			continue;
		if (bl->type == BLOCK_PARA || bl->type == BLOCK_LIST_ITEM ||
		    bl->type == BLOCK_QUOTE || bl->type == BLOCK_PRE ||
		    (bl->type == BLOCK_HEADING && (bl->flags & BLOCK_F_RUNIN)))
			n++;
	}
	return n;
}

uint32_t
doc_block_at(const struct doc *d, size_t pos)
{
	uint32_t lo = 0, hi = d->nblocks;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].text_off <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct doc_pos
doc_pos_of(const struct doc *d, doc_off off)
{
	struct doc_pos p = { 0, 0 };
	const struct block *bk;

	if (d->nblocks == 0)
		return p;
	p.block = doc_block_at(d, off);
	bk = &d->blocks[p.block];
	if (off > bk->text_off)
		p.off = off - bk->text_off;
	if (p.off > bk->text_len)
		p.off = bk->text_len;
	while (p.off > 0 &&
	    ((unsigned char)d->text[bk->text_off + p.off] & 0xc0) == 0x80)
		p.off--;
	return p;
}

static void
indent(struct out *out, unsigned depth)
{
	static const char sp[] = "                                        ";

	depth = depth > 20 ? 20 : depth;	/* a broken doc stays legible */
	out_printf(out, "%.*s", (int)(2 * depth), sp);
}

static void
dump_container(const struct doc *d, uint32_t i, struct out *out)
{
	static const char *const tasks[] = { "", " task=open", " task=done" };
	static const char *const aligns[] = {
		"", " align=left", " align=centre", " align=right"
	};
	const struct container *c = &d->conts[i];

	indent(out, c->depth > 0 ? c->depth - 1u : 0);
	out_printf(out, "+%s", doc_container_type_name(c->type));
	switch (c->type) {
	case CONT_LIST:
		if (c->flags & CONT_F_ORDERED)
			out_printf(out, " ordered start=%u", c->num);
		else if (c->bullet != 0)
			out_printf(out, " bullet=U+%04X", c->bullet);
		break;
	case CONT_ITEM:
		if (c->num)
			out_printf(out, " num=%u", c->num);
		out_str(out, tasks[c->task < 3 ? c->task : 0]);
		break;
	case CONT_TABLE:
		out_printf(out, " columns=%u", c->num);
		break;
	case CONT_CELL:
		out_printf(out, " col=%u", c->num);
		out_str(out, aligns[c->align < 4 ? c->align : 0]);
		break;
	default:
		break;
	}
	if ((c->flags & CONT_F_HEADER) && c->type != CONT_LIST)
		out_str(out, " header");
	if (c->label_len > 0 && c->label_off + c->label_len <= d->strs_len)
		out_printf(out, " %s=[%.*s]", c->type == CONT_CODE ? "lang" :
		    "label", (int)c->label_len, d->strs + c->label_off);
	out_printf(out, " blocks=%u+%u\n", c->first_block, c->nblocks);
}

/* Containers as "+type attrs" lines, and blocks under the innermost one,
 * indented two spaces a level. */
void
doc_dump_tree(const struct doc *d, struct out *out)
{
	uint32_t b, s, ci = 0;

	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		const char *t = doc_block_text(d, b);
		unsigned depth = 0;

		while (ci < d->nconts && d->conts[ci].first_block <= b)
			dump_container(d, ci++, out);
		uint32_t in = doc_block_container(d, b);

		if (in < d->nconts)
			depth = d->conts[in].depth;
		indent(out, depth);
		out_printf(out, "%u %s L%u", bl->line,
		    doc_block_type_name(bl->type), bl->level);
		if (bl->flags & BLOCK_F_RUNIN)
			out_str(out, " runin");
		if (bl->flags & BLOCK_F_RELATED)
			out_str(out, " related");
		if (bl->flags & BLOCK_F_ARTICLE)
			out_str(out, " article");
		if (bl->flags & BLOCK_F_CONT)
			out_str(out, " cont");
		if (bl->flags & BLOCK_F_LINK)
			out_str(out, " link");
		if (bl->flags & BLOCK_F_TOC)
			out_str(out, " toc");
		if (bl->type == BLOCK_META)
			out_printf(out, " meta=%u", bl->meta);
		if (bl->indent || bl->hang)
			out_printf(out, " indent=%u/%u", bl->indent, bl->hang);
		if (bl->label_len || bl->title_len)
			out_printf(out, " label=[%.*s] title=[%.*s]",
			    (int)bl->label_len, t, (int)bl->title_len,
			    t + bl->title_off);
		for (s = 0; s < bl->span_count; s++) {
			const struct span *sp = &d->spans[bl->span_first + s];

			out_printf(out, " span%u@%u+%u", sp->style, sp->off,
			    sp->len);
		}
		out_str(out, "\n");
		/* the text, each of its lines under the block */
		for (s = 0;;) {
			const char *nl = memchr(t + s, '\n', bl->text_len - s);
			uint32_t e = nl ? (uint32_t)(nl - t) : bl->text_len;

			indent(out, depth);
			out_printf(out, "\t%.*s\n", (int)(e - s), t + s);
			if (nl == NULL)
				break;
			s = e + 1;
		}
	}
	while (ci < d->nconts)
		dump_container(d, ci++, out);
}
