/* What the exports read: every notice, stop and withdrawal with what
 * became of it (voided, withdrawn), in recording order for the FHIR export
 * (issue 10) or by date for the register (issue 13); and the patient list
 * with each patient's state (issue 13). */
#include "config.h"

#include <string.h>

#include "store/internal.h"

/* The patient an event counts for: itself, or the one it was merged into. */
#define HEAD(pid) "coalesce((SELECT merged_into FROM patients WHERE id = " pid "), " pid ")"

static const char export_sql[] =
	"SELECT * FROM ("
	" SELECT n.id, n.patient_id, 0 AS kind, n.date, n.recipient_kind, n.recipient,"
	"  n.relationship, 0, 6, 0, n.ref, n.staff, n.recorded_at, v.recorded_at AS voided_at,"
	"  NULL AS withdrawn_at, v.date AS voided_on, v.reason AS void_reason"
	" FROM notices n LEFT JOIN voids v ON v.event_id = n.id"
	" UNION ALL"
	" SELECT r.id, r.patient_id, CASE WHEN r.stop THEN 1 ELSE 2 END, r.date,"
	"  r.requester_kind, r.requester_name, r.relationship, r.channel, r.id_check,"
	"  r.delete_provided, r.ref, r.staff, r.recorded_at, v.recorded_at,"
	"  CASE WHEN r.stop THEN (SELECT min(w.recorded_at) FROM requests w"
	"   WHERE w.stop = 0 AND " HEAD("w.patient_id") " = " HEAD("r.patient_id")
	"   AND (w.date > r.date OR (w.date = r.date AND w.id > r.id))"
	"   AND w.id NOT IN (SELECT event_id FROM voids)) END, v.date, v.reason"
	" FROM requests r LEFT JOIN voids v ON v.event_id = r.id"
	") WHERE (?1 IS NULL OR recorded_at >= ?1 OR voided_at >= ?1 OR withdrawn_at >= ?1)"
	" AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)"
	" ORDER BY CASE WHEN ?4 THEN date ELSE '' END, id";

store_rc store_export(store *st, const export_filter *f, export_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	int wait = store_wait_months(st);
	sqlite3_stmt *s = store_stmt(st, SQL_EXPORT_NOTICES, export_sql);
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	if (f && f->since && *f->since)
		sqlite3_bind_text(s, 1, f->since, -1, SQLITE_TRANSIENT);
	if (f && f->has_from)
		store_bind_date(s, 2, f->from);
	if (f && f->has_to)
		store_bind_date(s, 3, f->to);
	sqlite3_bind_int(s, 4, f && f->by_date);
	int src;
	while (rc == STORE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		export_item it;
		memset(&it, 0, sizeof it);
		it.id = sqlite3_column_int64(s, 0);
		int64_t pid = sqlite3_column_int64(s, 1);
		it.kind = (export_kind)sqlite3_column_int(s, 2);
		store_date_from_text(sqlite3_column_text(s, 3), &it.date);
		it.who = (requester_kind)sqlite3_column_int(s, 4);
		store_col_text(s, 5, it.who_name, sizeof it.who_name);
		it.rel = (relationship)sqlite3_column_int(s, 6);
		it.ch = (channel)sqlite3_column_int(s, 7);
		it.idc = (id_check)sqlite3_column_int(s, 8);
		it.delete_provided = sqlite3_column_int(s, 9) != 0;
		store_col_text(s, 10, it.ref, sizeof it.ref);
		store_col_text(s, 11, it.staff, sizeof it.staff);
		store_col_text(s, 12, it.recorded_at, sizeof it.recorded_at);
		it.voided = sqlite3_column_type(s, 13) != SQLITE_NULL;
		it.withdrawn = sqlite3_column_type(s, 14) != SQLITE_NULL;
		if (it.voided) {
			store_date_from_text(sqlite3_column_text(s, 15), &it.voided_on);
			store_col_text(s, 16, it.void_reason, sizeof it.void_reason);
		}
		if (it.kind == EXPORT_NOTICE)
			it.flow_from = date_flow_from(it.date, wait);
		rc = store_patient_get_id(st, store_resolve_locked(st, pid), &it.pat);
		if (rc == STORE_OK && !cb(&it, ctx))
			break;
	}
	if (rc == STORE_OK && src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "reading events for the export");
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}

store_rc store_export_patients(store *st, od_date asof, patient_state_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	/* Merged-away records answer for the patient they joined: listed
	 * once, under that patient. */
	sqlite3_stmt *s = store_stmt(st, SQL_EXPORT_PATIENT,
		"SELECT id FROM patients WHERE merged_into IS NULL ORDER BY number, id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	int src;
	while (rc == STORE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		patient p;
		elig_result res;
		int64_t id = sqlite3_column_int64(s, 0);
		rc = store_patient_get_id(st, id, &p);
		if (rc == STORE_OK)
			rc = store_patient_status(st, id, asof, &res);
		if (rc == STORE_OK && !cb(&p, &res, ctx))
			break;
	}
	if (rc == STORE_OK && src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "reading patients for the export");
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}
