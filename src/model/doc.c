/* doc.c - reading, checking and freeing the document model. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

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
	free(d->block_node);
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
		CHECK(d->block_node[nd->block] == n,
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

void
doc_dump_tree(const struct doc *d, struct out *out)
{
	uint32_t b, s;

	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		const char *t = doc_block_text(d, b);

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
		out_printf(out, "\n\t%.*s\n", (int)bl->text_len, t);
	}
}
