/* The desk: a stack of views over one curses screen. Keys go first to the
 * action table (help, back, quit and the screen's own actions), then to
 * the view. Views reload from the database whenever they come back on
 * top, on Ctrl-L, and when another desk saved (polled twice a second). */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "tui/internal.h"

#define MIN_COLS 80
#define MIN_LINES 24

view *view_new(const view_ops *ops, void *data)
{
	view *v = calloc(1, sizeof *v);
	if (v == NULL) {
		free(data);
		return NULL;
	}
	v->ops = ops;
	v->data = data;
	return v;
}

static view *top(app *a)
{
	return a->depth > 0 ? a->stack[a->depth - 1] : NULL;
}

static void enter_top(app *a)
{
	view *v = top(a);
	if (v != NULL && v->ops->enter)
		v->ops->enter(a, v);
}

void app_push(app *a, view *v)
{
	if (v == NULL) {
		app_say(a, true, "%s", _("Out of memory."));
		return;
	}
	if (a->depth == TUI_STACK_MAX) {
		if (v->ops->destroy)
			v->ops->destroy(v);
		free(v);
		return;
	}
	a->stack[a->depth++] = v;
	enter_top(a);
}

static void destroy(view *v)
{
	if (v->ops->destroy)
		v->ops->destroy(v);
	free(v);
}

void app_pop(app *a)
{
	if (a->depth <= 1)
		return;   /* the search screen stays */
	destroy(a->stack[--a->depth]);
	enter_top(a);
}

void app_pop_to(app *a, unsigned screen)
{
	while (a->depth > 1 && top(a)->ops->screen != screen)
		destroy(a->stack[--a->depth]);
	enter_top(a);
}

void app_say(app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

void app_store_error(app *a, store_rc rc)
{
	/* Never SQLite's own words: the store's sentence, translated. */
	app_say(a, true, "%s", _(store_rc_message(rc)));
}

static int bar_lines = 1;

int screen_bottom(void)
{
	return LINES - 1 - bar_lines;
}

static bool too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

static void draw(app *a)
{
	erase();
	curs_set(0);
	if (too_small()) {
		char msg[256];
		snprintf(msg, sizeof msg, _("The window is too small: the desk needs at least %d×%d (now %d×%d)."),
		         MIN_COLS, MIN_LINES, COLS, LINES);
		/* Wrapped by hand over the narrow width: one line is not enough. */
		mvaddstr(0, 0, "");
		addstr(msg);
		refresh();
		return;
	}
	view *v = top(a);
	/* Draw the bar and the message first: the view leaves the cursor in
	 * its focused field. */
	bar_lines = actions_bar_lines(a, v, COLS);
	actions_draw_bar(a, v, LINES - bar_lines, COLS);
	draw_message(a);
	v->ops->draw(a, v);
	login_draw_banner(a);
	refresh();
}

bool app_confirm(app *a, const char *question)
{
	snprintf(a->msg, sizeof a->msg, "%s %s", question, _("(y/n)"));
	a->msg_error = false;
	for (;;) {
		draw(a);
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_F(12)) {
			rc = OK;      /* F12 commits, as on the forms */
			ch = L'y';
		}
		if (rc == OK && (ch == L'y' || ch == L'Y')) {
			a->msg[0] = '\0';
			return true;
		}
		if (rc == OK && (ch == L'n' || ch == L'N' || ch == 27)) {
			a->msg[0] = '\0';
			return false;
		}
	}
}

static bool any_dirty(const app *a)
{
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i]->ops->dirty && a->stack[i]->ops->dirty(a->stack[i]))
			return true;
	return false;
}

/* The actions every screen shares; false for the view's own. */
static bool common_action(app *a, action_id id)
{
	view *v = top(a);
	switch (id) {
	case A_HELP:
		app_push(a, help_view(v->ops->screen));
		return true;
	case A_QUIT:
		if (!any_dirty(a) || app_confirm(a, _("Quit and discard what was typed?")))
			a->quit = true;
		return true;
	case A_BACK:
		if (a->depth <= 1)
			return true;
		if (v->ops->dirty && v->ops->dirty(v) &&
		    !app_confirm(a, _("Discard what was typed?")))
			return true;
		a->msg[0] = '\0';
		app_pop(a);
		return true;
	case A_REDRAW:
		/* Redraw from scratch, with the data read again. */
		clearok(curscr, TRUE);
		enter_top(a);
		return true;
	default:
		return false;
	}
}

/* What another desk saved shows within a second: get_wch waits at most
 * POLL_MS, and when the database changed under us (PRAGMA data_version)
 * the screen on top reads its data again. Forms keep what was typed. */
#define POLL_MS 500

static void run(app *a)
{
	timeout(POLL_MS);
	while (!a->quit) {
		draw(a);
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR) {
			while (rc == ERR && !a->quit && !store_changed(a->st) && !login_wakeup(a))
				rc = get_wch(&ch);
			if (rc == ERR) {
				if (!login_lock(a))
					a->quit = true;
				timeout(POLL_MS);
				enter_top(a);
				continue;
			}
		}
		login_touch(a);
		bool is_key = rc == KEY_CODE_YES;
		if (is_key && ch == KEY_RESIZE)
			continue;   /* curses has the new size: the loop redraws */
		view *v = top(a);
		action_id id = actions_lookup(a, v, (int)ch, is_key);
		if (!is_key && ch == 3)   /* Ctrl-C, as people expect of a terminal */
			id = A_QUIT;
		if (too_small() && id != A_QUIT)
			continue;
		if (id != A_NONE && !login_allows(a, id))
			continue;
		if (id != A_NONE && common_action(a, id))
			continue;
		if (id != A_NONE && v->ops->action && v->ops->action(a, v, id))
			continue;
		if (v->ops->key)
			v->ops->key(a, v, ch, is_key);
	}
}

/* Only `init` and this first-run question may create a database: a path
 * typed wrong must not start an empty desk that looks like lost records.
 * Asked on the plain terminal, before curses takes it. An empty or damaged
 * file is never replaced (store_open_mode refuses it whatever the mode). */
static store_rc open_database(app *a)
{
	store_rc rc = store_open_mode(a->db_path, STORE_WRITE, &a->st);
	if (rc != STORE_NO_FILE)
		return rc;
	char line[64] = "";
	fprintf(stderr, _("There is no database at %s. Create a new one? (y/N) "), a->db_path);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL || (line[0] != 'y' && line[0] != 'Y')) {
		fprintf(stderr, "%s\n", _("Nothing was created."));
		return STORE_NO_FILE;
	}
	return store_open_mode(a->db_path, STORE_CREATE, &a->st);
}

int tui_run(const tui_options *opt)
{
	app a;
	memset(&a, 0, sizeof a);
	a.today = opt->today;
	a.language_changed = opt->language_changed;
	snprintf(a.staff, sizeof a.staff, "%s", opt->staff != NULL ? opt->staff : "");
	snprintf(a.db_path, sizeof a.db_path, "%s", opt->db_path != NULL ? opt->db_path : "");

	store_rc rc = open_database(&a);
	if (rc == STORE_OK) {
		if (opt->today_fixed)
			store_set_today(a.st, a.today);
		else
			a.today = store_today(a.st);
	}
	if (rc == STORE_NO_FILE)
		return 1;   /* not created: said so already */
	if (rc != STORE_OK) {
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, a.db_path, _(store_rc_message(rc)));
		return 1;
	}
	login_warn_stderr(&a);   /* before curses owns the terminal */
	if (initscr() == NULL) {
		fprintf(stderr, "%s: %s\n", PACKAGE, _("This terminal cannot be used for the desk screens."));
		store_close(a.st);
		return 1;
	}
	raw();          /* Ctrl-S, Ctrl-Q and Ctrl-C reach the desk as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	draw_init_colours(&a);

	if (!login_begin(&a)) {
		login_end(&a);
		endwin();
		store_close(a.st);
		return 0;
	}
	app_push(&a, search_view(&a));
	if (!store_initialized(a.st))
		app_push(&a, setup_view(&a, true));
	store_changed(a.st);   /* the first call only takes the version */
	if (a.depth > 0)
		run(&a);

	while (a.depth > 0)
		destroy(a.stack[--a.depth]);
	endwin();
	login_end(&a);
	store_close(a.st);
	return 0;
}
