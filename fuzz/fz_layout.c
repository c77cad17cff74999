/* fz_layout.c - libFuzzer target for the line breaker and its cache.
 *
 * Input: byte 0 picks the width (1..200), byte 1 the mode (bit 0 PRE,
 * bits 1-3 indent, bits 4-6 hang); the rest is text, made valid UTF-8
 * (bad sequences -> U+FFFD) and stripped of controls except '\n' in PRE
 * mode, as the sanitiser would leave it.  Checked: rows cover the text in
 * order with progress, cols is the drawn width as layout measures it, no
 * row is wider than the width (except a lone 2-column cluster at width
 * 1), indents are clamped; the cache returns the same rows and
 * layout_row_of() finds every row from its start. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void
check(const char *s, uint32_t len, int width, int indent, int hang,
    const struct row *r, uint32_t n)
{
	uint32_t i, pos = 0;
	int room = width >= 2 ? 2 : 1;

	CHECK(n >= 1);
	for (i = 0; i < n; i++) {
		size_t cols = layout_str_width(s + r[i].start,
		    r[i].vis_end - r[i].start);

		CHECK(r[i].start == pos);
		CHECK(r[i].start <= r[i].vis_end && r[i].vis_end <= r[i].end);
		CHECK(len == 0 || r[i].end > r[i].start);
		CHECK(r[i].cols == cols);
		CHECK(r[i].indent == (i == 0 ? MIN(indent, width - room) :
		    MIN(hang, width - room)));
		if (r[i].indent + r[i].cols > width) {
			/* Width 1: one 2-column cluster alone. */
			CHECK(width == 1 && r[i].cols == 2);
			CHECK(layout_str_width(s + r[i].start,
			    r[i].end - r[i].start) == 2);
		}
		pos = r[i].end;
	}
	CHECK(pos == len);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Widths as the reader sees them: wcwidth in a UTF-8 locale. */
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b;
	struct doc d;
	struct block bl;
	struct layout *l;
	struct layout_opts o;
	struct row *r;
	const struct row *cr;
	uint32_t n, cn, i, cp, len;
	size_t k, off;
	int width, pre, indent, hang;
	char enc[4];

	if (size < 2)
		return 0;
	width = 1 + data[0] % 200;
	pre = data[1] & 1;
	indent = ((data[1] >> 1) & 7) * 2;
	hang = ((data[1] >> 4) & 7) * 2;
	buf_init(&b);
	buf_reserve(&b, 1);
	for (off = 2; off < size; off += k) {
		k = utf8_decode((const char *)data + off, size - off, &cp);
		if ((cp < 0x20 && !(cp == '\n' && pre)) || cp == 0x7F ||
		    (cp >= 0x80 && cp < 0xA0))
			continue;
		buf_put(&b, enc, utf8_encode(cp, enc));
	}
	len = (uint32_t)b.len;

	r = layout_text(b.data, len, width, indent, hang, pre, &n);
	check(b.data, len, width, indent, hang, r, n);

	/* The same text as a one-block document through the cache. */
	memset(&d, 0, sizeof d);
	memset(&bl, 0, sizeof bl);
	bl.text_len = len;
	bl.indent = (uint16_t)indent;
	bl.hang = (uint16_t)hang;
	bl.type = pre ? BLOCK_PRE : BLOCK_PARA;
	d.text = b.data;
	d.text_len = len;
	d.blocks = &bl;
	d.nblocks = 1;
	o.width = width;
	o.para_gap = 1;
	l = layout_new(&d, &o);
	cr = layout_block_rows(l, 0, &cn);
	CHECK(cn == n && memcmp(cr, r, n * sizeof *r) == 0);
	for (i = 0; i < n; i++) {
		struct doc_pos p = { 0, r[i].start };

		CHECK(layout_row_of(l, p) == i);
	}
	CHECK(layout_gap_before(l, 0) == 0);
	layout_free(l);
	free(r);
	buf_free(&b);
	return 0;
}
