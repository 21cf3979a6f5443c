/* The day's visits (issue 9): the reception list of the receipt computer,
 * appended as it is loaded, read back in arrival order for the desk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static bool time_ok(const char *t)
{
	if (!t[0])
		return true;
	return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' &&
	       t[2] == ':' && t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' &&
	       (t[0] < '2' || t[1] <= '3');
}

store_rc store_visit_add(store *st, const visit_rec *v, const char *staff, bool *added)
{
	*added = false;
	if (!date_valid(v->date))
		return store_fail(st, STORE_INVALID, "visit date is not a valid date");
	if (date_cmp(v->date, st->today) > 0)
		return store_fail(st, STORE_FUTURE, "visit date is after today");
	if (!time_ok(v->time))
		return store_fail(st, STORE_INVALID, "visit time must be HH:MM");
	const char *why = store_particular_problem(STORE_P_DEPARTMENT, v->department);
	if (why)
		return store_fail(st, STORE_INVALID, "department: %s", why);
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	rc = store_patient_exists_locked(st, v->patient_id);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_VISIT_EXISTS,
		"SELECT 1 FROM visits WHERE patient_id = ?1 AND date = ?2 AND time = ?3"
		" AND department = ?4") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	bool there = false;
	if (rc == STORE_OK) {
		sqlite3_bind_int64(s, 1, v->patient_id);
		store_bind_date(s, 2, v->date);
		sqlite3_bind_text(s, 3, v->time, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, v->department, -1, SQLITE_STATIC);
		int src = sqlite3_step(s);
		there = src == SQLITE_ROW;
		sqlite3_reset(s);
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			rc = store_sqlite_fail(st, src, "looking up a visit");
	}
	if (rc == STORE_OK && !there) {
		s = store_stmt(st, SQL_VISIT_ADD,
			"INSERT INTO visits(patient_id, date, time, department, source, staff,"
			" recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!s)
			return store_tx_end(st, STORE_ERROR);
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_int64(s, 1, v->patient_id);
		store_bind_date(s, 2, v->date);
		sqlite3_bind_text(s, 3, v->time, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, v->department, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, v->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, staff ? staff : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "recording a visit");
		if (rc == STORE_OK)
			rc = store_audit_row_locked(st, "visits", sqlite3_last_insert_rowid(st->db),
			                            v->patient_id, "add", NULL);
		*added = rc == STORE_OK;
	}
	return store_tx_end(st, rc);
}

typedef struct visit_row {
	visit_rec v;
	patient p;
} visit_row;

store_rc store_visit_list(store *st, od_date date, visit_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_VISIT_LIST,
		"SELECT id, patient_id, time, department, source FROM visits WHERE date = ?1"
		" ORDER BY time = '', time, id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	store_bind_date(s, 1, date);
	visit_row *rows = NULL;
	size_t n = 0, cap = 0;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			visit_row *nr = realloc(rows, ncap * sizeof *nr);
			if (!nr) {
				rc = store_fail(st, STORE_ERROR, "out of memory");
				break;
			}
			rows = nr;
			cap = ncap;
		}
		visit_rec *v = &rows[n].v;
		memset(v, 0, sizeof *v);
		v->id = sqlite3_column_int64(s, 0);
		v->patient_id = sqlite3_column_int64(s, 1);
		v->date = date;
		store_col_text(s, 2, v->time, sizeof v->time);
		store_col_text(s, 3, v->department, sizeof v->department);
		store_col_text(s, 4, v->source, sizeof v->source);
		n++;
	}
	sqlite3_reset(s);
	if (rc == STORE_OK && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing visits");
	for (size_t i = 0; i < n && rc == STORE_OK; i++)
		rc = store_patient_get_id(st, store_resolve_locked(st, rows[i].v.patient_id),
		                          &rows[i].p);
	rc = store_tx_end(st, rc);
	for (size_t i = 0; i < n && rc == STORE_OK; i++)
		if (!cb(&rows[i].v, &rows[i].p, ctx))
			break;
	free(rows);
	return rc;
}
