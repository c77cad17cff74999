/* The document builder, the outline tree and the plain-text parser, on
 * small inputs written for each rule and on every text of the corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docbuild.h"
#include "load.h"
#include "outline.h"
#include "parse.h"
#include "utf8.h"
#include "util.h"

#include "testutil.h"

static struct doc *
txt(const char *s)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	struct doc *d = load_bytes("t.txt", s, strlen(s), &lo);

	assert_int_equal(doc_check(d, out_stderr()), 0);
	return d;
}

/* "LABEL|TITLE" of outline node n. */
static char *
node_str(const struct doc *d, uint32_t n)
{
	const struct block *bl = &d->blocks[d->nodes[n].block];
	const char *t = doc_block_text(d, d->nodes[n].block);

	return xasprintf("%.*s|%.*s", (int)bl->label_len, t,
	    (int)bl->title_len, t + bl->title_off);
}

static void
assert_node(const struct doc *d, uint32_t n, unsigned level, const char *s)
{
	char *got;

	assert_true(n < d->nnodes);
	got = node_str(d, n);
	assert_string_equal(got, s);
	assert_int_equal(d->nodes[n].level, level);
	free(got);
}

static void
test_builder_blocks_spans(void **state)
{
	struct docb *b = docb_new();
	struct doc *d;

	(void)state;
	docb_begin(b, BLOCK_HEADING, 1, 1);
	docb_text(b, "一、总则", strlen("一、总则"));
	docb_set_label(b, 6, 6, 6);
	docb_end(b);
	docb_begin(b, BLOCK_PARA, 0, 2);	/* empty: dropped */
	docb_end(b);
	docb_begin(b, BLOCK_PARA, 0, 3);
	docb_text(b, "a\033b\tc", 5);		/* sanitised on entry */
	docb_span(b, STYLE_STRONG, 0, 100, NULL);	/* clamped */
	docb_end(b);
	docb_begin(b, BLOCK_HEADING, 2, 4);
	docb_text(b, "x", 1);
	docb_end(b);
	d = docb_finish(b);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_int_equal(d->nblocks, 3);
	/* ESC shown as ␛; the tab at column 3 pads to column 8 */
	assert_int_equal(d->blocks[1].text_len, strlen("a\xE2\x90\x9B" "b     c"));
	assert_memory_equal(doc_block_text(d, 1), "a\xE2\x90\x9B" "b     c",
	    d->blocks[1].text_len);
	assert_int_equal(d->spans[d->blocks[1].span_first].len,
	    d->blocks[1].text_len);
	assert_int_equal(d->nnodes, 2);
	assert_int_equal(d->nodes[1].parent, 0);
	assert_int_equal(d->nodes[0].first_child, 1);
	assert_int_equal(d->nodes[0].end_block, 3);
	assert_int_equal(outline_node_of_block(d, 1), 0);
	assert_int_equal(d->nodes[0].paras, 1);
	doc_free(d);
}

static void
test_builder_splits_long_paragraph(void **state)
{
	struct docb *b = docb_new();
	struct buf big;
	struct doc *d;
	size_t i, total = 0;
	uint32_t k;

	(void)state;
	buf_init(&big);
	for (i = 0; i < 60000; i++)
		buf_puts(&big, i % 40 == 39 ? "。" : "中");
	docb_begin(b, BLOCK_PARA, 0, 1);
	docb_text(b, big.data, big.len);
	docb_span(b, STYLE_EM, 10, (uint32_t)big.len - 20, NULL);
	docb_end(b);
	d = docb_finish(b);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_true(d->nblocks >= 3);
	for (k = 0; k < d->nblocks; k++) {
		assert_true(d->blocks[k].text_len <= DOCB_BLOCK_MAX);
		assert_int_equal(!!(d->blocks[k].flags & BLOCK_F_CONT), k > 0);
		assert_int_equal(d->blocks[k].span_count, 1);
		total += d->blocks[k].text_len;
	}
	assert_int_equal(total, big.len);
	assert_memory_equal(d->text, big.data, big.len);
	buf_free(&big);
	doc_free(d);
}

static void
para(struct docb *b, const char *s, uint32_t line)
{
	docb_begin(b, BLOCK_PARA, 0, line);
	docb_text(b, s, strlen(s));
	docb_end(b);
}

/* A list of two items, the second holding a quote; a table after it. */
static void
test_builder_containers(void **state)
{
	struct docb *b = docb_new();
	struct cont_attrs la = { 0 }, ia = { 0 }, ca = { 0 };
	struct doc *d;
	uint32_t list, it1, it2, q, tab, row, cell;

	(void)state;
	para(b, "before", 1);
	la.ordered = 1;
	la.num = 3;
	list = docb_open(b, CONT_LIST, &la);
	ia.label = "3.";
	ia.label_len = 2;
	ia.num = 3;
	it1 = docb_open(b, CONT_ITEM, &ia);
	para(b, "three", 2);
	docb_close(b);
	ia.label = "4.\t";	/* sanitised: the tab becomes a space */
	ia.label_len = 3;
	ia.num = 4;
	ia.task = TASK_DONE;
	it2 = docb_open(b, CONT_ITEM, &ia);
	para(b, "four", 3);
	q = docb_open(b, CONT_QUOTE, NULL);
	para(b, "quoted", 4);
	docb_close(b);
	docb_close(b);
	docb_close(b);
	tab = docb_open(b, CONT_TABLE, &(struct cont_attrs){ .num = 1 });
	row = docb_open(b, CONT_ROW, NULL);
	ca.align = ALIGN_RIGHT;
	ca.header = 1;
	cell = docb_open(b, CONT_CELL, &ca);
	docb_begin(b, BLOCK_PRE, 0, 5);
	docb_text(b, "| a |", 5);
	/* left open: docb_finish closes the block, cell, row and table */
	d = docb_finish(b);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_int_equal(d->nblocks, 5);
	assert_int_equal(d->nconts, 7);
	assert_int_equal(list, 0);
	assert_int_equal(d->conts[list].parent, CONT_NONE);
	assert_int_equal(d->conts[list].flags & CONT_F_ORDERED, CONT_F_ORDERED);
	assert_int_equal(d->conts[list].num, 3);
	assert_int_equal(d->conts[list].first_block, 1);
	assert_int_equal(d->conts[list].nblocks, 3);
	assert_int_equal(d->conts[it1].parent, list);
	assert_int_equal(d->conts[it1].nblocks, 1);
	assert_int_equal(d->conts[it2].parent, list);
	assert_int_equal(d->conts[it2].depth, 2);
	assert_int_equal(d->conts[it2].task, TASK_DONE);
	assert_memory_equal(d->strs + d->conts[it2].label_off, "4. ", 3);
	assert_int_equal(d->conts[q].parent, it2);
	assert_int_equal(d->conts[q].depth, 3);
	assert_int_equal(d->conts[cell].parent, row);
	assert_int_equal(d->conts[row].parent, tab);
	assert_int_equal(d->conts[cell].align, ALIGN_RIGHT);
	assert_int_equal(d->conts[cell].nblocks, 1);
	assert_int_equal(doc_block_container(d, 0), CONT_NONE);
	assert_int_equal(doc_block_container(d, 1), it1);
	assert_int_equal(doc_block_container(d, 2), it2);
	assert_int_equal(doc_block_container(d, 3), q);
	assert_int_equal(doc_block_container(d, 4), cell);
	doc_free(d);
}

/* Past DOCB_MAX_NEST, opens are counted and flattened: the blocks go to
 * the deepest kept container, and the closes still balance. */
static void
test_builder_depth_cap(void **state)
{
	struct docb *b = docb_new();
	struct doc *d;
	uint32_t i, n = DOCB_MAX_NEST + 100;

	(void)state;
	for (i = 0; i < n; i++) {
		uint32_t c = docb_open(b, CONT_QUOTE, NULL);

		assert_int_equal(c, i < DOCB_MAX_NEST ? i : CONT_NONE);
	}
	para(b, "deep", 1);
	for (i = 0; i < n; i++)
		docb_close(b);
	docb_close(b);		/* one too many: ignored */
	para(b, "after", 2);
	d = docb_finish(b);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_int_equal(d->nconts, DOCB_MAX_NEST);
	assert_int_equal(d->nest_flattened, 100);
	assert_int_equal(doc_block_container(d, 0), DOCB_MAX_NEST - 1);
	assert_int_equal(d->conts[DOCB_MAX_NEST - 1].depth, DOCB_MAX_NEST);
	assert_int_equal(doc_block_container(d, 1), CONT_NONE);
	for (i = 0; i < DOCB_MAX_NEST; i++)
		assert_int_equal(d->conts[i].nblocks, 1);
	doc_free(d);
}

/* doc_check sees a broken tree: a child outside its parent, a parent
 * after its child, a block that names the wrong container. */
static void
test_check_catches_broken_tree(void **state)
{
	struct docb *b = docb_new();
	struct doc *d;
	struct container saved;

	(void)state;
	docb_open(b, CONT_LIST, NULL);
	docb_open(b, CONT_ITEM, NULL);
	para(b, "one", 1);
	docb_close(b);
	docb_open(b, CONT_ITEM, NULL);
	para(b, "two", 2);
	docb_close(b);
	docb_close(b);
	para(b, "out", 3);
	d = docb_finish(b);
	assert_int_equal(doc_check(d, NULL), 0);

	saved = d->conts[2];
	d->conts[2].nblocks = 2;	/* item 2 runs past its list */
	assert_true(doc_check(d, NULL) > 0);
	d->conts[2] = saved;

	d->conts[1].parent = 2;		/* parent after the child */
	assert_true(doc_check(d, NULL) > 0);
	d->conts[1].parent = 0;

	d->conts[1].nblocks = 2;	/* siblings overlap */
	assert_true(doc_check(d, NULL) > 0);
	d->conts[1].nblocks = 1;

	d->conts[2].depth = 3;
	assert_true(doc_check(d, NULL) > 0);
	d->conts[2].depth = 2;
	assert_int_equal(doc_check(d, NULL), 0);
	doc_free(d);
}

/* The text entry point sanitises raw text as it stores it: a bidi
 * override becomes the visible text "<U+202E>" in a plain block, never
 * structure; clean text (including that visible form) is stored as is. */
static void
test_builder_text_sanitises(void **state)
{
	static const char raw[] = "a\xE2\x80\xAE" "b<i>\x1B[31m";
	static const char shown[] = "a<U+202E>b<i>\xE2\x90\x9B[31m";
	struct docb *b = docb_new();
	struct doc *d;

	(void)state;
	docb_open(b, CONT_QUOTE, NULL);
	para(b, raw, 1);
	docb_close(b);
	para(b, shown, 2);		/* already clean: unchanged */
	para(b, "x\xE2\x80\x8By", 3);	/* ZWSP kept and counted */
	d = docb_finish(b);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_int_equal(d->nblocks, 3);
	assert_int_equal(d->nconts, 1);
	assert_int_equal(d->blocks[0].text_len, strlen(shown));
	assert_memory_equal(doc_block_text(d, 0), shown, strlen(shown));
	assert_int_equal(d->blocks[0].span_count, 0);
	assert_int_equal(d->blocks[1].text_len, strlen(shown));
	assert_memory_equal(doc_block_text(d, 1), shown, strlen(shown));
	assert_int_equal(d->invisible, 1);
	doc_free(d);
}

/* How many containers of a type the document has. */
static uint32_t
count_conts(const struct doc *d, enum container_type t)
{
	uint32_t i, n = 0;

	for (i = 0; i < d->nconts; i++)
		n += d->conts[i].type == t;
	return n;
}

/* Plain text: item runs become lists, sure tables become tables with
 * preformatted rows; lined-up code or a single aligned pair does not. */
static void
test_txt_lists_and_tables(void **state)
{
	struct doc *d;

	(void)state;
	d = txt("T\n\nA paragraph that is long enough to be the body of it.\n\n"
	    "- one\n- two\n  - deeper\n- three\n\nText.\n");
	assert_int_equal(count_conts(d, CONT_LIST), 2);
	assert_int_equal(count_conts(d, CONT_ITEM), 4);
	assert_int_equal(d->conts[3].type, CONT_LIST);	/* nested in "two" */
	assert_int_equal(d->conts[3].parent, 2);
	doc_free(d);

	d = txt("T\n\nA paragraph that is long enough to be the body of it.\n\n"
	    "| a | b |\n|---|--:|\n| 1 | 2 |\n\nText.\n");
	assert_int_equal(count_conts(d, CONT_TABLE), 1);
	assert_int_equal(count_conts(d, CONT_ROW), 2);
	assert_int_equal(count_conts(d, CONT_CELL), 4);
	assert_int_equal(d->conts[0].num, 2);
	assert_int_equal(d->conts[3].align, ALIGN_RIGHT);
	assert_int_equal(d->blocks[d->conts[1].first_block].type, BLOCK_PRE);
	doc_free(d);

	/* compiler output lined up by hand, and only two aligned lines */
	d = txt("error: x\n  |         ----^\n  |         |\n"
	    "  |         first\n\nName   Age\nBob    25\n\nText here.\n");
	assert_int_equal(count_conts(d, CONT_TABLE), 0);
	doc_free(d);
}

/* doc_block_at: the block holding a byte of the arena. */
static void
test_block_at(void **state)
{
	struct doc *d = txt("one\n\ntwo two\n\nthree\n");
	struct doc empty;
	uint32_t b;

	(void)state;
	assert_true(d->nblocks >= 3);
	for (b = 0; b < d->nblocks; b++) {
		size_t off = d->blocks[b].text_off;

		assert_int_equal(doc_block_at(d, off), b);
		assert_int_equal(doc_block_at(d, off + d->blocks[b].text_len -
		    1), b);
		if (b > 0)
			assert_int_equal(doc_block_at(d, off - 1), b - 1);
	}
	assert_int_equal(doc_block_at(d, d->text_len + 100), d->nblocks - 1);
	memset(&empty, 0, sizeof empty);
	assert_int_equal(doc_block_at(&empty, 5), 0);
	doc_free(d);
}

static void
test_seed_shapes(void **state)
{
	struct doc *d = txt("站点 首页\n\n一个标题\n\n2024-01-02 来源网\n\n"
	    "  这是正文的第一段，介绍背景，而且足够长足够长足够长足够长。\n\n"
	    "  一、总体要求\n\n"
	    "  （一）指导思想。全面贯彻落实各项部署，推动工作取得实效。\n\n"
	    "  (二）基本原则。坚持问题导向，坚持系统观念，坚持守正创新。\n\n"
	    "  （四)主要目标。到明年，各项工作取得明显进展，群众满意。\n\n"
	    "  三、保障措施\n\n正文。\n\n相关阅读\n文章甲\n文章乙\n");

	(void)state;
	assert_string_equal(d->title, "一个标题");
	assert_string_equal(d->date, "2024-01-02");
	assert_string_equal(d->source, "来源网");
	assert_string_equal(d->site, "站点");
	assert_int_equal(d->nnodes, 6);
	assert_node(d, 0, 1, "一、|总体要求");
	assert_node(d, 1, 2, "（一）|指导思想");	/* run-in */
	assert_node(d, 2, 2, "(二）|基本原则");	/* mixed brackets */
	assert_node(d, 3, 2, "（四)|主要目标");	/* a gap is kept */
	assert_node(d, 4, 1, "三、|保障措施");
	assert_node(d, 5, 1, "|相关阅读");
	assert_true(d->blocks[d->nodes[1].block].flags & BLOCK_F_RUNIN);
	assert_true(d->blocks[d->nodes[5].block].flags & BLOCK_F_RELATED);
	assert_true(d->blocks[d->nblocks - 1].flags & BLOCK_F_LINK);
	doc_free(d);
}

static void
test_not_headings(void **state)
{
	/* cross-references, in-sentence items, sentences, dense lists */
	struct doc *d = txt("标题\n\n"
	    "（一）至（三）项所列人员，应当依法处理，不得拖延，并报告。\n\n"
	    "第二章规定的事项，由有关部门负责解释，并予以公布实施。\n\n"
	    "（一）组织、领导、参加黑社会性质组织的，依照本法处罚；\n\n"
	    "1. 苹果\n2. 香蕉\n3. 橘子\n\n"
	    "3.14 是圆周率的近似值，常常用在计算中，大家都知道。\n");

	(void)state;
	assert_int_equal(d->nnodes, 0);
	doc_free(d);
}

static void
test_levels_in_order_first_met(void **state)
{
	struct doc *d = txt("（一）甲\n\n正文一段足够长的文字，写在这里作为内容。\n\n"
	    "1. 子项\n\n正文一段足够长的文字，写在这里作为内容。\n\n"
	    "（二）乙\n\n正文一段足够长的文字，写在这里作为内容。\n");

	(void)state;
	assert_int_equal(d->nnodes, 3);
	assert_node(d, 0, 1, "（一）|甲");
	assert_node(d, 1, 2, "1.|子项");
	assert_node(d, 2, 1, "（二）|乙");
	doc_free(d);
}

static void
test_law_articles_and_chapters(void **state)
{
	struct doc *d = txt("某某法\n\n目　　录\n第一章　总则\n第二章　附则\n\n"
	    "第一章　总则\n\n第一条　为了规范管理，制定本法。\n\n"
	    "第二条　本法适用于：\n\n（一）甲事项；\n\n（二）乙事项。\n\n"
	    "第二章　附则\n\n第三条　本法自公布之日起施行。\n");
	uint32_t b, articles = 0;

	(void)state;
	/* the 目录 lines are not headings: no duplicates */
	assert_int_equal(d->nnodes, 2);
	assert_node(d, 0, 1, "第一章|总则");
	assert_node(d, 1, 1, "第二章|附则");
	assert_int_equal(d->blocks[d->nodes[0].block].line, 7);
	for (b = 0; b < d->nblocks; b++)
		if (d->blocks[b].flags & BLOCK_F_ARTICLE)
			articles++;
	assert_int_equal(articles, 3);
	doc_free(d);
}

static void
test_paragraph_joining(void **state)
{
	struct doc *d;
	uint32_t b;
	const char *en =
	    "A Title\n\n"
	    "This paragraph was wrapped by an editor at seventy columns so\n"
	    "its lines must be joined again with one space between words,\n"
	    "like the lines of most plain-text files written in English.\n\n"
	    "Another paragraph that is wrapped the same way to seventy col\n"
	    "umns, so that the wrap width of the file can be found again.\n"
	    "It has three lines and ends here with a period at the end.\n\n"
	    "Third paragraph to give the width detector enough lines to\n"
	    "work with: it needs at least eight non-blank lines in all.\n";

	(void)state;
	d = txt(en);
	for (b = 0; b < d->nblocks; b++)
		if (d->blocks[b].type == BLOCK_PARA)
			break;
	assert_true(b < d->nblocks);
	assert_non_null(strstr(doc_block_text(d, b), "columns so its lines"));
	assert_null(memchr(doc_block_text(d, b), '\n', d->blocks[b].text_len));
	doc_free(d);
	/* one line per paragraph, CJK: never joined */
	d = txt("标题\n第一行是一段完整的话。\n第二行也是一段完整的话。\n");
	assert_int_equal(d->nblocks, 3);
	doc_free(d);
	/* an open bracket continues on the next line, joined without space */
	d = txt("标题\n\n（2020年5月28日第十三届全国人民代表大会第三次\n会议通过）\n\n正文。\n");
	for (b = 0; b < d->nblocks; b++)
		if (strstr(doc_block_text(d, b), "第三次会议通过") != NULL)
			break;
	assert_true(b < d->nblocks);
	doc_free(d);
}

static void
test_western_numbering(void **state)
{
	struct doc *d = txt("Guide\n\n1. Introduction\n\nSome text that is long "
	    "enough to be a paragraph of its own.\n\n1.1 Scope\n\nMore text.\n\n"
	    "1.2 Terms\n\nMore text.\n\n2. Usage\n\nText.\n\nSee also\n\nOther\n");

	(void)state;
	assert_int_equal(d->nnodes, 5);
	assert_node(d, 0, 1, "1.|Introduction");
	assert_node(d, 1, 2, "1.1|Scope");
	assert_node(d, 3, 1, "2.|Usage");
	assert_node(d, 4, 1, "|See also");
	doc_free(d);
}

static void
test_review_cases(void **state)
{
	struct doc *d;
	uint32_t b;

	(void)state;
	/* one sentence starting with 第N条 does not make a law */
	d = txt("工作总结\n\n一、主要成绩\n\n　　今年完成了各项任务，成绩显著，得到了上级"
	    "的肯定和群众的好评，值得总结。\n\n　　第一条经验是坚持学习，第二条经验是坚持"
	    "实践。\n\n二、存在问题\n\n　　一些工作还不够深入细致，需要认真改进。\n");
	assert_int_equal(d->nnodes, 2);
	assert_node(d, 1, 1, "二、|存在问题");
	doc_free(d);
	/* a 目录 with dot leaders and page numbers ends at the body's
	 * repeat of its first entry */
	d = txt("报告\n\n目录\n\n一、公司概况 ………… 1\n二、经济责任 ………… 3\n\n"
	    "一、公司概况\n\n　　公司成立于1998年，是一家以装备制造为主业的企业，员工众多。\n\n"
	    "二、经济责任\n\n　　公司依法纳税，稳健经营，保持了良好的经营业绩和声誉。\n");
	assert_int_equal(d->nnodes, 2);
	assert_node(d, 0, 1, "一、|公司概况");
	doc_free(d);
	/* a time is not the end of a run-in title; a clause is not a title */
	d = txt("通知\n\n（一）投放时间\n\n（1）早间投放时段一般为7:00至9:00；\n\n"
	    "（2）晚间投放时段一般为18:00至20:00。\n");
	assert_int_equal(d->nnodes, 1);
	doc_free(d);
	/* run-in items on consecutive lines of blank-separated text: a list */
	d = txt("笔记\n\n二、三大规律\n\n1、对立统一规律：事物发展的根本动力。\n"
	    "2、质量互变规律：事物发展的状态。\n3、否定之否定规律：事物发展的方向。\n\n"
	    "三、认识论\n\n实践是认识的基础，这是一个完整的句子，也足够长了。\n");
	assert_int_equal(d->nnodes, 2);
	for (b = 0; b < d->nblocks; b++)
		if (strncmp(doc_block_text(d, b), "2、", 4) == 0)
			assert_int_equal(d->blocks[b].type, BLOCK_LIST_ITEM);
	doc_free(d);
	/* bullets are list items with a hanging indent, never headings */
	d = txt("Notes\n\nSome intro text that is long enough to be a paragraph.\n\n"
	    "- first item\n- second item\n\n\xE2\x80\xA2 第三项\n");
	assert_int_equal(d->nnodes, 0);
	for (b = 0; b < d->nblocks; b++)
		if (doc_block_text(d, b)[0] == '-' ||
		    (unsigned char)doc_block_text(d, b)[0] == 0xE2) {
			assert_int_equal(d->blocks[b].type, BLOCK_LIST_ITEM);
			assert_int_equal(d->blocks[b].hang, 2);
		}
	doc_free(d);
	/* 第一部分 is one label */
	d = txt("讲义\n\n第一部分　唯物论\n\n正文很长很长的一段话，写在这里，作为内容。\n");
	assert_node(d, 0, 1, "第一部分|唯物论");
	doc_free(d);
	/* a web page: site above the title, source cut before the author,
	 * unindented short lines between indented paragraphs are headings */
	d = txt("科技日报网\n人工智能如何改变基层医疗：来自三个县的观察\n"
	    "2024-11-05 09:30:12  来源：科技日报  作者：王小明\n"
	    "　　近年来，人工智能辅助诊断系统逐步走进县级医院和乡镇卫生院，带来新的变化。\n"
	    "影像诊断：从看不过来到看得更准\n"
	    "　　在甲县人民医院放射科，一台部署了辅助诊断系统的工作站正在运行，效率提高。\n"
	    "慢病管理：数据多跑路\n"
	    "　　乙县的做法是把人工智能用于高血压、糖尿病等慢性病的随访管理，效果很好。\n"
	    "隐忧：数据安全与责任认定\n"
	    "　　也有专家提醒，人工智能辅助诊断涉及大量患者数据，数据安全必须跟上。\n");
	assert_string_equal(d->site, "科技日报网");
	assert_string_equal(d->title, "人工智能如何改变基层医疗：来自三个县的观察");
	assert_string_equal(d->source, "科技日报");
	assert_int_equal(d->nnodes, 3);
	assert_node(d, 2, 1, "|隐忧：数据安全与责任认定");
	doc_free(d);
}

static void
test_many_lines_stay_bounded(void **state)
{
	struct buf big;
	struct doc *d;
	struct load_opts lo = { NULL, -1, 0, 0 };
	size_t i, total = 0;
	uint32_t b;

	(void)state;
	/* Past TXT_LINES_MAX lines the rest is preformatted text: nothing is
	 * lost and the number of blocks stays bounded. */
	buf_init(&big);
	for (i = 0; i < 2100000; i++)
		buf_puts(&big, "x\n");
	d = load_bytes("many.txt", big.data, big.len, &lo);
	assert_int_equal(doc_check(d, out_stderr()), 0);
	assert_true(d->nblocks < 2000000 + 100);
	for (b = 0; b < d->nblocks; b++)
		total += utf8_count(doc_block_text(d, b), d->blocks[b].text_len);
	assert_int_equal(d->blocks[d->nblocks - 1].type, BLOCK_PRE);
	assert_true(total >= 2100000);	/* every x is still there */
	doc_free(d);
	buf_free(&big);
}

static void
test_corpus_docs_check(void **state)
{
	static const char *dirs[] = { "txt-gov-docs-outline",
	    "txt-notes-outline-maogai", "web-dump",
	    "txt-legacy-encodings/python3.11-test-cjkencodings",
	    "txt-legacy-encodings/debian-zh-autoconvert-poem" };
	size_t i, files = 0;

	(void)state;
	CORPUS_OR_SKIP();
	for (i = 0; i < nitems(dirs); i++) {
		char path[4096];
		DIR *dp;
		struct dirent *de;

		snprintf(path, sizeof path, "%s/%s", corpus_dir(), dirs[i]);
		assert_non_null(dp = opendir(path));
		while ((de = readdir(dp)) != NULL) {
			struct load_opts lo = { NULL, -1, 1, 0 };
			struct doc *d;
			char *cause = NULL;
			char file[8192];

			if (de->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", path, de->d_name);
			assert_int_equal(load_doc(file, &lo, &d, &cause), 0);
			assert_int_equal(doc_check(d, out_stderr()), 0);
			doc_free(d);
			files++;
		}
		closedir(dp);
	}
	assert_true(files >= 20);
}

/* The section counts the builder keeps as blocks close (outline.h)
 * equal a count over each section's blocks, in the bundled seed article,
 * in a long paragraph split in pieces with a run-in heading, and in a
 * file loaded in pieces. */
static void
check_counts(const struct doc *d)
{
	for (uint32_t n = 0; n < d->nnodes; n++) {
		const struct outline_node *nd = &d->nodes[n];
		uint64_t chars = 0;
		uint32_t paras = 0;

		for (uint32_t b = nd->block; b < nd->end_block; b++) {
			const struct block *bl = &d->blocks[b];
			size_t all = utf8_count(doc_block_text(d, b), bl->text_len);

			if (bl->type == BLOCK_META)
				continue;
			if (bl->type == BLOCK_HEADING) {
				chars += all - utf8_count(doc_block_text(d, b),
				    (size_t)bl->title_off + bl->title_len);
				paras += (bl->flags & BLOCK_F_RUNIN) != 0;
				continue;
			}
			chars += all;
			paras += !(bl->flags & BLOCK_F_CONT);
		}
		assert_int_equal(nd->chars, chars);
		assert_int_equal(nd->paras, paras);
	}
}

static void
test_outline_counts(void **state)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	char *bytes, *cause = NULL;
	struct doc *d;
	struct buf big;
	size_t len;

	UNUSED(state);
	bytes = slurp_file("tests/fixtures/party-building-article.txt", &len);
	assert_non_null(bytes);
	d = load_bytes("seed", bytes, len, &lo);
	assert_true(d->nnodes > 5);
	check_counts(d);
	doc_free(d);
	/* run-in headings and a paragraph split past DOCB_BLOCK_MAX */
	buf_init(&big);
	buf_put(&big, "第一章　总则\n\n（一）指导思想。", strlen(
	    "第一章　总则\n\n（一）指导思想。"));
	while (big.len < 3 * DOCB_BLOCK_MAX)
		buf_put(&big, "全面贯彻落实各项要求，", strlen(
		    "全面贯彻落实各项要求，"));
	buf_put(&big, "\n\n（二）目标任务。到二〇三五年。\n", strlen(
	    "\n\n（二）目标任务。到二〇三五年。\n"));
	d = load_bytes("big", big.data, big.len, &lo);
	assert_true(d->nnodes >= 2);
	check_counts(d);
	doc_free(d);
	buf_free(&big);
	free(bytes);
	(void)cause;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builder_blocks_spans),
		cmocka_unit_test(test_outline_counts),
		cmocka_unit_test(test_builder_splits_long_paragraph),
		cmocka_unit_test(test_builder_containers),
		cmocka_unit_test(test_builder_depth_cap),
		cmocka_unit_test(test_check_catches_broken_tree),
		cmocka_unit_test(test_builder_text_sanitises),
		cmocka_unit_test(test_txt_lists_and_tables),
		cmocka_unit_test(test_block_at),
		cmocka_unit_test(test_seed_shapes),
		cmocka_unit_test(test_not_headings),
		cmocka_unit_test(test_levels_in_order_first_met),
		cmocka_unit_test(test_law_articles_and_chapters),
		cmocka_unit_test(test_paragraph_joining),
		cmocka_unit_test(test_western_numbering),
		cmocka_unit_test(test_review_cases),
		cmocka_unit_test(test_many_lines_stay_bounded),
		cmocka_unit_test(test_corpus_docs_check),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
