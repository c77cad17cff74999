/* options.c - yuedu's own option parser (see options.h).  getopt_long
 * was replaced because it prints its own messages, with the argument as
 * given, straight to stderr: `yuedu $'--\e]0;x\a'` sent an OSC to the
 * terminal.  Here every message is a returned string. */
#include "options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "parse.h"
#include "util.h"

enum opt_id {
	O_DUMP, O_OUTLINE, O_INFO, O_TREE, O_WIDTH, O_ENCODING, O_FORMAT,
	O_FORCE, O_MOUSE, O_NO_MOUSE, O_CONFIG, O_PRINT_CONFIG, O_AMBIGUOUS,
	O_GAP, O_BENCH, O_TERM_CHARSET, O_HELP, O_VERSION
};

enum arg_kind { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

static const struct opt {
	const char *name;
	char short_name;
	enum arg_kind arg;
	enum opt_id id;
} opts[] = {
	{ "dump", 0, ARG_NONE, O_DUMP },
	{ "outline", 0, ARG_OPTIONAL, O_OUTLINE },
	{ "info", 0, ARG_NONE, O_INFO },
	{ "dump-tree", 0, ARG_NONE, O_TREE },
	{ "width", 'w', ARG_REQUIRED, O_WIDTH },
	{ "encoding", 'e', ARG_REQUIRED, O_ENCODING },
	{ "format", 'f', ARG_REQUIRED, O_FORMAT },
	{ "force", 0, ARG_NONE, O_FORCE },
	{ "mouse", 0, ARG_NONE, O_MOUSE },
	{ "no-mouse", 0, ARG_NONE, O_NO_MOUSE },
	{ "config", 0, ARG_REQUIRED, O_CONFIG },
	{ "print-config", 0, ARG_NONE, O_PRINT_CONFIG },
	{ "ambiguous-wide", 0, ARG_NONE, O_AMBIGUOUS },
	{ "gap", 0, ARG_REQUIRED, O_GAP },
	{ "bench-layout", 0, ARG_NONE, O_BENCH },
	{ "term-charset", 0, ARG_REQUIRED, O_TERM_CHARSET },
	{ "help", 'h', ARG_NONE, O_HELP },
	{ "version", 'V', ARG_NONE, O_VERSION },
};

const char *
options_usage(void)
{
	return
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
"      --term-charset=CS  the terminal's charset when the locale is wrong\n"
"                       (e.g. utf-8 over SSH with LANG=C)\n"
"      --dump-tree      print the document model (for bug reports)\n"
"      --bench-layout   time one screen's layout at start, middle and end\n"
"  -h, --help           this help;  -V, --version  the version\n"
"\n"
"Environment: YUEDU holds default options, e.g. YUEDU='--gap=0'.\n"
"Exit status: 0 ok, 1 cannot read or open the input, 2 usage error.\n";
}

void
options_defaults(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->lo.format = -1;
	o->aa.mouse = -1;
	o->aa.gap = -1;
	o->aa.ambiguous_wide = -1;
	o->mode = MODE_VIEW;
	o->ofmt = OUTLINE_TEXT;
	o->gap = -1;
}

/* "BEFORE'ARG'AFTER" as a malloc'd message. */
static int
bad(char **err, const char *before, const char *arg, size_t n,
    const char *after)
{
	*err = xasprintf("%s'%.*s'%s", before, (int)MIN(n, 200), arg, after);
	return -1;
}

/* Finds a long option by its full name or an unambiguous prefix. */
static const struct opt *
find_long(const char *name, size_t n, char **err)
{
	const struct opt *found = NULL;
	int matches = 0;

	for (size_t i = 0; i < nitems(opts); i++) {
		if (strncmp(opts[i].name, name, n) != 0)
			continue;
		if (opts[i].name[n] == '\0')
			return &opts[i];	/* exact beats prefixes */
		found = &opts[i];
		matches++;
	}
	if (matches == 1)
		return found;
	bad(err, matches > 1 ? "ambiguous option --" : "unknown option --",
	    name, n, "");
	return NULL;
}

static int
apply(const struct opt *op, const char *arg, bool env, struct options *o,
    char **err)
{
	char *end;
	long v;

	switch (op->id) {
	case O_DUMP:
		o->mode = MODE_DUMP;
		break;
	case O_OUTLINE:
		o->mode = MODE_OUTLINE;
		if (arg == NULL || strcmp(arg, "text") == 0)
			o->ofmt = OUTLINE_TEXT;
		else if (strcmp(arg, "tsv") == 0)
			o->ofmt = OUTLINE_TSV;
		else
			return bad(err, "unknown outline format ", arg,
			    strlen(arg), " (text or tsv)");
		break;
	case O_INFO:
		o->mode = MODE_INFO;
		break;
	case O_TREE:
		o->mode = MODE_TREE;
		break;
	case O_BENCH:
		o->mode = MODE_BENCH;
		break;
	case O_WIDTH:
		errno = 0;
		v = strtol(arg, &end, 10);
		/* 2 at least: a wide character needs two columns */
		if (errno || end == arg || *end != '\0' || v < 2 || v > 100000)
			return bad(err, "bad width ", arg, strlen(arg),
			    " (2 to 100000)");
		o->width = (int)v;
		break;
	case O_ENCODING:
		if ((o->lo.encoding = decode_canonical(arg)) == NULL)
			return bad(err, "unsupported encoding ", arg,
			    strlen(arg), "; see 'yuedu --help' for the list");
		break;
	case O_FORMAT:
		if ((o->lo.format = format_from_name(arg)) < 0)
			return bad(err, "unknown format ", arg, strlen(arg),
			    " (txt, md or html)");
		break;
	case O_GAP:
		if (strcmp(arg, "0") != 0 && strcmp(arg, "1") != 0)
			return bad(err, "bad gap ", arg, strlen(arg),
			    " (0 or 1)");
		o->gap = arg[0] - '0';
		break;
	case O_FORCE:
		o->lo.force = 1;
		break;
	case O_MOUSE:
		o->aa.mouse = 1;
		break;
	case O_NO_MOUSE:
		o->aa.mouse = 0;
		break;
	case O_CONFIG:
		o->aa.config_path = arg;
		break;
	case O_PRINT_CONFIG:
		o->mode = MODE_PRINT_CONFIG;
		break;
	case O_AMBIGUOUS:
		o->aa.ambiguous_wide = 1;
		break;
	case O_TERM_CHARSET:
		o->term_charset = arg;
		break;
	case O_HELP:
	case O_VERSION:
		/* In $YUEDU they would stop every run: ignored there. */
		if (!env)
			o->mode = op->id == O_HELP ? MODE_HELP : MODE_VERSION;
		break;
	}
	return 0;
}

int
options_parse(int argc, char **argv, bool env, struct options *o,
    char **err)
{
	bool only_files = false;

	*err = NULL;
	o->files = NULL;
	o->nfiles = 0;
	for (int i = 1; i < argc; i++) {
		char *s = argv[i];
		const struct opt *op = NULL;
		const char *arg = NULL;

		if (only_files || s[0] != '-' || s[1] == '\0') {
			if (env)
				return bad(err, "options only, not files: ", s,
				    strlen(s), "");
			/* The operands stay in argv order. */
			if (o->files == NULL)
				o->files = xcalloc((size_t)argc, sizeof *o->files);
			o->files[o->nfiles++] = s;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			only_files = true;
			continue;
		}
		if (s[1] == '-') {
			const char *name = s + 2, *eq = strchr(name, '=');
			size_t n = eq != NULL ? (size_t)(eq - name) : strlen(name);

			if ((op = find_long(name, n, err)) == NULL)
				return -1;
			if (eq != NULL) {
				if (op->arg == ARG_NONE)
					return bad(err, "option --", op->name,
					    strlen(op->name), " takes no value");
				arg = eq + 1;
			} else if (op->arg == ARG_REQUIRED) {
				if (i + 1 >= argc)
					return bad(err, "option --", op->name,
					    strlen(op->name), " needs a value");
				arg = argv[++i];
			}
			if (apply(op, arg, env, o, err) != 0)
				return -1;
			continue;
		}
		/* A cluster of short options: -hV, -w80, -w 80. */
		for (const char *p = s + 1; *p != '\0'; p++) {
			op = NULL;
			for (size_t k = 0; k < nitems(opts); k++)
				if (opts[k].short_name != 0 &&
				    opts[k].short_name == *p)
					op = &opts[k];
			if (op == NULL) {
				size_t m = 1;

				/* Name the whole character, not one byte. */
				while (((unsigned char)p[m] & 0xC0) == 0x80)
					m++;
				return bad(err, "unknown option -", p, m, "");
			}
			arg = NULL;
			if (op->arg == ARG_REQUIRED) {
				if (p[1] != '\0')
					arg = p + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else
					return bad(err, "option -", p, 1,
					    " needs a value");
			}
			if (apply(op, arg, env, o, err) != 0)
				return -1;
			if (arg != NULL)
				break;
		}
	}
	return 0;
}

char **
options_env_argv(const char *env, int *argc, char **store)
{
	char **nv, *w, *save = NULL;
	int n = 0;

	*store = NULL;
	*argc = 0;
	if (env == NULL || env[strspn(env, " \t\n")] == '\0')
		return NULL;
	*store = xstrdup(env);
	nv = xreallocarray(NULL, strlen(env) / 2 + 3, sizeof *nv);
	nv[n++] = (char *)(uintptr_t)"yuedu";
	for (w = strtok_r(*store, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save))
		nv[n++] = w;
	nv[n] = NULL;
	*argc = n;
	return nv;
}
