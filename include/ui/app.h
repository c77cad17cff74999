/* app.h - the interactive reader: what main() hands over once the
 * document is loaded and stdout is a terminal. */
#ifndef YUEDU_APP_H
#define YUEDU_APP_H

#include "doc.h"
#include "output.h"

struct app_args {
	const char *path;	/* as given on the command line, NULL = stdin */
	const char *config_path; /* --config FILE, or NULL for the XDG default */
	int mouse;		/* --mouse: 1, --no-mouse: 0, unset: -1 */
	int dump_width;		/* -w N, or 0 */
	int gap;		/* --gap N, or -1 for the config's */
	int ambiguous_wide;	/* --ambiguous-wide: 1, unset: -1 */
};

struct feed;

/* Runs the reading view on d (owned by the caller) until the user quits;
 * or, when d is NULL, on the stream feed (owned by the app from then on),
 * whose document grows while the view runs.
 * Keys come from /dev/tty when stdin is not a terminal.  When the terminal
 * cannot be used (unknown or dumb TERM), prints a one-line reason to
 * stderr and the --dump output to stdout instead.  Returns the exit
 * status. */
int app_run(struct doc *d, struct feed *feed, const struct app_args *a);

/* --print-config: the effective settings (defaults, config file, bindings)
 * in the config file's own syntax.  Returns the exit status. */
int app_print_config(const struct app_args *a, struct out *out);

#endif
