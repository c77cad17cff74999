/* feed.h - a stream (FIFO, pipe, `cmd | yuedu`) read between keys, so a
 * silent or slow writer never blocks the reading view: the view opens at
 * once, shows what has arrived, says "waiting for input" until the first
 * bytes, and the document is rebuilt as more arrive.
 *
 * Rebuilding parses everything read so far again (decode, sanitise,
 * parse): simple and correct while documents fit in memory; rebuilds are
 * spaced so that their cost stays a small share of the time (at least
 * FEED_MIN_GAP_MS apart and three times as long as the last one took). */
#ifndef YUEDU_FEED_H
#define YUEDU_FEED_H

#include <stdbool.h>
#include "doc.h"
#include "input.h"
#include "load.h"

#define FEED_MIN_GAP_MS 150
/* Bytes taken per call, so a fast pipe cannot starve the keys. */
#define FEED_SLICE ((size_t)4 << 20)

struct feed;

/* Opens path (NULL or "-" = stdin).  Returns 1 with *out set when it is
 * a stream, 0 when it is a regular file (read it with load_doc()), or -1
 * with *cause (malloc'd, sanitised) when it cannot be read at all. */
int feed_open(const char *path, const struct load_opts *o, struct feed **out,
    char **cause);
void feed_free(struct feed *f);

enum feed_event {
	FEED_NOTHING,		/* no new document */
	FEED_DOC,		/* feed_take() has a newer document */
	FEED_ERROR		/* the input was refused: feed_error() */
};
/* Reads what is ready and rebuilds the document when it is time.  now_ms
 * is a monotonic clock in milliseconds. */
enum feed_event feed_pump(struct feed *f, double now_ms);
/* The newest document; the caller owns it from now on. */
struct doc *feed_take(struct feed *f);
/* True once the whole input is in and the last document built. */
bool feed_done(const struct feed *f);
/* Bytes read so far. */
size_t feed_bytes(const struct feed *f);
/* Why the text stops early (a decompression limit, damaged compressed
 * data; sanitised, with the name), or NULL. */
const char *feed_note(const struct feed *f);
/* Why the input was refused (binary input without --force), or NULL. */
const char *feed_error(const struct feed *f);

#endif
