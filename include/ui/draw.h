/* draw.h - the app's state as a screen of cells (no curses). */
#ifndef YUEDU_DRAW_H
#define YUEDU_DRAW_H

#include "appstate.h"
#include "screen.h"

/* Lays what dirty (enum dirty) names onto S, resizing S to the app's
 * rows and columns first (everything is drawn after a resize). */
void draw_app(struct app *a, struct screen *S, unsigned dirty);

#endif
