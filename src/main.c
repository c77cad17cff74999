/* main.c - the command line.  Thin: parse options (the YUEDU environment
 * variable first, like LESS for less), load the document, then either
 * print it (--dump, --outline, --info) or hand it to the reading view.
 * Exit status: 0 ok, 1 cannot read or open, 2 usage. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "decode.h"
#include "dump.h"
#include "layout.h"
#include "load.h"
#include "parse.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"

enum mode { MODE_VIEW, MODE_DUMP, MODE_OUTLINE, MODE_INFO, MODE_TREE,
	MODE_BENCH, MODE_PRINT_CONFIG };

enum {
	OPT_DUMP = 256, OPT_OUTLINE, OPT_INFO, OPT_TREE, OPT_FORCE, OPT_MOUSE,
	OPT_NO_MOUSE, OPT_CONFIG, OPT_PRINT_CONFIG, OPT_BENCH, OPT_AMBIGUOUS,
	OPT_GAP
};

static const struct option long_opts[] = {
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "outline", optional_argument, NULL, OPT_OUTLINE },
	{ "info", no_argument, NULL, OPT_INFO },
	{ "dump-tree", no_argument, NULL, OPT_TREE },
	{ "width", required_argument, NULL, 'w' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "format", required_argument, NULL, 'f' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "mouse", no_argument, NULL, OPT_MOUSE },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
	{ "ambiguous-wide", no_argument, NULL, OPT_AMBIGUOUS },
	{ "gap", required_argument, NULL, OPT_GAP },
	{ "bench-layout", no_argument, NULL, OPT_BENCH },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *out)
{
	fprintf(out,
"usage: yuedu [options] [FILE | -]\n"
"Read a long article in the terminal; with no FILE, read standard input.\n"
"\n"
"  --dump               print the laid-out document (as the view shows it)\n"
"  --outline[=text|tsv] print the headings (tsv: LEVEL LINE LABEL TITLE)\n"
"  --info               print format, encoding, title, date, counts\n"
"  -w, --width=N        layout width for --dump (default: terminal or 80)\n"
"  -e, --encoding=NAME  decode as NAME instead of detecting\n"
"  -f, --format=FMT     read as txt, md or html\n"
"      --force          read files that look binary\n"
"      --gap=N          blank rows between paragraphs (0 or 1; default 1)\n"
"      --ambiguous-wide East Asian ambiguous characters take 2 columns\n"
"      --mouse, --no-mouse  mouse wheel and clicks in the view\n"
"      --config=FILE    settings file (default ~/.config/yuedu/config)\n"
"      --print-config   print the effective settings\n"
"      --dump-tree      print the document model (for bug reports)\n"
"      --bench-layout   time one screen's layout at start, middle and end\n"
"  -h, --help           this help;  -V, --version  the version\n"
"\n"
"Encodings: %s\n"
"Environment: YUEDU holds default options, e.g. YUEDU='--gap=0'.\n"
"Exit status: 0 ok, 1 cannot read or open the input, 2 usage error.\n",
	    decode_allowlist());
}

/* The words of $YUEDU as an argv of their own (no quoting: options
 * only), parsed before the command line so that the command line wins. */
static char **
env_args(const char *argv0, int *envc, char **store)
{
	const char *env = getenv("YUEDU");
	char **nv, *w;
	int n = 0;

	*store = NULL;
	*envc = 0;
	if (env == NULL || *env == '\0')
		return NULL;
	*store = xstrdup(env);
	nv = xreallocarray(NULL, strlen(env) / 2 + 3, sizeof *nv);
	nv[n++] = (char *)(uintptr_t)argv0;
	for (w = strtok(*store, " \t\n"); w != NULL; w = strtok(NULL, " \t\n"))
		nv[n++] = w;
	nv[n] = NULL;
	*envc = n;
	return nv;
}

static int
terminal_width(void)
{
	struct winsize ws;
	const char *c;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((c = getenv("COLUMNS")) != NULL && atoi(c) > 0)
		return atoi(c);
	return 80;
}

/* Set while the options of $YUEDU are parsed: a mistake there is
 * reported as such and the variable is ignored, instead of stopping. */
static int in_env;

/* Prints "yuedu: BEFORE'ARG'AFTER" (ARG sanitised) and returns 2. */
static int
usage_error(const char *before, const char *arg, const char *after)
{
	char *a = sanitize_str(arg != NULL ? arg : "");

	if (in_env)
		fprintf(stderr, "yuedu: in $YUEDU: %s'%s'%s; ignoring $YUEDU\n",
		    before, a, after);
	else
		fprintf(stderr, "yuedu: %s'%s'%s\nTry 'yuedu --help'.\n",
		    before, a, after);
	free(a);
	return 2;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* --bench-layout: the cost of one screen (40 rows at the width) at the
 * start, middle and end of the document, each with a fresh layout. */
static void
bench_layout(const struct doc *d, int width, double load_ms)
{
	static const char *where[] = { "start", "middle", "end" };
	struct layout_opts lo = { width, 1 };
	int i;

	printf("load_ms\t%.3f\n", load_ms);
	for (i = 0; i < 3; i++) {
		size_t pos = i == 0 ? 0 : i == 1 ? d->text_len / 2 :
		    (d->text_len > 4096 ? d->text_len - 4096 : 0);
		double t0 = now_ms();
		struct layout *l = layout_new(d, &lo);
		uint32_t b = doc_block_at(d, pos), rows = 0, n;

		for (; b < d->nblocks && rows < 40; b++) {
			layout_block_rows(l, b, &n);
			rows += n + (uint32_t)layout_gap_before(l, b);
		}
		layout_free(l);
		printf("screen_%s_ms\t%.3f\n", where[i], now_ms() - t0);
	}
}

/* Settings that shape the document itself (tab stops, ambiguous width) or
 * the --dump output (paragraph spacing) are read from the config file
 * before loading, so --dump prints what the view shows.  The view reads
 * the whole file again for everything else. */
static void
early_settings(const struct app_args *aa, struct load_opts *lo, int *gap)
{
	struct config cfg;
	char *path = NULL;

	config_init(&cfg);
	if (aa->config_path != NULL)
		config_load(&cfg, aa->config_path, false);
	else if ((path = config_default_path()) != NULL)
		config_load(&cfg, path, false);
	free(path);
	lo->tab_width = cfg.tab_width;
	if (aa->ambiguous_wide > 0 || cfg.ambiguous_wide)
		utf8_set_ambiguous_wide(true);
	if (*gap < 0)
		*gap = cfg.para_gap;
	config_free(&cfg);
}

/* What the options ask for. */
struct options {
	struct load_opts lo;
	struct app_args aa;
	enum mode mode;
	enum outline_fmt ofmt;
	int width;
	int gap;
};

/* Parses options into o.  Returns -1 to go on, or the exit status (0
 * after --help or --version, 2 for a mistake). */
static int
parse_options(int argc, char **av, struct options *o)
{
	int c;

	optind = 0;	/* GNU getopt: start afresh for a second argv */
	opterr = !in_env;
	while ((c = getopt_long(argc, av, "w:e:f:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_DUMP:
			o->mode = MODE_DUMP;
			break;
		case OPT_OUTLINE:
			o->mode = MODE_OUTLINE;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->ofmt = OUTLINE_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				o->ofmt = OUTLINE_TSV;
			else
				return usage_error("unknown outline format ",
				    optarg, " (text or tsv)");
			break;
		case OPT_INFO:
			o->mode = MODE_INFO;
			break;
		case OPT_TREE:
			o->mode = MODE_TREE;
			break;
		case OPT_BENCH:
			o->mode = MODE_BENCH;
			break;
		case 'w': {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			/* 2 at least: a wide character needs two columns */
			if (errno || *end != '\0' || v < 2 || v > 100000)
				return usage_error("bad width ", optarg,
				    " (2 to 100000)");
			o->width = (int)v;
			break;
		}
		case 'e':
			if ((o->lo.encoding = decode_canonical(optarg)) == NULL)
				return usage_error("unsupported encoding ",
				    optarg, "; see 'yuedu --help' for the list");
			break;
		case 'f':
			if ((o->lo.format = format_from_name(optarg)) < 0)
				return usage_error("unknown format ", optarg,
				    " (txt, md or html)");
			break;
		case OPT_GAP:
			if (strcmp(optarg, "0") != 0 && strcmp(optarg, "1"))
				return usage_error("bad gap ", optarg, " (0 or 1)");
			o->gap = atoi(optarg);
			break;
		case OPT_FORCE:
			o->lo.force = 1;
			break;
		case OPT_MOUSE:
			o->aa.mouse = 1;
			break;
		case OPT_NO_MOUSE:
			o->aa.mouse = 0;
			break;
		case OPT_CONFIG:
			o->aa.config_path = optarg;
			break;
		case OPT_PRINT_CONFIG:
			o->mode = MODE_PRINT_CONFIG;
			break;
		case OPT_AMBIGUOUS:
			o->aa.ambiguous_wide = 1;
			break;
		case 'h':
			if (in_env)
				break;
			usage(stdout);
			return 0;
		case 'V':
			if (in_env)
				break;
			printf("yuedu %s\n", YUEDU_VERSION);
			return 0;
		default:
			if (in_env) {
				char *a = sanitize_str(av[optind - 1]);

				fprintf(stderr, "yuedu: in $YUEDU: bad option "
				    "'%s'; ignoring $YUEDU\n", a);
				free(a);
			} else
				fprintf(stderr, "Try 'yuedu --help'.\n");
			return 2;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct options defaults = {
		{ NULL, -1, 0, 0 }, { NULL, NULL, -1, 0, -1, -1 }, MODE_VIEW,
		OUTLINE_TEXT, 0, -1
	};
	struct options o = defaults;
	struct doc *d = NULL;
	char *cause = NULL, *envstore, **av, **envv;
	const char *cs;
	int c, envc, rc = 0;
	double t0;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");	/* widths need a UTF-8 locale */

	envv = env_args(argv[0], &envc, &envstore);
	if (envv != NULL) {
		in_env = 1;
		c = parse_options(envc, envv, &o);
		if (c < 0 && optind < envc) {
			fprintf(stderr, "yuedu: in $YUEDU: options only, not "
			    "files; ignoring $YUEDU\n");
			c = 2;
		}
		if (c >= 0)
			o = defaults;	/* a broken $YUEDU is ignored, not fatal */
		in_env = 0;
	}
	if ((c = parse_options(argc, argv, &o)) >= 0) {
		rc = c;
		goto out;
	}
	av = argv;
	if (argc - optind > 1) {
		rc = usage_error("one file at a time (got ", av[optind + 1],
		    " too)");
		goto out;
	}
	o.aa.path = optind < argc ? av[optind] : NULL;
	if (o.aa.path != NULL && strcmp(o.aa.path, "-") == 0)
		o.aa.path = NULL;
	o.aa.dump_width = o.width;
	o.aa.gap = o.gap;
	early_settings(&o.aa, &o.lo, &o.gap);
	if (o.mode == MODE_PRINT_CONFIG) {
		rc = app_print_config(&o.aa, stdout);
		goto out;
	}
	if (o.aa.path == NULL && isatty(STDIN_FILENO)) {
		fprintf(stderr, "yuedu: no input: give a FILE or pipe text in\n"
		    "Try 'yuedu --help'.\n");
		rc = 2;
		goto out;
	}
	if (o.mode == MODE_VIEW && !isatty(STDOUT_FILENO))
		o.mode = MODE_DUMP;	/* like less: a pipe gets the text */

	t0 = now_ms();
	if (load_doc(o.aa.path, &o.lo, &d, &cause) != 0) {
		fprintf(stderr, "yuedu: %s\n", cause);
		free(cause);
		rc = 1;
		goto out;
	}
	if (o.width == 0)
		o.width = terminal_width();
	switch (o.mode) {
	case MODE_DUMP:
		dump_layout(d, o.width, o.gap, stdout);
		break;
	case MODE_OUTLINE:
		dump_outline(d, o.ofmt, stdout);
		break;
	case MODE_INFO:
		dump_info(d, stdout);
		break;
	case MODE_TREE:
		doc_dump_tree(d, stdout);
		break;
	case MODE_BENCH:
		bench_layout(d, o.width, now_ms() - t0);
		break;
	default:
		rc = app_run(d, &o.aa);
		break;
	}
	if (fflush(stdout) != 0 && errno != EPIPE)
		rc = 1;
out:
	doc_free(d);
	free(envv);
	free(envstore);
	return rc;
}
