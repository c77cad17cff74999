/* txt_rules.h - every number the plain-text parser decides by, in one
 * table, each with why it is what it is.  Changing one changes which
 * lines become headings: run `sh tests/run.sh golden` and
 * tests/unit/test_headings_laws (precision/recall) after. */
#ifndef YUEDU_TXT_RULES_H
#define YUEDU_TXT_RULES_H

#include <stdint.h>

/* Columns of the wrap histogram (an array size, so a constant). */
#define TXT_WIDTH_MAX 160

struct txt_rules {
	/* pass 1: lines */
	uint32_t lines_max;	/* structure costs ~140 B a line; past this
				 * (a log, `yes`) the rest is preformatted */
	unsigned indent_max;	/* columns of indent kept: deeper is noise */
	unsigned measure_max;	/* bytes: longer lines are paragraphs, not
				 * wrapped lines; skip measuring them */
	unsigned width_max;	/* columns of the wrap histogram: hard wraps
				 * are never wider */
	/* hard-wrap detection */
	unsigned wrap_min_lines;	/* fewer non-blank lines say nothing */
	unsigned wrap_over_share;	/* 1/N of lines over width_max: not
					 * hard-wrapped */
	unsigned wrap_pct_share;	/* the margin is the width 1/N of the
					 * lines reach (the 90th percentile) */
	unsigned wrap_min_width;	/* narrower "margins" are short lines */
	unsigned wrap_near_share;	/* at least 1/N of lines must sit near
					 * the margin, else widths are random */
	unsigned wrap_near_over;	/* columns past the margin still near */
	unsigned wrap_slack_min;	/* a wrapped line may fall short of the
					 * margin by a word: at least this */
	unsigned wrap_slack_div;	/* ... or by 1/N of the margin */
	/* pass 2: paragraphs */
	unsigned blank_style_ratio;	/* blank lines >= non-blank / N: blank
					 * lines separate paragraphs */
	unsigned bracket_join_max;	/* bytes: an open bracket joins the
					 * next line only if it is shorter */
	/* labels and heading shape */
	unsigned cn_number_chars;	/* a Chinese numeral is never longer */
	unsigned ar_number_digits;	/* this many digits is a year or an
					 * amount, not a label */
	unsigned multi_depth_max;	/* 1.1.1.1: deepest dotted number */
	unsigned en_chapter_max;	/* bytes of a "Chapter 3" line */
	unsigned word_line_max;		/* bytes: every 相关阅读/附录 word line
					 * is shorter; skip long lines fast */
	unsigned title_max;		/* chars of a standalone heading */
	unsigned chapter_title_max;	/* chars of "第一章 总则" lines, which
					 * are never sentences */
	unsigned runin_max;		/* chars of a run-in title before 。/： */
	unsigned runin_min;		/* shorter is a lead-in, not a title */
	unsigned first_num_max;		/* a numbering style first met above
					 * this number is a reference, not a
					 * section (except 一、) */
	/* the header: title, date, source */
	unsigned header_paras;		/* the header is within the first N */
	unsigned header_line_max;	/* chars of a title or subtitle */
	unsigned date_line_max;		/* chars of a date/source line */
	unsigned body_min;		/* chars of the long paragraph that ends
					 * the header (the last short line then
					 * is a heading) */
	/* contents, related reading, laws */
	unsigned toc_entry_max;		/* chars of a contents entry */
	unsigned dot_leader_min;	/* leader characters in a row */
	unsigned page_digits_max;	/* a page number is at most this long */
	unsigned link_max;		/* chars of a related-reading link */
	unsigned law_min_articles;	/* one "第一条经验是…" does not make a law */
	/* unnumbered headings */
	unsigned body_para_min;		/* chars of a body paragraph (indent
					 * style is judged on these) */
	unsigned indent_min_paras;	/* body paragraphs needed to judge */
	unsigned indent_share_tenths;	/* tenths of them indented: headings
					 * are the unindented lines */
	unsigned indent_para_min;	/* columns that count as indented */
	unsigned plain_min;		/* chars of an unnumbered heading */
	unsigned plain_max;
	unsigned complete_min;		/* chars: a paragraph this long ends a
					 * thought even without 。 */
	unsigned plain_next_min;	/* chars the next paragraph needs (or
					 * twice the heading) */
	unsigned plain_next_extra;	/* ... or a sentence this much longer */
	/* tables and lists */
	unsigned table_rows_min;	/* lines of a table of column gaps: two
					 * aligned lines happen by chance */
	unsigned table_gap_min;		/* columns of blank between two cells;
					 * one is a word space */
	unsigned list_depth_max;	/* nested lists kept by indentation */
	unsigned plain_share_max;	/* 1/N of the paragraphs at most (else
					 * short lines are a poem or a list) */
};

static const struct txt_rules TXT_RULES = {
	.lines_max = 2000000u,
	.indent_max = 60,
	.measure_max = 512,
	.width_max = TXT_WIDTH_MAX,
	.wrap_min_lines = 8,
	.wrap_over_share = 20,
	.wrap_pct_share = 10,
	.wrap_min_width = 30,
	.wrap_near_share = 4,
	.wrap_near_over = 2,
	.wrap_slack_min = 8,
	.wrap_slack_div = 5,
	.blank_style_ratio = 3,
	.bracket_join_max = 200,
	.cn_number_chars = 12,
	.ar_number_digits = 6,
	.multi_depth_max = 4,
	.en_chapter_max = 120,
	.word_line_max = 64,
	.title_max = 40,
	.chapter_title_max = 60,
	.runin_max = 30,
	.runin_min = 2,
	.first_num_max = 3,
	.header_paras = 10,
	.header_line_max = 50,
	.date_line_max = 80,
	.body_min = 40,
	.toc_entry_max = 40,
	.dot_leader_min = 4,
	.page_digits_max = 4,
	.link_max = 60,
	.law_min_articles = 3,
	.body_para_min = 30,
	.indent_min_paras = 3,
	.indent_share_tenths = 6,
	.indent_para_min = 2,
	.plain_min = 2,
	.plain_max = 30,
	.complete_min = 40,
	.plain_next_min = 40,
	.plain_next_extra = 4,
	.plain_share_max = 2,
	.table_rows_min = 3,
	.table_gap_min = 2,
	.list_depth_max = 8,
};

#endif
