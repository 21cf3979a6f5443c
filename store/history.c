/* A patient's history: every event of every kind, newest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* Event ids come from one counter (store_next_event_id), so ordering by id
 * within a date is the recording order across all kinds. A contact event
 * shows the phone as `who` and the address as `note`. */
static const char history_sql[] =
	"SELECT 0 AS kind, id, date, ref, recipient_kind, recipient, relationship,"
	"  0, 0, 0, 0, '', staff, recorded_at"
	" FROM notices WHERE patient_id = ?1"
	" UNION ALL"
	" SELECT CASE WHEN stop THEN 1 ELSE 2 END, id, date, ref, requester_kind,"
	"  requester_name, relationship, mismatch, channel, id_check, delete_provided,"
	"  note, staff, recorded_at"
	" FROM requests WHERE patient_id = ?1"
	" UNION ALL"
	" SELECT CASE WHEN unable THEN 3 ELSE 4 END, id, date, '', 0, '', 0,"
	"  0, 0, 0, 0, reason, staff, recorded_at"
	" FROM capacity_events WHERE patient_id = ?1"
	" UNION ALL"
	" SELECT 5, id, date, '', 0, '', 0, 0, 0, 0, 0, '', staff, recorded_at"
	" FROM death_events WHERE patient_id = ?1"
	" UNION ALL"
	" SELECT 6, id, date, '', 0, phone, 0, 0, 0, 0, 0, address, staff, recorded_at"
	" FROM contact_events WHERE patient_id = ?1"
	" ORDER BY 3 DESC, 2 DESC";

static const history_kind kinds[] = {
	HIST_NOTICE, HIST_STOP, HIST_WITHDRAW, HIST_UNABLE, HIST_ABLE, HIST_DEATH, HIST_CONTACT
};

store_rc store_history(store *st, int64_t patient_id, history_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_patient_exists_locked(st, patient_id);
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
		h->kind = kinds[k >= 0 && k < 7 ? k : 0];
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
