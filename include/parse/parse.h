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

/* The same, a piece at a time, for a text too long to wait for (the
 * loader, load.h): each piece must end at a line end (or be the last).
 * Each piece is read on its own (paragraphs, lists and tables end at its
 * end), with the numbering styles met so far, so heading levels agree
 * across pieces; finish sets the levels again once all styles are known,
 * and frees the parser.  parse_txt() is one piece. */
struct txt_parser;
struct txt_parser *txt_parser_new(void);
void txt_parser_feed(struct txt_parser *tp, struct docb *b,
    const char *utf8, size_t len);
void txt_parser_finish(struct txt_parser *tp, struct docb *b);
/* Input lines in the pieces fed so far. */
unsigned txt_parser_lines(const struct txt_parser *tp);

#endif
