/* dump.h - the non-interactive front door: --dump, --outline, --info.
 * These print what the reading view shows, as plain UTF-8 without escape
 * sequences; scripts and tests rely on the format (see docs/yuedu.1). */
#ifndef YUEDU_DUMP_H
#define YUEDU_DUMP_H

#include "doc.h"
#include "output.h"

enum outline_fmt { OUTLINE_TEXT, OUTLINE_TSV };

/* The laid-out document at width columns, as the reading pane shows it. */
void dump_layout(const struct doc *d, int width, int para_gap, struct out *out);
/* One heading a line: text (two spaces per level) or
 * LEVEL<TAB>LINE<TAB>LABEL<TAB>TITLE. */
void dump_outline(const struct doc *d, enum outline_fmt fmt, struct out *out);
struct load_src;
/* key: value lines.  src (NULL: not known) adds the compression and the
 * size on disk. */
void dump_info(const struct doc *d, struct out *out);
void dump_info_src(const struct doc *d, const struct load_src *src,
    struct out *out);

#endif
