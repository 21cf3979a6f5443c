/* One row of the day's reception list (受付一覧): a visit of a registered
 * patient, or of a new one when the row carries name, kana and birth date
 * (registered with the duplicate check of the master import). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "exchange/internal.h"

bool exch_visit_row(exch_job *j, uint64_t line)
{
	visit_rec v;
	memset(&v, 0, sizeof v);
	bool ok = true;
	v.date = j->o->visit_date;
	const char *d = j->val[EXCH_DATE];
	if (*d && !exch_parse_date(d, &v.date)) {
		exch_reject_cell(j, line, EXCH_DATE, d,
		                 _("not a date: use YYYYMMDD, 2026-11-24, 2026/11/24 or R8.11.24"));
		ok = false;
	} else if (date_cmp(v.date, store_today(j->st)) > 0) {
		exch_reject_cell(j, line, EXCH_DATE, d, _("is after today"));
		ok = false;
	}
	const char *t = j->val[EXCH_TIME];
	if (*t && !exch_parse_time(t, v.time)) {
		exch_reject_cell(j, line, EXCH_TIME, t, _("not a time: use HH:MM (09:05) or HHMM"));
		ok = false;
	}
	const char *why = store_particular_problem(STORE_P_DEPARTMENT, j->val[EXCH_DEPARTMENT]);
	if (why) {
		exch_reject_cell(j, line, EXCH_DEPARTMENT, j->val[EXCH_DEPARTMENT], _(why));
		ok = false;
	} else {
		snprintf(v.department, sizeof v.department, "%.*s", (int)sizeof v.department - 1,
		         j->val[EXCH_DEPARTMENT]);   /* checked to fit */
	}
	const char *no = j->val[EXCH_NUMBER];
	char norm[STORE_NUMBER_SIZE];
	if (!*no || !text_number_normalize(no, j->width, norm, sizeof norm)) {
		exch_reject_cell(j, line, EXCH_NUMBER, no,
		                 *no ? _("use up to 31 letters, digits or hyphens") : _("missing"));
		return true;
	}
	if (!ok)
		return true;
	patient p;
	store_rc rc = store_patient_get(j->st, norm, &p);
	if (rc == STORE_NOT_FOUND) {
		if (!j->val[EXCH_NAME][0] && !j->val[EXCH_KANA][0] && !j->val[EXCH_BIRTH][0]) {
			exch_reject_cell(j, line, EXCH_NUMBER, no,
			                 _("no patient with this number, and the row has no name, kana and birth date to register one"));
			return true;
		}
		bool has_contact, written;
		if (!exch_patient_fields(j, line, &p, &has_contact))
			return true;
		uint64_t before = j->sum->added;
		if (!exch_patient_write(j, line, &p, has_contact, &written))
			return false;
		if (!written)
			return true;
		/* The visit is what the summary counts as added. */
		j->sum->added = before;
		j->sum->patients_added++;
		rc = STORE_OK;
	}
	if (rc != STORE_OK) {
		j->fatal = true;
		j->err->store = rc;
		snprintf(j->err->field, sizeof j->err->field, "%s", _("FILE"));
		snprintf(j->err->message, sizeof j->err->message, _("line %llu: %s"),
		         (unsigned long long)line, _(store_rc_message(rc)));
		return false;
	}
	v.patient_id = p.id;
	snprintf(v.source, sizeof v.source, "%s", j->source);
	bool added = false;
	rc = store_visit_add(j->st, &v, j->o->staff, &added);
	if (rc == STORE_INVALID || rc == STORE_FUTURE) {
		exch_reject_cell(j, line, EXCH_NONE, no, store_last_error(j->st));
		return true;
	}
	if (rc != STORE_OK) {
		j->fatal = true;
		j->err->store = rc;
		snprintf(j->err->field, sizeof j->err->field, "%s", _("FILE"));
		snprintf(j->err->message, sizeof j->err->message, _("line %llu: %s"),
		         (unsigned long long)line, _(store_rc_message(rc)));
		return false;
	}
	if (added)
		j->sum->added++;
	else
		j->sum->unchanged++;
	return true;
}
