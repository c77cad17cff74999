/* decode.h - bytes in any supported charset to clean UTF-8 with LF line
 * ends.  Order: BOM -> the project's strict UTF-8 validator -> NUL-pattern
 * UTF-16/32 check -> uchardet -> iconv, and only from an allowlist
 * (security.md R5).  Invalid sequences become U+FFFD and are counted. */
#ifndef YUEDU_DECODE_H
#define YUEDU_DECODE_H

#include <stddef.h>
#include "util.h"

struct decoded {
	struct buf text;	/* UTF-8, LF line ends, no BOM */
	const char *encoding;	/* canonical allowlist name, static */
	const char *detected_by; /* "bom", "utf-8", "nul-pattern", "uchardet", "user", "fallback" */
	size_t invalid;		/* sequences replaced by U+FFFD */
};

/* Canonical allowlist name for a user- or detector-supplied name
 * ("gbk", "GB2312", "big5hkscs", "utf16le", ...), or NULL when not allowed.
 * "UTF-16" and "UTF-32" (no endianness) come back as such and mean: the
 * BOM's byte order, else little-endian. */
const char *decode_canonical(const char *name);

/* Space-separated list of the names decode_canonical accepts (for --help). */
const char *decode_allowlist(void);

/* Decodes bytes.  forced is NULL (detect) or a name from the allowlist.
 * Returns 0, or -1 with *cause (malloc'd) when forced is not allowed.  The
 * caller frees out->text with buf_free(). */
int decode_bytes(const char *bytes, size_t len, const char *forced,
    struct decoded *out, char **cause);

/* "UTF-8", "UTF-16LE/BE" or "UTF-32LE/BE" when p[0..n) starts with a BOM
 * or shows the NUL-byte pattern of UTF-16/32 text, else NULL.  Lets the
 * binary check tell UTF-16 text from data with NULs. */
const char *decode_sniff_unicode(const char *p, size_t n);

/* Streaming core, exposed for tests and the fuzzer: decodes with iconv
 * from enc in chunks of at most chunk bytes (0 = all at once); the output
 * must not depend on chunk.  Returns the number of invalid sequences. */
size_t decode_iconv(const char *enc, const char *bytes, size_t len,
    size_t chunk, struct buf *out);

/* The encoding detection would choose for bytes (a prefix of a long
 * text: the loader decides from its first piece), and how it was found;
 * the decoded text is thrown away. */
const char *decode_guess(const char *bytes, size_t len,
    const char **detected_by);

/* Decodes a later piece of a text whose encoding is known: no BOM, no
 * detection; CRLF becomes LF, a lone CR stays (the sanitiser shows it).
 * Replaces out's contents; returns the invalid count. */
size_t decode_piece(const char *enc, const char *bytes, size_t len,
    struct buf *out);

/* Bytes >= 0x80 in p[0..n): what a legacy encoding's errors are weighed
 * against. */
size_t decode_count_high(const char *p, size_t n);

#endif
