/* The home screen: one field, results as you type. A number, a name in
 * kanji or kana (hiragana, katakana and half-width meet), or a birth date
 * in any form core/ parses. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/query.h"
#include "core/text.h"
#include "tui/internal.h"

#define SEARCH_MAX_ROWS 64

typedef struct row {
	patient p;
	elig_result state;
	bool state_known;
	bool visit;           /* today's visitor (issue 9): time and department */
	char time[6];
	char department[STORE_DEPT_SIZE];
} row;

typedef struct search_data {
	field query;
	row rows[SEARCH_MAX_ROWS];
	int nrows, sel;
	bool more;            /* the list was cut at the screen's height */
	int nvisits;          /* the first rows are today's visitors */
	store_rc error;
	/* issue 13: the worklists' counts in the header, read when the screen
	 * comes on top or another desk saved (never per keystroke) */
	int64_t counts[WL_COUNT];
	bool counts_ok;
} search_data;

typedef struct collect {
	search_data *s;
	int limit;
} collect;

static bool listed(const search_data *s, int64_t id)
{
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].p.id == id)
			return true;
	return false;
}

static bool collect_row(const patient *p, void *ctx)
{
	collect *c = ctx;
	if (c->s->nvisits && listed(c->s, p->id))
		return true;   /* already listed as today's visitor */
	if (c->s->nrows >= c->limit) {
		c->s->more = true;
		return false;
	}
	row *r = &c->s->rows[c->s->nrows++];
	memset(r, 0, sizeof *r);
	r->p = *p;
	return true;
}

/* Today's visitors in arrival order (the reception list loaded with
 * `import visits`): where the notice is handed. Each patient once. */
static bool collect_visit(const visit_rec *v, const patient *p, void *ctx)
{
	collect *c = ctx;
	if (listed(c->s, p->id))
		return true;
	if (c->s->nrows >= c->limit) {
		c->s->more = true;
		return false;
	}
	row *r = &c->s->rows[c->s->nrows++];
	memset(r, 0, sizeof *r);
	r->p = *p;
	r->visit = true;
	snprintf(r->time, sizeof r->time, "%s", v->time);
	snprintf(r->department, sizeof r->department, "%s", v->department);
	c->s->nvisits++;
	return true;
}

static int list_rows(void)
{
	int n = screen_bottom() - 6;
	return n < 1 ? 1 : n > SEARCH_MAX_ROWS - 1 ? SEARCH_MAX_ROWS - 1 : n;
}

static void requery(app *a, search_data *s)
{
	char text[FIELD_MAX_CHARS * 4 + 1];
	patient_query q;
	s->nrows = 0;
	s->nvisits = 0;
	s->more = false;
	s->error = STORE_OK;
	collect c = { s, list_rows() };
	store_rc rc;
	if (field_empty(&s->query)) {
		/* Nothing typed: today's and recent patients, newest first (who
		 * was just registered or seen is the likeliest next). */
		rc = store_visit_list(a->st, a->today, collect_visit, &c);
		if (rc == STORE_OK && !s->more)
			rc = store_patient_recent(a->st, c.limit + 1, collect_row, &c);
	} else {
		if (!field_text(&s->query, text, sizeof text) || !query_parse(text, &q))
			return;
		/* One more than fits, to know that there are more. */
		rc = store_patient_find(a->st, &q, c.limit + 1, collect_row, &c);
	}
	if (rc != STORE_OK) {
		s->error = rc;
		app_store_error(a, rc);
		s->nrows = 0;
		return;
	}
	for (int i = 0; i < s->nrows; i++) {
		row *r = &s->rows[i];
		r->state_known = store_patient_status(a->st, r->p.id, a->today, &r->state) == STORE_OK;
	}
	if (s->sel >= s->nrows)
		s->sel = s->nrows > 0 ? s->nrows - 1 : 0;
}

static void search_enter(app *a, view *v)
{
	search_data *s = v->data;
	s->counts_ok = worklist_counts(a, s->counts);
	requery(a, s);
}

/* "Worklists (F9): visitors not notified 2  to notify again 1 ..."; a
 * list with anyone on it in bold. */
static void draw_counts(const search_data *s)
{
	if (!s->counts_ok)
		return;
	int x = 1 + draw_text(1, 1, COLS - 2, _("Worklists (F9):"));
	for (int k = 0; k < WL_COUNT && x < COLS - 2; k++) {
		char part[128];
		snprintf(part, sizeof part, "%s %lld", _(worklist_label((worklist_kind)k)),
		         (long long)s->counts[k]);
		if (s->counts[k] > 0)
			attron(A_BOLD);
		x += 2 + draw_text(1, x + 2, COLS - 2 - (x + 2), part);
		if (s->counts[k] > 0)
			attroff(A_BOLD);
	}
}

/* Column layout at the current width: number, name, kana, birth, state. */
typedef struct cols {
	int number, name, kana, birth, state;
} cols;

static cols layout(void)
{
	cols c = { .number = 10, .name = 15, .kana = 15, .birth = 22 };
	int rest = COLS - 2 - (c.number + c.name + c.kana + c.birth + 4);
	/* Wider screens give the names more room. */
	if (rest > 24) {
		int extra = (rest - 24) / 2;
		c.name += extra;
		c.kana += extra;
		rest -= 2 * extra;
	}
	c.state = rest;
	return c;
}

static void search_draw(app *a, view *v)
{
	search_data *s = v->data;
	draw_title(a, _("optout-desk: patient search"));
	draw_counts(s);
	draw_text(2, 1, 10, _("Search"));
	draw_text(3, 1, COLS - 2, _("Patient number, name in kanji or kana, or birth date (S45.3.2, 3450302, 1970-03-02)"));
	const cols c = layout();
	int y = 5, x;
	attron(A_BOLD);
	x = 1;
	draw_text(y, x, c.number, _("Number")); x += c.number + 1;
	draw_text(y, x, c.name, _("Name")); x += c.name + 1;
	draw_text(y, x, c.kana, _("Kana")); x += c.kana + 1;
	draw_text(y, x, c.birth, _("Birth date (age)")); x += c.birth + 1;
	draw_text(y, x, c.state, _("State"));
	attroff(A_BOLD);
	y++;
	if (field_empty(&s->query)) {
		if (s->nrows == 0)
			draw_text(y, 1, COLS - 2, _("Type to search. F2: register a new patient."));
		else {
			/* The heading says what the list is. */
			attron(A_BOLD);
			draw_text(4, 1, COLS - 2, s->nvisits
			          ? _("Today's visitors (arrival order; F3: notice), then recent patients:")
			          : _("Today's and recent patients (newest first):"));
			attroff(A_BOLD);
		}
	} else if (s->nrows == 0 && s->error == STORE_OK) {
		draw_text(y, 1, COLS - 2, _("No patient found. F2 registers a new one with what you typed."));
	}
	for (int i = 0; i < s->nrows; i++, y++) {
		const row *r = &s->rows[i];
		char birth[96];
		format_birth(&r->p, a->today, birth, sizeof birth);
		if (i == s->sel)
			attron(A_REVERSE);
		draw_text_pad(y, 0, COLS, "");
		x = 1;
		draw_text(y, x, c.number, r->p.number); x += c.number + 1;
		if (r->visit && r->time[0]) {
			/* The arrival time before the name: the list's order. */
			char tn[sizeof r->time + STORE_NAME_SIZE + 2];
			snprintf(tn, sizeof tn, "%s %s", r->time, r->p.name);
			draw_text(y, x, c.name, tn);
		} else {
			draw_text(y, x, c.name, r->p.name);
		}
		x += c.name + 1;
		draw_text(y, x, c.kana, r->p.kana); x += c.kana + 1;
		draw_text(y, x, c.birth, birth); x += c.birth + 1;
		if (i == s->sel)
			attroff(A_REVERSE);
		if (r->state_known) {
			int attr = draw_attr(a, draw_state_pair(r->state.state));
			/* A visitor still without the notice stands out, in
			 * colour or not: hand it now. */
			if (r->visit && worklist_needs_notice(r->state.state))
				attr |= A_BOLD | A_REVERSE;
			attron(attr);
			draw_text(y, x, c.state, _(elig_state_label(r->state.state)));
			attroff(attr);
		} else {
			draw_text(y, x, c.state, _("(unknown)"));
		}
	}
	if (s->more && !field_empty(&s->query))
		draw_text(y, 1, COLS - 2, _("More patients match: type more to narrow the list."));
	curs_set(1);
	field_draw(a, &s->query, 2, 12, COLS - 14, true);
}

static void search_key(app *a, view *v, wint_t ch, bool is_key)
{
	search_data *s = v->data;
	if (is_key && ch == KEY_DOWN) {
		if (s->sel + 1 < s->nrows)
			s->sel++;
		return;
	}
	if (is_key && ch == KEY_UP) {
		if (s->sel > 0)
			s->sel--;
		return;
	}
	if (field_key(&s->query, ch, is_key)) {
		a->msg[0] = '\0';
		s->sel = 0;
		requery(a, s);
	}
}

/* The number to open the selected row by: the number typed when it is a
 * record merged into that patient, so the patient screen can say so. */
static void open_number(app *a, const search_data *s, char out[STORE_NUMBER_SIZE])
{
	const patient *sel = &s->rows[s->sel].p;
	patient p;
	if (field_text(&s->query, out, STORE_NUMBER_SIZE) && text_patient_number_ok(out) &&
	    store_patient_get(a->st, out, &p) == STORE_OK && p.id == sel->id && p.looked_up_as[0])
		return;
	snprintf(out, STORE_NUMBER_SIZE, "%s", sel->number);
}

static bool search_action(app *a, view *v, action_id id)
{
	search_data *s = v->data;
	char text[FIELD_MAX_CHARS * 4 + 1];
	switch (id) {
	case A_NEW_PATIENT:
		if (!field_text(&s->query, text, sizeof text))
			text[0] = '\0';
		app_push(a, register_view(a, text));
		return true;
	case A_OPEN:
		if (s->nrows > 0) {
			char number[STORE_NUMBER_SIZE];
			open_number(a, s, number);
			app_push(a, patient_view(a, number));
		}
		return true;
	case A_NOTICE:
		/* One key from the list: the notice is handed at the visit. */
		if (s->nrows > 0)
			app_push(a, notice_form_view(a, &s->rows[s->sel].p));
		return true;
	case A_SETTINGS:
		app_push(a, setup_view(a, false));
		return true;
	case A_CLINIC_QR:
		app_push(a, qr_view(a, NULL));
		return true;
	case A_FIRST_ADMIN:
		app_push(a, first_admin_view(a));
		return true;
	case A_WORKLIST:
		app_push(a, worklist_view(a));
		return true;
	case A_REPORT:
		app_push(a, report_view(a));
		return true;
	default:
		return false;
	}
}

static void search_destroy(view *v)
{
	free(v->data);
}

static const view_ops search_ops = {
	.screen = SCR_SEARCH,
	.draw = search_draw,
	.action = search_action,
	.key = search_key,
	.enter = search_enter,
	.destroy = search_destroy,
};

view *search_view(app *a)
{
	(void)a;
	search_data *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->query.type = F_TEXT;
	s->query.max_chars = 60;
	return view_new(&search_ops, s);
}
