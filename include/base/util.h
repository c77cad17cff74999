/* util.h - allocation that never returns NULL, a growable byte buffer,
 * and a few macros.  Out of memory is fatal: a reader cannot do anything
 * useful without memory, and a half-built document is worse than a clean
 * exit.  fatal() runs a hook first so the terminal is restored. */
#ifndef YUEDU_UTIL_H
#define YUEDU_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))
#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ATTR_NORETURN __attribute__((noreturn))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array: checks n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a malloc'd formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) ATTR_PRINTF(1, 2);

/* Prints "yuedu: MESSAGE" (sanitised) to stderr after the hook, exits 1. */
void fatal(const char *fmt, ...) ATTR_PRINTF(1, 2) ATTR_NORETURN;
/* Called by fatal() before printing; the view sets it to endwin(). */
void fatal_set_hook(void (*hook)(void));

/* A monotonic clock in milliseconds (for timing, never for dates). */
double util_now_ms(void);

/* A growable byte buffer.  data is always NUL-terminated when cap > 0. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);

/* Buffers from this size on ask for transparent huge pages: filling a
 * 100 MB text arena or block array took 25,000 page faults per 100 MB,
 * a quarter of loading (measured: --outline of 100 MB 1.40 -> 1.05 s;
 * resident size grows by at most the last 2 MiB page of each). */
#define UTIL_HUGE_MIN ((size_t)8 << 20)
/* The whole 2 MiB pages inside p[0..n) as huge pages (madvise), when
 * n >= UTIL_HUGE_MIN; nothing where the system has no such advice. */
void util_hint_huge(void *p, size_t n);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_putc(struct buf *b, int c);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) ATTR_PRINTF(2, 0);
/* Hands the data to the caller (who frees it) and empties the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
