/* Voiding an entry made in error, and the record of documents printed.
 * Both append: a void is a new row that makes an event stop counting. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/internal.h"

/* Every kind of event a void may name, by reference or by event number:
 * kind 0 notice, 1 request, 2 capacity, 3 death, 4 contact. */
#define VOIDABLE \
	"SELECT id, patient_id, date, 0, ref FROM notices" \
	" UNION ALL SELECT id, patient_id, date, 1, ref FROM requests" \
	" UNION ALL SELECT id, patient_id, date, 2, '' FROM capacity_events" \
	" UNION ALL SELECT id, patient_id, date, 3, '' FROM death_events" \
	" UNION ALL SELECT id, patient_id, date, 4, '' FROM contact_events"

typedef struct voidable {
	int64_t id, patient_id;
	od_date date;
	int kind;
	char ref[REFCODE_SIZE];
} voidable;

static store_rc find_voidable(store *st, const char *what, voidable *v)
{
	sqlite3_stmt *s;
	char canon[REFCODE_SIZE];
	if (what[0] == '#') {
		char *end;
		long long id = strtoll(what + 1, &end, 10);
		if (*end || id <= 0)
			return store_fail(st, STORE_NOT_FOUND, "not an event number: %s", what);
		s = store_stmt(st, SQL_VOID_FIND_ID, "SELECT * FROM (" VOIDABLE ") WHERE id = ?1");
		if (!s)
			return STORE_ERROR;
		sqlite3_bind_int64(s, 1, id);
	} else {
		if (!refcode_normalize(what, canon))
			return store_fail(st, STORE_NOT_FOUND, "not a reference: %s", what);
		s = store_stmt(st, SQL_VOID_FIND_REF,
			"SELECT id, patient_id, date, 0, ref FROM notices WHERE ref = ?1"
			" UNION ALL SELECT id, patient_id, date, 1, ref FROM requests WHERE ref = ?1");
		if (!s)
			return STORE_ERROR;
		sqlite3_bind_text(s, 1, canon, -1, SQLITE_TRANSIENT);
	}
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(v, 0, sizeof *v);
		v->id = sqlite3_column_int64(s, 0);
		v->patient_id = sqlite3_column_int64(s, 1);
		store_date_from_text(sqlite3_column_text(s, 2), &v->date);
		v->kind = sqlite3_column_int(s, 3);
		store_col_text(s, 4, v->ref, sizeof v->ref);
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, "no entry %s", what);
	return src == SQLITE_ROW ? STORE_OK : store_sqlite_fail(st, src, "finding an entry");
}

static bool is_voided(store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_IS_VOIDED, "SELECT 1 FROM voids WHERE event_id = ?1");
	if (!s)
		return false;
	sqlite3_bind_int64(s, 1, id);
	bool yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return yes;
}

/* The patient's input without the event v (which is in e): requests,
 * notices and capacity are rebuilt from e with v's row left out; a death
 * is re-read after the void, so it is judged by the store itself. */
static store_rc without(store *st, const voidable *v, store_elig *after)
{
	/* Simplest faithful way: load the state as it would be, inside a
	 * savepoint where the void row exists, then roll it back. */
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_VOID_ADD,
		"INSERT INTO voids(id, patient_id, date, event_id, reason, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_int64(s, 1, -v->id);   /* a probe row, never committed */
	sqlite3_bind_int64(s, 2, v->patient_id);
	store_bind_date(s, 3, st->today);
	sqlite3_bind_int64(s, 4, v->id);
	sqlite3_bind_text(s, 5, "probe", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "voiding");
	if (rc == STORE_OK)
		rc = store_elig_load_locked(st, v->patient_id, after);
	/* Always undone: the probe only shows what the void would leave. */
	store_tx_end(st, STORE_ERROR);
	return rc;
}

store_rc store_void(store *st, const char *what, const char *reason,
                    const char *staff, bool confirm_backdated,
                    int64_t *patient_id)
{
	if (!what || !*what)
		return store_fail(st, STORE_INVALID, "what to void: a reference or #number");
	store_rc rc = store_check_text(st, "reason", reason, TEXT_NOTE_MAX, STORE_NOTE_SIZE, true);
	if (rc == STORE_OK)
		rc = store_check_text(st, "staff", staff ? staff : "", TEXT_NAME_MAX,
		                      STORE_STAFF_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	voidable v;
	rc = find_voidable(st, what, &v);
	if (rc == STORE_OK && is_voided(st, v.id))
		rc = store_conflict_fail(st, 5, v.ref, v.date, N_("That entry is already voided"));
	store_elig before = { 0 }, after = { 0 };
	if (rc == STORE_OK)
		rc = store_elig_load_locked(st, v.patient_id, &before);
	if (rc == STORE_OK)
		rc = without(st, &v, &after);
	if (rc == STORE_OK) {
		long stray = requests_stray_withdrawal(after.in.requests, after.in.nrequests);
		if (stray >= 0)
			rc = store_conflict_fail(st, 3, after.rinfo[stray].ref,
				after.in.requests[stray].date,
				N_("A later withdrawal would be left without a stop: void that withdrawal first"));
	}
	if (rc == STORE_OK)
		rc = store_check_dated(st, v.date, &before.in, &after.in, confirm_backdated);
	store_elig_free(&before);
	store_elig_free(&after);
	int64_t id = 0;
	if (rc == STORE_OK)
		rc = store_next_event_id(st, &id);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_VOID_ADD,
		"INSERT INTO voids(id, patient_id, date, event_id, reason, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, v.patient_id);
		store_bind_date(s, 3, st->today);
		sqlite3_bind_int64(s, 4, v.id);
		sqlite3_bind_text(s, 5, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, staff ? staff : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "voiding");
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "voids", id, v.patient_id, "add", NULL);
	if (rc == STORE_OK && patient_id)
		*patient_id = v.patient_id;
	if (rc == STORE_OK)
		store_request_id_result_set(st, v.ref[0] ? v.ref : what);
	return store_tx_end(st, rc);
}

/* ---- documents printed ----------------------------------------------------------- */

store_rc store_print_record(store *st, const char *kind, const char *ref,
                            int64_t patient_id, const char *staff,
                            int *earlier, char first_at[STORE_STAMP_SIZE])
{
	if (!kind || !*kind || !ref)
		return store_fail(st, STORE_INVALID, "document kind or reference missing");
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PRINT_COUNT,
		"SELECT count(*), min(printed_at) FROM prints WHERE ref = ?1 AND kind = ?2");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		if (earlier)
			*earlier = sqlite3_column_int(s, 0);
		if (first_at)
			store_col_text(s, 1, first_at, STORE_STAMP_SIZE);
	}
	sqlite3_reset(s);
	if (src != SQLITE_ROW)
		return store_tx_end(st, store_sqlite_fail(st, src, "reading prints"));
	s = store_stmt(st, SQL_PRINT_ADD,
		"INSERT INTO prints(kind, ref, patient_id, staff, printed_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ref, -1, SQLITE_STATIC);
	if (patient_id > 0)
		sqlite3_bind_int64(s, 3, patient_id);
	sqlite3_bind_text(s, 4, staff ? staff : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "recording a print");
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "prints", sqlite3_last_insert_rowid(st->db),
		                            patient_id > 0 ? patient_id : 0, "add", kind);
	if (rc == STORE_OK && first_at && earlier && *earlier == 0)
		snprintf(first_at, STORE_STAMP_SIZE, "%s", now);
	return store_tx_end(st, rc);
}
