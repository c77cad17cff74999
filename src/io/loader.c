/* loader.c - a regular file loaded a piece at a time (see loader.h). */
#include "loader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "docbuild.h"
#include "input.h"
#include "parse.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"

size_t loader_first_bytes = LOADER_FIRST;
size_t loader_piece_bytes = LOADER_PIECE;

/* Growth is shown at most this often, and never more often than four
 * times what the last growth took (the outline is built from the
 * headings alone, so it stays cheap). */
#define GROW_GAP_MS 100.0

struct loader {
	struct input in;
	struct load_opts lo;
	struct docb *b;
	struct txt_parser *tp;
	struct doc *d;		/* docb_peek() view, then the finished doc */
	const char *enc;	/* decoding the pieces with */
	const char *detected_by;
	unsigned unit;		/* bytes per code unit: 1, 2 or 4 */
	bool big_endian;	/* of the units */
	bool forced;		/* the user named the encoding */
	bool first;		/* the first piece is next */
	bool guessed;		/* the binary check ran, the encoding is set */
	bool done, taken;
	bool stopped;		/* loader_stop(): Ctrl-C */
	size_t want;		/* bytes the next piece looks at */
	size_t size;		/* the file's size at open */
	size_t invalid;
	struct san_stats st;
	struct buf dec, clean;	/* per-piece working buffers */
	char *note;
	double last_grow, grow_cost;
	size_t shown_bytes;	/* loader_bytes() when the doc last grew */
};

static void
add_note(struct loader *ld, char *m)
{
	char *both;

	if (ld->note == NULL) {
		ld->note = m;
		return;
	}
	both = xasprintf("%s; %s", ld->note, m);
	free(ld->note);
	free(m);
	ld->note = both;
}

static char *
name_of(const struct loader *ld)
{
	return sanitize_str(ld->in.name != NULL ? ld->in.name : "(stdin)");
}

/* Code units for cutting between characters: UTF-16 and UTF-32 have
 * their own; every other allowed encoding (UTF-8, GB18030, Big5, EUC,
 * Shift_JIS, single-byte) never uses bytes 0x00-0x2F as trail bytes, so
 * any LF starts a character. */
static void
set_units(struct loader *ld, const char *enc, const char *p, size_t n)
{
	ld->unit = 1;
	ld->big_endian = false;
	if (strncmp(enc, "UTF-16", 6) == 0 || strncmp(enc, "UTF-32", 6) == 0) {
		ld->unit = enc[4] == '1' ? 2 : 4;
		if (strstr(enc, "BE") != NULL)
			ld->big_endian = true;
		else if (strstr(enc, "LE") == NULL)	/* generic: the BOM */
			ld->big_endian = n >= 2 &&
			    (unsigned char)p[0] == 0xFE &&
			    (unsigned char)p[1] == 0xFF;
		if (ld->unit == 4 && strstr(enc, "BE") == NULL &&
		    strstr(enc, "LE") == NULL)
			ld->big_endian = n >= 4 && p[0] == 0 && p[1] == 0 &&
			    (unsigned char)p[2] == 0xFE;
	}
}

static uint32_t
unit_at(const struct loader *ld, const unsigned char *p)
{
	uint32_t v = 0;

	if (ld->unit == 1)
		return p[0];
	for (unsigned k = 0; k < ld->unit; k++)
		v |= (uint32_t)p[ld->big_endian ? ld->unit - 1 - k : k] <<
		    (8 * k);
	return v;
}

/* Where to end a piece of p[0..n) (n a whole number of units from the
 * file's start): after the last blank line in its second half, else after
 * its last line end; 0 when it has none. */
static size_t
find_cut(const struct loader *ld, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t step = ld->unit, i = n - n % step, last = 0;

	while (i >= step) {
		uint32_t c;

		i -= step;
		c = unit_at(ld, u + i);
		if (c != '\n')
			continue;
		if (last == 0)
			last = i + step;
		if (i < n / 2)
			break;
		/* a blank line: LF, LF or LF, CR, LF */
		if (i >= step && unit_at(ld, u + i - step) == '\n')
			return i + step;
		if (i >= 2 * step && unit_at(ld, u + i - step) == '\r' &&
		    unit_at(ld, u + i - 2 * step) == '\n')
			return i + step;
	}
	return last;
}

/* A cut at n with no line end near: back to a character boundary. */
static size_t
char_cut(const struct loader *ld, const char *p, size_t n)
{
	if (ld->unit > 1)
		return n - n % ld->unit;
	if (strcmp(ld->enc, "UTF-8") == 0)
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	return n;
}

/* Where UTF-8 stops being valid in p[0..n), moved back to the start of
 * that line; n when it is valid throughout. */
static size_t
utf8_good_lines(const char *p, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(k == 3 && memcmp(p + i, "\xEF\xBF\xBD", 3) == 0))
			break;
		i += k;
	}
	if (i >= n)
		return n;
	while (i > 0 && p[i - 1] != '\n')
		i--;
	return i;
}

/* UTF-8 that needs no repair (no CR, valid): parsed where it was read. */
static bool
as_read(const struct loader *ld, const char *p, size_t n)
{
	return strcmp(ld->enc, "UTF-8") == 0 && memchr(p, '\r', n) == NULL &&
	    utf8_valid(p, n);
}

/* Decodes p[0..n) into the text the parser reads; returns it.  A later
 * piece that reads badly in the encoding chosen so far is looked at on
 * its own: when another encoding reads it better, it is decoded in that
 * one from here on - from the line where UTF-8 stops being valid, when
 * UTF-8 was the first guess. */
static const char *
decode(struct loader *ld, const char *p, size_t n, size_t *out_len)
{
	size_t inv;

	if (as_read(ld, p, n)) {
		*out_len = n;
		return p;
	}
	inv = decode_piece(ld->enc, p, n, &ld->dec);
	if (!ld->forced && inv > 0 &&
	    inv * 50 > decode_count_high(p, n)) {
		bool from_utf8 = strcmp(ld->enc, "UTF-8") == 0;
		size_t keep = from_utf8 ? utf8_good_lines(p, n) : 0;
		const char *e = decode_guess(p + keep, n - keep, NULL);
		struct buf alt;
		size_t ainv;

		buf_init(&alt);
		if (e != NULL && strcmp(e, ld->enc) != 0 &&
		    (ainv = decode_piece(e, p + keep, n - keep, &alt)) < inv) {
			char *nm = name_of(ld);
			unsigned line = txt_parser_lines(ld->tp) + 1;

			for (size_t i = 0; i < keep; i++)
				line += p[i] == '\n';
			add_note(ld, xasprintf("%s: from line %u on, the text "
			    "reads as %s, not %s as its start did", nm, line, e,
			    ld->enc));
			free(nm);
			/* The valid lines before, then the rest. */
			decode_piece(ld->enc, p, keep, &ld->dec);
			buf_put(&ld->dec, alt.data != NULL ? alt.data : "",
			    alt.len);
			inv = ainv;
			ld->enc = e;
			ld->detected_by = "uchardet";
		}
		buf_free(&alt);
	}
	ld->invalid += inv;
	*out_len = ld->dec.len;
	return ld->dec.data != NULL ? ld->dec.data : "";
}

/* The first piece: the binary check and the encoding. */
static int
first_piece(struct loader *ld, const char *p, size_t n, char **cause)
{
	const char *why, *e;

	if (!ld->lo.force &&
	    (why = input_binary_reason(p, MIN(n, INPUT_SNIFF_BYTES))) != NULL) {
		char *nm = name_of(ld);

		*cause = xasprintf("%s: looks like a binary file (%s); use "
		    "--force to read it anyway", nm, why);
		free(nm);
		return -1;
	}
	if (ld->lo.encoding != NULL) {
		struct decoded tmp;

		/* The name as given, resolved (UTF-16 by its BOM). */
		if (decode_bytes(p, MIN(n, 4), ld->lo.encoding, &tmp,
		    cause) != 0)
			return -1;
		buf_free(&tmp.text);
		ld->enc = tmp.encoding;
		ld->detected_by = "user";
		ld->forced = true;
	} else {
		ld->enc = decode_guess(p, n, &ld->detected_by);
	}
	e = ld->enc;
	set_units(ld, e, p, n);
	return 0;
}

/* Fills the working buffer to the piece size (or the end). */
static void
fill(struct loader *ld)
{
	while (!ld->in.eof && ld->in.bytes.len < ld->want) {
		int r = input_pump(&ld->in, ld->want - ld->in.bytes.len);

		if (r <= 0 && !ld->in.eof)
			break;	/* nothing ready: a regular file never says so */
	}
}

/* Loads one piece; returns false when there was nothing left. */
static bool
piece(struct loader *ld, char **cause)
{
	const char *p, *text;
	size_t len, cut, tlen;

	fill(ld);
	p = ld->in.bytes.data;
	len = ld->in.bytes.len;
	if (!ld->guessed) {
		if (first_piece(ld, p != NULL ? p : "", len, cause) != 0)
			return false;
		ld->guessed = true;
	}
	if (len == 0)
		return false;
	if (ld->in.eof && len <= ld->want)
		cut = len;
	else if ((cut = find_cut(ld, p, MIN(len, ld->want))) == 0) {
		if (!ld->in.eof && ld->want < LOADER_PIECE_MAX) {
			/* One long line: read on to its end. */
			ld->want = MIN(ld->want + loader_piece_bytes,
			    LOADER_PIECE_MAX);
			return piece(ld, cause);
		}
		cut = char_cut(ld, p, MIN(len, ld->want));
		if (cut == 0)
			cut = MIN(len, ld->want);
	}
	/* A legacy encoding's pieces are half as long: glibc's GB18030
	 * converter takes ~180 instructions a byte, and a piece must fit in
	 * a slice between keys (a 512 KiB piece kept G waiting 60 ms). */
	ld->want = strcmp(ld->enc, "UTF-8") == 0 ? loader_piece_bytes :
	    MAX(loader_piece_bytes / 2, (size_t)1);
	if (ld->first && cut >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) != 0 &&
	    as_read(ld, p, cut)) {
		text = p;
		tlen = cut;
	} else if (ld->first) {
		struct decoded dec;

		/* BOM, the old Mac rule: what decode_bytes does for a
		 * whole text, on the first piece. */
		decode_bytes(p, cut, ld->enc, &dec, NULL);
		buf_free(&ld->dec);
		ld->dec = dec.text;
		ld->invalid += dec.invalid;
		ld->enc = dec.encoding;
		text = ld->dec.data != NULL ? ld->dec.data : "";
		tlen = ld->dec.len;
	} else {
		text = decode(ld, p, cut, &tlen);
	}
	ld->clean.len = 0;
	{
		size_t col = 0;

		sanitize_append_stats(&ld->clean, text, tlen, SAN_KEEP_NEWLINE,
		    ld->lo.tab_width > 0 ? ld->lo.tab_width : 8, &col,
		    &ld->st);
	}
	txt_parser_feed(ld->tp, ld->b, ld->clean.data != NULL ?
	    ld->clean.data : "", ld->clean.len);
	input_drop(&ld->in, cut);
	ld->first = false;
	/* The working buffers of a large piece are not kept. */
	if (ld->dec.cap > 4 * loader_piece_bytes)
		buf_free(&ld->dec);
	if (ld->clean.cap > 4 * loader_piece_bytes)
		buf_free(&ld->clean);
	return true;
}

/* What the view needs to know besides the builder's arrays. */
static void
describe(struct loader *ld)
{
	struct doc *d = ld->d;

	if (d->name == NULL)
		d->name = xstrdup(ld->in.name != NULL ? ld->in.name :
		    "(stdin)");
	d->encoding = ld->enc != NULL ? ld->enc : "UTF-8";
	d->detected_by = ld->detected_by;
	d->invalid = ld->invalid;
	d->source_bytes = ld->in.dropped;	/* text bytes, decompressed */
	d->format = FORMAT_TXT;
}

static void
grow(struct loader *ld)
{
	double t0 = util_now_ms();

	ld->d = docb_peek(ld->b, true);
	ld->shown_bytes = loader_bytes(ld);
	describe(ld);
	ld->d->invisible += ld->st.invisible;
	ld->grow_cost = util_now_ms() - t0;
	ld->last_grow = util_now_ms();
}

static void
finish(struct loader *ld)
{
	char *nm;

	if (ld->done)
		return;
	ld->done = true;
	/* The working buffers go before the outline is built: the end is
	 * where memory peaks. */
	buf_free(&ld->dec);
	buf_free(&ld->clean);
	buf_free(&ld->in.bytes);
	txt_parser_finish(ld->tp, ld->b);
	ld->tp = NULL;
	ld->d = docb_finish(ld->b);
	ld->b = NULL;
	describe(ld);
	ld->d->invisible += ld->st.invisible;
	ld->d->truncated |= ld->in.truncated;
	if (ld->in.note != NULL)
		add_note(ld, xstrdup(ld->in.note));
	nm = name_of(ld);
	if (ld->d->truncated && ld->in.why == NULL && !ld->stopped) {
		ld->in.why = xasprintf("input stopped at %zu MB of text, the "
		    "most one document holds", LOADER_MAX_TEXT >> 20);
		if (ld->size <= LOADER_MAX_TEXT)	/* else said at open */
			add_note(ld, xasprintf("%s: only the first %zu MB of "
			    "text are shown (the most one document holds)",
			    nm, LOADER_MAX_TEXT >> 20));
	}
	else if (ld->in.compression == NULL && ld->size > 0 &&
	    ld->in.dropped < ld->size && ld->in.eof && ld->note == NULL)
		add_note(ld, xasprintf("%s: the file shrank while it was "
		    "read: %zu of %zu bytes shown", nm, ld->in.dropped,
		    ld->size));
	free(nm);
	buf_free(&ld->dec);
	buf_free(&ld->clean);
	input_close(&ld->in);
}

int
loader_open(const char *path, const struct load_opts *o, struct loader **out,
    char **cause)
{
	struct loader *ld = xcalloc(1, sizeof *ld);

	*out = NULL;
	if (input_open(path, &ld->in, cause) != 0) {
		free(ld);
		return -1;
	}
	if (ld->in.is_stream) {
		input_free(&ld->in);
		free(ld);
		return 0;
	}
	ld->lo = *o;
	ld->in.limit = LOADER_MAX_TEXT;
	ld->size = ld->in.size_hint;
	ld->first = true;
	ld->want = loader_first_bytes;
	ld->b = docb_new();
	ld->tp = txt_parser_new();
	buf_init(&ld->dec);
	buf_init(&ld->clean);
	if (ld->size > LOADER_MAX_TEXT) {
		char *nm = name_of(ld);

		add_note(ld, xasprintf("%s: %.1f GB; only the first %zu MB are "
		    "shown (the most one document holds)", nm,
		    (double)ld->size / 1e9, LOADER_MAX_TEXT >> 20));
		free(nm);
	}
	if (!piece(ld, cause)) {
		if (*cause != NULL) {
			loader_free(ld);
			return -1;
		}
		finish(ld);
	} else if (ld->in.eof && ld->in.bytes.len == 0) {
		finish(ld);
	} else {
		/* Past the binary check: the text is about the file's size
		 * (GB18030 and Big5 grow by half in UTF-8; compressed files
		 * grow as they come). */
		docb_reserve_text(ld->b, ld->size + ld->size / 2 + 4096);
		grow(ld);
	}
	*out = ld;
	return 1;
}

void
loader_free(struct loader *ld)
{
	if (ld == NULL)
		return;
	if (ld->b != NULL) {
		txt_parser_finish(ld->tp, ld->b);
		docb_free(ld->b);	/* and its view */
	} else if (!ld->taken) {
		doc_free(ld->d);
	}
	input_free(&ld->in);
	buf_free(&ld->dec);
	buf_free(&ld->clean);
	free(ld->note);
	free(ld);
}

bool
loader_step(struct loader *ld, double budget_ms)
{
	double t0 = util_now_ms();
	char *cause = NULL;

	if (ld->done)
		return false;
	do {
		if (!piece(ld, &cause) ||
		    (ld->in.eof && ld->in.bytes.len == 0)) {
			free(cause);
			finish(ld);
			return true;
		}
	} while (util_now_ms() - t0 < budget_ms);
	if (util_now_ms() - ld->last_grow >= MAX(GROW_GAP_MS,
	    4 * ld->grow_cost)) {
		grow(ld);
		return true;
	}
	/* The arrays may have moved: the view follows them. */
	docb_peek(ld->b, false);
	return false;
}

void
loader_publish(struct loader *ld)
{
	if (!ld->done)
		grow(ld);
}

void
loader_stop(struct loader *ld)
{
	char *nm;

	if (ld->done)
		return;
	nm = name_of(ld);
	add_note(ld, xasprintf("%s: loading stopped at %d%%; the rest is not "
	    "shown", nm, (int)(loader_fraction(ld) * 100)));
	free(nm);
	ld->in.truncated = 1;
	ld->stopped = true;
	if (ld->in.why == NULL)
		ld->in.why = xasprintf("loading stopped at %d%%",
		    (int)(loader_fraction(ld) * 100));
	finish(ld);
}

struct doc *
loader_doc(struct loader *ld)
{
	return ld->d;
}

struct doc *
loader_take(struct loader *ld)
{
	if (!ld->done)
		return NULL;
	ld->taken = true;
	return ld->d;
}

bool
loader_done(const struct loader *ld)
{
	return ld->done;
}

size_t
loader_bytes(const struct loader *ld)
{
	return ld->in.compression != NULL ? ld->in.raw_bytes :
	    ld->in.dropped;
}

size_t
loader_size(const struct loader *ld)
{
	return ld->size;
}

double
loader_fraction(const struct loader *ld)
{
	if (ld->done)
		return 1.0;
	if (ld->size == 0)
		return 0.0;
	return MIN(1.0, (double)loader_bytes(ld) / (double)ld->size);
}

double
loader_shown_fraction(const struct loader *ld)
{
	if (ld->done)
		return 1.0;
	if (ld->size == 0)
		return 0.0;
	return MIN(1.0, (double)ld->shown_bytes / (double)ld->size);
}

const char *
loader_note(const struct loader *ld)
{
	return ld->note;
}

void
loader_src(struct loader *ld, struct load_src *src)
{
	memset(src, 0, sizeof *src);
	src->compression = ld->in.compression;
	src->raw_bytes = ld->in.compression != NULL ? ld->in.raw_bytes :
	    ld->in.dropped;
	src->note = ld->note != NULL ? xstrdup(ld->note) : NULL;
	src->why = ld->in.why;
	ld->in.why = NULL;
}

int
loader_load_all(const char *path, const struct load_opts *o,
    struct doc **out, struct load_src *src, char **cause)
{
	struct loader *ld;
	int rc = loader_open(path, o, &ld, cause);

	*out = NULL;
	if (rc != 1)
		return rc;
	while (!loader_done(ld))
		loader_step(ld, 1e9);
	*out = loader_take(ld);
	if (src != NULL)
		loader_src(ld, src);
	loader_free(ld);
	return 1;
}
