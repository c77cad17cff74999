/* Heading detection measured against ground truth: the Markdown laws of
 * ../shared/corpus/md-laws-subset declare their structure with ##/###.
 * Strip the # marks (and the <!-- INFO END --> marker), read the result
 * as plain text, and compare the headings found with the declared ones,
 * line by line.  Prints precision and recall; fails below 0.95. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "load.h"
#include "util.h"

#include "testutil.h"

static size_t truth_total, found_total, matched_total, files;
static size_t level_agree;
static FILE *misses;

static int
visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	size_t len, i, start, line = 1;
	char *md, *hashes;
	struct buf txt;
	unsigned char *truth;
	struct doc *d;
	uint32_t n;

	(void)st;
	(void)ftw;
	if (type != FTW_F || strlen(path) < 4 ||
	    strcmp(path + strlen(path) - 3, ".md") != 0 ||
	    strstr(path, "_index.md") != NULL)
		return 0;
	if ((md = slurp_file(path, &len)) == NULL)
		return 0;
	buf_init(&txt);
	truth = xcalloc(len + 2, 1);
	hashes = xcalloc(len + 2, 1);
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && md[i] != '\n')
			continue;
		{
			const char *s = md + start;
			size_t k = i - start, h = 0;

			while (h < k && s[h] == '#')
				h++;
			if (h > 0 && h < k && s[h] == ' ') {
				if (h == 2 || h == 3)
					truth[line] = 1;
				hashes[line] = (char)h;
				s += h + 1;
				k -= h + 1;
			} else if (k >= 4 && strncmp(s, "<!--", 4) == 0)
				k = 0;	/* a comment marker: a blank line */
			buf_put(&txt, s, k);
			if (i < len)
				buf_putc(&txt, '\n');
		}
		start = i + 1;
		line++;
	}
	d = load_bytes(path, txt.data, txt.len, &lo);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	{
		unsigned char *found = xcalloc(line + 2, 1);
		size_t t = 0, f = 0, m = 0;

		for (n = 0; n < d->nnodes; n++) {
			const struct block *bl = &d->blocks[d->nodes[n].block];

			if (bl->flags & BLOCK_F_RELATED)
				continue;
			if (bl->line < line + 1)
				found[bl->line] = (unsigned char)d->nodes[n].level;
		}
		for (i = 1; i < line; i++) {
			t += truth[i];
			f += found[i] != 0;
			if (truth[i] && found[i]) {
				m++;
				if (found[i] == hashes[i] - 1)
					level_agree++;
			}
			if (misses != NULL && truth[i] != (found[i] != 0)) {
				/* print the line for the report */
				size_t ln = 1, p = 0;

				while (p < txt.len && ln < i)
					if (txt.data[p++] == '\n')
						ln++;
				fprintf(misses, "%s %s:%zu: %.*s\n",
				    truth[i] ? "MISSED" : "INVENTED", path, i,
				    (int)(strchr(txt.data + p, '\n') ?
				    strchr(txt.data + p, '\n') - (txt.data + p) :
				    (long)(txt.len - p)), txt.data + p);
			}
		}
		truth_total += t;
		found_total += f;
		matched_total += m;
		free(found);
	}
	files++;
	doc_free(d);
	buf_free(&txt);
	free(truth);
	free(hashes);
	free(md);
	return 0;
}

static void
test_laws_precision_recall(void **state)
{
	char dir[4096];
	double p, r;

	(void)state;
	CORPUS_OR_SKIP();
	snprintf(dir, sizeof dir, "%s/md-laws-subset", corpus_dir());
	misses = getenv("YUEDU_MISSES") ? fopen(getenv("YUEDU_MISSES"), "w") :
	    NULL;
	assert_int_equal(nftw(dir, visit, 16, FTW_PHYS), 0);
	if (misses)
		fclose(misses);
	assert_true(files >= 100);
	assert_true(truth_total > 0 && found_total > 0);
	p = (double)matched_total / (double)found_total;
	r = (double)matched_total / (double)truth_total;
	printf("md-laws-subset: %zu files, %zu declared headings, %zu found, "
	    "%zu matched: precision %.4f recall %.4f (levels agree on %zu)\n",
	    files, truth_total, found_total, matched_total, p, r, level_agree);
	assert_true(p >= 0.95);
	assert_true(r >= 0.95);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_laws_precision_recall),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
