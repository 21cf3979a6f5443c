/* Forms about the patient: registering one, the unable-to-decide state,
 * death, and contact details. Each saves through one store_ function, as
 * the command line's `patient add` and `patient set` do. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/query.h"
#include "core/text.h"
#include "tui/internal.h"

typedef struct pform_ctx {
	patient p;
} pform_ctx;

static void pform_destroy(form *f)
{
	free(f->ctx);
}

static form *pform_new(const form_ops *ops, const char *title, const patient *p)
{
	pform_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	if (p != NULL)
		c->p = *p;
	form *f = form_new(ops, title, c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	if (p != NULL)
		snprintf(f->subtitle, sizeof f->subtitle, "%s  %s (%s)", p->number, p->name, p->kana);
	return f;
}

/* A date that must not be after today nor before the birth date. */
static bool event_date(app *a, form *f, int i, const patient *p, od_date *out)
{
	if (!form_date(a, f, i, out))
		return false;
	if (date_cmp(*out, a->today) > 0)
		return form_error(a, f, i, "%s", _("the date is after today"));
	if (p->birth_known && date_cmp(*out, p->birth) < 0)
		return form_error(a, f, i, "%s", _("the date is before the patient's birth date"));
	return true;
}

/* The store's answer for a form whose date is its first field. */
static bool dated_saved(app *a, form *f, store_rc rc)
{
	char msg[TUI_MSG_SIZE];
	if (rc == STORE_OK)
		return true;
	if (rc == STORE_FUTURE)
		return form_error(a, f, 0, "%s", _("the date is after today"));
	if (rc == STORE_CONFLICT) {
		outcome_conflict(a, msg, sizeof msg);
		return form_error(a, f, 0, "%s", msg);
	}
	app_store_error(a, rc);
	return false;
}

static void today_into(const app *a, field *fl)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(a->today, iso);
	field_set_text(fl, iso);
}

/* ---- register a patient --------------------------------------------------- */

enum { PF_NUMBER, PF_NAME, PF_KANA, PF_BIRTH, PF_SEX };

static void registered(app *a, const patient *p)
{
	char number[STORE_NUMBER_SIZE];
	snprintf(number, sizeof number, "%s", p->number);
	app_pop_to(a, SCR_SEARCH);
	app_say(a, false, _("Patient %s registered."), number);
	app_push(a, patient_view(a, number));
}

/* "Another person" on the duplicates screen: saved with the numbers it was
 * told apart from recorded in its history. */
static bool register_another(app *a, void *ctx)
{
	patient p = *(patient *)ctx;
	store_rc rc = store_patient_add_checked(a->st, &p, true, a->staff);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	registered(a, &p);
	return true;
}

static bool register_commit(app *a, form *f)
{
	patient p;
	char text[64];
	memset(&p, 0, sizeof p);
	if (!field_text(&f->fields[PF_NUMBER], text, sizeof text) || !text_patient_number_ok(text))
		return form_error(a, f, PF_NUMBER, "%s", _("use 1 to 31 letters, digits or hyphens"));
	snprintf(p.number, sizeof p.number, "%.31s", text);
	if (!form_string(a, f, PF_NAME, false, p.name, sizeof p.name) ||
	    !form_string(a, f, PF_KANA, true, p.kana, sizeof p.kana) ||
	    !form_date(a, f, PF_BIRTH, &p.birth))
		return false;
	if (date_cmp(p.birth, a->today) > 0)
		return form_error(a, f, PF_BIRTH, "%s", _("the date is after today"));
	p.birth_known = true;
	p.sex = (char)field_value(&f->fields[PF_SEX]);
	store_rc rc = store_patient_add_checked(a->st, &p, false, a->staff);
	if (rc == STORE_EXISTS)
		return form_error(a, f, PF_NUMBER, "%s", _("this number is already registered"));
	if (rc == STORE_DUPLICATE) {
		/* Before saving: the same person under two numbers is the
		 * desk's most dangerous error. */
		patient *copy = malloc(sizeof *copy);
		if (copy == NULL) {
			app_say(a, true, "%s", _("Out of memory."));
			return false;
		}
		*copy = p;
		outcome_duplicates(a, &p, register_another, copy, free);
		return false;
	}
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	registered(a, &p);
	return true;
}

static const form_ops register_ops = { .commit = register_commit, .destroy = pform_destroy };

view *register_view(app *a, const char *typed)
{
	(void)a;
	form *f = pform_new(&register_ops, N_("Register a new patient"), NULL);
	if (f == NULL)
		return NULL;
	form_add(f, F_TEXT, N_("Patient number"), true, TEXT_NUMBER_MAX);
	form_add(f, F_TEXT, N_("Name"), true, TEXT_NAME_MAX);
	form_add(f, F_TEXT, N_("Kana"), true, TEXT_NAME_MAX);
	form_add(f, F_DATE, N_("Birth date"), true, 20);
	field *sex = form_add(f, F_CHOICE, N_("Sex"), false, 0);
	field_add_choice(sex, N_("not recorded"), 'u');
	field_add_choice(sex, N_("female"), 'f');
	field_add_choice(sex, N_("male"), 'm');
	/* What was typed in the search goes where it belongs. */
	patient_query q;
	if (typed != NULL && query_parse(typed, &q)) {
		if (q.by_birth && !q.by_number)
			field_set_text(&f->fields[PF_BIRTH], typed);
		else if (q.by_number && text_patient_number_ok(typed))
			field_set_text(&f->fields[PF_NUMBER], typed);
		else if (text_check_kana(typed, TEXT_NAME_MAX, true) == TEXT_OK)
			field_set_text(&f->fields[PF_KANA], typed);
		else
			field_set_text(&f->fields[PF_NAME], typed);
	}
	return form_view(f);
}

/* ---- unable to decide / able again ----------------------------------------- */

static bool capacity_commit(app *a, form *f)
{
	pform_ctx *c = f->ctx;
	od_date d;
	char reason[STORE_NOTE_SIZE] = "";
	if (!event_date(a, f, 0, &c->p, &d))
		return false;
	if (!c->p.unable && !form_string(a, f, 1, false, reason, sizeof reason))
		return false;
	store_rc rc = store_patient_set_capacity(a->st, c->p.id, !c->p.unable, d, reason, a->staff,
	                                         false);
	if (rc == STORE_BACKDATED) {
		if (!outcome_confirm_backdated(a))
			return false;
		rc = store_patient_set_capacity(a->st, c->p.id, !c->p.unable, d, reason, a->staff, true);
	}
	if (!dated_saved(a, f, rc))
		return false;
	app_say(a, false, "%s", c->p.unable ? _("Recorded: able to decide again.")
	                                    : _("Recorded: unable to decide; a representative acts for the patient."));
	app_pop(a);
	return true;
}

static const form_ops capacity_ops = { .commit = capacity_commit, .destroy = pform_destroy };

view *capacity_form_view(app *a, const patient *p)
{
	form *f = pform_new(&capacity_ops, p->unable ? N_("Able to decide again")
	                                             : N_("Unable to decide (a representative acts)"), p);
	if (f == NULL)
		return NULL;
	today_into(a, form_add(f, F_DATE, N_("Since"), true, 20));
	if (!p->unable)
		form_add(f, F_TEXT, N_("Reason"), true, TEXT_NOTE_MAX);
	return form_view(f);
}

/* ---- death ----------------------------------------------------------------- */

static bool death_commit(app *a, form *f)
{
	pform_ctx *c = f->ctx;
	od_date d;
	if (!event_date(a, f, 0, &c->p, &d))
		return false;
	store_rc rc = store_patient_set_death(a->st, c->p.id, d, a->staff, false);
	if (rc == STORE_BACKDATED) {
		if (!outcome_confirm_backdated(a))
			return false;
		rc = store_patient_set_death(a->st, c->p.id, d, a->staff, true);
	}
	if (!dated_saved(a, f, rc))
		return false;
	app_say(a, false, "%s", _("Recorded the death. The bereaved family may file a stop."));
	app_pop(a);
	return true;
}

static const form_ops death_ops = { .commit = death_commit, .destroy = pform_destroy };

view *death_form_view(app *a, const patient *p)
{
	form *f = pform_new(&death_ops, N_("Record the patient's death"), p);
	if (f == NULL)
		return NULL;
	today_into(a, form_add(f, F_DATE, N_("Date of death"), true, 20));
	return form_view(f);
}

/* ---- contact details ------------------------------------------------------- */

static bool contact_commit(app *a, form *f)
{
	pform_ctx *c = f->ctx;
	char phone[64], address[STORE_FIELD_SIZE];
	if (!form_string(a, f, 0, false, phone, sizeof phone) ||
	    !form_string(a, f, 1, false, address, sizeof address))
		return false;
	store_rc rc = store_patient_set_contact(a->st, c->p.id, phone, address, a->staff);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	app_say(a, false, "%s", _("Contact details saved."));
	app_pop(a);
	return true;
}

static const form_ops contact_ops = { .commit = contact_commit, .destroy = pform_destroy };

view *contact_form_view(app *a, const patient *p)
{
	(void)a;
	form *f = pform_new(&contact_ops, N_("Contact details"), p);
	if (f == NULL)
		return NULL;
	field_set_text(form_add(f, F_TEXT, N_("Phone"), false, 20), p->phone);
	field_set_text(form_add(f, F_TEXT, N_("Address"), false, TEXT_FIELD_MAX), p->address);
	return form_view(f);
}
