/* The office's two tables (issue 13): the register of notices, stops and
 * withdrawals, as an inspector sees it (every entry, a voided one marked
 * with its date and reason rather than left out), and the patient list
 * with each patient's state. Column titles are msgids: the tables speak
 * the desk's language. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "exchange/sheet.h"

static const sheet_column register_cols[] = {
	{ N_("Receipt number"), SHEET_ID, 16 },
	{ N_("Date"), SHEET_DATE, 12 },
	{ N_("Entry"), SHEET_TEXT, 16 },
	{ N_("Patient number"), SHEET_ID, 12 },
	{ N_("Name"), SHEET_TEXT, 18 },
	{ N_("Requester"), SHEET_TEXT, 12 },
	{ N_("Requester's name"), SHEET_TEXT, 18 },
	{ N_("Relationship"), SHEET_TEXT, 10 },
	{ N_("Identity check"), SHEET_TEXT, 22 },
	{ N_("Channel"), SHEET_TEXT, 10 },
	{ N_("Delete provided data"), SHEET_TEXT, 10 },
	{ N_("Data may flow from"), SHEET_DATE, 12 },
	{ N_("Voided on"), SHEET_DATE, 12 },
	{ N_("Reason for voiding"), SHEET_TEXT, 24 },
	{ N_("Staff"), SHEET_TEXT, 14 },
	{ N_("Recorded at"), SHEET_TEXT, 21 },
};
#define REGISTER_COLS (sizeof register_cols / sizeof register_cols[0])

static const sheet_column patient_cols[] = {
	{ N_("Patient number"), SHEET_ID, 12 },
	{ N_("Name"), SHEET_TEXT, 18 },
	{ N_("Kana"), SHEET_TEXT, 20 },
	{ N_("Birth date"), SHEET_DATE, 12 },
	{ N_("Sex"), SHEET_TEXT, 8 },
	{ N_("State"), SHEET_TEXT, 14 },
	{ N_("Notice date"), SHEET_DATE, 12 },
	{ N_("Data may flow from"), SHEET_DATE, 12 },
	{ N_("Stopped since"), SHEET_DATE, 12 },
	{ N_("Date of death"), SHEET_DATE, 12 },
};
#define PATIENT_COLS (sizeof patient_cols / sizeof patient_cols[0])

sheet *sheet_register_open(sheet_options *o, exch_error *err)
{
	o->cols = register_cols;
	o->ncols = REGISTER_COLS;
	return sheet_open(o, err);
}

static void iso_or_empty(bool known, od_date d, char out[DATE_ISO_SIZE])
{
	out[0] = '\0';
	if (known && date_valid(d))
		date_format_iso(d, out);
}

bool sheet_register_add(sheet *s, const export_item *it, exch_error *err)
{
	static const char *const kinds[] = { N_("Notice"), N_("Stop request"), N_("Withdrawal") };
	char date[DATE_ISO_SIZE], from[DATE_ISO_SIZE], voided[DATE_ISO_SIZE];
	bool request = it->kind != EXPORT_NOTICE;
	iso_or_empty(true, it->date, date);
	iso_or_empty(!request, it->flow_from, from);
	iso_or_empty(it->voided, it->voided_on, voided);
	const char *cells[REGISTER_COLS] = {
		it->ref,
		date,
		_(kinds[it->kind <= EXPORT_WITHDRAW ? it->kind : 0]),
		it->pat.number,
		it->pat.name,
		_(requester_kind_label(it->who)),
		it->who_name,
		it->rel != REL_NONE ? _(relationship_label(it->rel)) : "",
		request ? _(id_check_label(it->idc)) : "",
		request ? _(channel_label(it->ch)) : "",
		it->delete_provided ? _("yes") : "",
		from,
		voided,
		it->voided ? it->void_reason : "",
		it->staff,
		it->recorded_at,
	};
	return sheet_row(s, cells, err);
}

sheet *sheet_patients_open(sheet_options *o, exch_error *err)
{
	o->cols = patient_cols;
	o->ncols = PATIENT_COLS;
	return sheet_open(o, err);
}

bool sheet_patients_add(sheet *s, const patient *p, const elig_result *r, exch_error *err)
{
	char birth[DATE_ISO_SIZE], notice[DATE_ISO_SIZE], from[DATE_ISO_SIZE];
	char stopped[DATE_ISO_SIZE], died[DATE_ISO_SIZE];
	iso_or_empty(p->birth_known, p->birth, birth);
	iso_or_empty(r->has_notice, r->notice_date, notice);
	iso_or_empty(r->has_notice, r->flow_from, from);
	iso_or_empty(r->state == ELIG_STOPPED, r->stopped_since, stopped);
	iso_or_empty(p->died, p->death, died);
	const char *cells[PATIENT_COLS] = {
		p->number,
		p->name,
		p->kana,
		birth,
		p->sex == 'm' ? _("male") : p->sex == 'f' ? _("female") : _("not recorded"),
		_(elig_state_label(r->state)),
		notice,
		from,
		stopped,
		died,
	};
	return sheet_row(s, cells, err);
}
