/* load.h - the pipeline from a path to a document: input -> decode ->
 * sanitise -> sniff -> parse -> doc. */
#ifndef YUEDU_LOAD_H
#define YUEDU_LOAD_H

#include "doc.h"

struct load_opts {
	const char *encoding;	/* forced charset or NULL */
	int format;		/* forced enum doc_format or -1 */
	int force;		/* read files that look binary */
	int tab_width;		/* tab stops for expanding tabs; 0 = 8 */
};

/* Returns 0 with *out set (caller doc_free()s it), or -1 with *cause
 * (malloc'd one-line message, already sanitised). */
int load_doc(const char *path, const struct load_opts *o, struct doc **out,
    char **cause);

/* Where a document's bytes came from (--info) and why its text stops
 * early, when it does; load_src_free() frees it. */
struct load_src {
	const char *compression;	/* "gzip", "bzip2", "xz", "zstd" or NULL */
	size_t raw_bytes;	/* read from the file or pipe */
	char *note;		/* for a person, with the name (sanitised):
				 * "x.gz: damaged gzip data after ...", or NULL */
	char *why;		/* for --info, without the name, or NULL */
};

/* load_doc(), and where the bytes came from in *src (filled when it
 * returns 0). */
int load_doc_src(const char *path, const struct load_opts *o,
    struct doc **out, struct load_src *src, char **cause);
void load_src_free(struct load_src *s);

/* Same from bytes already in memory (tests, fuzzers). */
struct doc *load_bytes(const char *name, const char *bytes, size_t len,
    const struct load_opts *o);

#endif
