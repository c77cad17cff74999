/* decompress.c - gzip (zlib), bzip2 (libbz2), xz (liblzma) and zstd
 * (libzstd) to text, streaming, within limits (see decompress.h).
 * Every format goes through one loop, decomp_run(); step() is the only
 * place that knows a library. */
#include "decompress.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "sanitize.h"

/* Text made per library call: small enough that the budget is kept
 * closely, large enough that the calls cost nothing. */
#define STEP_OUT ((size_t)256 << 10)
/* Input handed to a library per call (its counters are unsigned int). */
#define STEP_IN ((size_t)1 << 20)
/* gzip(1) skips zero bytes after a member (tar pads with them); more
 * than this is not padding. */
#define PAD_MAX ((size_t)1 << 20)
/* xz -9 needs 65 MiB; a header may ask for 4 GiB.  zstd's own default
 * window limit (128 MiB) does the same for zstd. */
#define XZ_MEMLIMIT ((uint64_t)128 << 20)

enum kind { K_NONE, K_SIZE, K_RATIO, K_INPUT, K_MEMORY, K_DAMAGED,
	K_CUT };
enum { S_OK, S_END, S_ERR, S_MEM };

struct decomp {
	enum decomp_format fmt;
	size_t max_out;
	struct buf q;		/* queued input, from qoff */
	size_t qoff;
	size_t fed, used, out;	/* bytes fed, taken by the library, made */
	bool ended;		/* decomp_end() */
	bool live;		/* the library's stream is initialised */
	bool between;		/* a whole stream (member, frame) ended */
	size_t pad;		/* zero bytes skipped since */
	enum decomp_status final;	/* sticky once set (not NEED_INPUT) */
	enum kind kind;
	char reason[128];
	union {
		z_stream gz;
		bz_stream bz;
		lzma_stream xz;
		ZSTD_DStream *zs;
	} u;
};

enum decomp_format
decomp_sniff(const void *vp, size_t n, int at_end)
{
	static const struct {
		const char *magic;
		size_t len;
		enum decomp_format f;
	} m[] = {
		{ "\x1f\x8b", 2, DECOMP_GZIP },
		{ "\xfd" "7zXZ\0", 6, DECOMP_XZ },
		{ "\x28\xb5\x2f\xfd", 4, DECOMP_ZSTD },
	};
	const char *p = vp;
	bool unsure = false;
	size_t i, k;

	/* Nothing yet (an empty file: no buffer at all). */
	if (n == 0)
		return at_end ? DECOMP_NONE : DECOMP_UNSURE;
	for (i = 0; i < nitems(m); i++) {
		k = MIN(n, m[i].len);
		if (memcmp(p, m[i].magic, k) != 0)
			continue;
		if (n >= m[i].len)
			return m[i].f;
		unsure = true;
	}
	/* "BZh" is also how text can start: the level digit and the magic
	 * of the first block (or of the end, for an empty stream) too. */
	if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' &&
	    p[3] <= '9' && (memcmp(p + 4, "1AY&SY", 6) == 0 ||
	    memcmp(p + 4, "\x17rE8P\x90", 6) == 0))
		return DECOMP_BZIP2;
	if (n < 10) {
		static const char bz[] = "BZh91AY&SY";

		k = n;
		/* Any level digit; either block magic starts with '1' or
		 * 0x17. */
		if (memcmp(p, bz, MIN(k, 3)) == 0 && (k < 4 || (p[3] >= '1' &&
		    p[3] <= '9')) && (k < 5 || p[4] == '1' || p[4] == '\x17'))
			unsure = true;
	}
	return unsure && !at_end ? DECOMP_UNSURE : DECOMP_NONE;
}

const char *
decomp_name(enum decomp_format f)
{
	switch (f) {
	case DECOMP_GZIP:
		return "gzip";
	case DECOMP_BZIP2:
		return "bzip2";
	case DECOMP_XZ:
		return "xz";
	case DECOMP_ZSTD:
		return "zstd";
	default:
		return NULL;
	}
}

static void
lib_end(struct decomp *z)
{
	if (!z->live)
		return;
	switch (z->fmt) {
	case DECOMP_GZIP:
		inflateEnd(&z->u.gz);
		break;
	case DECOMP_BZIP2:
		BZ2_bzDecompressEnd(&z->u.bz);
		break;
	case DECOMP_XZ:
		lzma_end(&z->u.xz);
		break;
	case DECOMP_ZSTD:
		ZSTD_freeDStream(z->u.zs);
		break;
	default:
		break;
	}
	z->live = false;
}

/* A fresh library stream (at the start and for the next gzip member or
 * bzip2 stream).  Out of memory is fatal, as everywhere in yuedu. */
static void
lib_start(struct decomp *z)
{
	int ok = 0;

	lib_end(z);
	memset(&z->u, 0, sizeof z->u);
	switch (z->fmt) {
	case DECOMP_GZIP:
		/* 16 + window bits: gzip wrapper only (the magic said so). */
		ok = inflateInit2(&z->u.gz, 16 + MAX_WBITS) == Z_OK;
		break;
	case DECOMP_BZIP2:
		ok = BZ2_bzDecompressInit(&z->u.bz, 0, 0) == BZ_OK;
		break;
	case DECOMP_XZ:
		z->u.xz = (lzma_stream)LZMA_STREAM_INIT;
		/* Concatenated streams and stream padding, as xz(1) reads. */
		ok = lzma_stream_decoder(&z->u.xz, XZ_MEMLIMIT,
		    LZMA_CONCATENATED) == LZMA_OK;
		break;
	case DECOMP_ZSTD:
		ok = (z->u.zs = ZSTD_createDStream()) != NULL &&
		    !ZSTD_isError(ZSTD_initDStream(z->u.zs));
		break;
	default:
		break;
	}
	if (!ok)
		fatal("cannot start the %s decompressor", decomp_name(z->fmt));
	z->live = true;
}

struct decomp *
decomp_new(enum decomp_format f, size_t max_out)
{
	struct decomp *z = xcalloc(1, sizeof *z);

	z->fmt = f;
	z->max_out = max_out;
	buf_init(&z->q);
	buf_reserve(&z->q, 0);	/* never NULL: q.data + qoff is computed */
	lib_start(z);
	return z;
}

void
decomp_free(struct decomp *z)
{
	if (z == NULL)
		return;
	lib_end(z);
	buf_free(&z->q);
	free(z);
}

void
decomp_feed(struct decomp *z, const void *p, size_t n)
{
	/* Drop what the library has taken, so the queue stays a chunk. */
	if (z->qoff > 0) {
		memmove(z->q.data, z->q.data + z->qoff, z->q.len - z->qoff);
		z->q.len -= z->qoff;
		z->qoff = 0;
	}
	buf_put(&z->q, p, n);
	z->fed += n;
}

void
decomp_end(struct decomp *z)
{
	z->ended = true;
}

size_t
decomp_in(const struct decomp *z)
{
	return z->fed;
}

size_t
decomp_out(const struct decomp *z)
{
	return z->out;
}

/* One library call: in[0..*inl) to out[0..*outl); on return they hold
 * what was taken and made.  finish: this is the last of the input. */
static int
step(struct decomp *z, const uint8_t *in, size_t *inl, uint8_t *out,
    size_t *outl, bool finish)
{
	size_t ni = *inl, no = *outl;
	int r = S_OK;

	switch (z->fmt) {
	case DECOMP_GZIP: {
		z_stream *s = &z->u.gz;
		int e;

		s->next_in = (Bytef *)(uintptr_t)in;
		s->avail_in = (uInt)ni;
		s->next_out = out;
		s->avail_out = (uInt)no;
		e = inflate(s, Z_NO_FLUSH);
		*inl = ni - s->avail_in;
		*outl = no - s->avail_out;
		if (e == Z_STREAM_END)
			r = S_END;
		else if (e == Z_MEM_ERROR)
			fatal("out of memory");
		else if (e != Z_OK && e != Z_BUF_ERROR)
			r = S_ERR;
		break;
	}
	case DECOMP_BZIP2: {
		bz_stream *s = &z->u.bz;
		int e;

		s->next_in = (char *)(uintptr_t)in;
		s->avail_in = (unsigned)ni;
		s->next_out = (char *)out;
		s->avail_out = (unsigned)no;
		e = BZ2_bzDecompress(s);
		*inl = ni - s->avail_in;
		*outl = no - s->avail_out;
		if (e == BZ_STREAM_END)
			r = S_END;
		else if (e == BZ_MEM_ERROR)
			fatal("out of memory");
		else if (e != BZ_OK)
			r = S_ERR;
		break;
	}
	case DECOMP_XZ: {
		lzma_stream *s = &z->u.xz;
		lzma_ret e;

		s->next_in = in;
		s->avail_in = ni;
		s->next_out = out;
		s->avail_out = no;
		e = lzma_code(s, finish ? LZMA_FINISH : LZMA_RUN);
		*inl = ni - s->avail_in;
		*outl = no - s->avail_out;
		if (e == LZMA_STREAM_END)
			r = S_END;
		else if (e == LZMA_MEMLIMIT_ERROR)
			r = S_MEM;
		else if (e == LZMA_MEM_ERROR)
			fatal("out of memory");
		/* BUF_ERROR: no progress possible; the caller decides. */
		else if (e != LZMA_OK && e != LZMA_BUF_ERROR)
			r = S_ERR;
		break;
	}
	case DECOMP_ZSTD: {
		ZSTD_inBuffer ib = { in, ni, 0 };
		ZSTD_outBuffer ob = { out, no, 0 };
		size_t e = ZSTD_decompressStream(z->u.zs, &ob, &ib);

		*inl = ib.pos;
		*outl = ob.pos;
		if (ZSTD_isError(e)) {
			r = ZSTD_getErrorCode(e) ==
			    ZSTD_error_frameParameter_windowTooLarge ?
			    S_MEM : S_ERR;
			break;
		}
		/* 0: a frame ended; the next one, if any, starts by itself. */
		if (ib.pos > 0 || ob.pos > 0)
			z->between = e == 0;
		break;
	}
	default:
		r = S_ERR;
		break;
	}
	return r;
}

/* "256 MiB", "1.5 MiB", "40 KiB", "12 bytes". */
static void
size_str(char *s, size_t n, size_t v)
{
	if (v < 1024)
		snprintf(s, n, "%zu bytes", v);
	else if (v < ((size_t)1 << 20))
		snprintf(s, n, "%zu KiB", v >> 10);
	else if (v % ((size_t)1 << 20) == 0)
		snprintf(s, n, "%zu MiB", v >> 20);
	else
		snprintf(s, n, "%.1f MiB", (double)v / (1 << 20));
}

static enum decomp_status
stop(struct decomp *z, enum kind k)
{
	const char *name = decomp_name(z->fmt);
	char sz[32];

	z->kind = k;
	z->final = k == K_DAMAGED || k == K_CUT ? DECOMP_DAMAGED :
	    DECOMP_LIMIT;
	size_str(sz, sizeof sz, z->out);
	switch (k) {
	case K_SIZE:
		snprintf(z->reason, sizeof z->reason,
		    "decompression stopped at %s", sz);
		break;
	case K_RATIO:
		snprintf(z->reason, sizeof z->reason,
		    "decompression stopped at %s, over %d:1", sz, DECOMP_RATIO);
		break;
	case K_INPUT:
		snprintf(z->reason, sizeof z->reason,
		    "decompression stopped after %zu bytes of %s data",
		    z->used, name);
		break;
	case K_MEMORY:
		snprintf(z->reason, sizeof z->reason,
		    "%s data needs too much memory", name);
		break;
	case K_DAMAGED:
	case K_CUT:
		snprintf(z->reason, sizeof z->reason,
		    "damaged %s data after %zu bytes%s", name, z->used,
		    k == K_CUT ? ": it ends mid-stream" : "");
		break;
	default:
		break;
	}
	lib_end(z);
	return z->final;
}

/* The most text allowed with what the library has taken so far. */
static size_t
limit(const struct decomp *z)
{
	size_t r = z->used > (SIZE_MAX - DECOMP_SLACK) / DECOMP_RATIO ?
	    SIZE_MAX : z->used * DECOMP_RATIO + DECOMP_SLACK;

	return MIN(r, z->max_out);
}

enum decomp_status
decomp_run(struct decomp *z, struct buf *out, size_t budget)
{
	size_t made = 0;

	if (z->final != DECOMP_NEED_INPUT)
		return z->final;
	for (;;) {
		const uint8_t *q = (const uint8_t *)z->q.data + z->qoff;
		size_t avail = z->q.len - z->qoff, lim, room, inl, outl;
		uint8_t probe, *dst;
		bool probing;
		int r;

		/* Compressed data that makes no text (zstd skippable frames,
		 * xz padding) cannot go on for ever either. */
		if (z->used > DECOMP_SLACK &&
		    (z->used - DECOMP_SLACK) / 2 > z->max_out)
			return stop(z, K_INPUT);
		if (z->between && (z->fmt == DECOMP_GZIP ||
		    z->fmt == DECOMP_BZIP2)) {
			while (avail > 0 && *q == 0) {
				q++, avail--, z->qoff++, z->used++;
				if (++z->pad > PAD_MAX)
					return stop(z, K_DAMAGED);
			}
			if (avail == 0)
				return z->ended ? (z->final = DECOMP_DONE) :
				    DECOMP_NEED_INPUT;
			/* Another member: the library judges whether it is
			 * one. */
			lib_start(z);
			z->between = false;
			z->pad = 0;
		}
		if (made >= budget)
			return DECOMP_MORE;
		lim = limit(z);
		room = lim > z->out ? MIN(lim - z->out, budget - made) : 0;
		room = MIN(room, STEP_OUT);
		/* At the limit: one byte decides whether there is more text
		 * (over the limit) or the stream ends right here. */
		probing = room == 0;
		if (probing) {
			dst = &probe;
			room = 1;
		} else {
			buf_reserve(out, room);
			dst = (uint8_t *)out->data + out->len;
		}
		inl = MIN(avail, STEP_IN);
		outl = room;
		r = step(z, q, &inl, dst, &outl, z->ended && inl == avail);
		z->qoff += inl;
		z->used += inl;
		if (probing && outl > 0) {
			/* Taking more input may have raised the ratio's limit. */
			if (z->out >= limit(z))
				return stop(z, z->out >= z->max_out ? K_SIZE :
				    K_RATIO);
			buf_put(out, &probe, 1);
		} else if (outl > 0) {
			out->len += outl;
			out->data[out->len] = '\0';
		}
		z->out += outl;
		made += outl;
		if (r == S_ERR)
			return stop(z, K_DAMAGED);
		if (r == S_MEM)
			return stop(z, K_MEMORY);
		if (r == S_END) {
			if (z->fmt == DECOMP_XZ) {
				lib_end(z);
				return z->final = DECOMP_DONE;
			}
			z->between = true;
			z->pad = 0;
			continue;
		}
		if (inl == 0 && outl == 0) {
			if (!z->ended)
				return DECOMP_NEED_INPUT;
			if (z->between) {
				lib_end(z);
				return z->final = DECOMP_DONE;
			}
			/* The input ended inside a stream; data after a
			 * stream that no library took is damage. */
			return stop(z, avail > 0 ? K_DAMAGED : K_CUT);
		}
	}
}

const char *
decomp_reason(const struct decomp *z)
{
	return z->kind != K_NONE ? z->reason : NULL;
}

char *
decomp_message(const struct decomp *z, const char *name)
{
	char *n, *m, sz[32], in[32], lim[32];

	if (z->kind == K_NONE)
		return NULL;
	n = sanitize_str(name != NULL ? name : "(stdin)");
	size_str(sz, sizeof sz, z->out);
	size_str(in, sizeof in, z->used);
	switch (z->kind) {
	case K_SIZE:
		size_str(lim, sizeof lim, z->max_out);
		m = xasprintf("%s: decompressed size over %s (ratio %zu:1): "
		    "stopped, showing the first %s", n, lim,
		    z->out / MAX(z->used, (size_t)1), sz);
		break;
	case K_RATIO:
		m = xasprintf("%s: decompressed size over %d times the "
		    "compressed size (%s from %s): stopped, showing the "
		    "first %s", n, DECOMP_RATIO, sz, in, sz);
		break;
	case K_INPUT:
		m = xasprintf("%s: %s of %s data made only %s of text: "
		    "stopped", n, in, decomp_name(z->fmt), sz);
		break;
	case K_MEMORY:
		m = xasprintf("%s: %s data needs too much memory to "
		    "decompress: stopped, showing the first %s", n,
		    decomp_name(z->fmt), sz);
		break;
	default:
		m = xasprintf("%s: %s; showing the %s of text before it", n,
		    z->reason, sz);
		break;
	}
	free(n);
	return m;
}
