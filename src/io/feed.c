/* feed.c - a stream read between keys (see feed.h). */
#include "feed.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sanitize.h"
#include "util.h"

struct feed {
	struct input in;
	struct load_opts lo;
	struct doc *ready;	/* built, not yet taken */
	size_t built_len;	/* bytes in the last document built */
	double last_at;		/* when it was built */
	double last_cost;	/* how long that took */
	bool checked;		/* the binary check has run */
	bool done;
	char *error;
};

int
feed_open(const char *path, const struct load_opts *o, struct feed **out,
    char **cause)
{
	struct feed *f = xcalloc(1, sizeof *f);

	*out = NULL;
	if (input_open(path, &f->in, cause) != 0) {
		free(f);
		return -1;
	}
	if (!f->in.is_stream) {
		input_free(&f->in);
		free(f);
		return 0;
	}
	f->lo = *o;
	f->checked = o->force != 0;
	f->last_at = -1e9;
	*out = f;
	return 1;
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	input_free(&f->in);
	doc_free(f->ready);
	free(f->error);
	free(f);
}

static void
build(struct feed *f, double now)
{
	double t0 = util_now_ms();

	doc_free(f->ready);
	f->ready = load_bytes(f->in.name, f->in.bytes.data != NULL ?
	    f->in.bytes.data : "", f->in.bytes.len, &f->lo);
	f->ready->truncated |= f->in.truncated;
	f->built_len = f->in.bytes.len;
	f->last_cost = util_now_ms() - t0;
	f->last_at = now;
}

enum feed_event
feed_pump(struct feed *f, double now)
{
	int r;

	if (f->done || f->error != NULL)
		return FEED_NOTHING;
	r = input_pump(&f->in, FEED_SLICE);
	/* The same binary check as a file gets on its first 8 KB, run on
	 * what has come so far until they are in: what arrived is shown
	 * meanwhile (sanitised, so a binary shown for a moment is harmless). */
	if (!f->checked && f->in.bytes.len > 0) {
		const char *why = input_binary_reason(f->in.bytes.data,
		    f->in.bytes.len);

		if (f->in.bytes.len >= INPUT_SNIFF_BYTES || r < 0)
			f->checked = true;
		if (why != NULL) {
			char *n = sanitize_str(f->in.name);

			f->error = xasprintf("%s: looks like a binary file (%s); "
			    "use --force to read it anyway", n, why);
			free(n);
			input_close(&f->in);
			return FEED_ERROR;
		}
	}
	if (r < 0) {
		f->done = true;
		if (f->built_len == f->in.bytes.len && f->last_at > -1e9)
			return FEED_NOTHING;
		build(f, now);
		return FEED_DOC;
	}
	if (f->in.bytes.len == f->built_len ||
	    now - f->last_at < MAX(FEED_MIN_GAP_MS, 3 * f->last_cost))
		return FEED_NOTHING;
	build(f, now);
	return FEED_DOC;
}

struct doc *
feed_take(struct feed *f)
{
	struct doc *d = f->ready;

	f->ready = NULL;
	return d;
}

bool
feed_done(const struct feed *f)
{
	return f->done;
}

size_t
feed_bytes(const struct feed *f)
{
	return f->in.bytes.len;
}

const char *
feed_note(const struct feed *f)
{
	return f->in.note;
}

const char *
feed_error(const struct feed *f)
{
	return f->error;
}
