/* loader.h - a regular file (plain or compressed) read, decoded and
 * parsed a piece at a time, so the view shows the first screen at once and
 * answers keys while the rest loads.
 *
 * The file is read once, in pieces of LOADER_PIECE bytes cut at a line
 * end (a blank line when there is one near the end), through a working
 * buffer that never holds more than a piece or two; each piece is decoded,
 * sanitised and handed to the plain-text parser (parse.h:
 * txt_parser_feed), which appends to one builder.  So memory is the
 * document (its text and blocks) plus a few MB, whatever the file's size,
 * and the pieces are the same whoever drives the loader: --dump and the
 * view see the same document.
 *
 * The encoding is decided from the first piece.  A later piece that reads
 * badly in it is looked at again on its own; when another encoding reads
 * it better, that piece and the rest are decoded in it, and
 * loader_note() says from which line.
 *
 * The document shown while loading (loader_doc) is the builder's view of
 * what is parsed so far (docbuild.h: docb_peek): its text offsets are the
 * final document's, so nothing moves when the rest arrives, and the
 * address stays the same when loading completes. */
#ifndef YUEDU_LOADER_H
#define YUEDU_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include "doc.h"
#include "load.h"

/* The first piece is small so the first screen comes at once; later
 * pieces are larger so the per-piece work (parser passes, a peek) stays
 * small beside the text. */
#define LOADER_FIRST ((size_t)256 << 10)
#define LOADER_PIECE ((size_t)512 << 10)
/* A piece grows to this while it finds no line end; past it, it is cut
 * at a character boundary. */
#define LOADER_PIECE_MAX ((size_t)16 << 20)
/* Text the document keeps: its offsets are 32-bit.  A file with more is
 * shown up to here and says so (loader_note, --info, status line). */
#define LOADER_MAX_TEXT ((size_t)4000 << 20)

/* The piece sizes in use: LOADER_FIRST and LOADER_PIECE, smaller in the
 * fuzzer and tests so that short inputs are cut in many pieces. */
extern size_t loader_first_bytes, loader_piece_bytes;

struct loader;

/* Opens path for loading, when it is a regular file: returns 1 with *out
 * set and the first piece loaded (so loader_doc() has the first screen),
 * 0 when path is a stream (read it with feed.h), or -1 with *cause
 * (malloc'd, sanitised) when it cannot be read or looks binary. */
int loader_open(const char *path, const struct load_opts *o,
    struct loader **out, char **cause);
void loader_free(struct loader *ld);

/* Loads pieces for about budget_ms (at least one).  Returns true when the
 * document grew: loader_doc() has more blocks and a new outline, so
 * what shows it must look again (the address is the same).  Growth is
 * published at most every few hundred ms, and always at the end. */
bool loader_step(struct loader *ld, double budget_ms);
/* Shows everything parsed so far now (a jump to the end while loading
 * goes to the real end of what is loaded), as a growth does. */
void loader_publish(struct loader *ld);
/* Stops reading (Ctrl-C): the document ends where loading stopped, and
 * loader_note() says so. */
void loader_stop(struct loader *ld);
/* The document: while loading, what is parsed so far (owned by the
 * loader); once loader_done(), complete. */
struct doc *loader_doc(struct loader *ld);
/* Hands the document to the caller (once done): loader_free() no longer
 * frees it. */
struct doc *loader_take(struct loader *ld);
bool loader_done(const struct loader *ld);
/* Bytes of the file read so far, and its size (0 when unknown). */
size_t loader_bytes(const struct loader *ld);
size_t loader_size(const struct loader *ld);
/* Share of the file loaded, 0..1. */
double loader_fraction(const struct loader *ld);
/* The share loader_doc() holds: the file up to its last growth. */
double loader_shown_fraction(const struct loader *ld);
/* Why the text is not the whole file as first guessed (a later encoding,
 * a limit, damaged compressed data, a file that shrank, loading
 * stopped), for a person, with the name, sanitised; or NULL.  Changes as
 * loading goes on. */
const char *loader_note(const struct loader *ld);
/* Where the bytes came from, for --info (load.h); moves the strings. */
void loader_src(struct loader *ld, struct load_src *src);

/* The whole pipeline at once (--dump, --outline, --info): loads to the
 * end.  Returns what loader_open returns; *out is the document. */
int loader_load_all(const char *path, const struct load_opts *o,
    struct doc **out, struct load_src *src, char **cause);

#endif
