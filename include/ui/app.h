/* app.h - the interactive reader: what main() hands over once the
 * document is loaded and stdout is a terminal. */
#ifndef YUEDU_APP_H
#define YUEDU_APP_H

#include "doc.h"
#include "output.h"

struct app_args {
	const char *config_path; /* --config FILE, or NULL for the XDG default */
	int mouse;		/* --mouse: 1, --no-mouse: 0, unset: -1 */
	int dump_width;		/* -w N, or 0 */
	int gap;		/* --gap N, or -1 for the config's */
	int ambiguous_wide;	/* --ambiguous-wide: 1, unset: -1 */
};

struct feed;
struct loader;

/* One document to read: loaded (d), or a stream (feed, d NULL) whose
 * document grows while the view runs. */
struct app_input {
	const char *path;	/* as given on the command line, NULL = stdin */
	struct doc *d;
	struct feed *feed;
	struct loader *ld;	/* a file loading (loader.h): d is its doc */
	/* Why its text stops early (load_src.note), shown in the status
	 * line when the view opens; borrowed. */
	const char *note;
};

/* Runs the reading view on the n >= 1 inputs (documents and feeds owned
 * by the app from then on; the first is shown) until the user quits.
 * Keys come from /dev/tty when stdin is not a terminal.  When the terminal
 * cannot be used (unknown or dumb TERM), prints a one-line reason to
 * stderr and the --dump output of the first to stdout instead.  Returns
 * the exit status. */
int app_run(struct app_input *in, size_t n, const struct app_args *a);

/* --print-config: the effective settings (defaults, config file, bindings)
 * in the config file's own syntax.  Returns the exit status. */
int app_print_config(const struct app_args *a, struct out *out);

#endif
