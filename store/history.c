/* A patient's history: every event of every kind, newest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* Event ids come from one counter (store_next_event_id), so ordering by id
 * within a date is the recording order across all kinds. A contact event
 * shows the phone as `who` and the address as `note`. */
#define GROUP " patient_id IN (SELECT id FROM patients WHERE id = ?1 OR merged_into = ?1)"
static const char history_sql[] =
	"SELECT h.*, p.number, v.reason, v.staff, v.recorded_at, v.id IS NOT NULL FROM ("
	" SELECT 0 AS kind, id, date, ref, recipient_kind, recipient, relationship,"
	"  0, 0, 0, 0, '', staff, recorded_at, 0, patient_id"
	" FROM notices WHERE" GROUP
	" UNION ALL"
	" SELECT CASE WHEN stop THEN 1 ELSE 2 END, id, date, ref, requester_kind,"
	"  requester_name, relationship, mismatch, channel, id_check, delete_provided,"
	"  note, staff, recorded_at, addition, patient_id"
	" FROM requests WHERE" GROUP
	" UNION ALL"
	" SELECT CASE WHEN unable THEN 3 ELSE 4 END, id, date, '', 0, '', 0,"
	"  0, 0, 0, 0, reason, staff, recorded_at, 0, patient_id"
	" FROM capacity_events WHERE" GROUP
	" UNION ALL"
	" SELECT 5, id, date, '', 0, '', 0, 0, 0, 0, 0, '', staff, recorded_at, 0, patient_id"
	" FROM death_events WHERE" GROUP
	" UNION ALL"
	" SELECT 6, id, date, '', 0, phone, 0, 0, 0, 0, 0, address, staff, recorded_at, 0,"
	"  patient_id FROM contact_events WHERE" GROUP
	" UNION ALL"
	" SELECT CASE WHEN field = 'register' THEN 9 ELSE 7 END, id, date, '', 0, field, 0,"
	"  0, 0, 0, 0, CASE WHEN field = 'register' THEN new ELSE old || ' → ' || new END,"
	"  staff, recorded_at, 0, patient_id FROM patient_changes WHERE" GROUP
	" UNION ALL"
	" SELECT 8, m.id, m.date, '', 0, f.number, 0, 0, 0, 0, 0, m.reason, m.staff,"
	"  m.recorded_at, 0, m.into_id FROM merges m JOIN patients f ON f.id = m.patient_id"
	"  WHERE m.into_id = ?1 OR m.patient_id = ?1"
	") h JOIN patients p ON p.id = h.patient_id"
	" LEFT JOIN voids v ON v.event_id = h.id"
	" ORDER BY 3 DESC, 2 DESC";

static const history_kind kinds[] = {
	HIST_NOTICE, HIST_STOP, HIST_WITHDRAW, HIST_UNABLE, HIST_ABLE, HIST_DEATH, HIST_CONTACT,
	HIST_CHANGE, HIST_MERGE, HIST_REGISTER
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

store_rc store_history(store *st, int64_t patient_id, history_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_patient_exists_locked(st, patient_id);
	patient_id = store_resolve_locked(st, patient_id);
	if (rc != STORE_OK)
		return store_tx_end(st, rc);
	sqlite3_stmt *s = store_stmt(st, SQL_HISTORY, history_sql);
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, patient_id);
	/* Read everything first, so the callback may use the store itself. */
	history_item *items = NULL;
	size_t n = 0, cap = 0;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			history_item *p = realloc(items, ncap * sizeof *p);
			if (!p) {
				rc = store_fail(st, STORE_ERROR, "out of memory");
				break;
			}
			items = p;
			cap = ncap;
		}
		history_item *h = &items[n];
		memset(h, 0, sizeof *h);
		int k = sqlite3_column_int(s, 0);
		h->kind = kinds[k >= 0 && k < NKINDS ? k : 0];
		h->rec_id = sqlite3_column_int64(s, 1);
		if (!store_date_from_text(sqlite3_column_text(s, 2), &h->date))
			continue;
		store_col_text(s, 3, h->ref, sizeof h->ref);
		h->who_kind = (requester_kind)sqlite3_column_int(s, 4);
		store_col_text(s, 5, h->who, sizeof h->who);
		h->rel = (relationship)sqlite3_column_int(s, 6);
		h->mismatch = sqlite3_column_int(s, 7) != 0;
		h->ch = (channel)sqlite3_column_int(s, 8);
		h->idc = (id_check)sqlite3_column_int(s, 9);
		h->delete_provided = sqlite3_column_int(s, 10) != 0;
		store_col_text(s, 11, h->note, sizeof h->note);
		store_col_text(s, 12, h->staff, sizeof h->staff);
		store_col_text(s, 13, h->recorded_at, sizeof h->recorded_at);
		h->addition = sqlite3_column_int(s, 14) != 0;
		store_col_text(s, 16, h->number, sizeof h->number);
		store_col_text(s, 17, h->void_reason, sizeof h->void_reason);
		store_col_text(s, 18, h->void_staff, sizeof h->void_staff);
		store_col_text(s, 19, h->voided_at, sizeof h->voided_at);
		h->voided = sqlite3_column_int(s, 20) != 0;
		n++;
	}
	if (rc == STORE_OK && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "reading the history");
	rc = store_tx_end(st, rc);
	for (size_t i = 0; i < n && rc == STORE_OK; i++)
		if (!cb(&items[i], ctx))
			break;
	free(items);
	return rc;
}
