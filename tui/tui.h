/* The desk screens. The only module that includes <curses.h>. */
#ifndef OD_TUI_H
#define OD_TUI_H

#include "core/date.h"
#include "store/store.h"

typedef struct tui_options {
	const char *db_path;
	od_date today;
	const char *staff;
} tui_options;

/* Runs the desk until the user quits. Returns an exit code (0, or 1 when
 * the terminal or database cannot be used, after saying why). */
int tui_run(const tui_options *opt);

#endif
