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
	  .screens = SCR_SEARCH },
	{ .id = A_NOTICE, .fkey = 3, .key = CTRL('T'), .key_name = "Ctrl-T",
	  .label = N_("Notice"), .help = N_("Records that the notice document was handed over, then prints it."),
	  .screens = SCR_PATIENT },
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
	  .screens = SCR_SEARCH },
	{ .id = A_QR, .fkey = 9, .key = CTRL('O'), .key_name = "Ctrl-O",
	  .label = N_("QR"), .help = N_("Shows the QR code linking to the notice, with the reference of the selected or latest notice."),
	  .screens = SCR_PATIENT | SCR_DONE },
	{ .id = A_REPRINT, .fkey = 11, .key = CTRL('P'), .key_name = "Ctrl-P",
	  .label = N_("Reprint"), .help = N_("Prints again the document of the notice or request selected in the history."),
	  .screens = SCR_PATIENT },
	{ .id = A_PRINT_NOTICE, .fkey = 3, .key = '1', .key_name = "1",
	  .label = N_("Print notice"), .help = N_("Prints the A4 notice document."),
	  .screens = SCR_DONE },
	{ .id = A_PRINT_SLIP, .fkey = 4, .key = '2', .key_name = "2",
	  .label = N_("Print slip"), .help = N_("Prints the small notice slip on the receipt printer (on the clinic's QR screen: the waiting-room poster)."),
	  .screens = SCR_DONE | SCR_QR },
	{ .id = A_PRINT_RECEIPT, .fkey = 5, .key = '3', .key_name = "3",
	  .label = N_("Print receipt"), .help = N_("Prints the receipt (受付控え) for the requester."),
	  .screens = SCR_DONE },
	{ .id = A_COMMIT, .fkey = 12, .key = CTRL('S'), .key_name = "Ctrl-S",
	  .label = N_("Save"), .help = N_("Saves the form (登録)."),
	  .screens = SCR_FORM },
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

action_id actions_lookup(unsigned screen, int key, bool is_function_key)
{
	for (size_t i = 0; i < tui_nactions; i++) {
		const action *ac = &tui_actions[i];
		if (!(ac->screens & screen))
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

void actions_draw_bar(const view *v, int y, int cols)
{
	const unsigned screen = v->ops->screen;
	int x = 0;
	move(y, 0);
	clrtoeol();
	for (size_t i = 0; i < tui_nactions && x < cols; i++) {
		const action *ac = &tui_actions[i];
		if (!(ac->screens & screen) || ac->id == A_REDRAW ||
		    (v->ops->offers != NULL && !v->ops->offers(v, ac->id)))
			continue;
		char key[16];
		if (ac->fkey)
			snprintf(key, sizeof key, "F%d", ac->fkey);
		else
			snprintf(key, sizeof key, "%s", ac->key_name);
		const char *label = _(ac->label);
		int need = (int)strlen(key) + text_width(label) + 1;
		if (x + need > cols)
			break;
		attron(A_REVERSE);
		mvaddstr(y, x, key);
		attroff(A_REVERSE);
		x += (int)strlen(key);
		x += draw_text(y, x, cols - x, label);
		x += 1;
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
	int scroll;
} help_data;

static void help_draw(app *a, view *v)
{
	help_data *h = v->data;
	draw_title(a, _("Help"));
	int y = 2 - h->scroll;
	const int bottom = LINES - 2;
	for (size_t i = 0; i < tui_nactions; i++) {
		const action *ac = &tui_actions[i];
		if (!(ac->screens & h->screen))
			continue;
		char keys[48];
		keys_of(ac, keys, sizeof keys);
		if (y >= 2 && y < bottom) {
			attron(A_BOLD);
			draw_text(y, 1, 20, keys);
			attroff(A_BOLD);
			draw_text(y, 22, COLS - 23, _(ac->help));
		}
		y++;
	}
	y++;
	for (size_t i = 0; i < sizeof moving_help / sizeof moving_help[0]; i++, y++)
		if (y >= 2 && y < bottom) {
			attron(A_BOLD);
			draw_text(y, 1, 20, moving_help[i][0]);
			attroff(A_BOLD);
			draw_text(y, 22, COLS - 23, _(moving_help[i][1]));
		}
	y++;
	if (y >= 2 && y < bottom)
		draw_text(y, 1, COLS - 2, _("Dates: 2026-11-24, 2026/11/24, R8.11.24, S45.3.2 or 3450302."));
}

static void help_key(app *a, view *v, wint_t ch, bool is_key)
{
	help_data *h = v->data;
	(void)a;
	if (is_key && ch == KEY_DOWN)
		h->scroll++;
	else if (is_key && ch == KEY_UP && h->scroll > 0)
		h->scroll--;
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
