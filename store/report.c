/* The counts of the office's reports (issue 13): grouped in SQL, added up
 * by core/report. Voided entries never count; the share of patients in
 * each state comes from the same judgement as the pipeline's list. */
#include "config.h"

#include <string.h>

#include "store/internal.h"

#define PERIOD " date BETWEEN ?1 AND ?2"

static store_rc add_rows(store *st, sqlite3_stmt *s, report_counts *r, report_event ev)
{
	int src;
	char staff[STORE_STAFF_SIZE];
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		report_row row = { .ev = ev, .staff = staff };
		if (!store_date_from_text(sqlite3_column_text(s, 0), &row.date))
			continue;
		store_col_text(s, 1, staff, sizeof staff);
		int col = 2;
		if (ev == REV_NOTICE) {
			row.kind = (requester_kind)sqlite3_column_int(s, col++);
		} else if (ev == REV_STOP) {
			bool stop = sqlite3_column_int(s, col++) != 0;
			bool addition = sqlite3_column_int(s, col++) != 0;
			row.ev = !stop ? REV_WITHDRAW : addition ? REV_ADDITION : REV_STOP;
			row.ch = (channel)sqlite3_column_int(s, col++);
			row.kind = (requester_kind)sqlite3_column_int(s, col++);
		}
		row.n = (long)sqlite3_column_int64(s, col);
		report_add(r, &row);
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? STORE_OK : store_sqlite_fail(st, src, "counting for a report");
}

static store_rc load_locked(store *st, report_counts *r)
{
	static const struct { enum store_slot slot; report_event ev; const char *sql; } q[] = {
		{ SQL_REPORT_NOTICES, REV_NOTICE,
		  "SELECT date, staff, recipient_kind, count(*) FROM notices"
		  " WHERE" PERIOD NOT_VOIDED("id") " GROUP BY date, staff, recipient_kind" },
		/* REV_STOP stands for every request: stop, addition, withdrawal. */
		{ SQL_REPORT_REQUESTS, REV_STOP,
		  "SELECT date, staff, stop, addition, channel, requester_kind, count(*)"
		  " FROM requests WHERE" PERIOD NOT_VOIDED("id")
		  " GROUP BY date, staff, stop, addition, channel, requester_kind" },
		/* A print carries a UTC stamp; the clinic's date of it is the day
		 * of its audit entry (issue 11), written in the same transaction.
		 * Prints older than the log fall back to the stamp's date. */
		{ SQL_REPORT_PRINTS, REV_PRINT,
		  "SELECT date, staff, count(*) FROM (SELECT coalesce((SELECT a.day FROM audit a"
		  " WHERE a.tbl = 'prints' AND a.row_key = CAST(p.id AS TEXT) AND a.action = 'add'"
		  " ORDER BY a.id LIMIT 1), substr(p.printed_at, 1, 10)) AS date, p.staff AS staff"
		  " FROM prints p) WHERE" PERIOD " GROUP BY date, staff" },
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		sqlite3_stmt *s = store_stmt(st, q[i].slot, q[i].sql);
		if (!s)
			return STORE_ERROR;
		store_bind_date(s, 1, r->from);
		store_bind_date(s, 2, r->to);
		store_rc rc = add_rows(st, s, r, q[i].ev);
		if (rc != STORE_OK)
			return rc;
	}
	/* A period still to come has no states yet; one under way is judged
	 * as of today. */
	if (date_cmp(r->from, st->today) <= 0) {
		r->has_states = true;
		r->states_asof = date_cmp(r->to, st->today) < 0 ? r->to : st->today;
		store_rc rc = store_state_counts(st, r->states_asof, r->states, &r->patients);
		if (rc != STORE_OK)
			return rc;
	}
	_Static_assert(REPORT_HASH_SIZE == STORE_HASH_HEX, "one hash size");
	store_rc rc = store_audit_head(st, &r->entries, r->head);
	r->has_head = rc == STORE_OK;
	return rc;
}

store_rc store_report_load(store *st, report_counts *r)
{
	/* One snapshot: the counts, the states and the head agree. */
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, load_locked(st, r));
}
