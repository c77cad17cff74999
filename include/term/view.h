/* view.h - the terminal: the only module that talks to curses (view.c).
 * It turns curses keys into YK_* codes (keys.h) and writes a screen of
 * cells (render/screen.h) that ui/draw.c laid out; it knows nothing of the
 * app, so the layers above can be tested without a terminal. */
#ifndef YUEDU_VIEW_H
#define YUEDU_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "keys.h"
#include "screen.h"
#include "style.h"

/* ncurses takes $LINES and $COLUMNS over the real size, and a screen is
 * three arrays of cells: 20000x20000 was gigabytes and seconds a frame.
 * Bigger values are dropped (the real size is used), and a real size
 * above this is drawn in its top-left corner. */
#define VIEW_MAX_ROWS 1000
#define VIEW_MAX_COLS 1000

/* What a $LINES or $COLUMNS value is worth. */
enum view_dim {
	VIEW_DIM_UNSET,		/* NULL or empty: ncurses asks the terminal */
	VIEW_DIM_OK,		/* digits, 1..max */
	VIEW_DIM_TOO_BIG,	/* digits, above max (or overflowing) */
	VIEW_DIM_BAD,		/* anything else: "abc", "0", "-5", "0x10" */
};

/* Classifies val (may be NULL) against max; pure. */
enum view_dim view_dim_check(const char *val, int max);

/* Checks that the terminal can be used (TERM known, cursor addressing).
 * Returns NULL when it can, else a static reason. */
const char *view_check_terminal(void);
/* Starts curses on the terminal (newterm, alternate screen; keys from
 * /dev/tty when stdin is not a terminal).  Returns 0 with *note set to a
 * malloc'd message for the status line or NULL ($LINES or $COLUMNS
 * ignored, a terminal over the limits), or -1 with a static reason in
 * *why. */
int view_open(bool mouse, char **note, const char **why);
/* The attributes of every style id (after view_open(), and again when the
 * settings change). */
void view_set_styles(const struct style styles[STY__COUNT]);
/* Restores the terminal; safe to call twice and from fatal(). */
void view_close(void);
/* Async-signal-safe restore for a signal handler that cannot return to
 * the loop: the terminal modes from before view_open() and the bytes
 * endwin() would send, both prepared there.  Once; a no-op when the view
 * is not open. */
void view_emergency_restore(void);
/* Terminal size. */
void view_size(int *rows, int *cols);
/* The next key, YK_NONE after timeout_ms, YK_RESIZE, or YK_ERROR when the
 * terminal is gone (EOF, EIO, or a run of errors without waiting). */
uint32_t view_getkey(int timeout_ms);
/* Where the last YK_CLICK was. */
void view_click(int *y, int *x);
/* True when the last resize went over VIEW_MAX_ROWS x VIEW_MAX_COLS. */
bool view_size_capped(void);
/* Writes the rows of S written since the last call (all of them when
 * clear: the terminal is repainted) and updates the terminal once. */
void view_draw(struct screen *S, bool clear);
/* Ctrl-Z: restore the terminal, stop, and come back. */
void view_suspend(void);
/* Mouse reporting on or off (the config can change it). */
void view_mouse(bool on);
/* Colours the terminal has (0, 8, 256). */
int view_colors(void);

#endif
