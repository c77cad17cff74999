/* options.h - the command line and $YUEDU, parsed by yuedu's own parser
 * (not getopt, whose messages echo the offending argument raw to stderr).
 * The parser prints nothing: a mistake comes back as a message that
 * main() prints through output.c, so it is sanitised like every other
 * byte (security.md R1).  Long options may be abbreviated to any
 * unambiguous prefix; values go as --name=V, --name V, -xV or -x V. */
#ifndef YUEDU_OPTIONS_H
#define YUEDU_OPTIONS_H

#include "app.h"
#include "dump.h"
#include "load.h"

enum mode { MODE_VIEW, MODE_DUMP, MODE_OUTLINE, MODE_INFO, MODE_TREE,
	MODE_BENCH, MODE_PRINT_CONFIG, MODE_HELP, MODE_VERSION };

/* What the options ask for. */
struct options {
	struct load_opts lo;
	struct app_args aa;
	enum mode mode;
	enum outline_fmt ofmt;
	int width;		/* -w, 0 = the terminal's */
	int gap;		/* --gap, -1 = the config's */
	const char *term_charset; /* --term-charset, or NULL */
	char **files;		/* the operands, in argv order */
	int nfiles;
};

/* The defaults every parse starts from. */
void options_defaults(struct options *o);

/* Parses argv[1..argc) into o.  env: the words come from $YUEDU, which
 * holds options only (no files, no --help or --version).  Returns 0, or
 * -1 with *err set to a malloc'd one-line message (unsanitised: print it
 * through output.c).  o->files points into argv. */
int options_parse(int argc, char **argv, bool env, struct options *o,
    char **err);

/* The --help text. */
const char *options_usage(void);

/* Splits $YUEDU at blanks into an argv (argv[0] = "yuedu"); *store holds
 * the words.  Returns NULL when the variable is unset or blank.  Free
 * both with free(). */
char **options_env_argv(const char *env, int *argc, char **store);

#endif
