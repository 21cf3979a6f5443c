/* One person, one true state on the screens: correcting a patient's
 * particulars, merging two records of one person, and voiding an entry
 * made in error. Each saves through the same store function as the
 * command line (`patient set`, `patient merge`, `void`), and answers what
 * the store refuses the way the dated forms do (tui/outcome.c). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

static void subtitle_of(form *f, const patient *p)
{
	snprintf(f->subtitle, sizeof f->subtitle, "%s  %s (%s)", p->number, p->name, p->kana);
}

/* ---- void ------------------------------------------------------------------- */

typedef struct void_ctx {
	patient p;
	history_item h;
	char ref[REFCODE_SIZE + 24];     /* what store_void is given */
} void_ctx;

static bool void_commit(app *a, form *f)
{
	void_ctx *c = f->ctx;
	char reason[STORE_NOTE_SIZE], msg[TUI_MSG_SIZE];
	if (!form_string(a, f, 0, false, reason, sizeof reason))
		return false;
	int64_t pid = 0;
	store_rc rc = store_void(a->st, c->ref, reason, a->staff, false, &pid);
	if (rc == STORE_BACKDATED) {
		if (!outcome_confirm_backdated(a))
			return false;
		rc = store_void(a->st, c->ref, reason, a->staff, true, &pid);
	}
	if (rc == STORE_CONFLICT) {
		outcome_conflict(a, msg, sizeof msg);
		app_say(a, true, "%s", msg);
		return false;
	}
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	char ref[sizeof c->ref];
	snprintf(ref, sizeof ref, "%s", c->ref);
	app_pop(a);    /* frees c */
	app_say(a, false, _("%s is voided; it stays in the history and no longer counts."), ref);
	return true;
}

/* The entry to be voided, as the history shows it. */
static void void_extra(app *a, form *f, int y)
{
	void_ctx *c = f->ctx;
	char era[DATE_ERA_SIZE], detail[STORE_NOTE_SIZE * 3 + 512], line[sizeof detail + 512];
	(void)a;
	format_era(c->h.date, era, sizeof era);
	history_detail(&c->h, c->p.number, detail, sizeof detail);
	snprintf(line, sizeof line, "%s  %s  %s  %s", era, history_kind_label(&c->h), c->ref, detail);
	attron(A_BOLD);
	draw_text(y, 1, COLS - 2, _("Entry to void:"));
	attroff(A_BOLD);
	int n = draw_wrapped(y + 1, 3, COLS - 4, 3, line);
	draw_wrapped(y + 2 + n, 1, COLS - 2, 3,
	             _("The entry stays in the history, marked as voided with the reason, and no longer counts for the patient's state. F12 voids it."));
}

static void free_ctx(form *f)
{
	free(f->ctx);
}

static const form_ops void_ops = { .commit = void_commit, .extra = void_extra, .destroy = free_ctx };

view *void_form_view(app *a, const patient *p, const history_item *h)
{
	(void)a;
	void_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->p = *p;
	c->h = *h;
	history_ref(h, c->ref, sizeof c->ref);
	form *f = form_new(&void_ops, N_("Void a history entry"), c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	subtitle_of(f, p);
	form_add(f, F_TEXT, N_("Reason"), true, TEXT_NOTE_MAX);
	return form_view(f);
}

/* ---- merge ------------------------------------------------------------------ */

typedef struct merge_ctx {
	patient into;                 /* this patient: the record kept */
	elig_result into_state;
	bool into_state_ok;
	patient from;                 /* the other record, once its number is found */
	elig_result from_state;
	bool from_found, from_state_ok;
} merge_ctx;

enum { MF_NUMBER, MF_REASON };

static void merge_lookup(app *a, form *f)
{
	merge_ctx *c = f->ctx;
	char number[64];
	c->from_found = false;
	if (!field_text(&f->fields[MF_NUMBER], number, sizeof number) || number[0] == '\0')
		return;
	if (store_patient_get(a->st, number, &c->from) != STORE_OK)
		return;
	c->from_found = true;
	c->from_state_ok = store_patient_status(a->st, c->from.id, a->today, &c->from_state) == STORE_OK;
}

static void merge_changed(app *a, form *f, int i)
{
	if (i == MF_NUMBER)
		merge_lookup(a, f);
}

static void state_text(const patient *p, const elig_result *r, bool ok, const app *a,
                       char *out, size_t outsz)
{
	if (p->merged_into || p->looked_up_as[0])
		snprintf(out, outsz, "%s", _("already merged into another"));
	else if (ok)
		format_state(r, a->today, out, outsz);
	else
		snprintf(out, outsz, "%s", _("(the state could not be read)"));
}

/* Both records side by side: the one kept (this patient) and the one
 * merged into it. */
static void merge_extra(app *a, form *f, int y)
{
	merge_ctx *c = f->ctx;
	const int lw = 12, cw = (COLS - lw - 4) / 2, x1 = 1 + lw + 1, x2 = x1 + cw + 1;
	char birth[2][96], state[2][512];
	const patient *ps[2] = { &c->into, &c->from };
	format_birth(&c->into, a->today, birth[0], sizeof birth[0]);
	state_text(&c->into, &c->into_state, c->into_state_ok, a, state[0], sizeof state[0]);
	if (c->from_found) {
		format_birth(&c->from, a->today, birth[1], sizeof birth[1]);
		state_text(&c->from, &c->from_state, c->from_state_ok, a, state[1], sizeof state[1]);
	}
	attron(A_BOLD);
	draw_text(y, x1, cw, _("Kept (this patient)"));
	draw_text(y, x2, cw, _("Merged into it"));
	attroff(A_BOLD);
	const char *labels[] = { N_("Patient number"), N_("Name"), N_("Kana"), N_("Birth date"),
	                         N_("State") };
	for (int r = 0; r < 5; r++) {
		const int yy = y + 1 + r;
		draw_text(yy, 1, lw, _(labels[r]));
		for (int k = 0; k < 2; k++) {
			const int x = k == 0 ? x1 : x2;
			if (k == 1 && !c->from_found) {
				if (r == 0)
					draw_text(yy, x, cw, _("(type the other record's number)"));
				continue;
			}
			const patient *p = ps[k];
			const char *v = r == 0 ? (k == 1 && p->looked_up_as[0] ? p->looked_up_as : p->number)
			              : r == 1 ? p->name : r == 2 ? p->kana : r == 3 ? birth[k] : state[k];
			/* The state is a sentence: two lines. */
			draw_wrapped(yy, x, cw, r == 4 ? 2 : 1, v);
		}
	}
	draw_wrapped(y + 8, 1, COLS - 2, 3,
	             _("After the merge the other number finds this patient, and both histories count here. Nothing is deleted. F12 asks once more."));
}

static bool merge_commit(app *a, form *f)
{
	merge_ctx *c = f->ctx;
	char number[64], reason[STORE_NOTE_SIZE], msg[TUI_MSG_SIZE];
	if (!field_text(&f->fields[MF_NUMBER], number, sizeof number) || number[0] == '\0')
		return form_error(a, f, MF_NUMBER, "%s", _("missing"));
	merge_lookup(a, f);
	if (!c->from_found)
		return form_error(a, f, MF_NUMBER, _("no patient has the number %s"), number);
	if (c->from.looked_up_as[0] || c->from.merged_into)
		return form_error(a, f, MF_NUMBER, _("%s was already merged into %s"),
		                  c->from.looked_up_as[0] ? c->from.looked_up_as : c->from.number,
		                  c->from.number);
	if (c->from.id == c->into.id)
		return form_error(a, f, MF_NUMBER, "%s", _("that is this patient's own number"));
	if (!form_string(a, f, MF_REASON, false, reason, sizeof reason))
		return false;
	char q[TUI_MSG_SIZE];
	snprintf(q, sizeof q, _("Merge %s %s into %s %s?"), c->from.number, c->from.name,
	         c->into.number, c->into.name);
	if (!app_confirm(a, q))
		return false;
	store_rc rc = store_patient_merge(a->st, c->from.id, c->into.id, reason, a->staff);
	if (rc == STORE_CONFLICT) {
		outcome_conflict(a, msg, sizeof msg);
		return form_error(a, f, MF_NUMBER, "%s", msg);
	}
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	char from[STORE_NUMBER_SIZE], into[STORE_NUMBER_SIZE];
	snprintf(from, sizeof from, "%s", c->from.number);
	snprintf(into, sizeof into, "%s", c->into.number);
	app_pop(a);    /* frees c */
	app_say(a, false, _("Patient %s is merged into %s; both histories count here."), from, into);
	return true;
}

static const form_ops merge_ops = {
	.commit = merge_commit, .changed = merge_changed, .extra = merge_extra, .destroy = free_ctx,
};

view *merge_form_view(app *a, const patient *p, const char *from_number)
{
	merge_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->into = *p;
	c->into_state_ok = store_patient_status(a->st, p->id, a->today, &c->into_state) == STORE_OK;
	form *f = form_new(&merge_ops, N_("Merge another record into this patient"), c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	subtitle_of(f, p);
	form_add(f, F_TEXT, N_("Other record's number"), true, TEXT_NUMBER_MAX);
	form_add(f, F_TEXT, N_("Reason"), true, TEXT_NOTE_MAX);
	/* From the duplicates worklist: the other record is known. */
	if (from_number) {
		field_set_text(&f->fields[MF_NUMBER], from_number);
		merge_lookup(a, f);
		f->focus = MF_REASON;
	}
	return form_view(f);
}

/* ---- correcting the particulars ---------------------------------------------- */

typedef struct edit_ctx {
	patient old;
	patient neu;                  /* as typed */
} edit_ctx;

enum { EF_NAME, EF_KANA, EF_BIRTH, EF_SEX };

/* Saves c->neu over c->old; asks about a back-dated effect. */
static store_rc edit_save(app *a, const edit_ctx *c, bool not_duplicate)
{
	patient_edit e = {
		.name = c->neu.name, .kana = c->neu.kana,
		.set_birth = true, .birth_known = c->neu.birth_known, .birth = c->neu.birth,
		.sex = c->neu.sex, .source = "desk", .staff = a->staff,
		.not_duplicate = not_duplicate,
	};
	store_rc rc = store_patient_update(a->st, c->old.id, &e);
	if (rc == STORE_BACKDATED && outcome_confirm_backdated(a)) {
		e.confirm_backdated = true;
		rc = store_patient_update(a->st, c->old.id, &e);
	}
	return rc;
}

static void edit_saved(app *a)
{
	app_pop_to(a, SCR_PATIENT);   /* the form (and the duplicates screen) go */
	app_say(a, false, "%s", _("Particulars saved; the old values stay in the history."));
}

/* "Another person" on the duplicates screen. */
static bool edit_another(app *a, void *ctx)
{
	store_rc rc = edit_save(a, ctx, true);
	if (rc == STORE_BACKDATED)
		return false;             /* not confirmed: nothing saved */
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	edit_saved(a);                /* frees ctx */
	return true;
}

static bool edit_commit(app *a, form *f)
{
	edit_ctx *c = f->ctx;
	patient *n = &c->neu;
	*n = c->old;
	if (!form_string(a, f, EF_NAME, false, n->name, sizeof n->name) ||
	    !form_string(a, f, EF_KANA, true, n->kana, sizeof n->kana))
		return false;
	n->birth_known = !field_empty(&f->fields[EF_BIRTH]);
	if (n->birth_known) {
		if (!form_date(a, f, EF_BIRTH, &n->birth))
			return false;
		if (date_cmp(n->birth, a->today) > 0)
			return form_error(a, f, EF_BIRTH, "%s", _("the date is after today"));
	}
	n->sex = (char)field_value(&f->fields[EF_SEX]);
	const patient *o = &c->old;
	if (strcmp(o->name, n->name) == 0 && strcmp(o->kana, n->kana) == 0 && o->sex == n->sex &&
	    o->birth_known == n->birth_known &&
	    (!n->birth_known || date_cmp(o->birth, n->birth) == 0)) {
		app_pop(a);
		app_say(a, false, "%s", _("Nothing was changed."));
		return true;
	}
	store_rc rc = edit_save(a, c, false);
	if (rc == STORE_DUPLICATE) {
		/* The corrected particulars match another registered patient:
		 * perhaps the same person, to be merged instead. */
		edit_ctx *copy = malloc(sizeof *copy);
		if (copy == NULL) {
			app_say(a, true, "%s", _("Out of memory."));
			return false;
		}
		*copy = *c;
		outcome_duplicates(a, &c->neu, edit_another, copy, free);
		return false;
	}
	if (rc == STORE_BACKDATED)
		return false;             /* not confirmed: the form stays */
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	edit_saved(a);
	return true;
}

static const form_ops edit_ops = { .commit = edit_commit, .destroy = free_ctx };

view *edit_form_view(app *a, const patient *p)
{
	(void)a;
	edit_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->old = *p;
	form *f = form_new(&edit_ops, N_("Correct the patient's particulars"), c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	subtitle_of(f, p);
	field_set_text(form_add(f, F_TEXT, N_("Name"), true, TEXT_NAME_MAX), p->name);
	field_set_text(form_add(f, F_TEXT, N_("Kana"), true, TEXT_NAME_MAX), p->kana);
	field *birth = form_add(f, F_DATE, N_("Birth date"), p->birth_known, 20);
	if (p->birth_known) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(p->birth, iso);
		field_set_text(birth, iso);
	}
	field *sex = form_add(f, F_CHOICE, N_("Sex"), false, 0);
	field_add_choice(sex, N_("not recorded"), 'u');
	field_add_choice(sex, N_("female"), 'f');
	field_add_choice(sex, N_("male"), 'm');
	field_select_value(sex, p->sex);
	return form_view(f);
}
