/* The notice form and the stop / withdrawal form. The rules are core/'s
 * (rules_check), applied by the store when saving; the forms only show the
 * verdict on the spot, before F12, so staff can explain it at the counter. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

typedef struct record_ctx {
	patient p;
	store_elig facts;     /* what the rules need, loaded once */
	bool facts_ok;
	request_action act;
	bool kind_touched;    /* staff chose the kind: stop proposing */
	/* issue 10: a stop form's operators that received the patient's
	 * data, "A, B" (who must be told when deletion is asked) */
	char provided_to[512];
} record_ctx;

/* Field indexes, shared by both forms where they mean the same. */
enum { RF_DATE, RF_KIND, RF_NAME, RF_REL, RF_IDC, RF_CHANNEL, RF_DELETE, RF_NOTE };

static bool collect_operator(const operator_rec *op, void *ctx)
{
	record_ctx *c = ctx;
	size_t n = strlen(c->provided_to);
	snprintf(c->provided_to + n, sizeof c->provided_to - n, "%s%s", n ? _(", ") : "", op->name);
	return strlen(c->provided_to) + 1 < sizeof c->provided_to;
}

/* A stop of a patient whose data was provided: which operators will have
 * to be told when deletion is asked (one forward each). Lines used. */
static int draw_provided(app *a, form *f, int y)
{
	record_ctx *c = f->ctx;
	char line[1024];
	if (c->act != ACT_STOP || !c->provided_to[0])
		return 0;
	bool asked = f->fields[RF_DELETE].checked;
	snprintf(line, sizeof line, asked
	         ? _("Deletion asked: %s will have to be told (the worklist of forwards keeps each until done).")
	         : _("Data was provided to %s: if deletion is asked, they will have to be told."),
	         c->provided_to);
	int attr = asked ? draw_attr(a, CP_WARN) | A_BOLD : 0;
	attron(attr);
	int n = draw_wrapped(y, 1, COLS - 2, 2, line);
	attroff(attr);
	return n;
}


static void kinds_text(unsigned fits, char *out, size_t outsz)
{
	out[0] = '\0';
	for (int k = 0; k < REQ_KIND_COUNT; k++) {
		if (!(fits & (1u << k)))
			continue;
		size_t n = strlen(out);
		snprintf(out + n, outsz - n, "%s%s", n ? _(", ") : "",
		         _(requester_kind_label((requester_kind)k)));
	}
}

/* The verdict for the form's current date and kind; false when the date
 * cannot be read yet. */
static bool current_verdict(form *f, rule_verdict *v, patient_on_date *st)
{
	record_ctx *c = f->ctx;
	char text[64];
	od_date d;
	if (!c->facts_ok || !field_text(&f->fields[RF_DATE], text, sizeof text) ||
	    date_parse(text, &d) != DATE_OK)
		return false;
	*st = rules_state_on(&c->facts.in.facts, d);
	*v = rules_check(c->act, (requester_kind)field_value(&f->fields[RF_KIND]), *st);
	return true;
}

/* Relationship choices that fit the kind; name and relationship only when
 * someone acts for the patient. */
static void fit_relationships(form *f)
{
	field *kind = &f->fields[RF_KIND], *rel = &f->fields[RF_REL];
	requester_kind k = (requester_kind)field_value(kind);
	int keep = field_value(rel);
	rel->nchoices = 0;
	rel->choice = 0;
	unsigned fits = rules_relationships_for(k);
	for (int r = REL_NONE + 1; r < REL_COUNT; r++)
		if (fits & (1u << r))
			field_add_choice(rel, relationship_label((relationship)r), r);
	field_select_value(rel, keep);
	rel->hidden = k == REQ_SELF;
	f->fields[RF_NAME].hidden = k == REQ_SELF;
	f->fields[RF_NAME].required = k != REQ_SELF;
}

static void record_changed(app *a, form *f, int i)
{
	record_ctx *c = f->ctx;
	(void)a;
	if (i == RF_KIND)
		c->kind_touched = true;
	if (i == RF_DATE && !c->kind_touched && c->act == ACT_NOTICE) {
		rule_verdict v;
		patient_on_date st;
		if (current_verdict(f, &v, &st))
			field_select_value(&f->fields[RF_KIND], rules_proposed_recipient(st));
	}
	fit_relationships(f);
}

/* Under the fields: the rules' verdict on the spot. */
static void record_extra(app *a, form *f, int y)
{
	record_ctx *c = f->ctx;
	rule_verdict v;
	patient_on_date st;
	y += draw_provided(a, f, y);
	if (!current_verdict(f, &v, &st))
		return;
	if (v.ok) {
		if (c->act == ACT_NOTICE) {
			char text[64], era[DATE_ERA_SIZE], line[512];
			od_date d;
			if (field_text(&f->fields[RF_DATE], text, sizeof text) && date_parse(text, &d) == DATE_OK) {
				elig_result e = eligibility_on(&c->facts.in, d);
				if (e.state == ELIG_STOPPED) {
					/* A notice under a stop changes nothing: no date
					 * from which data flows is promised. */
					format_era(e.stopped_since, era, sizeof era);
					snprintf(line, sizeof line, _("A stop is in effect (since %s): this notice promises no date from which data flows."), era);
					attron(A_BOLD);
					draw_wrapped(y, 1, COLS - 2, 2, line);
					attroff(A_BOLD);
				} else {
					int months = c->facts.in.wait_months > 0 ? c->facts.in.wait_months : 1;
					format_era(date_flow_from(d, months), era, sizeof era);
					snprintf(line, sizeof line, _("Data may flow from %s, unless the patient objects."), era);
					draw_text(y, 1, COLS - 2, line);
				}
			}
		}
		return;
	}
	char fits[256], line[1024];
	kinds_text(v.fits, fits, sizeof fits);
	int attr = draw_attr(a, CP_WARN) | A_BOLD;
	attron(attr);
	/* Explanations are long: wrap them over a few lines. */
	snprintf(line, sizeof line, "%s", _(v.why));
	draw_wrapped(y, 1, COLS - 2, 3, line);
	attroff(attr);
	if (v.fits) {
		snprintf(line, sizeof line, _("Would fit: %s"), fits);
		draw_text(y + 3, 1, COLS - 2, line);
	}
	if (v.overridable)
		draw_text(y + 4, 1, COLS - 2, _("A stop can still be recorded: F12 asks for confirmation and marks it as a mismatch."));
}

static bool read_requester(app *a, form *f, requester_kind *kind, char *name, size_t namesz,
                           relationship *rel)
{
	*kind = (requester_kind)field_value(&f->fields[RF_KIND]);
	*rel = REL_NONE;
	name[0] = '\0';
	if (*kind == REQ_SELF)
		return true;
	if (!form_string(a, f, RF_NAME, false, name, namesz))
		return false;
	*rel = (relationship)field_value(&f->fields[RF_REL]);
	return true;
}

/* What both forms start with: the date (not in the future) and who. */
static bool read_date_and_who(app *a, form *f, od_date *date, requester_kind *kind,
                              char *name, size_t namesz, relationship *rel)
{
	if (!form_date(a, f, RF_DATE, date))
		return false;
	if (date_cmp(*date, a->today) > 0)
		return form_error(a, f, RF_DATE, "%s", _("the date is after today"));
	return read_requester(a, f, kind, name, namesz, rel);
}

static bool refused(app *a, form *f, const rule_verdict *v)
{
	char fits[256];
	kinds_text(v->fits, fits, sizeof fits);
	if (v->fits)
		return form_error(a, f, RF_KIND, "%s %s", _(v->why), fits);
	return form_error(a, f, RF_KIND, "%s", _(v->why));
}

/* The store's other answers on a dated form: a future date names the
 * field; a conflict says what it ran into. */
static bool saved_or_said(app *a, form *f, store_rc rc)
{
	char msg[TUI_MSG_SIZE];
	switch (rc) {
	case STORE_OK:
		return true;
	case STORE_FUTURE:
		return form_error(a, f, RF_DATE, "%s", _("the date is after today"));
	case STORE_CONFLICT:
		outcome_conflict(a, msg, sizeof msg);
		return form_error(a, f, RF_DATE, "%s", msg);
	default:
		app_store_error(a, rc);
		return false;
	}
}

static bool notice_commit(app *a, form *f)
{
	record_ctx *c = f->ctx;
	notice_rec n;
	memset(&n, 0, sizeof n);
	n.patient_id = c->p.id;
	if (!read_date_and_who(a, f, &n.date, &n.to, n.recipient, sizeof n.recipient, &n.rel))
		return false;
	snprintf(n.staff, sizeof n.staff, "%s", a->staff);
	rule_verdict v;
	store_rc rc;
	for (;;) {
		rc = store_notice_add(a->st, &n, &v);
		if (rc != STORE_BACKDATED || n.confirm_backdated)
			break;
		if (!outcome_confirm_backdated(a))
			return false;
		n.confirm_backdated = true;
	}
	if (rc == STORE_REFUSED)
		return refused(a, f, &v);
	if (!saved_or_said(a, f, rc))
		return false;
	patient p = c->p;
	app_pop(a);   /* frees f */
	app_push(a, done_view(a, &p, &n, NULL));
	return true;
}

static bool request_commit(app *a, form *f)
{
	record_ctx *c = f->ctx;
	request_rec r;
	memset(&r, 0, sizeof r);
	r.patient_id = c->p.id;
	r.stop = c->act == ACT_STOP;
	if (!read_date_and_who(a, f, &r.date, &r.by, r.name, sizeof r.name, &r.rel))
		return false;
	r.idc = (id_check)field_value(&f->fields[RF_IDC]);
	r.ch = (channel)field_value(&f->fields[RF_CHANNEL]);
	r.delete_provided = f->fields[RF_DELETE].checked;
	if (!form_string(a, f, RF_NOTE, false, r.note, sizeof r.note))
		return false;
	snprintf(r.staff, sizeof r.staff, "%s", a->staff);
	rule_verdict v;
	store_rc rc;
	bool accept = false;
	for (;;) {
		rc = store_request_add(a->st, &r, accept, &v);
		if (rc == STORE_REFUSED && v.overridable && !accept) {
			/* The lopsided rule: a stop is never lost for a wrong kind. */
			char q[1024], fits[256];
			kinds_text(v.fits, fits, sizeof fits);
			snprintf(q, sizeof q, _("%s Would fit: %s. Record this stop anyway, marked as a mismatch?"),
			         _(v.why), fits);
			if (!app_confirm(a, q))
				return false;
			accept = true;
			continue;
		}
		if (rc == STORE_BACKDATED && !r.confirm_backdated) {
			if (!outcome_confirm_backdated(a))
				return false;
			r.confirm_backdated = true;
			continue;
		}
		break;
	}
	if (rc == STORE_REFUSED)
		return refused(a, f, &v);
	if (!saved_or_said(a, f, rc))
		return false;
	patient p = c->p;
	app_pop(a);
	app_push(a, done_view(a, &p, NULL, &r));
	return true;
}

static void record_destroy(form *f)
{
	record_ctx *c = f->ctx;
	if (c->facts_ok)
		store_elig_free(&c->facts);
	free(c);
}

static const form_ops notice_ops = {
	.commit = notice_commit, .changed = record_changed,
	.extra = record_extra, .destroy = record_destroy,
};
static const form_ops request_ops = {
	.commit = request_commit, .changed = record_changed,
	.extra = record_extra, .destroy = record_destroy,
};

static form *record_form(app *a, const patient *p, request_action act)
{
	record_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->p = *p;
	c->act = act;
	store_rc rc = store_elig_load(a->st, p->id, &c->facts);
	c->facts_ok = rc == STORE_OK;
	if (!c->facts_ok)
		app_store_error(a, rc);
	if (act == ACT_STOP && (rc = store_provided_operators(a->st, p->id, collect_operator, c)) != STORE_OK)
		app_store_error(a, rc);
	const char *title = act == ACT_NOTICE ? N_("Record the notice (hand-over)")
	                  : act == ACT_STOP ? N_("Record a stop request")
	                  : N_("Record a withdrawal");
	form *f = form_new(act == ACT_NOTICE ? &notice_ops : &request_ops, title, c);
	if (f == NULL) {
		record_destroy(&(form){ .ctx = c });
		return NULL;
	}
	snprintf(f->subtitle, sizeof f->subtitle, "%s  %s (%s)", p->number, p->name, p->kana);
	char iso[DATE_ISO_SIZE];
	date_format_iso(a->today, iso);
	field *fl = form_add(f, F_DATE, act == ACT_NOTICE ? N_("Date handed") : N_("Date received"), true, 20);
	field_set_text(fl, iso);
	fl = form_add(f, F_CHOICE, act == ACT_NOTICE ? N_("Handed to") : N_("Requester"), true, 0);
	const int kinds = act == ACT_NOTICE ? REQ_BEREAVED : REQ_KIND_COUNT;
	for (int k = 0; k < kinds; k++)
		field_add_choice(fl, requester_kind_label((requester_kind)k), k);
	form_add(f, F_TEXT, act == ACT_NOTICE ? N_("Recipient's name") : N_("Requester's name"), false, TEXT_NAME_MAX);
	form_add(f, F_CHOICE, N_("Relationship"), true, 0);
	if (act != ACT_NOTICE) {
		fl = form_add(f, F_CHOICE, N_("Identity check"), true, 0);
		for (int k = 0; k < ID_COUNT; k++)
			field_add_choice(fl, id_check_label((id_check)k), k);
		fl = form_add(f, F_CHOICE, N_("Received"), true, 0);
		for (int k = 0; k < CH_COUNT; k++)
			field_add_choice(fl, channel_label((channel)k), k);
		form_add(f, F_CHECK, N_("Also delete data already provided"), false, 0);
		form_add(f, F_TEXT, N_("Note"), false, TEXT_NOTE_MAX);
	}
	/* Propose the kind that fits today, as the rules see the patient. */
	if (c->facts_ok) {
		patient_on_date st = rules_state_on(&c->facts.in.facts, a->today);
		requester_kind k = rules_proposed_recipient(st);
		if (st.deceased && act != ACT_NOTICE)
			k = REQ_BEREAVED;
		field_select_value(&f->fields[RF_KIND], k);
	}
	fit_relationships(f);
	return f;
}

view *notice_form_view(app *a, const patient *p)
{
	return form_view(record_form(a, p, ACT_NOTICE));
}

view *request_form_view(app *a, const patient *p, bool stop)
{
	return form_view(record_form(a, p, stop ? ACT_STOP : ACT_WITHDRAW));
}
