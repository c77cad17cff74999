/* libFuzzer target for the builder API: the bytes are a program of
 * docb_open / docb_close / docb_begin / docb_text / docb_span / ... calls
 * with raw (unsanitised) text; whatever the order, the finished model must
 * pass doc_check and the printers must not crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "docbuild.h"
#include "dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t
next(const uint8_t *data, size_t size, size_t *i)
{
	return *i < size ? data[(*i)++] : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct docb *b = docb_new();
	struct doc *d;
	size_t i = 0, n;
	int open = 0;
	FILE *null;

	while (i < size) {
		uint8_t op = next(data, size, &i), x = next(data, size, &i);
		struct cont_attrs a = { 0 };

		switch (op % 9) {
		case 0:
			n = MIN((size_t)(x >> 3), size - i);
			a.ordered = x & 1;
			a.num = x;
			a.bullet = x & 2 ? 0x2022 : '-';
			a.label = (const char *)data + i;
			a.label_len = n;
			a.task = (enum task_state)(x % 4);
			a.align = (enum cell_align)(x % 5);
			a.header = x & 4;
			docb_open(b, (enum container_type)(x % (CONT__COUNT + 1)),
			    x & 0x80 ? NULL : &a);
			i += n;
			open = 0;	/* opening a container ends the block */
			break;
		case 1:
			docb_close(b);
			open = 0;
			break;
		case 2:
			docb_begin(b, (enum block_type)(x % BLOCK__COUNT),
			    x >> 3, (uint32_t)i);
			open = 1;
			break;
		case 3:
			if (!open)
				break;
			n = MIN((size_t)x, size - i);
			docb_text(b, (const char *)data + i, n);
			i += n;
			break;
		case 4:
			docb_end(b);
			open = 0;
			break;
		case 5:
			if (open)
				docb_span(b, (enum span_style)(x % STYLE__COUNT),
				    x >> 4, x & 15, x & 1 ? "http://x" : NULL);
			break;
		case 6:
			if (open)
				docb_set_label(b, x & 7, x >> 3, x >> 5);
			break;
		case 7:
			if (open) {
				docb_set_flags(b, x);
				docb_set_indent(b, x & 15, x >> 4);
			}
			break;
		default:
			/* many nested opens at once: the depth cap */
			for (n = 0; n < x; n++)
				docb_open(b, CONT_QUOTE, NULL);
			open = 0;
			break;
		}
	}
	d = docb_finish(b);
	if (doc_check(d, out_stderr()) != 0)
		abort();
	if ((null = fopen("/dev/null", "w")) != NULL) {
		struct out *o = out_file(null);

		doc_dump_tree(d, o);
		dump_outline(d, OUTLINE_TSV, o);
		dump_layout(d, 1 + size % 40, 1, o);
		out_close(o);
		fclose(null);
	}
	doc_free(d);
	return 0;
}
