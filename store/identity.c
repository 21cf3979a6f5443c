/* One person, one patient: possible duplicates, changes of a patient's
 * particulars (each an event with the old value), merges of two records of
 * one person, and the recent patients an empty search shows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/internal.h"

/* ---- possible duplicates ---------------------------------------------------- */

/* Same kana key and birth date, or same name key and birth date (domain
 * brief, "One person, one patient"); merged-away records are aliases. */
#define SIMILAR_SQL \
	"SELECT id FROM patients WHERE birth = ?1 AND merged_into IS NULL AND id <> ?4" \
	" AND (kana_key = ?2 OR name_key = ?3) ORDER BY number"

bool store_id_push(store_id_list *l, int64_t id)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 8;
		int64_t *p = realloc(l->ids, ncap * sizeof *p);
		if (!p)
			return false;
		l->ids = p;
		l->cap = ncap;
	}
	l->ids[l->n++] = id;
	return true;
}

store_rc store_id_rows(store *st, sqlite3_stmt *s, int ncols, store_id_list *out,
                       const char *what)
{
	int src;
	store_rc rc = STORE_OK;
	while (rc == STORE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
		for (int c = 0; c < ncols && rc == STORE_OK; c++)
			if (!store_id_push(out, sqlite3_column_int64(s, c)))
				rc = store_fail(st, STORE_ERROR, "out of memory");
	sqlite3_reset(s);
	if (rc == STORE_OK && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, what);
	return rc;
}

store_rc store_count(store *st, enum store_slot slot, const char *sql, const char *what,
                     int64_t *n)
{
	*n = 0;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, slot, sql);
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		rc = store_sqlite_fail(st, src, what);
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}

store_rc store_similar_ids_locked(store *st, const patient *p, const patient_keys *k,
                                 store_id_list *out)
{
	if (!p->birth_known)
		return STORE_OK;   /* the rule needs a birth date to compare */
	sqlite3_stmt *s = store_stmt(st, SQL_SIMILAR, SIMILAR_SQL);
	if (!s)
		return STORE_ERROR;
	store_bind_date(s, 1, p->birth);
	sqlite3_bind_text(s, 2, k->kana_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, k->name_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, p->id);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		if (!store_id_push(out, sqlite3_column_int64(s, 0))) {
			sqlite3_reset(s);
			return store_fail(st, STORE_ERROR, "out of memory");
		}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? STORE_OK : store_sqlite_fail(st, src, "looking for duplicates");
}

/* Reads each patient of the list (inside the caller's read transaction);
 * *rows is freed by the caller. */
static store_rc load_rows(store *st, const store_id_list *l, patient **rows)
{
	*rows = l->n ? calloc(l->n, sizeof **rows) : NULL;
	if (l->n && !*rows)
		return store_fail(st, STORE_ERROR, "out of memory");
	store_rc rc = STORE_OK;
	for (size_t i = 0; i < l->n && rc == STORE_OK; i++)
		rc = store_patient_get_id(st, l->ids[i], &(*rows)[i]);
	return rc;
}

/* Ends the read transaction, then calls back: the callback may use the
 * store, even to write. */
static store_rc emit_rows(store *st, store_rc rc, const store_id_list *l, patient *rows,
                          patient_cb cb, void *ctx)
{
	rc = store_tx_end(st, rc);
	for (size_t i = 0; i < l->n && rc == STORE_OK; i++)
		if (!cb(&rows[i], ctx))
			break;
	free(rows);
	free(l->ids);
	return rc;
}

store_rc store_patient_similar(store *st, const patient *p, patient_cb cb, void *ctx)
{
	patient copy = *p;
	patient_keys k;
	if (!copy.number[0])
		snprintf(copy.number, sizeof copy.number, "0");
	store_rc rc = store_patient_check_fields(st, &copy, &k);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	store_id_list l = { 0 };
	patient *rows = NULL;
	rc = store_similar_ids_locked(st, &copy, &k, &l);
	if (rc == STORE_OK)
		rc = load_rows(st, &l, &rows);
	return emit_rows(st, rc, &l, rows, cb, ctx);
}

/* Every pair of possible duplicates, (a, b) by id. Each part first finds
 * the keys that more than one record shares (one pass over an index that
 * holds them: patients_birth has both name keys), then joins the records
 * of those few keys only: the
 * worklist counts these pairs whenever the search screen comes back, and a
 * join of every record with its index neighbours took seconds on a large
 * master. Records with the same number key (0.1 kept "0001" and "1") are
 * listed too; merged-away records are aliases, never pairs. */
#define DUP_PART(keys, from, join) \
	"SELECT a.id, b.id FROM (SELECT " keys " FROM " from " GROUP BY " keys \
	" HAVING count(*) > 1) g JOIN patients a ON " join("a") \
	" JOIN patients b ON " join("b") " AND b.id > a.id" \
	" WHERE a.merged_into IS NULL AND b.merged_into IS NULL"
#define DUP_KANA(t) t ".birth = g.birth AND " t ".kana_key = g.kana_key"
#define DUP_NAME(t) t ".birth = g.birth AND " t ".name_key = g.name_key"
#define DUP_NUMBER(t) t ".number_key = g.number_key"
#define DUP_PAIRS_SQL \
	DUP_PART("birth, kana_key", "patients WHERE birth IS NOT NULL", DUP_KANA) \
	" UNION " \
	DUP_PART("birth, name_key", "patients WHERE birth IS NOT NULL", DUP_NAME) \
	" UNION " \
	DUP_PART("number_key", "patients", DUP_NUMBER)

store_rc store_duplicate_pairs(store *st, patient_pair_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_DUP_PAIRS, DUP_PAIRS_SQL " ORDER BY 1, 2");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	store_id_list l = { 0 };
	rc = store_id_rows(st, s, 2, &l, "listing duplicates");
	patient *rows = NULL;
	if (rc == STORE_OK)
		rc = load_rows(st, &l, &rows);
	rc = store_tx_end(st, rc);
	for (size_t i = 0; i + 1 < l.n && rc == STORE_OK; i += 2)
		if (!cb(&rows[i], &rows[i + 1], ctx))
			break;
	free(rows);
	free(l.ids);
	return rc;
}

store_rc store_duplicate_count(store *st, int64_t *n)
{
	return store_count(st, SQL_DUP_COUNT, "SELECT count(*) FROM (" DUP_PAIRS_SQL ")",
	                   "counting duplicates", n);
}

/* ---- changes of particulars --------------------------------------------------- */

store_rc store_patient_update(store *st, int64_t id, const patient_edit *e)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	patient old, neu;
	rc = store_patient_get_id(st, id, &old);
	if (rc != STORE_OK)
		return store_tx_end(st, rc);
	neu = old;
	if (e->name)
		snprintf(neu.name, sizeof neu.name, "%s", e->name);
	if (e->kana)
		snprintf(neu.kana, sizeof neu.kana, "%s", e->kana);
	if (e->set_birth) {
		neu.birth_known = e->birth_known;
		neu.birth = e->birth_known ? e->birth : (od_date){ 0, 0, 0 };
	}
	if (e->sex)
		neu.sex = e->sex;
	patient_keys k;
	if ((e->name && strlen(e->name) >= sizeof neu.name) ||
	    (e->kana && strlen(e->kana) >= sizeof neu.kana))
		rc = store_fail(st, STORE_INVALID, "name or kana too long");
	if (rc == STORE_OK)
		rc = store_patient_check_fields(st, &neu, &k);
	bool name_changed = strcmp(old.name, neu.name) != 0;
	bool kana_changed = strcmp(old.kana, neu.kana) != 0;
	bool birth_changed = old.birth_known != neu.birth_known ||
		(neu.birth_known && date_cmp(old.birth, neu.birth) != 0);
	bool sex_changed = old.sex != neu.sex;
	if (rc == STORE_OK && !e->not_duplicate && (name_changed || kana_changed || birth_changed)) {
		store_id_list dups = { 0 };
		rc = store_similar_ids_locked(st, &neu, &k, &dups);
		if (rc == STORE_OK && dups.n)
			rc = store_fail(st, STORE_DUPLICATE, "%zu possible duplicate(s)", dups.n);
		free(dups.ids);
	}
	if (rc == STORE_OK && birth_changed) {
		/* A birth date decides "under 16": a new one may change who
		 * could receive a past notice, so past states may change. */
		store_elig before;
		rc = store_elig_load_locked(st, id, &before);
		if (rc == STORE_OK) {
			elig_input after = before.in;
			after.facts.birth_known = neu.birth_known;
			after.facts.birth = neu.birth;
			od_date from = st->today;
			for (size_t i = 0; i < before.in.nnotices; i++)
				if (date_cmp(before.in.notices[i].date, from) < 0)
					from = before.in.notices[i].date;
			for (size_t i = 0; i < before.in.nrequests; i++)
				if (date_cmp(before.in.requests[i].date, from) < 0)
					from = before.in.requests[i].date;
			rc = store_check_dated(st, from, &before.in, &after, e->confirm_backdated);
			store_elig_free(&before);
		}
	}
	const char *src_name = e->source && *e->source ? e->source : "desk";
	char ob[DATE_ISO_SIZE] = "", nb[DATE_ISO_SIZE] = "";
	if (old.birth_known)
		date_format_iso(old.birth, ob);
	if (neu.birth_known)
		date_format_iso(neu.birth, nb);
	char os[2] = { old.sex, '\0' }, ns[2] = { neu.sex, '\0' };
	if (rc == STORE_OK && name_changed)
		rc = store_add_change_locked(st, id, "name", old.name, neu.name, src_name, e->staff);
	if (rc == STORE_OK && kana_changed)
		rc = store_add_change_locked(st, id, "kana", old.kana, neu.kana, src_name, e->staff);
	if (rc == STORE_OK && birth_changed)
		rc = store_add_change_locked(st, id, "birth", ob, nb, src_name, e->staff);
	if (rc == STORE_OK && sex_changed)
		rc = store_add_change_locked(st, id, "sex", os, ns, src_name, e->staff);
	if (rc == STORE_OK && (name_changed || kana_changed || birth_changed || sex_changed)) {
		/* The row holds the current values; the events keep the old. */
		sqlite3_stmt *s = store_stmt(st, SQL_PATIENT_SET,
			"UPDATE patients SET name = ?2, kana = ?3, name_key = ?4, kana_key = ?5,"
			" given_name_key = ?6, given_kana_key = ?7, birth = ?8, sex = ?9"
			" WHERE id = ?1");
		if (!s)
			return store_tx_end(st, STORE_ERROR);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, neu.name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, neu.kana, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, k.name_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, k.kana_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, k.given_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, k.given_kana, -1, SQLITE_STATIC);
		if (neu.birth_known)
			sqlite3_bind_text(s, 8, nb, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, ns, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "changing a patient");
		if (rc == STORE_OK)
			rc = store_audit_row_locked(st, "patients", id, id, "change", NULL);
	}
	if (rc == STORE_OK)
		store_request_id_result_set(st, old.number);
	return store_tx_end(st, rc);
}

/* ---- merges ------------------------------------------------------------------------ */

store_rc store_patient_merge(store *st, int64_t from_id, int64_t into_id,
                             const char *reason, const char *staff)
{
	store_rc rc = store_check_text(st, "reason", reason, TEXT_NOTE_MAX, STORE_NOTE_SIZE, true);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	patient from, into;
	rc = store_patient_get_id(st, from_id, &from);
	if (rc == STORE_OK)
		rc = store_patient_get_id(st, into_id, &into);
	od_date none = { 0, 0, 0 };
	if (rc == STORE_OK && from_id == into_id)
		rc = store_conflict_fail(st, 4, "", none, N_("A patient cannot be merged into itself"));
	else if (rc == STORE_OK && from.merged_into)
		rc = store_conflict_fail(st, 4, "", none, N_("That patient was already merged into another"));
	else if (rc == STORE_OK && into.merged_into)
		rc = store_conflict_fail(st, 4, "", none,
			N_("The patient to merge into was itself merged into another: merge into that one"));
	int64_t id = 0;
	if (rc == STORE_OK)
		rc = store_next_event_id(st, &id);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_MERGE_ADD,
		"INSERT INTO merges(id, patient_id, date, into_id, reason, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, from_id);
		store_bind_date(s, 3, st->today);
		sqlite3_bind_int64(s, 4, into_id);
		sqlite3_bind_text(s, 5, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, staff ? staff : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "recording a merge");
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "merges", id, from_id, "add", NULL);
	/* The patient rows the merge changes: FROM and those merged into it. */
	store_id_list moved = { 0 };
	if (rc == STORE_OK && !store_id_push(&moved, from_id))
		rc = store_fail(st, STORE_ERROR, "out of memory");
	if (rc == STORE_OK) {
		s = store_stmt(st, SQL_AUDIT_MERGED, "SELECT id FROM patients WHERE merged_into = ?1");
		if (!s)
			rc = STORE_ERROR;
		else {
			sqlite3_bind_int64(s, 1, from_id);
			int src;
			while (rc == STORE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
				if (!store_id_push(&moved, sqlite3_column_int64(s, 0)))
					rc = store_fail(st, STORE_ERROR, "out of memory");
			sqlite3_reset(s);
		}
	}
	if (rc == STORE_OK) {
		/* The cache the lookups read; records merged into FROM before
		 * follow it, so a group is always one level deep. */
		s = store_stmt(st, SQL_MERGED_INTO_LIST,
			"UPDATE patients SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1");
		if (!s)
			return store_tx_end(st, STORE_ERROR);
		sqlite3_bind_int64(s, 1, from_id);
		sqlite3_bind_int64(s, 2, into_id);
		rc = store_step_done(st, s, "recording a merge");
	}
	if (rc == STORE_OK)
		store_request_id_result_set(st, into.number);
	for (size_t i = 0; rc == STORE_OK && i < moved.n; i++)
		rc = store_audit_row_locked(st, "patients", moved.ids[i], moved.ids[i], "change",
		                            "merged");
	free(moved.ids);
	return store_tx_end(st, rc);
}

/* ---- recent patients ------------------------------------------------------------------ */

store_rc store_patient_recent(store *st, int limit, patient_cb cb, void *ctx)
{
	if (limit <= 0)
		return STORE_OK;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	/* Newest registrations and newest events, each a short index walk
	 * from the end (ids follow recording order), merged and cut. */
	sqlite3_stmt *s = store_stmt(st, SQL_RECENT,
		"SELECT coalesce(p.merged_into, p.id) AS pid, max(t) AS t FROM ("
		"  SELECT id AS pid, created_at AS t FROM"
		"   (SELECT id, created_at FROM patients ORDER BY created_at DESC LIMIT ?1)"
		"  UNION ALL SELECT patient_id, recorded_at FROM"
		"   (SELECT patient_id, recorded_at FROM notices ORDER BY id DESC LIMIT ?1)"
		"  UNION ALL SELECT patient_id, recorded_at FROM"
		"   (SELECT patient_id, recorded_at FROM requests ORDER BY id DESC LIMIT ?1)"
		"  UNION ALL SELECT patient_id, recorded_at FROM"
		"   (SELECT patient_id, recorded_at FROM patient_changes ORDER BY id DESC LIMIT ?1)"
		" ) x JOIN patients p ON p.id = x.pid"
		" GROUP BY 1 ORDER BY t DESC, 1 DESC LIMIT ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int(s, 1, limit);
	store_id_list l = { 0 };
	rc = store_id_rows(st, s, 1, &l, "listing recent patients");
	patient *rows = NULL;
	if (rc == STORE_OK)
		rc = load_rows(st, &l, &rows);
	return emit_rows(st, rc, &l, rows, cb, ctx);
}
