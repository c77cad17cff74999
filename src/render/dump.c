/* dump.c - --dump, --outline and --info: what the view shows, as text.
 * Every byte printed here goes through output.c, which sanitises it (R1)
 * even though the model is already clean: one choke point, no exceptions. */
#include "dump.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "load.h"
#include "layout.h"
#include "outline.h"
#include "output.h"
#include "utf8.h"
#include "util.h"


void
dump_layout(const struct doc *d, int width, int para_gap, struct out *out)
{
	struct layout_opts lo = { width, para_gap };
	struct layout *l = layout_new(d, &lo);
	struct buf form;
	uint32_t b, r, n;
	int g;
	bool reveal = utf8_reveal_invisibles();

	buf_init(&form);
	for (b = 0; b < d->nblocks; b++) {
		const struct row *rows = layout_block_rows(l, b, &n);
		const char *t = doc_block_text(d, b);

		for (g = layout_gap_before(l, b); g > 0; g--)
			out_text(out, "\n", 1);
		for (r = 0; r < n; r++) {
			out_spaces(out, rows[r].indent);
			/* A row never holds a tab or a newline: the text was
			 * sanitised with tabs expanded when it was loaded. */
			if (reveal) {
				/* The markers the view draws (reveal-invisibles
				 * = on): the rows were laid out with them. */
				form.len = 0;
				layout_draw_form(t + rows[r].start,
				    rows[r].vis_end - rows[r].start, &form);
				out_text(out, form.data != NULL ? form.data : "",
				    form.len);
			} else
				out_text(out, t + rows[r].start,
				    rows[r].vis_end - rows[r].start);
			out_text(out, "\n", 1);
		}
	}
	buf_free(&form);
	layout_free(l);
}

void
dump_outline(const struct doc *d, enum outline_fmt fmt, struct out *out)
{
	uint32_t i;

	for (i = 0; i < d->nnodes; i++) {
		const struct outline_node *nd = &d->nodes[i];
		const struct block *bl = &d->blocks[nd->block];
		const char *t = doc_block_text(d, nd->block);

		if (fmt == OUTLINE_TSV) {
			out_printf(out, "%u\t%u\t", nd->level, bl->line);
			out_text(out, t, bl->label_len);
			out_text(out, "\t", 1);
			out_text(out, t + bl->title_off, bl->title_len);
		} else {
			out_spaces(out, 2 * (nd->level - 1));
			out_text(out, t, bl->title_off + bl->title_len);
		}
		out_text(out, "\n", 1);
	}
}

static void
info_line(struct out *out, const char *key, const char *val)
{
	out_printf(out, "%s: %s\n", key, val != NULL ? val : "");
}

void
dump_info(const struct doc *d, struct out *out)
{
	dump_info_src(d, NULL, out);
}

void
dump_info_src(const struct doc *d, const struct load_src *src,
    struct out *out)
{
	bool z = src != NULL && src->compression != NULL;

	info_line(out, "name", d->name);
	info_line(out, "format", doc_format_name(d->format));
	info_line(out, "encoding", d->encoding);
	info_line(out, "detected-by", d->detected_by);
	out_printf(out, "invalid: %zu\n", d->invalid);
	out_printf(out, "invisible: %zu\n", d->invisible);
	info_line(out, "title", d->title);
	info_line(out, "date", d->date);
	info_line(out, "source", d->source);
	info_line(out, "site", d->site);
	out_printf(out, "headings: %u\n", d->nnodes);
	out_printf(out, "paragraphs: %u\n", doc_count_paragraphs(d));
	out_printf(out, "characters: %zu\n", d->chars);
	/* bytes: the size on disk; a compressed file adds what it
	 * decompressed to. */
	if (z) {
		info_line(out, "compression", src->compression);
		out_printf(out, "bytes: %zu\n", src->raw_bytes);
		out_printf(out, "decompressed-bytes: %zu\n", d->source_bytes);
	} else
		out_printf(out, "bytes: %zu\n", d->source_bytes);
	out_printf(out, "text-bytes: %zu\n", d->text_len);
	if (d->truncated && src != NULL && src->why != NULL)
		out_printf(out, "truncated: yes (%s)\n", src->why);
	else if (d->truncated && d->source_bytes >= INPUT_MAX_BYTES)
		out_printf(out, "truncated: yes (input stopped at %zu MiB)\n",
		    INPUT_MAX_BYTES >> 20);
	else
		out_printf(out, "truncated: %s\n", d->truncated ? "yes" : "no");
}
