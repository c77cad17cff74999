/* main.c - the command line.  Thin: parse options (the YUEDU environment
 * variable first, like LESS for less), load the document, then either
 * print it (--dump, --outline, --info) or hand it to the reading view.
 * Several files: printed in turn, each after a "==> NAME <==" line, or
 * opened together in the view.  Exit status: 0 ok, 1 cannot read or open
 * (printing: any file; the view: every file), 2 usage. */
#include <errno.h>
#include <stdbool.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
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
#include "feed.h"
#include "layout.h"
#include "load.h"
#include "loader.h"
#include "options.h"
#include "output.h"
#include "parse.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"

/* --bench-layout: the cost of one screen (40 rows at the width) at the
 * start, middle and end of the document, each with a fresh layout. */
static void
bench_layout(const struct doc *d, int width, double load_ms)
{
	static const char *where[] = { "start", "middle", "end" };
	struct layout_opts lo = { width, 1 };
	int i;

	struct out *o = out_stdout();

	out_printf(o, "load_ms\t%.3f\n", load_ms);
	for (i = 0; i < 3; i++) {
		size_t pos = i == 0 ? 0 : i == 1 ? d->text_len / 2 :
		    (d->text_len > 4096 ? d->text_len - 4096 : 0);
		double t0 = util_now_ms();
		struct layout *l = layout_new(d, &lo);
		uint32_t b = doc_block_at(d, pos), rows = 0, n;

		for (; b < d->nblocks && rows < 40; b++) {
			layout_block_rows(l, b, &n);
			rows += n + (uint32_t)layout_gap_before(l, b);
		}
		layout_free(l);
		out_printf(o, "screen_%s_ms\t%.3f\n", where[i],
		    util_now_ms() - t0);
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
	/* A GB18030 or Big5 terminal draws “ … — two columns wide. */
	if (aa->ambiguous_wide > 0 || cfg.ambiguous_wide ||
	    (output_charset_is_cjk() && isatty(STDOUT_FILENO)))
		utf8_set_ambiguous_wide(true);
	utf8_set_reveal_invisibles(cfg.reveal_invisibles != 0);
	if (*gap < 0)
		*gap = cfg.para_gap;
	config_free(&cfg);
}

/* A usage mistake: the message (sanitised by output.c) and exit 2. */
static int
usage_error(const char *msg)
{
	out_error("%s", msg);
	out_str(out_stderr(), "Try 'yuedu --help'.\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct options o, env_o;
	struct doc *d = NULL;
	char *cause = NULL, *err = NULL, *envstore = NULL, **envv;
	const char *cs;
	int c, envc, rc = 0, printed = 0;
	double t0;
	struct app_input *in = NULL;
	size_t nin;
	bool stdin_tty = false;

	/* Large buffers (the text arena, the block array, a piece) from
	 * mmap at a fixed threshold: growing them is then mremap, not a
	 * copy, and freeing one gives it back.  glibc's default threshold
	 * rises as such buffers are freed, after which a 16 MB array grown
	 * on the heap leaves its old copy resident (measured: 100 MB file,
	 * peak 137 -> see README). */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);

	/* The terminal speaks the user's charset; yuedu itself measures
	 * widths in a UTF-8 locale (output.c converts what it prints). */
	output_init();
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");

	options_defaults(&o);
	envv = options_env_argv(getenv("YUEDU"), &envc, &envstore);
	if (envv != NULL) {
		options_defaults(&env_o);
		if (options_parse(envc, envv, true, &env_o, &err) != 0) {
			/* A broken $YUEDU is reported and ignored, not fatal. */
			out_error("in $YUEDU: %s; ignoring $YUEDU", err);
			free(err);
			err = NULL;
		} else
			o = env_o;
		free(env_o.files);
	}
	if (options_parse(argc, argv, false, &o, &err) != 0) {
		rc = usage_error(err);
		goto out;
	}
	if (o.mode == MODE_HELP) {
		out_str(out_stdout(), options_usage());
		out_printf(out_stdout(), "Encodings: %s\n", decode_allowlist());
		goto out;
	}
	if (o.mode == MODE_VERSION) {
		out_printf(out_stdout(), "yuedu %s\n", YUEDU_VERSION);
		goto out;
	}
	if (o.term_charset != NULL && output_set_charset(o.term_charset) != 0) {
		err = xasprintf("unknown terminal charset '%s'", o.term_charset);
		rc = usage_error(err);
		goto out;
	}
	nin = o.nfiles > 0 ? (size_t)o.nfiles : 1;
	in = xcalloc(nin, sizeof *in);
	for (size_t i = 0; i < nin; i++) {
		const char *p = o.nfiles > 0 ? o.files[i] : NULL;

		in[i].path = p != NULL && strcmp(p, "-") != 0 ? p : NULL;
		if (in[i].path == NULL && isatty(STDIN_FILENO))
			stdin_tty = true;
	}
	o.aa.dump_width = o.width;
	o.aa.gap = o.gap;
	early_settings(&o.aa, &o.lo, &o.gap);
	if (o.mode == MODE_PRINT_CONFIG) {
		rc = app_print_config(&o.aa, out_stdout());
		goto out;
	}
	if (stdin_tty) {
		rc = usage_error("no input: give a FILE or pipe text in");
		goto out;
	}
	if (o.mode == MODE_VIEW && !isatty(STDOUT_FILENO))
		o.mode = MODE_DUMP;	/* like less: a pipe gets the text */

	if (o.mode == MODE_VIEW) {
		size_t nopen = 0;

		/* The view opens at once: a regular file with its first
		 * piece loaded, the rest loaded between keys (loader.h); a
		 * FIFO or pipe read while it runs (feed.h).  A file that
		 * cannot be read among several is reported and the others
		 * open. */
		for (size_t i = 0; i < nin; i++) {
			struct feed *f = NULL;
			struct loader *ld = NULL;

			c = loader_open(in[i].path, &o.lo, &ld, &cause);
			if (c == 0 &&
			    feed_open(in[i].path, &o.lo, &f, &cause) != 1) {
				/* It stopped being a stream in between. */
				c = -1;
				if (cause == NULL)
					cause = xstrdup("input changed while "
					    "it was opened");
			}
			if (c < 0) {
				out_error("%s", cause);
				free(cause);
				cause = NULL;
				continue;
			}
			in[nopen].path = in[i].path;
			in[nopen].d = NULL;
			in[nopen].feed = f;
			in[nopen].ld = ld;
			in[nopen].note = NULL;
			nopen++;
		}
		/* app_run says why a text stops early (a decompression
		 * limit, damaged data) again once the screen is back. */
		rc = nopen > 0 ? app_run(in, nopen, &o.aa) : 1;
		goto out;
	}
	if (o.width == 0)
		o.width = output_columns();
	for (size_t i = 0; i < nin; i++) {
		struct load_src src;

		t0 = util_now_ms();
		if (load_doc_src(in[i].path, &o.lo, &d, &src, &cause) != 0) {
			out_error("%s", cause);
			free(cause);
			cause = NULL;
			rc = 1;
			continue;
		}
		/* The text is shown as far as it goes; stderr says why it
		 * stops there. */
		if (src.note != NULL)
			out_error("%s", src.note);
		/* Several files: a header before each, as head(1) does. */
		if (nin > 1)
			out_printf(out_stdout(), "%s==> %s <==\n",
			    printed++ > 0 ? "\n" : "", o.files[i]);
		switch (o.mode) {
		case MODE_DUMP:
			dump_layout(d, o.width, o.gap, out_stdout());
			break;
		case MODE_OUTLINE:
			dump_outline(d, o.ofmt, out_stdout());
			break;
		case MODE_INFO:
			dump_info_src(d, &src, out_stdout());
			break;
		case MODE_TREE:
			doc_dump_tree(d, out_stdout());
			break;
		case MODE_BENCH:
			bench_layout(d, o.width, util_now_ms() - t0);
			break;
		default:
			break;
		}
		load_src_free(&src);
		doc_free(d);
		d = NULL;
	}
	if (out_flush(out_stdout()) != 0 && errno != EPIPE)
		rc = 1;
out:
	out_flush(out_stdout());
	doc_free(d);
	free(err);
	free(in);
	free(o.files);
	free(envv);
	free(envstore);
	return rc;
}
