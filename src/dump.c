/* dump.c - --dump, --outline and --info: what the view shows, as text.
 * Every byte printed here goes through sanitize_append (R1), even though
 * the model is already clean: one choke point, no exceptions. */
#include "dump.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "layout.h"
#include "outline.h"
#include "sanitize.h"
#include "util.h"

static void
put_clean(FILE *out, struct buf *tmp, const char *s, size_t n)
{
	tmp->len = 0;
	sanitize_append(tmp, s, n, SAN_TAB_SPACE, 8, NULL);
	fwrite(tmp->data, 1, tmp->len, out);
}

void
dump_layout(const struct doc *d, int width, int para_gap, FILE *out)
{
	struct layout_opts lo = { width, para_gap };
	struct layout *l = layout_new(d, &lo);
	struct buf tmp;
	uint32_t b, r, n;
	int g;

	buf_init(&tmp);
	buf_reserve(&tmp, 256);
	for (b = 0; b < d->nblocks; b++) {
		const struct row *rows = layout_block_rows(l, b, &n);
		const char *t = doc_block_text(d, b);

		for (g = layout_gap_before(l, b); g > 0; g--)
			fputc('\n', out);
		for (r = 0; r < n; r++) {
			fprintf(out, "%*s", rows[r].indent, "");
			put_clean(out, &tmp, t + rows[r].start,
			    rows[r].vis_end - rows[r].start);
			fputc('\n', out);
		}
	}
	buf_free(&tmp);
	layout_free(l);
}

void
dump_outline(const struct doc *d, enum outline_fmt fmt, FILE *out)
{
	struct buf tmp;
	uint32_t i;

	buf_init(&tmp);
	buf_reserve(&tmp, 256);
	for (i = 0; i < d->nnodes; i++) {
		const struct outline_node *nd = &d->nodes[i];
		const struct block *bl = &d->blocks[nd->block];
		const char *t = doc_block_text(d, nd->block);

		if (fmt == OUTLINE_TSV) {
			fprintf(out, "%u\t%u\t", nd->level, bl->line);
			put_clean(out, &tmp, t, bl->label_len);
			fputc('\t', out);
			put_clean(out, &tmp, t + bl->title_off, bl->title_len);
		} else {
			fprintf(out, "%*s", 2 * (nd->level - 1), "");
			put_clean(out, &tmp, t, bl->title_off + bl->title_len);
		}
		fputc('\n', out);
	}
	buf_free(&tmp);
}

static void
info_line(FILE *out, const char *key, const char *val)
{
	char *v = sanitize_str(val != NULL ? val : "");

	fprintf(out, "%s: %s\n", key, v);
	free(v);
}

void
dump_info(const struct doc *d, FILE *out)
{
	info_line(out, "name", d->name);
	info_line(out, "format", doc_format_name(d->format));
	info_line(out, "encoding", d->encoding);
	info_line(out, "detected-by", d->detected_by);
	fprintf(out, "invalid: %zu\n", d->invalid);
	info_line(out, "title", d->title);
	info_line(out, "date", d->date);
	info_line(out, "source", d->source);
	info_line(out, "site", d->site);
	fprintf(out, "headings: %u\n", d->nnodes);
	fprintf(out, "paragraphs: %u\n", doc_count_paragraphs(d));
	fprintf(out, "characters: %zu\n", d->chars);
	fprintf(out, "bytes: %zu\n", d->source_bytes);
	fprintf(out, "text-bytes: %zu\n", d->text_len);
	if (d->truncated && d->source_bytes >= INPUT_MAX_BYTES)
		fprintf(out, "truncated: yes (input stopped at %zu MiB)\n",
		    INPUT_MAX_BYTES >> 20);
	else
		fprintf(out, "truncated: %s\n", d->truncated ? "yes" : "no");
}
