/* decode.c - bytes in an allowlisted charset to clean UTF-8 with LF line
 * ends (security.md R5).  The only file that calls iconv.  Detection order:
 * BOM, the strict UTF-8 validator, the UTF-16/32 NUL pattern, uchardet,
 * then a small code-range check for short CJK text that uchardet misreads
 * as a single-byte charset.  Every replaced sequence is counted. */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet.h>

#include "sanitize.h"
#include "utf8.h"

/* The allowlist, in the order decode_allowlist() prints it.  Nothing else
 * ever reaches iconv_open(). */
static const char *const allowed[] = {
	"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030",
	"BIG5-HKSCS", "BIG5", "CP950", "EUC-TW", "SHIFT_JIS", "EUC-JP",
	"EUC-KR", "WINDOWS-1252",
};
enum {
	E_UTF8, E_UTF16LE, E_UTF16BE, E_UTF32LE, E_UTF32BE, E_GB18030,
	E_BIG5HKSCS, E_BIG5, E_CP950, E_EUCTW, E_SJIS, E_EUCJP, E_EUCKR,
	E_CP1252,
};

/* A user may say "UTF-16"/"UTF-32": endianness from the BOM, else LE. */
static const char generic16[] = "UTF-16";
static const char generic32[] = "UTF-32";

/* Aliases, spelled upper case without '-' and '_'. */
static const struct {
	const char *key;
	int enc;		/* index into allowed[], or -16 / -32 */
} aliases[] = {
	{ "UTF8", E_UTF8 }, { "ASCII", E_UTF8 }, { "USASCII", E_UTF8 },
	{ "UTF16LE", E_UTF16LE }, { "UTF16BE", E_UTF16BE },
	{ "UTF32LE", E_UTF32LE }, { "UTF32BE", E_UTF32BE },
	{ "UTF16", -16 }, { "UTF32", -32 },
	{ "GB18030", E_GB18030 }, { "GBK", E_GB18030 }, { "GB2312", E_GB18030 },
	{ "CP936", E_GB18030 }, { "EUCCN", E_GB18030 },
	{ "WINDOWS936", E_GB18030 },
	{ "BIG5HKSCS", E_BIG5HKSCS }, { "BIG5", E_BIG5 }, { "CP950", E_CP950 },
	{ "EUCTW", E_EUCTW },
	{ "SHIFTJIS", E_SJIS }, { "SJIS", E_SJIS }, { "CP932", E_SJIS },
	{ "WINDOWS31J", E_SJIS }, { "MSKANJI", E_SJIS },
	{ "EUCJP", E_EUCJP },
	{ "EUCKR", E_EUCKR }, { "CP949", E_EUCKR }, { "UHC", E_EUCKR },
	{ "WINDOWS1252", E_CP1252 }, { "CP1252", E_CP1252 },
	{ "LATIN1", E_CP1252 }, { "ISO88591", E_CP1252 }, { "L1", E_CP1252 },
};

#define OUTBUF 4096
#define SNIFF_MAX 65536
#define UCHARDET_MAX ((size_t)4 << 20)
#define GUESS_MAX ((size_t)64 << 10)	/* decode_guess() on a legacy text */

const char *
decode_allowlist(void)
{
	return "UTF-8 UTF-16LE UTF-16BE UTF-32LE UTF-32BE GB18030 BIG5-HKSCS "
	    "BIG5 CP950 EUC-TW SHIFT_JIS EUC-JP EUC-KR WINDOWS-1252";
}

const char *
decode_canonical(const char *name)
{
	char key[32];
	size_t i, n = 0;

	if (name == NULL)
		return NULL;
	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '-' || c == '_')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return NULL;
		if (n + 1 >= sizeof key)
			return NULL;
		key[n++] = (char)c;
	}
	key[n] = '\0';
	for (i = 0; i < nitems(aliases); i++) {
		if (strcmp(aliases[i].key, key) != 0)
			continue;
		if (aliases[i].enc == -16)
			return generic16;
		if (aliases[i].enc == -32)
			return generic32;
		return allowed[aliases[i].enc];
	}
	return NULL;
}

/* The allowlist entry for name (pointer compare works after this). */
static const char *
resolve(const char *name, const char *bytes, size_t len)
{
	const unsigned char *p = (const unsigned char *)bytes;

	name = decode_canonical(name);
	if (name == generic16)
		return len >= 2 && p[0] == 0xFE && p[1] == 0xFF ?
		    allowed[E_UTF16BE] : allowed[E_UTF16LE];
	if (name == generic32)
		return len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE &&
		    p[3] == 0xFF ? allowed[E_UTF32BE] : allowed[E_UTF32LE];
	return name;
}

static bool
is_enc(const char *name, int e)
{
	return name == allowed[e];
}

static void
put_fffd(struct buf *out)
{
	buf_put(out, "\xEF\xBF\xBD", 3);
}

/* ---- streaming ---------------------------------------------------- */

/* A decoder eats p[0..n) and returns how many trailing bytes it could not
 * use yet (an incomplete sequence); those come back in front of the next
 * chunk.  At eof it must use everything. */
typedef size_t (*feed_fn)(void *ctx, const char *p, size_t n, bool eof);

/* Feeds bytes in chunks of at most chunk bytes plus the carried tail.
 * Each feed is copied so that it ends exactly at the end of a heap block:
 * a decoder that reads one byte too far trips ASan instead of reading the
 * caller's next byte. */
static void
stream(const char *bytes, size_t len, size_t chunk, feed_fn feed, void *ctx)
{
	char *win = NULL;
	size_t cap = 0, pos = 0, ntail = 0, left;
	struct buf tail;

	if (chunk == 0 || chunk >= len) {
		feed(ctx, bytes, len, true);
		return;
	}
	buf_init(&tail);
	while (pos < len) {
		size_t n = MIN(chunk, len - pos), total = ntail + n;
		char *p;
		bool eof;

		if (total > cap) {
			free(win);
			cap = total + 32;
			win = xmalloc(cap);
		}
		p = win + cap - total;
		if (ntail > 0)
			memcpy(p, tail.data, ntail);
		memcpy(p + ntail, bytes + pos, n);
		pos += n;
		eof = pos == len;
		left = feed(ctx, p, total, eof);
		if (left > total)
			left = total;	/* defensive: never trust a count */
		tail.len = 0;
		buf_put(&tail, p + total - left, left);
		ntail = left;
	}
	free(win);
	buf_free(&tail);
}

struct u8ctx {
	struct buf *out;
	size_t invalid;
};

/* The project's strict decoder, one U+FFFD per maximal subpart. */
static size_t
feed_utf8(void *vctx, const char *p, size_t n, bool eof)
{
	struct u8ctx *c = vctx;
	size_t i = 0, run;
	uint32_t cp;

	while (i < n) {
		size_t k;

		/* Copy well-formed runs in one go. */
		for (run = i; run < n && (unsigned char)p[run] < 0x80; run++)
			;
		if (run > i) {
			buf_put(c->out, p + i, run - i);
			i = run;
			continue;
		}
		k = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(k == 3 && memcmp(p + i, "\xEF\xBF\xBD", 3) == 0)) {
			/* Cut by the chunk end: may still be complete. */
			if (!eof && i + k == n)
				return n - i;
			put_fffd(c->out);
			c->invalid++;
		} else {
			buf_put(c->out, p + i, k);
		}
		i += k;
	}
	return 0;
}

struct icctx {
	iconv_t cd;
	size_t unit;		/* bytes to skip after EILSEQ */
	struct buf *out;
	size_t invalid;
};

static size_t
feed_iconv(void *vctx, const char *p, size_t n, bool eof)
{
	struct icctx *c = vctx;
	char obuf[OUTBUF];
	char *ip = (char *)p;	/* iconv's prototype lacks const */
	size_t ileft = n;

	while (ileft > 0) {
		char *op = obuf;
		size_t oleft = sizeof obuf, r, skip;
		int err;

		errno = 0;
		r = iconv(c->cd, &ip, &ileft, &op, &oleft);
		err = r == (size_t)-1 ? errno : 0;
		buf_put(c->out, obuf, (size_t)(op - obuf));
		if (err == 0)
			break;
		if (err == E2BIG)
			continue;
		if (err == EINVAL && !eof)
			return ileft;
		/* EILSEQ, or EINVAL at EOF (one U+FFFD for the whole tail),
		 * or anything unexpected.  Some converters consume the bad
		 * byte themselves and leave ileft at 0 (finding 5): skip only
		 * what is really there. */
		put_fffd(c->out);
		c->invalid++;
		skip = err == EINVAL ? ileft : MIN(c->unit, ileft);
		ip += skip;
		ileft -= skip;
		iconv(c->cd, NULL, NULL, NULL, NULL);
	}
	if (eof) {
		/* Flush any state the converter still holds. */
		char *op = obuf;
		size_t oleft = sizeof obuf;

		if (iconv(c->cd, NULL, NULL, &op, &oleft) != (size_t)-1)
			buf_put(c->out, obuf, (size_t)(op - obuf));
	}
	return 0;
}

/* Replaces invalid UTF-8 in out[from..] (iconv should never produce any,
 * but the rest of the program relies on it). */
static size_t
revalidate(struct buf *out, size_t from)
{
	struct buf tmp;
	struct u8ctx c;

	if (utf8_valid(out->data + from, out->len - from))
		return 0;
	buf_init(&tmp);
	c.out = &tmp;
	c.invalid = 0;
	feed_utf8(&c, out->data + from, out->len - from, true);
	out->len = from;
	buf_put(out, tmp.data, tmp.len);
	buf_free(&tmp);
	return c.invalid;
}

size_t
decode_iconv(const char *enc, const char *bytes, size_t len, size_t chunk,
    struct buf *out)
{
	const char *name = resolve(enc, bytes, len);
	size_t from = out->len;
	struct icctx c;

	buf_reserve(out, 0);
	if (name == NULL || is_enc(name, E_UTF8)) {
		struct u8ctx u;

		u.out = out;
		u.invalid = 0;
		stream(bytes, len, chunk, feed_utf8, &u);
		return u.invalid;
	}
	c.cd = iconv_open("UTF-8", name);
	if (c.cd == (iconv_t)-1) {
		/* A libc without this converter: the bytes still show. */
		struct u8ctx u;

		u.out = out;
		u.invalid = 0;
		stream(bytes, len, chunk, feed_utf8, &u);
		return u.invalid;
	}
	c.unit = is_enc(name, E_UTF16LE) || is_enc(name, E_UTF16BE) ? 2 :
	    is_enc(name, E_UTF32LE) || is_enc(name, E_UTF32BE) ? 4 : 1;
	c.out = out;
	c.invalid = 0;
	stream(bytes, len, chunk, feed_iconv, &c);
	iconv_close(c.cd);
	return c.invalid + revalidate(out, from);
}

/* ---- detection ---------------------------------------------------- */

static bool
scalar_ok(uint32_t v)
{
	return v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF);
}

static bool
is_eol(unsigned char c)
{
	return c == '\n' || c == '\r';
}

/* UTF-16/32 without a BOM, from where the NUL bytes are.  utf8ok: the
 * bytes are also valid UTF-8, so ask for a much clearer pattern (a UTF-8
 * file may contain a NUL or two). */
static const char *
nul_pattern(const unsigned char *p, size_t n, bool utf8ok)
{
	size_t i, m, units, ev = 0, od = 0, nz, no, bad = 0, ctl = 0;
	size_t lf_le = 0, lf_be = 0, lf, lf_other;
	bool le_ok = true, be_ok = true, le;

	n = MIN(n, SNIFF_MAX);
	m = n & ~(size_t)3;
	for (i = 0; i + 4 <= m && (le_ok || be_ok); i += 4) {
		uint32_t l = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 |
		    (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
		uint32_t b = (uint32_t)p[i + 3] | (uint32_t)p[i + 2] << 8 |
		    (uint32_t)p[i + 1] << 16 | (uint32_t)p[i] << 24;

		le_ok = le_ok && scalar_ok(l);
		be_ok = be_ok && scalar_ok(b);
	}
	/* Both valid happens for all-NUL data: no evidence either way. */
	if (m >= 4 && le_ok != be_ok)
		return le_ok ? allowed[E_UTF32LE] : allowed[E_UTF32BE];

	/* UTF-16: the NULs of ASCII characters sit in the high-byte lane,
	 * and line ends are 0A 00 (LE) or 00 0A (BE); U+0A00-0AFF and
	 * U+0900/0D00 are rare scripts, so a line end also tells the byte
	 * order in CJK text, where U+4E00 (一) puts NULs in the other lane. */
	m = n & ~(size_t)1;
	units = m / 2;
	for (i = 0; i < m; i += 2) {
		ev += p[i] == 0;
		od += p[i + 1] == 0;
		lf_le += p[i + 1] == 0 && is_eol(p[i]);
		lf_be += p[i] == 0 && is_eol(p[i + 1]);
	}
	if (lf_le != lf_be)
		le = lf_le > lf_be;
	else
		le = od > ev;
	nz = le ? od : ev;
	no = le ? ev : od;
	lf = le ? lf_le : lf_be;
	lf_other = le ? lf_be : lf_le;
	if (nz == 0 || (lf == 0 && nz < 2) || lf_other * 8 > lf)
		return NULL;
	if (utf8ok) {
		/* Mostly ASCII as UTF-16 (NULs in every other byte), or
		 * short CJK whose bytes all happen to be below 0x80 but
		 * whose line ends say UTF-16. */
		if ((no > 0 || nz * 2 < units) && (lf == 0 || lf_other > 0))
			return NULL;
	} else if (lf == 0 && (no * 4 > nz || nz * 256 < units)) {
		return NULL;
	}
	/* Surrogates must pair up and C0 controls stay rare, or it is some
	 * binary format with a few NULs. */
	for (i = 0; i < m; i += 2) {
		unsigned u = le ? p[i] | p[i + 1] << 8 : p[i] << 8 | p[i + 1];

		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned v;

			if (i + 2 >= m)
				break;	/* cut by the sample */
			v = le ? p[i + 2] | p[i + 3] << 8 :
			    p[i + 2] << 8 | p[i + 3];
			if (v < 0xDC00 || v > 0xDFFF)
				bad++;
			else
				i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			bad++;
		} else if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' &&
		    u != '\f') {
			ctl++;
		}
	}
	if (bad > 0 || ctl * 16 > units)
		return NULL;
	return le ? allowed[E_UTF16LE] : allowed[E_UTF16BE];
}

/* BOM at the start: the encoding and the BOM length, or NULL. */
static const char *
bom(const unsigned char *p, size_t n, size_t *bomlen)
{
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*bomlen = 3;
		return allowed[E_UTF8];
	}
	/* FF FE 00 00 is also UTF-16LE BOM + U+0000; a UTF-32 length
	 * decides. */
	if (n >= 4 && n % 4 == 0 && p[0] == 0xFF && p[1] == 0xFE &&
	    p[2] == 0 && p[3] == 0) {
		*bomlen = 4;
		return allowed[E_UTF32LE];
	}
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
		*bomlen = 4;
		return allowed[E_UTF32BE];
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*bomlen = 2;
		return allowed[E_UTF16LE];
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*bomlen = 2;
		return allowed[E_UTF16BE];
	}
	*bomlen = 0;
	return NULL;
}

/* Valid UTF-8 up to a sequence cut by the end of a sample. */
static bool
utf8_valid_sample(const char *p, size_t n, size_t full)
{
	size_t k = 0;

	if (n < full)
		while (k < 3 && k < n &&
		    ((unsigned char)p[n - 1 - k] & 0xC0) == 0x80)
			k++;
	if (n < full && k < n && (unsigned char)p[n - 1 - k] >= 0xC0)
		k++;
	return utf8_valid(p, n - k);
}

const char *
decode_sniff_unicode(const char *p, size_t n)
{
	size_t blen, s = MIN(n, SNIFF_MAX);
	const char *e = bom((const unsigned char *)p, n, &blen);

	if (e != NULL)
		return e;
	if (memchr(p, '\0', s) == NULL)
		return NULL;
	return nul_pattern((const unsigned char *)p, s,
	    utf8_valid_sample(p, s, n));
}

/* Counts of well-formed multibyte sequences and bad ones.  The caller
 * asks whether bad * 4 <= good; the count stops once no rest of the text
 * could make that true (each good sequence takes two bytes at least), so
 * a GB18030 file is not walked to its end (0.65 s of 100 MB was this). */
static void
utf8_stats(const char *p, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0, k, steps = 0;
	uint32_t cp;

	*good = *bad = 0;
	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		if ((++steps & 4095) == 0 && *bad * 4 > *good + (n - i) / 2)
			return;
		k = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT &&
		    !(k == 3 && memcmp(p + i, "\xEF\xBF\xBD", 3) == 0))
			(*bad)++;
		else
			(*good)++;
		i += k;
	}
}

static const char *
run_uchardet(const char *p, size_t n)
{
	static char name[64];
	uchardet_t ud = uchardet_new();
	size_t off = 0, piece;
	const char *r;

	if (ud == NULL)
		return "";
	n = MIN(n, UCHARDET_MAX);
	while (off < n) {
		piece = MIN(n - off, (size_t)65536);
		if (uchardet_handle_data(ud, p + off, piece) != 0)
			break;
		off += piece;
	}
	uchardet_data_end(ud);
	r = uchardet_get_charset(ud);
	snprintf(name, sizeof name, "%s", r != NULL ? r : "");
	uchardet_delete(ud);
	return name;
}

/*
 * Short GB or Big5 text is where uchardet fails (measured: 4-character
 * GBK samples come back as ISO-8859-7, KOI8-R or nothing; Big5 ones as
 * WINDOWS-1252).  Read the bytes as double-byte text both ways and count
 * characters in the ranges where everyday text lives: GB2312 level-1
 * hanzi (B0-D7) and punctuation rows A1/A3; Big5 frequent hanzi (A4-C6)
 * and punctuation rows A1-A3.  Western text in a single-byte charset
 * rarely parses as double-byte at all and almost never lands there.
 */
struct dbstat {
	bool ok;		/* every byte parsed */
	size_t pairs, common;
};

/* One double-byte character at p[0..n), n >= 2, lead byte 0x81-0xFE:
 * its length, 0 when the bytes are not one, more than n when it runs past
 * the end; *common when it is everyday text. */
typedef size_t db_char_fn(const unsigned char *p, size_t n, bool *common);

static size_t
gb_char(const unsigned char *p, size_t n, bool *common)
{
	unsigned a = p[0], b = p[1];

	if (b >= 0x30 && b <= 0x39) {	/* four bytes */
		if (n >= 4 && (p[2] < 0x81 || p[2] > 0xFE || p[3] < 0x30 ||
		    p[3] > 0x39))
			return 0;
		return 4;
	}
	if (b < 0x40 || b == 0x7F || b == 0xFF)
		return 0;
	*common = b >= 0xA1 && ((a >= 0xB0 && a <= 0xD7) || a == 0xA1 ||
	    a == 0xA3);
	return 2;
}

static size_t
big5_char(const unsigned char *p, size_t n, bool *common)
{
	unsigned a = p[0], b = p[1];

	if (!((b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE)))
		return 0;
	*common = a >= 0xA1 && a <= 0xC6;
	return 2;
}

/* cut: p[0..n) is a sample, so a character may be cut at its end. */
static void
db_scan(const unsigned char *p, size_t n, bool cut, db_char_fn *fn,
    struct dbstat *s)
{
	size_t i = 0, len;
	bool common;

	memset(s, 0, sizeof *s);
	s->ok = true;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (i + 1 >= n) {
			s->ok = cut;
			return;
		}
		if (p[i] == 0x80 || p[i] == 0xFF) {
			s->ok = false;
			return;
		}
		common = false;
		len = fn(p + i, n - i, &common);
		if (len == 0 || len > n - i) {
			s->ok = len != 0 && cut;
			return;
		}
		s->pairs++;
		s->common += common;
		i += len;
	}
}

/* GB18030 or BIG5-HKSCS when the bytes clearly read as everyday Chinese
 * in one of them, else NULL. */
static const char *
cjk_guess(const char *bytes, size_t len)
{
	struct dbstat gb, b5;
	size_t n = MIN(len, (size_t)1 << 20);

	db_scan((const unsigned char *)bytes, n, n < len, gb_char, &gb);
	db_scan((const unsigned char *)bytes, n, n < len, big5_char, &b5);
	gb.ok = gb.ok && gb.pairs > 0 && gb.common * 2 > gb.pairs;
	b5.ok = b5.ok && b5.pairs > 0 && b5.common * 2 > b5.pairs;
	if (gb.ok && (!b5.ok || gb.common * b5.pairs >= b5.common * gb.pairs))
		return allowed[E_GB18030];
	if (b5.ok)
		return allowed[E_BIG5HKSCS];
	return NULL;
}

/* Decodes with name into out (emptied first); returns the invalid count. */
static size_t
trial(const char *name, const char *bytes, size_t len, struct buf *out)
{
	out->len = 0;
	return decode_iconv(name, bytes, len, 0, out);
}

/* Big5 family: HKSCS is the superset, but glibc's BIG5-HKSCS rejects a few
 * codes that BIG5 and CP950 accept (chardet's coolloud.org.tw.xml), so the
 * one with the fewest errors wins; ties go to HKSCS. */
static void
decode_big5(const char *bytes, size_t len, struct decoded *out)
{
	static const int order[] = { E_CP950, E_BIG5 };
	struct buf alt;
	size_t i, inv;

	out->encoding = allowed[E_BIG5HKSCS];
	out->invalid = trial(out->encoding, bytes, len, &out->text);
	buf_init(&alt);
	for (i = 0; i < nitems(order) && out->invalid > 0; i++) {
		inv = trial(allowed[order[i]], bytes, len, &alt);
		if (inv < out->invalid) {
			struct buf t = out->text;

			out->text = alt;
			alt = t;
			out->invalid = inv;
			out->encoding = allowed[order[i]];
		}
	}
	buf_free(&alt);
}

/* Tries name on a copy and keeps it when it has fewer errors. */
static void
try_better(const char *name, const char *bytes, size_t len,
    struct decoded *out)
{
	struct buf alt;
	size_t inv;

	buf_init(&alt);
	inv = trial(name, bytes, len, &alt);
	if (inv < out->invalid) {
		buf_free(&out->text);
		out->text = alt;
		out->invalid = inv;
		out->encoding = name;
		out->detected_by = "fallback";
	} else {
		buf_free(&alt);
	}
}

static size_t
count_high(const char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += (unsigned char)p[i] >= 0x80;
	return k;
}

/* Bytes at the end of p[0..n) that begin a well-formed UTF-8 sequence
 * the input ends before completing (1..3), else 0.  A file cut in the
 * middle of its last character is still UTF-8. */
static size_t
utf8_cut_tail(const char *p, size_t n)
{
	size_t k, need;
	uint32_t cp;

	for (k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)p[n - k];

		if (c >= 0x80 && c < 0xC0)
			continue;	/* continuation: look further back */
		need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ?
		    3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		/* The strict decoder's maximal subpart covers the whole tail
		 * only when every byte after the lead may follow it. */
		if (need > k && utf8_decode(p + n - k, k, &cp) == k)
			return k;
		return 0;
	}
	return 0;
}

static void
detect(const char *bytes, size_t len, struct decoded *out, bool *bom_eaten)
{
	const unsigned char *p = (const unsigned char *)bytes;
	const char *e, *ans;
	size_t blen, good, bad, cut;
	bool valid, has_nul;

	*bom_eaten = false;
	e = bom(p, len, &blen);
	if (e != NULL) {
		*bom_eaten = true;
		out->encoding = e;
		out->detected_by = "bom";
		out->invalid = decode_iconv(e, bytes + blen, len - blen, 0,
		    &out->text);
		return;
	}
	/* An incomplete last character does not count against UTF-8; it
	 * still becomes one U+FFFD and counts as invalid. */
	cut = utf8_cut_tail(bytes, len);
	valid = utf8_valid(bytes, len - cut);
	has_nul = memchr(bytes, '\0', len) != NULL;
	/* UTF-16 of ASCII text is valid UTF-8 too, so the NUL pattern is
	 * looked at first whenever there are NULs at all. */
	if (has_nul) {
		e = nul_pattern(p, len, valid);
		if (e != NULL) {
			out->encoding = e;
			out->detected_by = "nul-pattern";
			out->invalid = decode_iconv(e, bytes, len, 0,
			    &out->text);
			return;
		}
	}
	out->encoding = allowed[E_UTF8];
	if (valid && cut == 0) {
		out->detected_by = "utf-8";
		buf_put(&out->text, bytes, len);
		return;
	}
	if (valid) {
		out->detected_by = "utf-8";
		out->invalid = decode_iconv(out->encoding, bytes, len, 0,
		    &out->text);
		return;
	}
	/* Mostly UTF-8 with some damage: keep it UTF-8 and show the damage
	 * rather than reading all of it as something else. */
	utf8_stats(bytes, len - cut, &good, &bad);
	if (good > 0 && bad * 4 <= good) {
		out->detected_by = "utf-8";
		out->invalid = decode_iconv(out->encoding, bytes, len, 0,
		    &out->text);
		return;
	}

	ans = run_uchardet(bytes, len);
	e = decode_canonical(ans);
	if (e == generic16 || e == generic32)
		e = resolve(e, bytes, len);
	/* uchardet's single-byte answers for short CJK text are wrong more
	 * often than not; a clear double-byte reading overrides them. */
	if (e == NULL || is_enc(e, E_CP1252) || is_enc(e, E_UTF8)) {
		const char *g = cjk_guess(bytes, len);

		if (g != NULL) {
			e = g;
			out->detected_by = "fallback";
		} else if (e == NULL) {
			/* Unknown or not on the allowlist (ISO-2022-*, HZ,
			 * UTF-7, KOI8-R...): never passed to iconv. */
			out->detected_by = "fallback";
			e = allowed[E_UTF8];
		} else {
			out->detected_by = "uchardet";
		}
	} else {
		out->detected_by = "uchardet";
	}

	if (is_enc(e, E_BIG5HKSCS) || is_enc(e, E_BIG5) || is_enc(e, E_CP950)) {
		decode_big5(bytes, len, out);
	} else {
		out->encoding = e;
		out->invalid = decode_iconv(e, bytes, len, 0, &out->text);
	}
	/* Sanity: an answer that leaves many bytes undecodable is probably
	 * wrong; GB18030 is the likeliest legacy charset for this reader. */
	if (out->invalid > 0 && out->invalid * 50 > count_high(bytes, len)) {
		if (!is_enc(out->encoding, E_GB18030))
			try_better(allowed[E_GB18030], bytes, len, out);
		if (!is_enc(out->encoding, E_UTF8))
			try_better(allowed[E_UTF8], bytes, len, out);
	}
}

/* In place: CRLF becomes LF; a lone CR becomes LF only when the text has
 * no LF at all (old Mac files).  Otherwise a lone CR stays, and the
 * sanitiser shows it as U+240D: "Pay $100\rPay $999" is one line with a
 * visible CR, not two lines hiding a terminal overwrite.  A leading U+FEFF
 * goes when no BOM was consumed before decoding (a second one is
 * content). */
static void
finish(struct buf *t, bool strip_feff)
{
	size_t i = 0, j = 0;
	bool mac;
	char *d;

	buf_reserve(t, 0);
	d = t->data;
	mac = memchr(d, '\n', t->len) == NULL;
	if (strip_feff && t->len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < t->len; i++) {
		if (d[i] == '\r' && i + 1 < t->len && d[i + 1] == '\n') {
			d[j++] = '\n';
			i++;
		} else if (d[i] == '\r' && mac) {
			d[j++] = '\n';
		} else {
			d[j++] = d[i];
		}
	}
	t->len = j;
	d[j] = '\0';
}

int
decode_bytes(const char *bytes, size_t len, const char *forced,
    struct decoded *out, char **cause)
{
	bool bom_eaten = false;

	memset(out, 0, sizeof *out);
	buf_init(&out->text);
	if (forced != NULL) {
		const char *e = resolve(forced, bytes, len);

		if (e == NULL) {
			char *s = sanitize_str(forced);

			*cause = xasprintf("unsupported encoding '%s' "
			    "(supported: %s)", s, decode_allowlist());
			free(s);
			return -1;
		}
		out->encoding = e;
		out->detected_by = "user";
		out->invalid = decode_iconv(e, bytes, len, 0, &out->text);
	} else {
		detect(bytes, len, out, &bom_eaten);
	}
	finish(&out->text, !bom_eaten);
	return 0;
}

const char *
decode_guess(const char *bytes, size_t len, const char **detected_by)
{
	struct decoded d;
	bool bom_eaten;

	/* The common case without decoding a copy: no BOM, no NULs, valid
	 * UTF-8 (a character cut at the end of a prefix is fine). */
	if (bom((const unsigned char *)bytes, len, &(size_t){ 0 }) == NULL &&
	    memchr(bytes, '\0', len) == NULL &&
	    utf8_valid(bytes, len - utf8_cut_tail(bytes, len))) {
		if (detected_by != NULL)
			*detected_by = "utf-8";
		return allowed[E_UTF8];
	}
	/* Anything else is told from its first 64 KiB: uchardet and the
	 * double-byte scan are sure long before that, and the first screen
	 * of a GB18030 file waited 20 ms for them on 256 KiB. */
	memset(&d, 0, sizeof d);
	buf_init(&d.text);
	detect(bytes, MIN(len, GUESS_MAX), &d, &bom_eaten);
	buf_free(&d.text);
	if (detected_by != NULL)
		*detected_by = d.detected_by;
	return d.encoding;
}

size_t
decode_piece(const char *enc, const char *bytes, size_t len, struct buf *out)
{
	size_t inv, i, j;
	char *d;

	out->len = 0;
	inv = decode_iconv(enc, bytes, len, 0, out);
	buf_reserve(out, 0);
	d = out->data;
	for (i = j = 0; i < out->len; i++) {
		if (d[i] == '\r' && i + 1 < out->len && d[i + 1] == '\n')
			continue;
		d[j++] = d[i];
	}
	out->len = j;
	d[j] = '\0';
	return inv;
}

size_t
decode_count_high(const char *p, size_t n)
{
	return count_high(p, n);
}
