/* Shared by the files of tui/: the application, its views (screens), the
 * action table and the form widgets. The only headers that include
 * <curses.h> live here. */
#ifndef OD_TUI_INTERNAL_H
#define OD_TUI_INTERNAL_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>
#include "core/date.h"
#include "core/rules.h"
#include "print/print.h"
#include "store/store.h"
#include "tui/tui.h"

/* ---- actions (tui/actions.c) --------------------------------------------- */

/* Which screens an action belongs to (bits). */
enum {
	SCR_SEARCH = 1u << 0,
	SCR_PATIENT = 1u << 1,
	SCR_FORM = 1u << 2,
	SCR_DONE = 1u << 3,      /* after saving: print choices */
	SCR_QR = 1u << 4,
	SCR_HELP = 1u << 5,
	SCR_DUP = 1u << 6,       /* possible duplicates before saving */
	SCR_WORKLIST = 1u << 7,  /* issue 13: the worklists */
	SCR_REPORT = 1u << 8,    /* issue 13: the reports */
	SCR_ALL = 0x1FFu,
};

typedef enum action_id {
	A_NONE = 0,
	A_HELP, A_QUIT, A_BACK, A_COMMIT,
	A_NEW_PATIENT, A_OPEN, A_SETTINGS, A_CLINIC_QR,
	A_NOTICE, A_STOP, A_WITHDRAW, A_CAPACITY, A_DEATH, A_CONTACT,
	A_QR, A_REPRINT,
	A_PRINT_NOTICE, A_PRINT_SLIP, A_PRINT_RECEIPT, A_PRINT_POSTER,
	A_NOT_DUPLICATE,
	A_EDIT, A_MERGE, A_VOID,
	A_REDRAW,
	A_IMPORT,               /* issue 9: the settings' import screen */
	A_FIRST_ADMIN,          /* issue 11: the first administrator, while no staff exist */
	A_WORKLIST, A_FORWARD_DONE,   /* issue 13: the worklists */
	/* issue 13: the report screen */
	A_REPORT, A_REPORT_DAY, A_REPORT_MONTH, A_REPORT_YEAR, A_REPORT_DATE,
	A_REPORT_SAVE, A_REPORT_PRINT,
	A_COUNT
} action_id;

typedef struct view view;

typedef struct action {
	action_id id;
	int fkey;               /* 1..12, or 0 for none */
	int key;                /* the non-F-key binding (a control or other key) */
	const char *key_name;   /* how the binding is written: "Ctrl-S", "Enter" */
	const char *label;      /* msgid: short, for the key bar */
	const char *help;       /* msgid: one sentence for help and the man page */
	unsigned screens;
	/* issue 11: the row of the role table (core/roles.c) that says who
	 * may take it ("tui.void"); NULL: whoever may use the desk */
	const char *role;
} action;

extern const action tui_actions[];
extern const size_t tui_nactions;
typedef struct app app;
/* The action bound to key (from get_wch) on v's screen, among those it
 * offers now, or A_NONE. */
action_id actions_lookup(const app *a, const view *v, int key, bool is_function_key);
/* Lines the key bar of v takes at this width: 1, or 2 when narrow. The
 * bar leaves off what the signed-in role may not do (login_offers). */
int actions_bar_lines(const app *a, const view *v, int cols);
void actions_draw_bar(const app *a, const view *v, int y, int cols);
/* The message line, right above the key bar (1 or 2 lines, set by the app
 * before each draw): what a screen draws stops above it. */
int screen_bottom(void);

/* ---- the application and its views (tui/app.c) --------------------------- */

typedef struct view_ops {
	unsigned screen;                                  /* SCR_* */
	void (*draw)(app *a, view *v);
	/* An action of the table; true when handled. */
	bool (*action)(app *a, view *v, action_id id);
	/* Any other key (characters, arrows, Enter, Tab...). */
	void (*key)(app *a, view *v, wint_t ch, bool is_key);
	/* Called when the view comes (back) on top: reload from the store, as
	 * another desk may have changed it. */
	void (*enter)(app *a, view *v);
	bool (*dirty)(const view *v);                     /* typed, unsaved */
	/* Whether an action of the screen applies now (NULL: all do); what
	 * does not apply is left off the key bar. */
	bool (*offers)(const view *v, action_id id);
	void (*destroy)(view *v);
} view_ops;

struct view {
	const view_ops *ops;
	void *data;
};

#define TUI_STACK_MAX 12
#define TUI_MSG_SIZE 1024

struct app {
	store *st;
	od_date today;
	char staff[STORE_STAFF_SIZE];
	char db_path[STORE_PATH_MAX];
	bool colour;
	bool quit;
	view *stack[TUI_STACK_MAX];
	int depth;
	char msg[TUI_MSG_SIZE];
	bool msg_error;
	void (*language_changed)(const char *lang);   /* tui_options' */
	/* issue 11: who is at the desk (tui/login.c) */
	char login[STORE_LOGIN_SIZE];     /* signed in as; "" without staff */
	staff_role role;
	bool staff_set_up;                /* then the desk signs in and locks */
	long idle_seconds;                /* locks after this long without a key */
	long long last_key;               /* monotonic seconds of the last key */
	int verify_seen;                  /* the background verify's state drawn */
};

void app_push(app *a, view *v);
void app_pop(app *a);                    /* destroys the top view */
/* Pops views down to (not including) the one with this screen. */
void app_pop_to(app *a, unsigned screen);
void app_say(app *a, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Says what a store error means, in the user's language. */
void app_store_error(app *a, store_rc rc);
/* Asks a yes/no question on the message line; true for yes. */
bool app_confirm(app *a, const char *question);
view *view_new(const view_ops *ops, void *data);

/* ---- drawing (tui/draw.c) ------------------------------------------------ */

enum colour_pair {
	CP_NORMAL = 0, CP_TITLE, CP_OK, CP_WAIT, CP_STOP, CP_WARN, CP_ERROR,
	CP_KEY, CP_FOCUS, CP_QR, CP_COUNT
};
void draw_init_colours(app *a);
int draw_attr(const app *a, enum colour_pair cp);
/* Draws text from anywhere (the database, the user) cut to cols columns,
 * control characters as placeholders: nothing raw reaches the terminal. */
int draw_text(int y, int x, int cols, const char *s);
/* Draws s over up to maxrows lines of cols columns; returns lines used. */
int draw_wrapped(int y, int x, int cols, int maxrows, const char *s);
/* Right-pads with spaces to cols columns. */
void draw_text_pad(int y, int x, int cols, const char *s);
void draw_title(const app *a, const char *title);
void draw_message(const app *a);
/* Colour for an eligibility state. */
enum colour_pair draw_state_pair(elig_state s);
/* "令和8年11月24日" or the ISO date if ICU fails. */
void format_era(od_date d, char *out, size_t outsz);
/* "昭和45年3月2日 (56歳)" */
void format_birth(const patient *p, od_date today, char *out, size_t outsz);
/* The one-line state text: 待機中（あと31日、提供開始 令和8年12月25日） */
void format_state(const elig_result *r, od_date today, char *out, size_t outsz);

/* ---- form fields (tui/field.c) ------------------------------------------ */

#define FIELD_MAX_CHARS 500
#define FIELD_MAX_CHOICES 12

typedef enum field_type { F_TEXT, F_DATE, F_CHOICE, F_CHECK } field_type;

typedef struct field {
	field_type type;
	const char *label;            /* msgid */
	bool required;
	bool hidden;
	int max_chars;
	/* text and date */
	wchar_t buf[FIELD_MAX_CHARS + 1];
	int len, cur, scroll;
	/* choice: labels are msgids; value[] carries the enum value */
	int nchoices, choice;
	const char *choices[FIELD_MAX_CHOICES];
	int value[FIELD_MAX_CHOICES];
	bool checked;
	bool touched;                 /* edited by the user */
	bool secret;                  /* a password: drawn as *, never shown */
} field;

void field_set_text(field *f, const char *utf8);
/* UTF-8 of a text or date field; false if it does not fit. */
bool field_text(const field *f, char *out, size_t outsz);
bool field_empty(const field *f);
int field_value(const field *f);                 /* choice */
void field_select_value(field *f, int value);    /* choice */
void field_add_choice(field *f, const char *label, int value);
/* Edits with a key; true if the content changed. */
bool field_key(field *f, wint_t ch, bool is_key);
/* Draws the value at (y, x) in cols columns; places the cursor if focused. */
void field_draw(const app *a, const field *f, int y, int x, int cols, bool focused);

/* ---- forms (tui/form.c) -------------------------------------------------- */

#define FORM_MAX_FIELDS 20

typedef struct form form;
typedef struct form_ops {
	/* Saves; false keeps the form open (the message says why). */
	bool (*commit)(app *a, form *f);
	/* After a field changed: adjust the others (choices, hidden). */
	void (*changed)(app *a, form *f, int field);
	/* Extra lines drawn under the fields (explanations). */
	void (*extra)(app *a, form *f, int y);
	void (*destroy)(form *f);
	/* Issue 9: a form's own actions besides A_COMMIT (NULL: none), and
	 * which it offers (NULL: those of every form). */
	bool (*action)(app *a, form *f, action_id id);
	bool (*offers)(const form *f, action_id id);
} form_ops;

struct form {
	const form_ops *ops;
	const char *title;           /* msgid */
	char subtitle[1024];          /* e.g. the patient, already translated */
	field fields[FORM_MAX_FIELDS];
	int n, focus;
	int top;                     /* first field shown when they do not all fit */
	bool dirty;
	void *ctx;                   /* the form's own data */
	char request_id[40];         /* issue 12: a retried F12 is not a second entry */
};

form *form_new(const form_ops *ops, const char *title, void *ctx);
field *form_add(form *f, field_type type, const char *label, bool required, int max_chars);
view *form_view(form *f);
/* Moves focus to field i and says msg (already translated) as an error. */
bool form_error(app *a, form *f, int i, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Reads a date field (any form core/ parses); on error says why. */
bool form_date(app *a, form *f, int i, od_date *out);
/* Reads a text field checked with text_check (kana: text_check_kana). */
bool form_string(app *a, form *f, int i, bool kana, char *out, size_t outsz);

/* ---- screens ------------------------------------------------------------- */

view *search_view(app *a);
view *patient_view(app *a, const char *number);
view *help_view(unsigned screen);
view *qr_view(app *a, const char *ref);
/* Forms. */
view *setup_view(app *a, bool first_run);
view *import_view(app *a);   /* issue 9 */
view *worklist_view(app *a); /* issue 13 */
/* The worklists' counts for today, read again only when the database
 * changed (store_generation) or the day did: false when unreadable. */
bool worklist_counts(app *a, int64_t counts[WL_COUNT]);
view *report_view(app *a);   /* issue 13: 日報, month and year */
view *register_view(app *a, const char *typed);
view *notice_form_view(app *a, const patient *p);
view *request_form_view(app *a, const patient *p, bool stop);
view *capacity_form_view(app *a, const patient *p);
view *death_form_view(app *a, const patient *p);
view *contact_form_view(app *a, const patient *p);
/* One person, one true state (tui/patient_actions.c): correcting the
 * particulars, merging another record into this patient, voiding the
 * history entry h. */
view *edit_form_view(app *a, const patient *p);
view *merge_form_view(app *a, const patient *p, const char *from_number);
view *void_form_view(app *a, const patient *p, const history_item *h);
/* After saving a notice (ref) or a request: print choices. */
view *done_view(app *a, const patient *p, const notice_rec *n, const request_rec *r);

/* ---- history rows (tui/history.c) ------------------------------------------ */

const char *history_kind_label(const history_item *h);
/* Whether store_void can take the entry (and it is not voided yet). */
bool history_voidable(const history_item *h);
/* The reference shown and given to store_void: "N-…", "R-…" or "#ID". */
void history_ref(const history_item *h, char *out, size_t outsz);
/* What the entry says beyond its kind: who, old → new, the merged number,
 * the number it was recorded under (when not `number`), the void. */
void history_detail(const history_item *h, const char *number, char *out, size_t outsz);
/* Lines the entry takes on the patient screen, and drawing it there. */
int history_rows(const history_item *h, const char *number);
void history_draw(const history_item *h, const char *number, int y, int maxrows);

/* ---- what the store answers (tui/outcome.c) ----------------------------- */

/* After STORE_BACKDATED: asks, with the first changed date and the state
 * there and today before → after; true to record it anyway. */
bool outcome_confirm_backdated(app *a);
/* After STORE_CONFLICT: why, with the record it ran into and its date. */
void outcome_conflict(app *a, char *out, size_t outsz);
/* After STORE_DUPLICATE: the screen "同じ方ではありませんか?" listing the
 * patients similar to p. Enter opens one (the form is dropped); F12 calls
 * confirm(a, ctx), which saves with not_duplicate and pops on success.
 * ctx_free(ctx) when the screen goes. */
typedef bool (*outcome_dup_confirm)(app *a, void *ctx);
void outcome_duplicates(app *a, const patient *p, outcome_dup_confirm confirm, void *ctx,
                        void (*ctx_free)(void *ctx));

/* ---- printing (tui/printing.c) ------------------------------------------ */

/* Prints or saves a document for a saved record and says what happened
 * (printer, saved PDF path, or why not: the record stays saved). */
void tui_print(app *a, doc_kind kind, const patient *p, const notice_rec *n,
               const request_rec *r);
/* Reprints the document of a history item (notice or receipt). */
void tui_reprint(app *a, const patient *p, const history_item *h);

/* ---- who is at the desk (tui/login.c, issue 11) --------------------------- */

/* At start: the permissions warning, the daily backup, verify in the
 * background, and the sign-in screen when staff exist. false: the user
 * quit there. */
bool login_begin(app *a);
/* The permissions warning on stderr, before curses starts (login_begin
 * shows it on screen). */
void login_warn_stderr(const app *a);
void login_end(app *a);
/* A key was pressed (the idle clock starts again). */
void login_touch(app *a);
/* Something for the main loop to act on: the lock is due, or the
 * background verify finished. */
bool login_wakeup(app *a);
/* Shows the lock screen when the idle time is over; false: the user quit. */
bool login_lock(app *a);
/* Whether the signed-in role may take this action (says why not). */
bool login_allows(app *a, action_id id);
/* Whether the action belongs on the key bar now: not when the role table
 * keeps the signed-in role from it, nor the first administrator's form
 * once staff exist (that one is not even looked up then: lookup). */
bool login_offers(const app *a, action_id id, bool lookup);
/* issue 11: the form creating the first administrator (tui/first_admin.c),
 * offered on the search screen while no staff exist. */
view *first_admin_view(app *a);
/* The red banner over the title when verify found tampering. */
void login_draw_banner(app *a);
/* Logs that a patient's screen was opened (signed in or not). */
void login_opened(app *a, const char *number);
/* "(no login set up)" for the header when no staff exist, else "". */
const char *login_header_note(const app *a);

#endif
