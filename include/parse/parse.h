/* parse.h - format adapters.  Each turns clean UTF-8 (from decode.h) into
 * builder calls; none of them knows about layout or the screen. */
#ifndef YUEDU_PARSE_H
#define YUEDU_PARSE_H

#include <stddef.h>
#include "docbuild.h"

/* Picks txt/md/html from the file name, then the content. */
enum doc_format format_sniff(const char *name, const char *utf8, size_t len);
/* "txt", "md", "html" -> format; returns -1 when unknown. */
int format_from_name(const char *s);

/* Plain text, already through sanitize_append (the builder takes it as
 * it is): paragraphs, title/date/source, headings from Chinese and
 * Western numbering, run-in headings, related-reading sections.
 * Returns 0 (plain text cannot fail). */
int parse_txt(struct docb *b, const char *utf8, size_t len);

#endif
