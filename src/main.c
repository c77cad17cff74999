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

/* Prepends the words of $YUEDU to argv (no quoting: options only). */
static char **
env_args(int *argc, char **argv, char **store)
{
	const char *env = getenv("YUEDU");
	char **nv, *w;
	int n = 0, i;

	*store = NULL;
	if (env == NULL || *env == '\0')
		return argv;
	*store = xstrdup(env);
	nv = xreallocarray(NULL, (size_t)*argc + strlen(env) / 2 + 2,
	    sizeof *nv);
	nv[n++] = argv[0];
	for (w = strtok(*store, " \t\n"); w != NULL; w = strtok(NULL, " \t\n"))
		nv[n++] = w;
	for (i = 1; i < *argc; i++)
		nv[n++] = argv[i];
	nv[n] = NULL;
	*argc = n;
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

/* Prints "yuedu: BEFORE'ARG'AFTER" (ARG sanitised) and returns 2. */
static int
usage_error(const char *before, const char *arg, const char *after)
{
	char *a = sanitize_str(arg != NULL ? arg : "");

	fprintf(stderr, "yuedu: %s'%s'%s\nTry 'yuedu --help'.\n", before, a,
	    after);
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

int
main(int argc, char **argv)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	struct app_args aa = { NULL, NULL, -1, 0, -1, -1 };
	enum mode mode = MODE_VIEW;
	enum outline_fmt ofmt = OUTLINE_TEXT;
	struct doc *d = NULL;
	char *cause = NULL, *envstore, **av;
	const char *cs;
	int c, width = 0, gap = -1, rc = 0;
	double t0;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");	/* widths need a UTF-8 locale */

	av = env_args(&argc, argv, &envstore);
	while ((c = getopt_long(argc, av, "w:e:f:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_DUMP:
			mode = MODE_DUMP;
			break;
		case OPT_OUTLINE:
			mode = MODE_OUTLINE;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				ofmt = OUTLINE_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				ofmt = OUTLINE_TSV;
			else
				return usage_error("unknown outline format ",
				    optarg, " (text or tsv)");
			break;
		case OPT_INFO:
			mode = MODE_INFO;
			break;
		case OPT_TREE:
			mode = MODE_TREE;
			break;
		case OPT_BENCH:
			mode = MODE_BENCH;
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
			width = (int)v;
			break;
		}
		case 'e':
			if ((lo.encoding = decode_canonical(optarg)) == NULL)
				return usage_error("unsupported encoding ",
				    optarg, "; see 'yuedu --help' for the list");
			break;
		case 'f':
			if ((lo.format = format_from_name(optarg)) < 0)
				return usage_error("unknown format ", optarg,
				    " (txt, md or html)");
			break;
		case OPT_GAP:
			if (strcmp(optarg, "0") != 0 && strcmp(optarg, "1"))
				return usage_error("bad gap ", optarg, " (0 or 1)");
			gap = atoi(optarg);
			break;
		case OPT_FORCE:
			lo.force = 1;
			break;
		case OPT_MOUSE:
			aa.mouse = 1;
			break;
		case OPT_NO_MOUSE:
			aa.mouse = 0;
			break;
		case OPT_CONFIG:
			aa.config_path = optarg;
			break;
		case OPT_PRINT_CONFIG:
			mode = MODE_PRINT_CONFIG;
			break;
		case OPT_AMBIGUOUS:
			aa.ambiguous_wide = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("yuedu %s\n", YUEDU_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try 'yuedu --help'.\n");
			return 2;
		}
	}
	if (argc - optind > 1)
		return usage_error("one file at a time (got ",
		    av[optind + 1], " too)");
	aa.path = optind < argc ? av[optind] : NULL;
	if (aa.path != NULL && strcmp(aa.path, "-") == 0)
		aa.path = NULL;
	aa.dump_width = width;
	aa.gap = gap;
	early_settings(&aa, &lo, &gap);
	if (mode == MODE_PRINT_CONFIG) {
		rc = app_print_config(&aa, stdout);
		goto out;
	}
	if (aa.path == NULL && isatty(STDIN_FILENO)) {
		fprintf(stderr, "yuedu: no input: give a FILE or pipe text in\n"
		    "Try 'yuedu --help'.\n");
		rc = 2;
		goto out;
	}
	if (mode == MODE_VIEW && !isatty(STDOUT_FILENO))
		mode = MODE_DUMP;	/* like less: a pipe gets the text */

	t0 = now_ms();
	if (load_doc(aa.path, &lo, &d, &cause) != 0) {
		fprintf(stderr, "yuedu: %s\n", cause);
		free(cause);
		rc = 1;
		goto out;
	}
	if (width == 0)
		width = terminal_width();
	switch (mode) {
	case MODE_DUMP:
		dump_layout(d, width, gap, stdout);
		break;
	case MODE_OUTLINE:
		dump_outline(d, ofmt, stdout);
		break;
	case MODE_INFO:
		dump_info(d, stdout);
		break;
	case MODE_TREE:
		doc_dump_tree(d, stdout);
		break;
	case MODE_BENCH:
		bench_layout(d, width, now_ms() - t0);
		break;
	default:
		rc = app_run(d, &aa);
		break;
	}
	if (fflush(stdout) != 0 && errno != EPIPE)
		rc = 1;
out:
	doc_free(d);
	if (av != argv)
		free(av);
	free(envstore);
	return rc;
}
