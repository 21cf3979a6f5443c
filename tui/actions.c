/* The one table of actions (tig's request list): the key bar, the key
 * dispatch, the help screen and the man page's key list all come from it.
 * Every action has a function key, as ORCA users expect, and a control-key
 * binding, because function keys get lost over some remote terminals. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

#define CTRL(c) ((c) & 0x1f)

const action tui_actions[] = {
	{ .id = A_HELP, .fkey = 1, .key = CTRL('G'), .key_name = "Ctrl-G",
	  .label = N_("Help"), .help = N_("Shows the keys of the current screen."),
	  .screens = SCR_ALL & ~SCR_HELP },
	{ .id = A_NEW_PATIENT, .fkey = 2, .key = CTRL('N'), .key_name = "Ctrl-N",
	  .label = N_("New"), .help = N_("Registers a new patient, with the number or name typed in the search field carried over."),
	  .screens = SCR_SEARCH },
	{ .id = A_OPEN, .fkey = 0, .key = '\r', .key_name = "Enter",
	  .label = N_("Open"), .help = N_("Opens the patient selected in the list."),
	  .screens = SCR_SEARCH | SCR_DUP | SCR_WORKLIST },
	{ .id = A_NOTICE, .fkey = 3, .key = CTRL('T'), .key_name = "Ctrl-T",
	  .label = N_("Notice"), .help = N_("Records that the notice document was handed over, then prints it."),
	  .screens = SCR_PATIENT | SCR_SEARCH },
	{ .id = A_STOP, .fkey = 4, .key = CTRL('R'), .key_name = "Ctrl-R",
	  .label = N_("Stop"), .help = N_("Records a request to stop providing the patient's data, then prints the receipt."),
	  .screens = SCR_PATIENT },
	{ .id = A_WITHDRAW, .fkey = 5, .key = CTRL('W'), .key_name = "Ctrl-W",
	  .label = N_("Withdraw"), .help = N_("Records the withdrawal of a stop request, then prints the receipt."),
	  .screens = SCR_PATIENT },
	{ .id = A_CAPACITY, .fkey = 6, .key = CTRL('U'), .key_name = "Ctrl-U",
	  .label = N_("Capacity"), .help = N_("Records that the patient is unable to decide (a representative acts), or able to decide again."),
	  .screens = SCR_PATIENT },
	{ .id = A_DEATH, .fkey = 7, .key = CTRL('D'), .key_name = "Ctrl-D",
	  .label = N_("Death"), .help = N_("Records the patient's death (the bereaved family may then file a stop)."),
	  .screens = SCR_PATIENT },
	{ .id = A_CLINIC_QR, .fkey = 7, .key = CTRL('O'), .key_name = "Ctrl-O",
	  .label = N_("QR"), .help = N_("Shows the QR code of the clinic's notice page for a phone to scan."),
	  .screens = SCR_SEARCH },
	{ .id = A_CONTACT, .fkey = 8, .key = CTRL('E'), .key_name = "Ctrl-E",
	  .label = N_("Contact"), .help = N_("Edits the patient's phone number and address."),
	  .screens = SCR_PATIENT },
	{ .id = A_SETTINGS, .fkey = 8, .key = CTRL('K'), .key_name = "Ctrl-K",
	  .label = N_("Settings"), .help = N_("Edits the clinic's details, web pages and certified operators."),
	  .screens = SCR_SEARCH, .role = "tui.settings" },
	{ .id = A_QR, .fkey = 9, .key = CTRL('O'), .key_name = "Ctrl-O",
	  .label = N_("QR"), .help = N_("Shows the QR code linking to the notice, with the reference of the selected or latest notice."),
	  .screens = SCR_PATIENT | SCR_DONE },
	{ .id = A_REPRINT, .fkey = 11, .key = CTRL('P'), .key_name = "Ctrl-P",
	  .label = N_("Reprint"), .help = N_("Prints again the document of the notice or request selected in the history."),
	  .screens = SCR_PATIENT },
	{ .id = A_EDIT, .fkey = 2, .key = CTRL('F'), .key_name = "Ctrl-F",
	  .label = N_("Correct"), .help = N_("Corrects the patient's name, kana, birth date or sex; the old values stay in the history."),
	  .screens = SCR_PATIENT },
	{ .id = A_VOID, .fkey = 0, .key = CTRL('X'), .key_name = "Ctrl-X",
	  .label = N_("Void"), .help = N_("Voids the history entry selected, recorded in error: it stays in the history, marked, and no longer counts. Asks for the reason."),
	  .screens = SCR_PATIENT, .role = "tui.void" },
	{ .id = A_MERGE, .fkey = 0, .key = CTRL('Y'), .key_name = "Ctrl-Y",
	  .label = N_("Merge"), .help = N_("Merges another record of the same person into this patient: its number then finds this patient and its history counts here."),
	  .screens = SCR_PATIENT | SCR_WORKLIST, .role = "tui.merge" },
	{ .id = A_WORKLIST, .fkey = 9, .key = CTRL('V'), .key_name = "Ctrl-V",
	  .label = N_("Worklists"), .help = N_("Opens the worklists: visitors not notified, patients to notify again, possible duplicates, deletion requests to forward."),
	  .screens = SCR_SEARCH },
	{ .id = A_FORWARD_DONE, .fkey = 12, .key = CTRL('S'), .key_name = "Ctrl-S",
	  .label = N_("Told"), .help = N_("Records that the operator of the selected deletion request was told today (as forward done)."),
	  .screens = SCR_WORKLIST, .role = "tui.forward" },
	{ .id = A_PRINT_NOTICE, .fkey = 3, .key = '1', .key_name = "1",
	  .label = N_("Print notice"), .help = N_("Prints the A4 notice document."),
	  .screens = SCR_DONE },
	{ .id = A_PRINT_SLIP, .fkey = 4, .key = '2', .key_name = "2",
	  .label = N_("Print slip"), .help = N_("Prints the small notice slip on the receipt printer."),
	  .screens = SCR_DONE | SCR_QR },
	{ .id = A_PRINT_POSTER, .fkey = 4, .key = '2', .key_name = "2",
	  .label = N_("Print poster"), .help = N_("Prints the waiting-room poster with the clinic's QR code (on the clinic's QR screen)."),
	  .screens = SCR_QR },
	{ .id = A_PRINT_RECEIPT, .fkey = 5, .key = '3', .key_name = "3",
	  .label = N_("Print receipt"), .help = N_("Prints the receipt (受付控え) for the requester."),
	  .screens = SCR_DONE },
	{ .id = A_NOT_DUPLICATE, .fkey = 12, .key = CTRL('S'), .key_name = "Ctrl-S",
	  .label = N_("Another person"), .help = N_("Registers (or saves) as another person: none of the patients listed is the same one."),
	  .screens = SCR_DUP },
	{ .id = A_IMPORT, .fkey = 6, .key = CTRL('F'), .key_name = "Ctrl-F",
	  .label = N_("Import"), .help = N_("Loads the patient master or the day's reception list from the receipt computer's CSV file (settings)."),
	  .screens = SCR_FORM },
	/* issue 13: the reports */
	{ .id = A_REPORT, .fkey = 6, .key = CTRL('B'), .key_name = "Ctrl-B",
	  .label = N_("Reports"), .help = N_("Opens the reports: the daily report (日報) of notices, stops, withdrawals and documents printed per staff member, and the month and year with bar charts."),
	  .screens = SCR_SEARCH },
	{ .id = A_REPORT_DAY, .fkey = 2, .key = CTRL('D'), .key_name = "Ctrl-D",
	  .label = N_("Daily report"), .help = N_("Shows the daily report (Left and Right: the day before and after)."),
	  .screens = SCR_REPORT },
	{ .id = A_REPORT_MONTH, .fkey = 3, .key = CTRL('T'), .key_name = "Ctrl-T",
	  .label = N_("Monthly report"), .help = N_("Shows the month: a line a day with a bar of the notices handed, and the share of patients in each state."),
	  .screens = SCR_REPORT },
	{ .id = A_REPORT_YEAR, .fkey = 4, .key = CTRL('Y'), .key_name = "Ctrl-Y",
	  .label = N_("Yearly report"), .help = N_("Shows the year: a line a month with a bar of the notices handed."),
	  .screens = SCR_REPORT },
	{ .id = A_REPORT_DATE, .fkey = 5, .key = CTRL('A'), .key_name = "Ctrl-A",
	  .label = N_("Choose date"), .help = N_("Asks for the date, month or year of the report."),
	  .screens = SCR_REPORT },
	{ .id = A_REPORT_SAVE, .fkey = 6, .key = CTRL('E'), .key_name = "Ctrl-E",
	  .label = N_("Save PDF"), .help = N_("Saves the report as an A4 PDF in the output folder."),
	  .screens = SCR_REPORT },
	{ .id = A_REPORT_PRINT, .fkey = 7, .key = CTRL('P'), .key_name = "Ctrl-P",
	  .label = N_("Print"), .help = N_("Prints the report: the daily report in short form on the receipt printer, the month or year in A4 on the notice printer (saved as PDF when no printer is set up)."),
	  .screens = SCR_REPORT },
	{ .id = A_COMMIT, .fkey = 12, .key = CTRL('S'), .key_name = "Ctrl-S",
	  .label = N_("Save"), .help = N_("Saves the form (登録)."),
	  .screens = SCR_FORM },
	{ .id = A_FIRST_ADMIN, .fkey = 11, .key = CTRL('A'), .key_name = "Ctrl-A",
	  .label = N_("Sign-in set-up"), .help = N_("Creates the first administrator, so that from then on everyone signs in at the desk and the record names who did what (offered while no staff are set up)."),
	  .screens = SCR_SEARCH },
	{ .id = A_BACK, .fkey = 0, .key = 27, .key_name = "Esc",
	  .label = N_("Back"), .help = N_("Goes back; asks first if typed input would be lost."),
	  .screens = SCR_ALL & ~SCR_SEARCH },
	{ .id = A_REDRAW, .fkey = 0, .key = CTRL('L'), .key_name = "Ctrl-L",
	  .label = N_("Redraw"), .help = N_("Redraws the screen and reads its data again (another desk's changes also show by themselves within a second)."),
	  .screens = SCR_ALL },
	{ .id = A_QUIT, .fkey = 10, .key = CTRL('Q'), .key_name = "Ctrl-Q",
	  .label = N_("Quit"), .help = N_("Quits the desk; asks first if typed input would be lost."),
	  .screens = SCR_ALL },
};
const size_t tui_nactions = sizeof tui_actions / sizeof tui_actions[0];

action_id actions_lookup(const app *a, const view *v, int key, bool is_function_key)
{
	const unsigned screen = v->ops->screen;
	for (size_t i = 0; i < tui_nactions; i++) {
		const action *ac = &tui_actions[i];
		/* What the screen does not offer now is not on its bar, and its
		 * key may belong to another action (F4: slip or poster). */
		if (!(ac->screens & screen) || !login_offers(a, ac->id, true) ||
		    (v->ops->offers != NULL && !v->ops->offers(v, ac->id)))
			continue;
		if (is_function_key && ac->fkey && key == KEY_F(ac->fkey))
			return ac->id;
		if (!is_function_key && ac->key && key == ac->key)
			return ac->id;
		/* Enter arrives as '\n' or '\r' depending on the terminal. */
		if (!is_function_key && ac->key == '\r' && key == '\n')
			return ac->id;
		if (is_function_key && ac->key == '\r' && key == KEY_ENTER)
			return ac->id;
	}
	return A_NONE;
}

/* The key bar: every action the screen offers now, in the table's order,
 * on one line, or two when one is too narrow (Japanese at 80 columns);
 * Quit always shows, at the end. What cannot fit even on two lines is
 * left to the help screen (F1), which lists every key. */
#define BAR_MAX_LINES 2

typedef struct bar_item {
	char key[16];
	const char *label;     /* translated */
	int w;                 /* key and label, without the space after */
	int line;              /* -1: left off */
	int x;
} bar_item;

static int bar_layout(const app *a, const view *v, int cols, bar_item *items, int *nitems)
{
	const unsigned screen = v->ops->screen;
	int n = 0, quit = -1;
	for (size_t i = 0; i < tui_nactions; i++) {
		const action *ac = &tui_actions[i];
		if (!(ac->screens & screen) || ac->id == A_REDRAW ||
		    !login_offers(a, ac->id, false) ||
		    (v->ops->offers != NULL && !v->ops->offers(v, ac->id)))
			continue;
		bar_item *it = &items[n];
		if (ac->fkey)
			snprintf(it->key, sizeof it->key, "F%d", ac->fkey);
		else
			snprintf(it->key, sizeof it->key, "%s", ac->key_name);
		it->label = _(ac->label);
		it->w = (int)strlen(it->key) + text_width(it->label);
		if (ac->id == A_QUIT)
			quit = n;
		n++;
	}
	/* Quit goes last. */
	if (quit >= 0 && quit != n - 1) {
		bar_item q = items[quit];
		memmove(items + quit, items + quit + 1, (size_t)(n - quit - 1) * sizeof *items);
		items[n - 1] = q;
	}
	int line = 0, x = 0;
	for (int i = 0; i < n; i++) {
		if (x > 0 && x + items[i].w > cols) {
			line++;
			x = 0;
		}
		items[i].line = line < BAR_MAX_LINES ? line : -1;
		items[i].x = x;
		x += items[i].w + 1;
	}
	/* Quit did not fit: make room for it at the end of the last line. */
	if (quit >= 0 && n > 0 && items[n - 1].line < 0) {
		const int last = BAR_MAX_LINES - 1;
		int end = 0, k = n - 2;
		for (; k >= 0 && items[k].line < 0; k--)
			;
		while (k >= 0 && items[k].line == last) {
			end = items[k].x + items[k].w + 1;
			if (end + items[n - 1].w <= cols)
				break;
			items[k].line = -1;
			end = items[k].x;
			k--;
		}
		items[n - 1].line = last;
		items[n - 1].x = end;
	}
	*nitems = n;
	int lines = 0;
	for (int i = 0; i < n; i++)
		if (items[i].line + 1 > lines)
			lines = items[i].line + 1;
	return lines > 0 ? lines : 1;
}

int actions_bar_lines(const app *a, const view *v, int cols)
{
	bar_item items[32];
	int n;
	return bar_layout(a, v, cols, items, &n);
}

void actions_draw_bar(const app *a, const view *v, int y, int cols)
{
	bar_item items[32];
	int n;
	int lines = bar_layout(a, v, cols, items, &n);
	for (int l = 0; l < lines; l++) {
		move(y + l, 0);
		clrtoeol();
	}
	for (int i = 0; i < n; i++) {
		const bar_item *it = &items[i];
		if (it->line < 0)
			continue;
		attron(A_REVERSE);
		mvaddstr(y + it->line, it->x, it->key);
		attroff(A_REVERSE);
		const int kx = it->x + (int)strlen(it->key);
		draw_text(y + it->line, kx, cols - kx, it->label);
	}
}

/* ---- the key list for help and the man page ------------------------------ */

static const struct {
	unsigned screen;
	const char *title;   /* msgid */
} screen_titles[] = {
	{ SCR_SEARCH, N_("Search (the home screen)") },
	{ SCR_PATIENT, N_("Patient") },
	{ SCR_FORM, N_("Forms") },
	{ SCR_DONE, N_("After saving") },
	{ SCR_DUP, N_("Possible duplicates") },
	{ SCR_WORKLIST, N_("Worklists") },
	{ SCR_REPORT, N_("Reports") },
};

/* Keys of (nearly) every screen: help, back, quit, redraw. */
static bool common(const action *ac)
{
	const unsigned both = SCR_PATIENT | SCR_FORM;
	return (ac->screens & both) == both;
}

/* "F12, Ctrl-S" */
static void keys_of(const action *ac, char *out, size_t outsz)
{
	if (ac->fkey)
		snprintf(out, outsz, "F%d, %s", ac->fkey, ac->key_name);
	else
		snprintf(out, outsz, "%s", ac->key_name);
}

/* Fields and lists, which are not actions of the table. */
static const char *const moving_help[][2] = {
	{ "Tab, Down", N_("Next field (in a list: next row).") },
	{ "Shift-Tab, Up", N_("Previous field (in a list: previous row).") },
	{ "Left, Right, Space", N_("Change a choice; Space ticks a box.") },
	{ "Backspace, Delete", N_("Delete the character before or under the cursor (a whole wide character).") },
	{ "Home, End", N_("Start or end of the field.") },
	{ "Ctrl-U", N_("Clears the field being edited (forms and the search field).") },
	{ "1-4, Left, Right", N_("On the worklists: which list is shown (Tab also goes to the next).") },
};

static void roff_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

void tui_keys_print(FILE *out, bool roff)
{
	for (size_t s = 0; s < sizeof screen_titles / sizeof screen_titles[0]; s++) {
		if (roff)
			fprintf(out, ".SS %s\n", screen_titles[s].title);
		else
			fprintf(out, "%s\n", _(screen_titles[s].title));
		for (size_t i = 0; i < tui_nactions; i++) {
			const action *ac = &tui_actions[i];
			if (!(ac->screens & screen_titles[s].screen))
				continue;
			/* Keys common to every screen are listed once, at the end. */
			if (common(ac))
				continue;
			char keys[48];
			keys_of(ac, keys, sizeof keys);
			if (roff) {
				fputs(".TP\n.B ", out);
				roff_escape(out, keys);
				fprintf(out, "\n%s\n", ac->help);
			} else {
				fprintf(out, "  %-20s %s\n", keys, _(ac->help));
			}
		}
	}
	if (roff)
		fprintf(out, ".SS %s\n", "Every screen");
	else
		fprintf(out, "%s\n", _("Every screen"));
	for (size_t i = 0; i < tui_nactions; i++) {
		const action *ac = &tui_actions[i];
		if (!common(ac))
			continue;
		char keys[48];
		keys_of(ac, keys, sizeof keys);
		if (roff) {
			fputs(".TP\n.B ", out);
			roff_escape(out, keys);
			fprintf(out, "\n%s\n", ac->help);
		} else {
			fprintf(out, "  %-20s %s\n", keys, _(ac->help));
		}
	}
	for (size_t i = 0; i < sizeof moving_help / sizeof moving_help[0]; i++) {
		if (roff) {
			fputs(".TP\n.B ", out);
			roff_escape(out, moving_help[i][0]);
			fprintf(out, "\n%s\n", moving_help[i][1]);
		} else {
			fprintf(out, "  %-20s %s\n", moving_help[i][0], _(moving_help[i][1]));
		}
	}
}

/* ---- the help screen ------------------------------------------------------ */

typedef struct help_data {
	unsigned screen;     /* the screen help was asked on */
	int scroll;          /* rows scrolled */
	bool more;           /* rows below the screen */
} help_data;

/* One entry of the help: the keys, bold, and what they do, wrapped under
 * them; rows above `top` or below `bottom` are counted, not drawn. */
static int help_entry(int y, int top, int bottom, const char *keys, const char *text)
{
	const int tx = 22, tcols = COLS - tx - 1;
	char part[1024];
	int rows = 0;
	const char *s = text;
	do {
		int yy = y + rows;
		int n = text_fit(s, tcols, part, sizeof part);
		/* English breaks between words. */
		size_t len = strlen(part);
		if (s[len] != '\0' && s[len] != ' ') {
			char *sp = strrchr(part, ' ');
			if (sp != NULL && sp > part)
				*sp = '\0';
		}
		if (yy >= top && yy < bottom) {
			if (rows == 0) {
				attron(A_BOLD);
				draw_text(yy, 1, 20, keys);
				attroff(A_BOLD);
			}
			draw_text(yy, tx, tcols, part);
		}
		rows++;
		if (n <= 0 || part[0] == '\0')
			break;
		s += strlen(part);
		while (*s == ' ')
			s++;
	} while (*s);
	return rows;
}

static void help_draw(app *a, view *v)
{
	help_data *h = v->data;
	draw_title(a, _("Help"));
	const int top = 2, bottom = screen_bottom();
	int y;
	/* Scrolled past the end (a wider window after a narrow one): back up. */
	for (;;) {
		y = top - h->scroll;
		for (size_t i = 0; i < tui_nactions; i++) {
			const action *ac = &tui_actions[i];
			if (!(ac->screens & h->screen))
				continue;
			char keys[48];
			keys_of(ac, keys, sizeof keys);
			y += help_entry(y, top, bottom, keys, _(ac->help));
		}
		y++;
		for (size_t i = 0; i < sizeof moving_help / sizeof moving_help[0]; i++)
			y += help_entry(y, top, bottom, moving_help[i][0], _(moving_help[i][1]));
		y++;
		y += help_entry(y, top, bottom, "", _("Dates: 2026-11-24, 2026/11/24, R8.11.24, S45.3.2 or 3450302."));
		h->more = y > bottom;
		if (h->scroll == 0 || y >= bottom)
			break;
		h->scroll--;
		erase();
		draw_title(a, _("Help"));
	}
	if (h->more || h->scroll > 0) {
		char more[128];
		snprintf(more, sizeof more, "%s%s", h->scroll > 0 ? _("↑ more above  ") : "",
		         h->more ? _("↓ more below") : "");
		draw_text(1, 1, COLS - 2, more);
	}
}

static void help_key(app *a, view *v, wint_t ch, bool is_key)
{
	help_data *h = v->data;
	const int page = screen_bottom() - 3 > 1 ? screen_bottom() - 3 : 1;
	(void)a;
	if (is_key && ch == KEY_DOWN && h->more)
		h->scroll++;
	else if (is_key && ch == KEY_NPAGE && h->more)
		h->scroll += page;
	else if (is_key && ch == KEY_UP && h->scroll > 0)
		h->scroll--;
	else if (is_key && ch == KEY_PPAGE)
		h->scroll = h->scroll > page ? h->scroll - page : 0;
}

static void help_destroy(view *v)
{
	free(v->data);
}

static const view_ops help_ops = {
	.screen = SCR_HELP,
	.draw = help_draw,
	.key = help_key,
	.destroy = help_destroy,
};

view *help_view(unsigned screen)
{
	help_data *h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	h->screen = screen;
	return view_new(&help_ops, h);
}
