/* txt.h - what the plain-text parser's passes share (parse_txt.c runs
 * them in order): the lines, the paragraphs and their candidate labels,
 * and the character helpers.  Private to src/parse/txt_*.c; the numbers
 * they decide by are in txt_rules.h. */
#ifndef YUEDU_TXT_H
#define YUEDU_TXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "docbuild.h"
#include "txt_rules.h"
#include "utf8.h"
#include "util.h"

struct line {
	uint32_t off;		/* start of the line in the text */
	uint32_t len;		/* bytes, without '\n' */
	uint32_t c_off;		/* content (indent and trailing blanks trimmed) */
	uint32_t c_len;
	uint16_t indent;	/* columns of leading white space */
	uint16_t width;		/* columns of the content */
	bool blank;
	uint8_t table;		/* enum table_line: part of a table */
	bool table_first;	/* the first line of a table */
};

/* What a line is in a table (txt_tables.c). */
enum table_line {
	TL_NONE,
	TL_ROW,			/* a row of cells */
	TL_HEAD,		/* a header row */
	TL_MORE,		/* more of the row above (grid tables) */
	TL_RULE			/* |---|---| or +----+----+ */
};

#define TXT_COLS_MAX 32	/* columns of a table we recognise */

enum style {
	ST_NONE,
	/* chapter words: ranked by meaning, not by order */
	ST_JUAN, ST_BIAN, ST_FENBIAN, ST_ZHANG, ST_JIE, ST_HUI,
	ST_TIAO,		/* 第N条: an article, never an outline heading */
	/* numbering: levels in the order first met */
	ST_CN_DUN,		/* 一、 一. */
	ST_CN_PAREN,		/* （一） (一) */
	ST_AR_DOT,		/* 1. 1、 1． */
	ST_AR_PAREN,		/* （1） (1) */
	ST_AR_CLOSE,		/* 1) 1】 */
	ST_CIRCLED,		/* ① */
	ST_AR_MULTI2, ST_AR_MULTI3, ST_AR_MULTI4,	/* 1.1  1.1.1  1.1.1.1 */
	ST_EN_CHAPTER,		/* Chapter 3, Part II */
	ST_BULLET,		/* "- ", "• ": a list item, never a heading */
	ST_PLAIN,		/* an unnumbered short line set apart */
	ST_SPECIAL,		/* 序言 前言 后记 附录 ... */
	ST_RELATED,		/* 相关阅读 See also ... */
	ST__COUNT
};

struct para {
	uint32_t first, last;	/* line indices */
	uint32_t off, len;	/* content of the first line .. last line */
	uint16_t indent;
	uint16_t blank_before;	/* blank lines before it */
	/* candidate */
	int style;
	long num;		/* number value (-1 unknown) */
	uint32_t label_len;	/* bytes of label from off */
	uint32_t title_off;	/* from off */
	uint32_t title_len;
	bool runin;
	/* decision */
	enum { P_TEXT, P_HEADING, P_ARTICLE, P_ITEM, P_TOC, P_TOCHEAD,
	    P_META, P_RELATED, P_LINK, P_TABLE } kind;
	int meta;
	int level;
};

/* What the parser keeps from one piece of a long text to the next
 * (parse.h: txt_parser_feed): the numbering styles in the order first met,
 * which decide heading levels, and the headings emitted so far, whose
 * levels txt_parser_finish() sets again once every style is known (a 编
 * met after the first 章 ranks above it). */
struct txt_head {
	uint32_t block;
	uint8_t style;
};

struct txt_state {
	int order[ST__COUNT];
	int norder;
	bool used[ST__COUNT];
	uint32_t lines;		/* input lines before the current piece */
	bool started;		/* the header was looked at (first piece) */
	struct txt_head *heads;
	uint32_t nheads, capheads;
	/* The line and paragraph arrays, kept from piece to piece so they
	 * are not grown (and copied) again for each. */
	struct line *line_buf;
	uint32_t line_cap;
	struct para *para_buf;
	uint32_t para_cap;
};

struct ctx {
	struct txt_state *st;
	const char *t;
	size_t n;
	struct line *lines;
	uint32_t nlines, lines_cap;
	struct para *paras;
	uint32_t nparas, cap;
	uint32_t wrap_width;	/* typical width of hard-wrapped lines, 0 none */
	bool blank_style;	/* paragraphs are separated by blank lines */
};

/* ---- characters (txt_text.c) ---- */

static inline uint32_t
cp_at(const char *s, size_t n, size_t *k)
{
	uint32_t cp = 0;

	*k = utf8_decode(s, n, &cp);
	return cp;
}

static inline bool
is_space_cp(uint32_t cp)
{
	/* zero-width space, word joiner and BOM count as white space: a line
	 * holding only them is blank */
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 ||
	    cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

static inline bool
is_open_paren(uint32_t cp)
{
	return cp == 0xFF08 || cp == '(';
}

static inline bool
is_close_paren(uint32_t cp)
{
	return cp == 0xFF09 || cp == ')';
}

static inline bool
starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(s, lit, k) == 0;
}

static inline bool
is_chapter_style(int s)
{
	return s >= ST_JUAN && s <= ST_HUI;
}

static inline bool
ends_with(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(s + n - k, lit, k) == 0;
}

/* Sentence or clause ends: a line ending with one is complete. */
bool txt_is_terminal(uint32_t cp);
/* A Chinese numeral (一, 十二, 一百零五) or ASCII/full-width digits at s:
 * bytes used (0 if none), the value in *val. */
size_t txt_cn_number(const char *s, size_t n, long *val);
size_t txt_ar_number(const char *s, size_t n, long *val);
size_t txt_skip_spaces(const char *s, size_t n, size_t i);
/* Compares text ignoring white space (目　　录 == 目录). */
bool txt_eq_nospace(const char *s, size_t n, const char *lit);
/* The line is one of the words that open a section: 序言, 附录, Preface … */
bool txt_is_special_line(const char *s, size_t n);
/* … or a related-reading section: 相关阅读, See also … */
bool txt_is_related_line(const char *s, size_t n);
/* Chapter words by meaning: 卷 0, 编 1, 分编 2, 章/回 3, 节 4. */
int txt_chapter_rank(int s);
bool txt_has_period(const char *s, size_t n);

/* ---- pass 1: lines (txt_lines.c) ---- */

void txt_split_lines(struct ctx *c);
/* How much shorter than the margin a wrapped line may be. */
uint32_t txt_wrap_slack(uint32_t wrap);
/* The margin of hard-wrapped text, or 0 when lines are paragraphs. */
uint32_t txt_find_wrap_width(const struct ctx *c);

/* ---- candidates (txt_labels.c) ---- */

/* Fills the candidate fields of p from its first line. */
void txt_find_label(const struct ctx *c, struct para *p);
/* The text after a label reads like a reference, not a title. */
bool txt_is_cross_reference(const char *s, size_t n, int style);
/* Run-in or standalone; false when p is not shaped like a heading. */
bool txt_shape_heading(const struct ctx *c, struct para *p);

/* ---- tables (txt_tables.c), between passes 1 and 2 ---- */

/* Marks the lines of the tables it is sure of: |-separated rows under a
 * |---|---| rule, +----+ grids, and runs of lines with the same column
 * gaps. */
void txt_find_tables(struct ctx *c);
/* The columns of the table that starts at line li and their alignment
 * (enum cell_align; aligns may be NULL).  Returns the column count. */
unsigned txt_table_columns(const struct ctx *c, uint32_t li,
    uint8_t *aligns);

/* ---- pass 2: paragraphs (txt_paras.c) ---- */

void txt_split_paragraphs(struct ctx *c);
/* The line starts like a heading or a section word (never joined to the
 * line above). */
bool txt_line_is_candidate(const struct ctx *c, uint32_t li);

/* ---- pass 3: classification (txt_header.c, txt_headings.c) ---- */

/* Title, date, source before the body; returns the first body paragraph. */
uint32_t txt_classify_header(struct ctx *c, struct docb *b);
void txt_classify(struct ctx *c, uint32_t body);
void txt_find_plain_headings(struct ctx *c, uint32_t body);
void txt_assign_levels(struct ctx *c);
/* Levels for the styles in st's order (level_of[ST__COUNT]). */
void txt_levels_of(const struct txt_state *st, int *level_of);

#endif
