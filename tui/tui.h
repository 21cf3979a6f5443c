/* The desk screens. The only module that includes <curses.h>. */
#ifndef OD_TUI_H
#define OD_TUI_H

#include <stdbool.h>
#include <stdio.h>
#include "core/date.h"
#include "store/store.h"

typedef struct tui_options {
	const char *db_path;
	od_date today;
	bool today_fixed;        /* --today / OPTOUT_DESK_TODAY: else the store's */
	const char *staff;
	/* Called after the settings screen saved the clinic's `language`
	 * ("ja" or "en"): the caller decides whether it applies now. */
	void (*language_changed)(const char *lang);
} tui_options;

/* Runs the desk until the user quits. Returns an exit code (0, or 1 when
 * the terminal or database cannot be used, after saying why). */
int tui_run(const tui_options *opt);

/* Prints the desk's keys, screen by screen, from the same action table as
 * the key bar and the help screen: plain text (translated) or roff for the
 * man page (English). */
void tui_keys_print(FILE *out, bool roff);

#endif
