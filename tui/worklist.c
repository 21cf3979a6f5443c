/* The worklists screen (issue 13): four lists behind tabs — the day's
 * visitors without a valid notice, patients to notify again, possible
 * duplicates, deletion requests still to forward — each row opening its
 * patient. Duplicates merge (administrators, the merge form of the
 * patient screen); forwards are closed with "told" (store_forward_done,
 * as `forward done`), and administrators also see the latest provisions
 * (issue 10's desk worklist). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/roles.h"
#include "core/text.h"
#include "tui/internal.h"

#define WL_MAX 500            /* rows kept per list; the rest is counted */
#define WL_CELLS 6
#define WL_CELL (STORE_NAME_SIZE * 2 + 8)   /* "name (kana)" whole */
#define WL_PROVISIONS 5       /* the latest provisions shown to admins */

typedef struct wl_row {
	patient p;                         /* the patient Enter opens */
	char other[STORE_NUMBER_SIZE];     /* duplicates: the record to merge in */
	forward_rec fwd;                   /* forwards */
	char cells[WL_CELLS][WL_CELL];
	int attr;                          /* of the last cell (a state) */
} wl_row;

typedef struct wl_data {
	worklist_kind tab;
	int nrows, sel, scroll;
	int64_t total;                     /* rows on the list (more than kept?) */
	int64_t counts[WL_COUNT];
	bool counts_ok;
	provision_rec prov[WL_PROVISIONS]; /* newest first */
	int nprov;
	bool admin;                        /* sees the provisions */
	bool opened;                       /* the first load chose the tab */
	wl_row rows[];                     /* WL_MAX: one allocation, one free */
} wl_data;

typedef struct fill {
	app *a;
	wl_data *d;
} fill;

static wl_row *new_row(wl_data *d)
{
	d->total++;
	if (d->nrows == WL_MAX)
		return NULL;
	wl_row *r = &d->rows[d->nrows++];
	memset(r, 0, sizeof *r);
	return r;
}

/* (Every value fits: WL_CELL holds a name and its kana.) */
static void cell(wl_row *r, int i, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= WL_CELL)
		n = WL_CELL - 1;
	if (n)
		memmove(r->cells[i], s, n);
	r->cells[i][n] = '\0';
}

static void date_cell(wl_row *r, int i, od_date d)
{
	char iso[DATE_ISO_SIZE] = "";
	if (date_valid(d))
		date_format_iso(d, iso);
	cell(r, i, iso);
}

static bool add_visitor(const worklist_item *it, void *ctx)
{
	fill *f = ctx;
	wl_row *r = new_row(f->d);
	if (!r)
		return true;
	r->p = it->pat;
	cell(r, 0, it->time);
	cell(r, 1, it->pat.number);
	cell(r, 2, it->pat.name);
	cell(r, 3, it->pat.kana);
	cell(r, 4, it->department);
	cell(r, 5, _(elig_state_label(it->state.state)));
	r->attr = draw_attr(f->a, draw_state_pair(it->state.state));
	return true;
}

static bool add_renotice(const worklist_item *it, void *ctx)
{
	fill *f = ctx;
	wl_row *r = new_row(f->d);
	if (!r)
		return true;
	r->p = it->pat;
	cell(r, 0, it->pat.number);
	cell(r, 1, it->pat.name);
	cell(r, 2, it->pat.kana);
	date_cell(r, 3, it->since);
	cell(r, 4, _(renotice_reason_label(it->reason)));
	return true;
}

static bool add_pair(const patient *x, const patient *y, void *ctx)
{
	fill *f = ctx;
	wl_row *r = new_row(f->d);
	if (!r)
		return true;
	r->p = *x;
	snprintf(r->other, sizeof r->other, "%s", y->number);
	cell(r, 0, x->number);
	cell(r, 1, x->name);
	cell(r, 2, x->kana);
	date_cell(r, 3, x->birth_known ? x->birth : (od_date){ 0, 0, 0 });
	cell(r, 4, y->number);
	char both[WL_CELL];
	snprintf(both, sizeof both, "%s (%s)", y->name, y->kana);
	cell(r, 5, both);
	return true;
}

static bool add_forward(const forward_rec *fw, void *ctx)
{
	fill *f = ctx;
	wl_row *r = new_row(f->d);
	if (!r)
		return true;
	r->fwd = *fw;
	/* The patient the stop counts for now (a merged number resolves). */
	if (store_patient_get(f->a->st, fw->number, &r->p) != STORE_OK)
		snprintf(r->p.number, sizeof r->p.number, "%s", fw->number);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)fw->id);
	cell(r, 0, id);
	cell(r, 1, fw->number);
	cell(r, 2, r->p.name);
	date_cell(r, 3, fw->request_date);
	cell(r, 4, fw->request_ref);
	cell(r, 5, fw->operator_name);
	return true;
}

/* The latest provisions, newest first: a ring over the list by date. */
static bool add_provision(const provision_rec *p, void *ctx)
{
	wl_data *d = ctx;
	if (d->nprov < WL_PROVISIONS)
		d->nprov++;
	memmove(&d->prov[1], &d->prov[0], (size_t)(d->nprov - 1) * sizeof d->prov[0]);
	d->prov[0] = *p;
	return true;
}

/* One cache for the search header and the tabs: the counts cost seconds
 * on a million patients, and nothing changes them but a commit. */
static struct {
	bool ok;
	uint64_t generation;
	od_date day;
	int64_t counts[WL_COUNT];
} cached;

bool worklist_counts(app *a, int64_t counts[WL_COUNT])
{
	uint64_t g = store_generation(a->st);
	if (!cached.ok || g != cached.generation || date_cmp(a->today, cached.day) != 0) {
		cached.ok = store_worklist_counts(a->st, a->today, cached.counts) == STORE_OK;
		/* What the counting read changed nothing: take the value after. */
		cached.generation = store_generation(a->st);
		cached.day = a->today;
	}
	memcpy(counts, cached.counts, sizeof cached.counts);
	return cached.ok;
}

static void load(app *a, wl_data *d)
{
	fill f = { a, d };
	d->nrows = 0;
	d->total = 0;
	d->nprov = 0;
	d->counts_ok = worklist_counts(a, d->counts);
	/* Open on the first list with anyone on it. */
	for (int k = 0; !d->opened && d->counts_ok && k < WL_COUNT; k++)
		if (d->counts[k] > 0) {
			d->tab = (worklist_kind)k;
			break;
		}
	d->opened = true;
	store_rc rc;
	switch (d->tab) {
	case WL_NOT_NOTIFIED:
		rc = store_worklist_not_notified(a->st, a->today, add_visitor, &f);
		break;
	case WL_RENOTICE:
		rc = store_worklist_renotice(a->st, a->today, add_renotice, &f);
		break;
	case WL_DUPLICATES:
		rc = store_duplicate_pairs(a->st, add_pair, &f);
		break;
	default:
		rc = store_forward_list(a->st, true, add_forward, &f);
		if (rc == STORE_OK && d->admin)
			rc = store_provision_list(a->st, (od_date){ 0, 0, 0 }, (od_date){ 0, 0, 0 },
			                          add_provision, d);
		break;
	}
	if (rc != STORE_OK)
		app_store_error(a, rc);
	if (d->sel >= d->nrows)
		d->sel = d->nrows > 0 ? d->nrows - 1 : 0;
}

static void wl_enter(app *a, view *v)
{
	load(a, v->data);
}

/* Column widths per list; the last takes what is left. */
static const int widths[WL_COUNT][WL_CELLS] = {
	[WL_NOT_NOTIFIED] = { 8, 10, 16, 18, 10, 0 },
	[WL_RENOTICE] = { 10, 16, 18, 11, 0, -1 },
	[WL_DUPLICATES] = { 10, 16, 18, 11, 10, 0 },
	[WL_FORWARDS] = { 5, 10, 16, 11, 13, 0 },
};
static const char *const heads[WL_COUNT][WL_CELLS] = {
	[WL_NOT_NOTIFIED] = { N_("Time"), N_("Number"), N_("Name"), N_("Kana"), N_("Department"),
	                      N_("State") },
	[WL_RENOTICE] = { N_("Number"), N_("Name"), N_("Kana"), N_("Since"), N_("Reason"), NULL },
	[WL_DUPLICATES] = { N_("Number"), N_("Name"), N_("Kana"), N_("Birth date"),
	                    N_("Other number"), N_("Name") },
	[WL_FORWARDS] = { N_("ID"), N_("Number"), N_("Name"), N_("Date received"),
	                  N_("Receipt number"), N_("Operator") },
};
static const char *const explain[WL_COUNT] = {
	N_("Today's visitors without a valid notice (arrival order). Enter opens the patient; F3 there records the notice."),
	N_("Patients to notify again: under an earlier version of the notice, turned 16, or able to decide again."),
	N_("Possibly the same person under two numbers (same kana or name and birth date). Ctrl-Y merges the second into the first."),
	N_("Deletion requests to pass on to an operator that received the data. F12 records that the operator was told today."),
};

/* Draws one row of cells at y; returns nothing, never past the width. */
static void draw_cells(const wl_data *d, int y, const char *const *cells, int last_attr)
{
	int x = 1;
	for (int i = 0; i < WL_CELLS && x < COLS - 1; i++) {
		int w = widths[d->tab][i];
		if (w < 0 || !cells[i])
			break;
		bool last = w == 0 || i == WL_CELLS - 1;
		if (last)
			w = COLS - 1 - x;
		if (last && last_attr)
			attron(last_attr);
		draw_text(y, x, w, cells[i]);
		if (last && last_attr)
			attroff(last_attr);
		x += w + 1;
	}
}

static void draw_tabs(const app *a, const wl_data *d)
{
	int x = 1;
	for (int k = 0; k < WL_COUNT && x < COLS - 1; k++) {
		char tab[256];
		if (d->counts_ok)
			snprintf(tab, sizeof tab, " %d %s (%lld) ", k + 1, _(worklist_label((worklist_kind)k)),
			         (long long)d->counts[k]);
		else
			snprintf(tab, sizeof tab, " %d %s ", k + 1, _(worklist_label((worklist_kind)k)));
		int attr = k == (int)d->tab ? (int)(A_REVERSE | A_BOLD) : 0;
		(void)a;
		attron(attr);
		x += draw_text(2, x, COLS - 1 - x, tab) + 1;
		attroff(attr);
	}
}

static void wl_draw(app *a, view *v)
{
	wl_data *d = v->data;
	draw_title(a, _("optout-desk: worklists"));
	draw_tabs(a, d);
	draw_wrapped(3, 1, COLS - 2, 2, _(explain[d->tab]));
	const char *hd[WL_CELLS];
	for (int i = 0; i < WL_CELLS; i++)
		hd[i] = heads[d->tab][i] ? _(heads[d->tab][i]) : NULL;
	attron(A_BOLD);
	draw_cells(d, 5, hd, 0);
	attroff(A_BOLD);
	int y = 6, bottom = screen_bottom();
	/* Administrators see the latest provisions under the forwards. */
	const int prov_lines = d->tab == WL_FORWARDS && d->admin ? 2 + (d->nprov ? d->nprov : 1) : 0;
	int list_bottom = bottom - prov_lines > y + 1 ? bottom - prov_lines : bottom;
	if (d->nrows == 0)
		draw_text(y++, 3, COLS - 4, _("Nobody is on this list."));
	if (d->sel < d->scroll)
		d->scroll = d->sel;
	if (d->sel >= d->scroll + (list_bottom - y))
		d->scroll = d->sel - (list_bottom - y) + 1;
	for (int i = d->scroll; i < d->nrows && y < list_bottom; i++, y++) {
		const wl_row *r = &d->rows[i];
		const char *cells[WL_CELLS];
		for (int c = 0; c < WL_CELLS; c++)
			cells[c] = r->cells[c];
		if (i == d->sel)
			attron(A_REVERSE);
		draw_text_pad(y, 0, COLS, "");
		draw_cells(d, y, cells, i == d->sel ? 0 : r->attr);
		if (i == d->sel)
			attroff(A_REVERSE);
	}
	if (d->total > d->nrows && y < list_bottom) {
		char more[128];
		snprintf(more, sizeof more, _("%lld more not shown (optout-desk worklist %s)"),
		         (long long)(d->total - d->nrows), worklist_word(d->tab));
		draw_text(y++, 3, COLS - 4, more);
	}
	if (!prov_lines)
		return;
	y = y + 1 > list_bottom ? list_bottom : y + 1;
	attron(A_BOLD);
	draw_text(y++, 1, COLS - 2, _("Latest provisions"));
	attroff(A_BOLD);
	if (d->nprov == 0 && y < bottom)
		draw_text(y++, 3, COLS - 4, _("No provision recorded yet."));
	for (int i = 0; i < d->nprov && y < bottom; i++, y++) {
		char iso[DATE_ISO_SIZE], line[1024];
		date_format_iso(d->prov[i].date, iso);
		snprintf(line, sizeof line, _("%s  provision %lld  to %s  %lld patient(s)  %s"), iso,
		         (long long)d->prov[i].id, d->prov[i].operator_name,
		         (long long)d->prov[i].npatients, d->prov[i].items);
		draw_text(y, 3, COLS - 4, line);
	}
}

static void switch_tab(app *a, wl_data *d, int tab)
{
	tab = (tab + WL_COUNT) % WL_COUNT;
	if (tab == (int)d->tab)
		return;
	d->tab = (worklist_kind)tab;
	d->sel = d->scroll = 0;
	a->msg[0] = '\0';
	load(a, d);
}

static void wl_key(app *a, view *v, wint_t ch, bool is_key)
{
	wl_data *d = v->data;
	const int page = screen_bottom() - 8 > 1 ? screen_bottom() - 8 : 1;
	if (is_key && ch == KEY_DOWN && d->sel + 1 < d->nrows)
		d->sel++;
	else if (is_key && ch == KEY_UP && d->sel > 0)
		d->sel--;
	else if (is_key && ch == KEY_NPAGE)
		d->sel = d->sel + page < d->nrows ? d->sel + page : (d->nrows ? d->nrows - 1 : 0);
	else if (is_key && ch == KEY_PPAGE)
		d->sel = d->sel > page ? d->sel - page : 0;
	else if ((is_key && ch == KEY_RIGHT) || (!is_key && ch == L'\t'))
		switch_tab(a, d, (int)d->tab + 1);
	else if ((is_key && (ch == KEY_LEFT || ch == KEY_BTAB)))
		switch_tab(a, d, (int)d->tab - 1);
	else if (!is_key && ch >= L'1' && ch < L'1' + WL_COUNT)
		switch_tab(a, d, (int)(ch - L'1'));
}

/* "Told": the same store call as `forward done ID --date TODAY`. */
static void forward_told(app *a, wl_data *d)
{
	const forward_rec *f = &d->rows[d->sel].fwd;
	char q[TUI_MSG_SIZE], msg[TUI_MSG_SIZE];
	snprintf(q, sizeof q, _("Record that %s was told today of the deletion request %s (patient %s)?"),
	         f->operator_name, f->request_ref, f->number);
	if (!app_confirm(a, q))
		return;
	int64_t id = f->id;
	store_rc rc = store_forward_done(a->st, id, a->today, "", a->staff);
	if (rc == STORE_CONFLICT) {
		outcome_conflict(a, msg, sizeof msg);
		app_say(a, true, "%s", msg);
	} else if (rc != STORE_OK) {
		app_store_error(a, rc);
	} else {
		load(a, d);
		app_say(a, false, _("Forward %lld is recorded as told."), (long long)id);
	}
}

static bool wl_action(app *a, view *v, action_id id)
{
	wl_data *d = v->data;
	if (d->nrows == 0 || (id != A_OPEN && id != A_MERGE && id != A_FORWARD_DONE))
		return false;
	wl_row *r = &d->rows[d->sel];
	switch (id) {
	case A_OPEN:
		app_push(a, patient_view(a, r->p.number));
		return true;
	case A_MERGE:
		if (d->tab == WL_DUPLICATES)
			app_push(a, merge_form_view(a, &r->p, r->other));
		return true;
	default:
		if (d->tab == WL_FORWARDS)
			forward_told(a, d);
		return true;
	}
}

/* Merge on the duplicates, "told" on the forwards, Enter on any row. */
static bool wl_offers(const view *v, action_id id)
{
	const wl_data *d = v->data;
	if (id == A_OPEN)
		return d->nrows > 0;
	if (id == A_MERGE)
		return d->nrows > 0 && d->tab == WL_DUPLICATES;
	if (id == A_FORWARD_DONE)
		return d->nrows > 0 && d->tab == WL_FORWARDS;
	return true;
}

static void wl_destroy(view *v)
{
	free(v->data);
}

static const view_ops worklist_ops = {
	.screen = SCR_WORKLIST,
	.draw = wl_draw,
	.action = wl_action,
	.key = wl_key,
	.enter = wl_enter,
	.offers = wl_offers,
	.destroy = wl_destroy,
};

view *worklist_view(app *a)
{
	wl_data *d = calloc(1, sizeof *d + WL_MAX * sizeof d->rows[0]);
	if (d == NULL)
		return NULL;
	/* The provisions are the pipeline's and the administrators' records
	 * (the role table's `provisions` row); without logins, everyone's. */
	d->admin = !a->staff_set_up || roles_allow(a->role, "provisions", NULL);
	return view_new(&worklist_ops, d);
}
