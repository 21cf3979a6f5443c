/* Who is at the desk (issue 11): the sign-in screen once staff exist, the
 * lock screen after idle_lock_minutes without a key (no patient data on
 * it; the same person's password or another person's sign-in opens it),
 * the role table's say over the screens' actions, the red banner when the
 * background `verify` finds the record tampered with, the permissions
 * warning and the daily backup. */
#include "config.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

#define IDLE_MINUTES_DEFAULT 5
#define INPUT_MAX 128

/* ---- verify in the background ------------------------------------------------------- */

/* The thread has its own connection; it only publishes its outcome, and
 * curses stays in the main thread. */
enum { V_RUNNING = 0, V_OK, V_FAILED };
static atomic_int verify_state;
static char verify_text[512];
static pthread_t verify_thread;
static bool verify_started;
static char verify_path[STORE_PATH_MAX];

static void *verify_main(void *arg)
{
	(void)arg;
	store *st = NULL;
	store_verify_result r;
	int outcome = V_OK;
	if (store_open_mode(verify_path, STORE_READ, &st) == STORE_OK &&
	    store_verify(st, &r) == STORE_OK && !r.ok) {
		char key[128];
		text_sanitize(r.key, key, sizeof key);
		snprintf(verify_text, sizeof verify_text, "%s %lld%s%s%s%s: %s", _("entry"),
		         (long long)r.entry, r.table[0] ? " (" : "", r.table, r.table[0] ? " #" : "",
		         r.table[0] ? key : "", _(r.what ? r.what : "?"));
		if (r.table[0])
			strncat(verify_text, ")", sizeof verify_text - strlen(verify_text) - 1);
		outcome = V_FAILED;
	}
	store_close(st);
	atomic_store(&verify_state, outcome);
	return NULL;
}

static void verify_start(const app *a)
{
	snprintf(verify_path, sizeof verify_path, "%s", a->db_path);
	atomic_store(&verify_state, V_RUNNING);
	verify_started = pthread_create(&verify_thread, NULL, verify_main, NULL) == 0;
}

/* Over the right part of the title line, in red: the screen's title stays
 * readable, and the banner shows on every screen until the desk restarts. */
void login_draw_banner(app *a)
{
	if (atomic_load(&verify_state) != V_FAILED)
		return;
	char line[1024];
	snprintf(line, sizeof line, " %s %s (optout-desk verify) ",
	         _("The record may have been tampered with:"), verify_text);
	int cols = COLS - 30 > 20 ? COLS - 30 : 20;
	char part[1024];
	int w = text_fit(line, cols, part, sizeof part);
	attron(draw_attr(a, CP_ERROR) | A_REVERSE);
	draw_text(0, COLS - w, w, part);
	attroff(draw_attr(a, CP_ERROR) | A_REVERSE);
}

/* ---- the idle clock ---------------------------------------------------------------------- */

static long idle_seconds(app *a)
{
	/* For tests and training only: seconds instead of the setting's
	 * minutes (documented in the man page, ENVIRONMENT). */
	const char *env = getenv("OPTOUT_DESK_IDLE_LOCK_SECONDS");
	if (env != NULL && atol(env) > 0)
		return atol(env);
	char v[16] = "";
	long m = IDLE_MINUTES_DEFAULT;
	if (store_setting_get(a->st, "idle_lock_minutes", v, sizeof v) == STORE_OK && atol(v) > 0)
		m = atol(v);
	return m * 60;
}

static time_t now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

void login_touch(app *a)
{
	a->last_key = now_s();
}

static bool idle_due(const app *a)
{
	return a->staff_set_up && a->idle_seconds > 0 && now_s() - a->last_key >= a->idle_seconds;
}

bool login_wakeup(app *a)
{
	int v = atomic_load(&verify_state);
	if (v != a->verify_seen) {
		a->verify_seen = v;
		return true;
	}
	return idle_due(a);
}

/* ---- the sign-in and lock screen ------------------------------------------------------------ */

typedef struct input {
	wchar_t buf[INPUT_MAX + 1];
	int len;
} input;

static void input_utf8(const input *in, char *out, size_t outsz)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	const wchar_t *src = in->buf;
	size_t n = wcsrtombs(out, &src, outsz - 1, &ps);
	out[n == (size_t)-1 ? 0 : n] = '\0';
}

static void input_clear(input *in)
{
	memset(in->buf, 0, sizeof in->buf);
	in->len = 0;
}

static void draw_login(app *a, bool locked, const input *who, const input *pw, int focus,
                       const char *msg, bool error)
{
	erase();
	int attr = draw_attr(a, CP_TITLE);
	attron(attr);
	draw_text_pad(0, 0, COLS, "");
	draw_text(0, 1, COLS - 2, locked ? _("optout-desk: locked") : _("optout-desk: sign in"));
	attroff(attr);
	int y = 3;
	if (locked) {
		char line[512];
		snprintf(line, sizeof line, _("The screen is locked (%s). Type the password to go on, or sign in as another person."),
		         a->staff);
		y += draw_wrapped(y, 2, COLS - 4, 3, line) + 1;
	} else {
		y += draw_wrapped(y, 2, COLS - 4, 3, _("Sign in with your login and password.")) + 1;
	}
	char shown[INPUT_MAX * 4 + 1];
	input_utf8(who, shown, sizeof shown);
	draw_text(y, 2, 20, _("Login"));
	draw_text(y, 22, COLS - 24, shown);
	int cx = 22 + text_width(shown);
	char stars[INPUT_MAX + 1];
	memset(stars, '*', (size_t)pw->len);
	stars[pw->len] = '\0';
	draw_text(y + 1, 2, 20, _("Password"));
	draw_text(y + 1, 22, COLS - 24, stars);
	if (msg != NULL && *msg) {
		int ma = error ? draw_attr(a, CP_ERROR) : (int)A_BOLD;
		attron(ma);
		draw_wrapped(y + 3, 2, COLS - 4, 3, msg);
		attroff(ma);
	}
	attr = draw_attr(a, CP_KEY);
	attron(attr);
	draw_text_pad(LINES - 1, 0, COLS, _("Enter next / sign in   Tab field   Esc clear   F10 quit"));
	attroff(attr);
	login_draw_banner(a);
	move(focus == 0 ? y : y + 1, focus == 0 ? cx : 22 + pw->len);
	curs_set(1);
	refresh();
}

/* Tries who/pw. True when signed in (a->login etc. set). */
static bool try_signin(app *a, bool locked, const input *who, input *pw, char *msg,
                       size_t msgsz)
{
	char login[INPUT_MAX * 4 + 1], pass[INPUT_MAX * 4 + 1];
	input_utf8(who, login, sizeof login);
	input_utf8(pw, pass, sizeof pass);
	input_clear(pw);
	staff_rec s;
	long wait = 0;
	store_rc rc = store_staff_signin(a->st, login, pass, &s, &wait);
	memset(pass, 0, sizeof pass);
	if (rc == STORE_LOCKED) {
		snprintf(msg, msgsz, _("Too many wrong passwords: try again in %ld seconds, or ask an administrator."), wait);
		return false;
	}
	if (rc != STORE_OK) {
		snprintf(msg, msgsz, "%s", _(store_rc_message(rc)));
		return false;
	}
	if (!roles_allow(s.role, "tui.desk", NULL)) {
		snprintf(msg, msgsz, _("%s (%s) cannot use the desk screens: they show patients' names."),
		         s.login, _(role_label(s.role)));
		return false;
	}
	bool other = locked && strcmp(s.login, a->login) != 0;
	snprintf(a->login, sizeof a->login, "%s", s.login);
	snprintf(a->staff, sizeof a->staff, "%s", s.name);
	a->role = s.role;
	store_set_actor(a->st, s.login);
	/* Another person takes the desk: what the last one had open (and
	 * typed) is not theirs to see. */
	if (other)
		while (a->depth > 1)
			app_pop(a);
	return true;
}

/* The modal screen: false when the user quit. */
static bool login_screen(app *a, bool locked)
{
	input who, pw;
	int focus = 0;
	char msg[512] = "";
	bool error = false;
	input_clear(&who);
	input_clear(&pw);
	if (locked) {
		for (int i = 0; a->login[i] && i < INPUT_MAX; i++)
			who.buf[who.len++] = (wchar_t)(unsigned char)a->login[i];
		focus = 1;
	}
	/* Woken twice a second, so the banner shows as soon as verify ends. */
	timeout(500);
	for (;;) {
		draw_login(a, locked, &who, &pw, focus, msg, error);
		wint_t ch;
		int rc = get_wch(&ch);
		bool key = rc == KEY_CODE_YES;
		if (rc == ERR || (key && ch == KEY_RESIZE))
			continue;
		if ((key && ch == KEY_F(10)) || (!key && (ch == 17 || ch == 3)))
			return false;
		input *in = focus == 0 ? &who : &pw;
		if ((key && (ch == KEY_BACKSPACE || ch == KEY_DC)) || (!key && (ch == 127 || ch == 8))) {
			if (in->len > 0)
				in->buf[--in->len] = L'\0';
		} else if (!key && ch == 27) {
			input_clear(in);
		} else if ((!key && ch == L'\t') || (key && (ch == KEY_DOWN || ch == KEY_UP || ch == KEY_BTAB))) {
			focus = 1 - focus;
		} else if ((!key && (ch == L'\r' || ch == L'\n')) || (key && ch == KEY_ENTER)) {
			if (focus == 0) {
				focus = 1;
				continue;
			}
			snprintf(msg, sizeof msg, "%s", _("Checking..."));
			error = false;
			draw_login(a, locked, &who, &pw, focus, msg, error);
			if (try_signin(a, locked, &who, &pw, msg, sizeof msg))
				return true;
			error = true;
		} else if (!key && ch >= 32 && in->len < INPUT_MAX) {
			in->buf[in->len++] = (wchar_t)ch;
			in->buf[in->len] = L'\0';
		}
	}
}

/* ---- the hooks of tui/app.c ---------------------------------------------------------------- */

void login_warn_stderr(const app *a)
{
	char where[STORE_PATH_MAX + 16], shown[sizeof where * 2];
	if (!store_permissions_open(a->db_path, where, sizeof where))
		return;
	text_sanitize(where, shown, sizeof shown);
	fprintf(stderr, _("%s: warning: %s can be read or written by other users of this computer; make it private (chmod go-rwx)\n"),
	        PACKAGE, shown);
}

bool login_begin(app *a)
{
	char where[STORE_PATH_MAX + 16];
	a->staff_set_up = store_staff_any(a->st);
	a->idle_seconds = idle_seconds(a);
	a->verify_seen = V_RUNNING;
	login_touch(a);
	verify_start(a);
	if (store_permissions_open(a->db_path, where, sizeof where)) {
		char shown[sizeof where * 2];
		text_sanitize(where, shown, sizeof shown);
		app_say(a, true, _("Warning: %s can be read or written by other users of this computer; make it private (chmod go-rwx)."),
		        shown);
	}
	/* The first start of each day makes a backup (the setting
	 * backup_last remembers the day). */
	bool made = false;
	char path[STORE_PATH_MAX];
	if (store_initialized(a->st)) {
		store_rc rc = store_backup_daily(a->st, a->db_path, &made, path, sizeof path);
		if (rc != STORE_OK)
			app_say(a, true, _("Today's backup could not be made: %s"), _(store_rc_message(rc)));
		else if (made && !a->msg[0])
			app_say(a, false, _("Today's backup was made: %s"), path);
	}
	if (!a->staff_set_up) {
		store_set_actor(a->st, a->staff);   /* the --staff name, as on the CLI */
		return true;
	}
	a->staff[0] = '\0';
	return login_screen(a, false);
}

bool login_lock(app *a)
{
	if (!idle_due(a))
		return true;
	store_audit_note(a->st, "lock", "idle");
	bool go_on = login_screen(a, true);
	login_touch(a);
	clearok(curscr, TRUE);
	return go_on;
}

static const action *action_of(action_id id)
{
	for (size_t i = 0; i < tui_nactions; i++)
		if (tui_actions[i].id == id)
			return &tui_actions[i];
	return NULL;
}

bool login_offers(const app *a, action_id id, bool lookup)
{
	if (id == A_FIRST_ADMIN)
		return !a->staff_set_up;
	if (lookup || !a->staff_set_up)
		return true;
	/* Left off the bar, still looked up: the key says why not. */
	const action *ac = action_of(id);
	return ac == NULL || ac->role == NULL || roles_allow(a->role, ac->role, NULL);
}

bool login_allows(app *a, action_id id)
{
	/* The screens' actions that the role table names (core/roles.c,
	 * through the action table's .role). */
	const action *ac = action_of(id);
	if (ac == NULL || ac->role == NULL || !a->staff_set_up || roles_allow(a->role, ac->role, NULL))
		return true;
	app_say(a, true, _("Not allowed: %s (%s) may not do this."), a->login, _(role_label(a->role)));
	return false;
}

void login_opened(app *a, const char *number)
{
	patient p;
	/* Without staff too: the entry names the --staff name, if any. */
	if (store_patient_get(a->st, number, &p) != STORE_OK)
		return;
	if (store_audit_access(a->st, p.id, "screen") != STORE_OK)
		app_say(a, true, "%s", _("This look at the patient could not be logged."));
}

const char *login_header_note(const app *a)
{
	return a->staff_set_up ? "" : _("(no login set up)");
}

void login_end(app *a)
{
	(void)a;
	if (verify_started)
		pthread_join(verify_thread, NULL);
	verify_started = false;
}
