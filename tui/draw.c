/* Drawing helpers: colours with a monochrome fallback, text drawn safely
 * and cut to columns (never inside a wide glyph), and the shared formats of
 * dates, ages and states. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/age.h"
#include "core/eligibility.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

void draw_init_colours(app *a)
{
	const char *no = getenv("NO_COLOR");
	a->colour = has_colors() && (no == NULL || *no == '\0');
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	if (a->colour) {
		init_pair(CP_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(CP_OK, COLOR_GREEN, -1);
		init_pair(CP_WAIT, COLOR_YELLOW, -1);
		init_pair(CP_STOP, COLOR_RED, -1);
		init_pair(CP_WARN, COLOR_MAGENTA, -1);
		init_pair(CP_ERROR, COLOR_RED, -1);
		init_pair(CP_KEY, COLOR_BLACK, COLOR_CYAN);
		init_pair(CP_FOCUS, COLOR_BLACK, COLOR_YELLOW);
	}
	/* A QR code needs dark modules on a light ground whatever the
	 * terminal's colours, so this pair is set even under NO_COLOR: it is
	 * not decoration. */
	init_pair(CP_QR, COLOR_BLACK, COLOR_WHITE);
}

/* Attributes for a role: colour when allowed, else bold/reverse/underline
 * so that nothing depends on colour alone. */
int draw_attr(const app *a, enum colour_pair cp)
{
	if (cp == CP_QR)
		return has_colors() ? COLOR_PAIR(CP_QR) : A_REVERSE;
	if (!a->colour) {
		switch (cp) {
		case CP_TITLE: case CP_KEY: case CP_FOCUS: return A_REVERSE;
		case CP_STOP: case CP_ERROR: return A_BOLD;
		case CP_WAIT: case CP_WARN: return A_UNDERLINE;
		default: return A_NORMAL;
		}
	}
	switch (cp) {
	case CP_STOP: case CP_ERROR: return COLOR_PAIR(cp) | A_BOLD;
	case CP_NORMAL: return A_NORMAL;
	default: return COLOR_PAIR(cp);
	}
}

int draw_text(int y, int x, int cols, const char *s)
{
	char buf[2048];
	if (cols <= 0)
		return 0;
	int used = text_fit(s != NULL ? s : "", cols, buf, sizeof buf);
	mvaddstr(y, x, buf);
	return used;
}

int draw_wrapped(int y, int x, int cols, int maxrows, const char *s)
{
	char part[2048];
	int rows = 0;
	while (s != NULL && *s && rows < maxrows) {
		text_fit(s, cols, part, sizeof part);
		if (part[0] == '\0')
			break;
		draw_text(y + rows++, x, cols, part);
		s += strlen(part);
	}
	return rows;
}

void draw_text_pad(int y, int x, int cols, const char *s)
{
	int used = draw_text(y, x, cols, s);
	for (int i = used; i < cols; i++)
		mvaddch(y, x + i, ' ');
}

void draw_title(const app *a, const char *title)
{
	int attr = draw_attr(a, CP_TITLE);
	char right[256], era[DATE_ERA_SIZE];
	attron(attr);
	draw_text_pad(0, 0, COLS, "");
	draw_text(0, 1, COLS - 2, title);
	format_era(a->today, era, sizeof era);
	/* "(no login set up)" when nobody signs in (issue 11), if it fits */
	const char *note = login_header_note(a);
	snprintf(right, sizeof right, "%s%s%s  %s", note, *note ? "  " : "", era, a->staff);
	int w = text_width(right);
	if (*note && w >= COLS - text_width(title) - 4) {
		snprintf(right, sizeof right, "%s  %s", era, a->staff);
		w = text_width(right);
	}
	if (w < COLS - text_width(title) - 4)
		draw_text(0, COLS - w - 1, w, right);
	attroff(attr);
}

/* The message line, wrapped upwards over up to three lines when a
 * sentence (an explanation of the rules, say) does not fit on one. */
void draw_message(const app *a)
{
	char part[TUI_MSG_SIZE];
	const char *lines[3];
	int n = 0;
	const char *s = a->msg;

	move(screen_bottom(), 0);
	clrtoeol();
	while (*s && n < 3) {
		lines[n++] = s;
		text_fit(s, COLS, part, sizeof part);
		if (part[0] == '\0')
			break;
		s += strlen(part);
	}
	int attr = a->msg_error ? draw_attr(a, CP_ERROR) : (int)A_BOLD;
	attron(attr);
	for (int i = 0; i < n; i++) {
		const int y = screen_bottom() + 1 - n + i;
		move(y, 0);
		clrtoeol();
		draw_text(y, 0, COLS, lines[i]);
	}
	attroff(attr);
}

enum colour_pair draw_state_pair(elig_state s)
{
	switch (s) {
	case ELIG_MAY_FLOW: return CP_OK;
	case ELIG_WAITING: return CP_WAIT;
	case ELIG_STOPPED: return CP_STOP;
	case ELIG_NEEDS_RENOTICE: return CP_WARN;
	default: return CP_WARN;
	}
}

void format_era(od_date d, char *out, size_t outsz)
{
	if (!date_format_era(d, out, outsz))
		date_format_iso(d, out);
}

void format_birth(const patient *p, od_date today, char *out, size_t outsz)
{
	char era[DATE_ERA_SIZE];
	if (!p->birth_known || !date_valid(p->birth)) {
		snprintf(out, outsz, "%s", _("birth date not recorded"));
		return;
	}
	format_era(p->birth, era, sizeof era);
	int age = age_years(p->birth, today);
	/* An age means nothing for the dead; saying so on the list matters,
	 * as only the bereaved family can then act. */
	if (p->died)
		snprintf(out, outsz, _("%s (deceased)"), era);
	else if (age >= 0)
		snprintf(out, outsz, _("%s (%d y)"), era, age);
	else
		snprintf(out, outsz, "%s", era);
}

void format_state(const elig_result *r, od_date today, char *out, size_t outsz)
{
	char d1[DATE_ERA_SIZE], d2[DATE_ERA_SIZE];
	const char *label = _(elig_state_label(r->state));
	switch (r->state) {
	case ELIG_WAITING:
		format_era(r->flow_from, d1, sizeof d1);
		snprintf(out, outsz, _("%s (%ld days left, data may flow from %s)"), label,
		         date_diff_days(r->flow_from, today), d1);
		break;
	case ELIG_MAY_FLOW:
		format_era(r->notice_date, d1, sizeof d1);
		format_era(r->flow_from, d2, sizeof d2);
		snprintf(out, outsz, _("%s (notified %s, since %s)"), label, d1, d2);
		break;
	case ELIG_STOPPED:
		format_era(r->stopped_since, d1, sizeof d1);
		snprintf(out, outsz, _("%s (since %s, requested by: %s)"), label, d1,
		         _(requester_kind_label(r->stopped_by)));
		break;
	case ELIG_NEEDS_RENOTICE:
		format_era(r->notice_date, d1, sizeof d1);
		snprintf(out, outsz, _("%s (last notice %s was under an earlier version)"), label, d1);
		break;
	default:
		if (r->detail != NULL)
			snprintf(out, outsz, "%s (%s)", label, _(r->detail));
		else
			snprintf(out, outsz, "%s", label);
		break;
	}
}
