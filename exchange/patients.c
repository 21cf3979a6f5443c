/* One row of the patient master: each cell checked as `patient add` checks
 * its options (every bad cell reported, not just the first), then upserted
 * by number (store_patient_import). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "exchange/internal.h"

/* Copies a value already checked to fit (the check compared its length). */
static void copy(char *dst, size_t dstsz, const char *src)
{
	size_t n = strlen(src);
	if (n >= dstsz)
		n = dstsz - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Takes the cell of field f into dst when the store would keep it (the
 * store's own rule: store_particular_problem), else rejects the cell. */
static bool take_particular(exch_job *j, uint64_t line, exch_field f, store_particular what,
                            char *dst, size_t dstsz)
{
	const char *why = store_particular_problem(what, j->val[f]);
	if (why) {
		exch_reject_cell(j, line, f, j->val[f], _(why));
		return false;
	}
	copy(dst, dstsz, j->val[f]);
	return true;
}

bool exch_patient_fields(exch_job *j, uint64_t line, patient *p, bool *has_contact)
{
	memset(p, 0, sizeof *p);
	bool ok = true;
	const char *no = j->val[EXCH_NUMBER];
	if (!*no) {
		exch_reject_cell(j, line, EXCH_NUMBER, no, _("missing"));
		ok = false;
	} else if (!text_number_normalize(no, j->width, p->number, sizeof p->number)) {
		exch_reject_cell(j, line, EXCH_NUMBER, no,
		                 _("use up to 31 letters, digits or hyphens"));
		ok = false;
	}
	ok &= take_particular(j, line, EXCH_NAME, STORE_P_NAME, p->name, sizeof p->name);
	ok &= take_particular(j, line, EXCH_KANA, STORE_P_KANA, p->kana, sizeof p->kana);
	const char *birth = j->val[EXCH_BIRTH];
	if (!*birth) {
		exch_reject_cell(j, line, EXCH_BIRTH, birth, _("missing"));
		ok = false;
	} else if (!exch_parse_date(birth, &p->birth)) {
		exch_reject_cell(j, line, EXCH_BIRTH, birth,
		                 _("not a date: use YYYYMMDD, 2026-11-24, 2026/11/24, R8.11.24 or S45.3.2"));
		ok = false;
	} else if (j->st && date_cmp(p->birth, store_today(j->st)) > 0) {
		exch_reject_cell(j, line, EXCH_BIRTH, birth, _("is after today"));
		ok = false;
	} else {
		p->birth_known = true;
	}
	if (!exch_parse_sex(j->val[EXCH_SEX], &p->sex)) {
		exch_reject_cell(j, line, EXCH_SEX, j->val[EXCH_SEX],
		                 _("use 1 or 2, 男 or 女, M or F (0, 9 or empty: not recorded)"));
		ok = false;
	}
	*has_contact = j->cols.col[EXCH_PHONE] >= 0 || j->cols.col[EXCH_ADDRESS] >= 0;
	ok &= take_particular(j, line, EXCH_PHONE, STORE_P_PHONE, p->phone, sizeof p->phone);
	ok &= take_particular(j, line, EXCH_ADDRESS, STORE_P_ADDRESS, p->address, sizeof p->address);
	return ok;
}

bool exch_patient_write(exch_job *j, uint64_t line, patient *p, bool has_contact,
                        bool *written)
{
	store_import_row r;
	memset(&r, 0, sizeof r);
	r.p = *p;
	r.has_contact = has_contact;
	r.has_sex = j->cols.col[EXCH_SEX] >= 0;
	r.source = j->source;
	r.staff = j->o->staff;
	r.confirm_backdated = j->o->confirm_backdated;
	*written = false;
	store_rc rc = store_patient_import(j->st, &r);
	switch (rc) {
	case STORE_OK:
		break;
	case STORE_BACKDATED:
		exch_reject_cell(j, line, EXCH_BIRTH, j->val[EXCH_BIRTH],
		                 _("this new birth date changes the status of past dates: check it, then import with --confirm-backdated"));
		return true;
	case STORE_FUTURE:
	case STORE_INVALID: {
		char why[256];
		snprintf(why, sizeof why, "%s", store_last_error(j->st));
		exch_reject_cell(j, line, EXCH_NONE, p->number, why);
		return true;
	}
	default:
		j->fatal = true;
		j->err->store = rc;
		snprintf(j->err->field, sizeof j->err->field, "%s", _("FILE"));
		snprintf(j->err->message, sizeof j->err->message, _("line %llu: %s"),
		         (unsigned long long)line, _(store_rc_message(rc)));
		return false;
	}
	*p = r.p;
	*written = true;
	switch (r.outcome) {
	case STORE_IMPORT_ADDED: j->sum->added++; break;
	case STORE_IMPORT_UPDATED: j->sum->updated++; break;
	case STORE_IMPORT_UNCHANGED: j->sum->unchanged++; break;
	}
	if (r.similar) {
		j->sum->duplicates++;
		if (j->o->duplicate)
			j->o->duplicate(line, r.p.number, r.similar_numbers, j->o->ctx);
	}
	return true;
}

bool exch_patient_row(exch_job *j, uint64_t line)
{
	patient p;
	bool has_contact, written;
	if (!exch_patient_fields(j, line, &p, &has_contact))
		return true;
	return exch_patient_write(j, line, &p, has_contact, &written);
}
