/* Idempotent retries (issue 12): a write made with a request id records the
 * id and its result in the same transaction as the entry, so a desk that
 * retries after a crash, a kill or a lost answer finds the first result
 * instead of making a second entry. The id is checked inside the write
 * transaction (BEGIN IMMEDIATE serialises desks), and recorded just before
 * COMMIT (store_tx_end), so the id and the entry are durable together. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "store/internal.h"

store_rc store_request_id_arm(store *st, const char *key, const char *kind,
                              const char *subject)
{
	memset(&st->reqid, 0, sizeof st->reqid);
	if (key == NULL)
		return STORE_OK;
	size_t n = strlen(key);
	if (n == 0 || n > STORE_REQUEST_ID_MAX)
		return store_fail(st, STORE_INVALID, "request id: 1 to %d characters",
		                  STORE_REQUEST_ID_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = key[i];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
		if (!ok)
			return store_fail(st, STORE_INVALID,
			                  "request id: only letters, digits and . _ : -");
	}
	if (!kind || !*kind || strlen(kind) >= sizeof st->reqid.kind ||
	    strlen(subject ? subject : "") >= sizeof st->reqid.subject)
		return store_fail(st, STORE_INVALID, "request id: kind or subject too long");
	memcpy(st->reqid.key, key, n + 1);
	snprintf(st->reqid.kind, sizeof st->reqid.kind, "%s", kind);
	snprintf(st->reqid.subject, sizeof st->reqid.subject, "%s", subject ? subject : "");
	st->reqid.armed = true;
	return STORE_OK;
}

/* STORE_NOT_FOUND: a new id; STORE_REPLAYED: recorded by the same command
 * for the same subject (result kept); STORE_CONFLICT: used for another. */
static store_rc lookup_locked(store *st)
{
	sqlite3_stmt *s = store_stmt(st, SQL_REQID_GET,
		"SELECT kind, subject, result FROM request_ids WHERE key = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, st->reqid.key, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_DONE) {
		sqlite3_reset(s);
		return STORE_NOT_FOUND;
	}
	if (src != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_sqlite_fail(st, src, "reading request ids");
	}
	char kind[sizeof st->reqid.kind], subject[sizeof st->reqid.subject];
	store_col_text(s, 0, kind, sizeof kind);
	store_col_text(s, 1, subject, sizeof subject);
	store_col_text(s, 2, st->reqid.result, sizeof st->reqid.result);
	sqlite3_reset(s);
	if (strcmp(kind, st->reqid.kind) != 0)
		return store_conflict_fail(st, STORE_CONFLICT_REQUEST_ID, NULL, (od_date){ 0, 0, 0 },
			N_("this request id was already used for another kind of entry; use a new one"));
	if (strcmp(subject, st->reqid.subject) != 0)
		return store_conflict_fail(st, STORE_CONFLICT_REQUEST_ID, NULL, (od_date){ 0, 0, 0 },
			N_("this request id was already used for another patient or entry; use a new one"));
	st->reqid.replayed = true;
	return STORE_REPLAYED;
}

store_rc store_request_id_lookup(store *st)
{
	if (!st->reqid.armed)
		return STORE_NOT_FOUND;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = lookup_locked(st);
	store_tx_end(st, STORE_OK);
	return rc;
}

const char *store_request_id_result(const store *st)
{
	return st->reqid.replayed ? st->reqid.result : NULL;
}

void store_request_id_result_set(store *st, const char *result)
{
	if (st->reqid.armed)
		snprintf(st->reqid.result, sizeof st->reqid.result, "%s", result ? result : "");
	st->reqid.has_result = st->reqid.armed;
}

store_rc store_request_id_check_locked(store *st)
{
	if (!st->reqid.armed || st->reqid.recorded)
		return STORE_OK;
	st->reqid.has_result = false;
	store_rc rc = lookup_locked(st);
	return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

store_rc store_request_id_record_locked(store *st)
{
	/* Only the write transaction that made the entry records it: a read
	 * that follows (a screen reloading) never does. */
	if (!st->reqid.armed || st->reqid.recorded || st->reqid.pending ||
	    !st->reqid.has_result || !st->reqid.in_write)
		return STORE_OK;
	sqlite3_stmt *s = store_stmt(st, SQL_REQID_ADD,
		"INSERT INTO request_ids(key, kind, subject, result, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return STORE_ERROR;
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_text(s, 1, st->reqid.key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->reqid.kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->reqid.subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, st->reqid.result, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	store_rc rc = store_step_done(st, s, "recording the request id");
	/* In the audit chain like the entry it made (issue 11). */
	if (rc == STORE_OK)
		rc = store_audit_key_locked(st, "request_ids", st->reqid.key, "add");
	if (rc == STORE_OK) {
		st->reqid.pending = true;
		st->reqid.has_result = false;
	}
	return rc;
}
