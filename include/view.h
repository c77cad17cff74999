/* view.h - the terminal: the only module that talks to curses (view.c).
 * It turns curses keys into YK_* codes and draws the app state. */
#ifndef YUEDU_VIEW_H
#define YUEDU_VIEW_H

#include <stdbool.h>
#include <stdint.h>

struct app;

/* Checks that the terminal can be used (TERM known, cursor addressing).
 * Returns NULL when it can, else a static reason. */
const char *view_check_terminal(void);
/* Starts curses on the terminal (newterm, alternate screen; keys from
 * /dev/tty when stdin is not a terminal).  Returns 0, or -1 with a static
 * reason in *why. */
int view_open(struct app *a, const char **why);
/* Restores the terminal; safe to call twice and from fatal(). */
void view_close(void);
/* Terminal size. */
void view_size(int *rows, int *cols);
/* The next key, YK_NONE after timeout_ms, YK_RESIZE, or YK_ERROR when the
 * terminal is gone (EOF, EIO, or a run of errors without waiting). */
uint32_t view_getkey(struct app *a, int timeout_ms);
/* Draws what dirty (enum dirty) says and updates the terminal once. */
void view_draw(struct app *a, unsigned dirty);
/* Ctrl-Z: restore the terminal, stop, and come back. */
void view_suspend(void);
/* Mouse reporting on or off (the config can change it). */
void view_mouse(bool on);
/* Colours the terminal has (0, 8, 256). */
int view_colors(void);

#endif
