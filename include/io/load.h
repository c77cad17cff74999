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

/* Same from bytes already in memory (tests, fuzzers). */
struct doc *load_bytes(const char *name, const char *bytes, size_t len,
    const struct load_opts *o);

#endif
