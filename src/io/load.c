/* load.c - path to document: input -> decode -> sanitise -> parse. */
#include "load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "input.h"
#include "loader.h"
#include "parse.h"
#include "sanitize.h"
#include "util.h"

/* The pipeline.  When own is set the input buffer is freed as soon as it
 * is decoded, and each stage frees its input before the next one grows, so
 * a 100 MB file peaks near twice its size instead of four times. */
static struct doc *
load_buf(const char *name, struct buf *bytes, int own,
    const struct load_opts *o)
{
	struct decoded dec;
	struct buf clean;
	struct san_stats st = { 0 };
	struct docb *b;
	struct doc *d;
	char *cause = NULL;
	size_t col = 0, source_bytes = bytes->len;
	int fmt;

	memset(&dec, 0, sizeof dec);
	if (decode_bytes(bytes->data ? bytes->data : "", bytes->len,
	    o->encoding, &dec, &cause) != 0) {
		/* main() validates -e first; be safe and detect instead. */
		free(cause);
		decode_bytes(bytes->data ? bytes->data : "", bytes->len, NULL,
		    &dec, NULL);
	}
	if (own)
		buf_free(bytes);
	/* Sanitise once, before parsing, so that every offset a parser
	 * computes is an offset in the text the model keeps. */
	buf_init(&clean);
	sanitize_append_stats(&clean, dec.text.data ? dec.text.data : "",
	    dec.text.len, SAN_KEEP_NEWLINE, o->tab_width > 0 ? o->tab_width : 8,
	    &col, &st);
	buf_free(&dec.text);
	fmt = o->format >= 0 ? o->format :
	    (int)format_sniff(name, clean.data ? clean.data : "", clean.len);
	b = docb_new();
	/* Markdown and HTML adapters arrive later; until then every format
	 * is read as plain text, and --info says so. */
	parse_txt(b, clean.data ? clean.data : "", clean.len);
	buf_free(&clean);
	d = docb_finish(b);
	d->format = FORMAT_TXT;
	(void)fmt;
	d->name = xstrdup(name != NULL ? name : "(stdin)");
	d->encoding = dec.encoding;
	d->detected_by = dec.detected_by;
	d->invalid = dec.invalid;
	d->invisible += st.invisible;	/* plus what docb_text() saw */
	d->source_bytes = source_bytes;
	return d;
}

struct doc *
load_bytes(const char *name, const char *bytes, size_t len,
    const struct load_opts *o)
{
	struct buf view;

	view.data = (char *)(uintptr_t)bytes;	/* read only: own == 0 */
	view.len = len;
	view.cap = 0;
	return load_buf(name, &view, 0, o);
}

int
load_doc_src(const char *path, const struct load_opts *o, struct doc **out,
    struct load_src *src, char **cause)
{
	struct input in;
	struct doc *d;

	int rc;

	*out = NULL;
	memset(src, 0, sizeof *src);
	/* A regular file, plain or compressed: a piece at a time
	 * (loader.h), so memory stays near the text's size. */
	rc = loader_load_all(path, o, out, src, cause);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	/* A stream: input_read refuses binary input itself, after its first 8 KB (of
	 * the text, when it is compressed). */
	if (input_read(path, o->force, &in, cause) != 0)
		return -1;
	src->compression = in.compression;
	src->raw_bytes = in.compression != NULL ? in.raw_bytes : in.bytes.len;
	src->note = in.note;
	src->why = in.why;
	in.note = in.why = NULL;
	d = load_buf(in.name, &in.bytes, 1, o);
	d->truncated |= in.truncated;
	input_free(&in);
	*out = d;
	return 0;
}

int
load_doc(const char *path, const struct load_opts *o, struct doc **out,
    char **cause)
{
	struct load_src src;
	int rc = load_doc_src(path, o, out, &src, cause);

	load_src_free(&src);
	return rc;
}

void
load_src_free(struct load_src *s)
{
	free(s->note);
	free(s->why);
	s->note = s->why = NULL;
}
