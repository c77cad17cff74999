/* keys.h - yuedu's own key codes, what term/view.c hands up to the app.
 *
 * A key is a uint32_t: a Unicode code point for a character (control keys
 * are their C0 code, so Ctrl-O is 0x0f and Tab is 0x09 - the same key), or
 * one of the YK_* codes above U+10FFFF for keys that have no character.
 * Only view.c knows curses' KEY_* codes and translates them to these. */
#ifndef YUEDU_KEYS_H
#define YUEDU_KEYS_H

#include <stdint.h>

#define YK_BASE 0x110000u
enum {
	YK_NONE = YK_BASE,	/* no key (timeout) */
	YK_UP, YK_DOWN, YK_LEFT, YK_RIGHT,
	YK_PGUP, YK_PGDN, YK_HOME, YK_END, YK_INSERT, YK_DELETE,
	YK_BTAB,		/* Shift-Tab */
	YK_BACKSPACE,		/* DEL, ^H and KEY_BACKSPACE all arrive as this */
	YK_ALT_LEFT, YK_ALT_RIGHT, YK_ALT_UP, YK_ALT_DOWN,
	YK_CTRL_LEFT, YK_CTRL_RIGHT, YK_CTRL_UP, YK_CTRL_DOWN,
	YK_F1, YK_F2, YK_F3, YK_F4, YK_F5, YK_F6, YK_F7, YK_F8, YK_F9,
	YK_F10, YK_F11, YK_F12,
	YK_WHEEL_UP, YK_WHEEL_DOWN,
	YK_CLICK,		/* button 1; the view keeps where */
	YK_RESIZE,		/* SIGWINCH */
	YK_ERROR,		/* the terminal went away: quit */
	YK__END
};

#define YK_ENTER	0x0du	/* CR; LF and KEY_ENTER arrive as this */
#define YK_TAB		0x09u
#define YK_ESC		0x1bu
#define YK_CTRL(c)	((uint32_t)((c) & 0x1f))

#endif
