/* The hand-over to certified operators (issue 10): lists checked against
 * the record, provision records (提供記録) and the deletion requests that
 * must be forwarded to the operators that received a patient's data. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/internal.h"

/* The group of a patient: itself and the records merged into it. */
#define GROUP(col) col " IN (SELECT id FROM patients WHERE id = ?1 OR merged_into = ?1)"

store_rc store_operator_get(store *st, int64_t id, operator_rec *out)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_OPERATOR_GET,
		"SELECT id, name, kind, address, active FROM operators WHERE id = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, id);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, out->name, sizeof out->name);
		const unsigned char *k = sqlite3_column_text(s, 2);
		out->kind = k ? (char)k[0] : 'a';
		store_col_text(s, 3, out->address, sizeof out->address);
		out->active = sqlite3_column_int(s, 4) != 0;
	} else if (src == SQLITE_DONE) {
		rc = store_fail(st, STORE_NOT_FOUND, "no operator %lld", (long long)id);
	} else {
		rc = store_sqlite_fail(st, src, "reading an operator");
	}
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}

/* ---- checking a list ------------------------------------------------------- */

/* Judges one listed number on `asof`, inside the caller's transaction. A
 * number that is no number or not registered is not found: never eligible. */
static store_rc check_one_locked(store *st, od_date asof, const char *text,
                                 store_check_item *it)
{
	memset(it, 0, sizeof *it);
	it->text = text;
	char key[STORE_NUMBER_SIZE];
	if (!text || !store_number_normalize(st, text, it->number, sizeof it->number) ||
	    !text_number_key(it->number, key, sizeof key)) {
		it->number[0] = '\0';
		return STORE_OK;
	}
	it->number_ok = true;
	int64_t id = 0;
	store_rc rc = store_id_by_key_locked(st, key, text, &id);
	if (rc != STORE_OK || id == 0)
		return rc;
	it->found = true;
	it->patient_id = store_resolve_locked(st, id);
	it->merged = it->patient_id != id;
	snprintf(it->patient_number, sizeof it->patient_number, "%s", it->number);
	if (it->merged) {
		patient p;
		rc = store_patient_get_id(st, it->patient_id, &p);
		if (rc != STORE_OK)
			return rc;
		snprintf(it->patient_number, sizeof it->patient_number, "%s", p.number);
	}
	store_elig e;
	rc = store_elig_load_locked(st, it->patient_id, &e);
	if (rc != STORE_OK)
		return rc;
	it->res = eligibility_on(&e.in, asof);
	it->died = e.in.facts.died;
	store_elig_free(&e);
	return STORE_OK;
}

store_rc store_check_list(store *st, od_date asof, check_next_cb next,
                          check_cb cb, void *ctx)
{
	if (!date_valid(asof))
		return store_fail(st, STORE_INVALID, "as-of date is not a valid date");
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	const char *text;
	while (rc == STORE_OK && next(ctx, &text)) {
		store_check_item it;
		rc = check_one_locked(st, asof, text, &it);
		if (rc == STORE_OK && !cb(&it, ctx))
			break;
	}
	return store_tx_end(st, rc);
}

/* ---- provisions ------------------------------------------------------------- */

#define PROVISION_COLS \
	"SELECT p.id, p.date, p.operator_id, o.name, p.items, p.staff, p.recorded_at," \
	" (SELECT count(*) FROM provision_patients pp WHERE pp.provision_id = p.id)" \
	" FROM provisions p JOIN operators o ON o.id = p.operator_id "

static void provision_from_row(sqlite3_stmt *s, provision_rec *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	store_date_from_text(sqlite3_column_text(s, 1), &p->date);
	p->operator_id = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, p->operator_name, sizeof p->operator_name);
	store_col_text(s, 4, p->items, sizeof p->items);
	store_col_text(s, 5, p->staff, sizeof p->staff);
	store_col_text(s, 6, p->recorded_at, sizeof p->recorded_at);
	p->npatients = sqlite3_column_int64(s, 7);
}

static store_rc provision_insert_locked(store *st, provision_rec *p, const int64_t *ids,
                                        const char *const *numbers, size_t n)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PROVISION_ADD,
		"INSERT INTO provisions(date, operator_id, items, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return STORE_ERROR;
	store_now_stamp(p->recorded_at);
	store_bind_date(s, 1, p->date);
	sqlite3_bind_int64(s, 2, p->operator_id);
	sqlite3_bind_text(s, 3, p->items, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, p->recorded_at, -1, SQLITE_STATIC);
	store_rc rc = store_step_done(st, s, "recording a provision");
	if (rc != STORE_OK)
		return rc;
	p->id = sqlite3_last_insert_rowid(st->db);
	p->npatients = 0;
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		s = store_stmt(st, SQL_PROVISION_PATIENT_ADD,
			"INSERT OR IGNORE INTO provision_patients(provision_id, patient_id, number)"
			" VALUES (?1, ?2, ?3)");
		if (!s)
			return STORE_ERROR;
		char norm[STORE_NUMBER_SIZE];
		if (!store_number_normalize(st, numbers[i], norm, sizeof norm))
			snprintf(norm, sizeof norm, "%s", numbers[i]);
		sqlite3_bind_int64(s, 1, p->id);
		sqlite3_bind_int64(s, 2, ids[i]);
		sqlite3_bind_text(s, 3, norm, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "recording a provided patient");
		if (rc == STORE_OK)
			p->npatients += sqlite3_changes(st->db);
	}
	/* issue 11: the provision with its list, once the list is in */
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "provisions", p->id, 0, "add", NULL);
	return rc;
}

store_rc store_provision_add(store *st, provision_rec *p, const char *const *numbers,
                             size_t n, check_cb offender, void *ctx)
{
	if (!date_valid(p->date))
		return store_fail(st, STORE_INVALID, "provision date is not a valid date");
	store_rc rc = store_check_text(st, "items", p->items, TEXT_NOTE_MAX,
	                               sizeof p->items, false);
	if (rc != STORE_OK)
		return rc;
	if (n == 0)
		return store_fail(st, STORE_INVALID, "the list names no patient");
	operator_rec op;
	rc = store_operator_get(st, p->operator_id, &op);
	if (rc != STORE_OK)
		return rc;
	int64_t *ids = malloc(n * sizeof *ids);
	if (!ids)
		return store_fail(st, STORE_ERROR, "out of memory");
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK) {
		free(ids);
		return rc;
	}
	if (date_cmp(p->date, st->today) > 0)
		rc = store_fail(st, STORE_FUTURE, "the provision date is after today");
	else if (!op.active)
		rc = store_conflict_fail(st, 6, "", p->date,
		                         N_("the operator is retired: nothing may be provided to it"));
	/* Judged again inside the write transaction: a stop recorded since
	 * the pipeline's own check still keeps the whole hand-over out. */
	size_t bad = 0;
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		store_check_item it;
		rc = check_one_locked(st, p->date, numbers[i], &it);
		if (rc != STORE_OK)
			break;
		if (!it.found || it.res.state != ELIG_MAY_FLOW) {
			bad++;
			if (offender)
				offender(&it, ctx);
			ids[i] = 0;
		} else {
			ids[i] = it.patient_id;
		}
	}
	if (rc == STORE_OK && bad)
		rc = store_fail(st, STORE_REFUSED, "%zu listed patient(s) may not flow", bad);
	if (rc == STORE_OK) {
		rc = provision_insert_locked(st, p, ids, numbers, n);
		snprintf(p->operator_name, sizeof p->operator_name, "%s", op.name);
	}
	free(ids);
	return store_tx_end(st, rc);
}

static store_rc provision_rows(store *st, sqlite3_stmt *s, provision_cb cb, void *ctx)
{
	int src;
	store_rc rc = STORE_OK;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		provision_rec p;
		provision_from_row(s, &p);
		if (!cb(&p, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing provisions");
	sqlite3_reset(s);
	return rc;
}

store_rc store_provision_list(store *st, od_date from, od_date to,
                              provision_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PROVISION_LIST, PROVISION_COLS
		"WHERE (?1 IS NULL OR p.date >= ?1) AND (?2 IS NULL OR p.date <= ?2)"
		" ORDER BY p.date, p.id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	if (date_valid(from))
		store_bind_date(s, 1, from);
	if (date_valid(to))
		store_bind_date(s, 2, to);
	return store_tx_end(st, provision_rows(st, s, cb, ctx));
}

static bool provision_copy(const provision_rec *p, void *ctx)
{
	*(provision_rec *)ctx = *p;
	return false;
}

store_rc store_provision_get(store *st, int64_t id, provision_rec *out)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PROVISION_GET, PROVISION_COLS "WHERE p.id = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, id);
	out->id = 0;
	rc = provision_rows(st, s, provision_copy, out);
	if (rc == STORE_OK && out->id != id)
		rc = store_fail(st, STORE_NOT_FOUND, "no provision %lld", (long long)id);
	return store_tx_end(st, rc);
}

store_rc store_provision_patients(store *st, int64_t id, provided_cb cb, void *ctx)
{
	provision_rec p;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_provision_get(st, id, &p);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_PROVISION_PATIENTS,
		"SELECT pp.number, t.number, t.name FROM provision_patients pp"
		" JOIN patients t ON t.id = pp.patient_id"
		" WHERE pp.provision_id = ?1 ORDER BY pp.number") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc != STORE_OK)
		return store_tx_end(st, rc);
	sqlite3_bind_int64(s, 1, id);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		provided_patient pp;
		store_col_text(s, 0, pp.number, sizeof pp.number);
		store_col_text(s, 1, pp.patient_number, sizeof pp.patient_number);
		store_col_text(s, 2, pp.name, sizeof pp.name);
		if (!cb(&pp, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing provided patients");
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}

store_rc store_patient_provisions(store *st, int64_t patient_id, int limit,
                                  provision_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PATIENT_PROVISIONS, PROVISION_COLS
		"WHERE p.id IN (SELECT provision_id FROM provision_patients WHERE "
		GROUP("patient_id") ") ORDER BY p.date DESC, p.id DESC LIMIT ?2");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, store_resolve_locked(st, patient_id));
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	return store_tx_end(st, provision_rows(st, s, cb, ctx));
}

store_rc store_provided_operators(store *st, int64_t patient_id,
                                  operator_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PROVIDED_OPERATORS,
		"SELECT id, name, kind, address, active FROM operators WHERE id IN"
		" (SELECT p.operator_id FROM provisions p JOIN provision_patients pp"
		" ON pp.provision_id = p.id WHERE " GROUP("pp.patient_id") ") ORDER BY id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, store_resolve_locked(st, patient_id));
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		operator_rec op = { 0 };
		op.id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, op.name, sizeof op.name);
		const unsigned char *k = sqlite3_column_text(s, 2);
		op.kind = k ? (char)k[0] : 'a';
		store_col_text(s, 3, op.address, sizeof op.address);
		op.active = sqlite3_column_int(s, 4) != 0;
		if (!cb(&op, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing the operators provided to");
	sqlite3_reset(s);
	return store_tx_end(st, rc);
}

/* ---- deletion requests to forward -------------------------------------------- */

store_rc store_forwards_make_locked(store *st, int64_t request_id, int64_t patient_id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_FORWARD_MAKE,
		"INSERT OR IGNORE INTO forwards(request_id, patient_id, operator_id, created_at)"
		" SELECT ?2, ?3, o.id, ?4 FROM operators o WHERE o.id IN"
		" (SELECT p.operator_id FROM provisions p JOIN provision_patients pp"
		" ON pp.provision_id = p.id WHERE " GROUP("pp.patient_id") ") ORDER BY o.id");
	if (!s)
		return STORE_ERROR;
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_int64(s, 1, store_resolve_locked(st, patient_id));
	sqlite3_bind_int64(s, 2, request_id);
	sqlite3_bind_int64(s, 3, patient_id);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	store_rc rc = store_step_done(st, s, "making deletion requests to forward");
	if (rc != STORE_OK || sqlite3_changes(st->db) == 0)
		return rc;
	/* issue 11: each forward made is logged (in this transaction) */
	s = store_stmt(st, SQL_AUDIT_FORWARDS,
		"SELECT id FROM forwards WHERE request_id = ?1 AND created_at = ?2");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, request_id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	store_id_list made = { 0 };
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW)
		if (!store_id_push(&made, sqlite3_column_int64(s, 0)))
			rc = store_fail(st, STORE_ERROR, "out of memory");
	sqlite3_reset(s);
	for (size_t i = 0; rc == STORE_OK && i < made.n; i++)
		rc = store_audit_row_locked(st, "forwards", made.ids[i], patient_id, "add", NULL);
	free(made.ids);
	return rc;
}

#define FORWARD_COLS \
	"SELECT f.id, f.request_id, r.ref, r.date, f.patient_id, t.number, f.operator_id," \
	" o.name, f.created_at, f.request_id IN (SELECT event_id FROM voids)," \
	" d.forward_id IS NOT NULL, d.date, d.note, d.staff" \
	" FROM forwards f JOIN requests r ON r.id = f.request_id" \
	" JOIN patients t ON t.id = f.patient_id JOIN operators o ON o.id = f.operator_id" \
	" LEFT JOIN forwards_done d ON d.forward_id = f.id "

/* Not done, and the stop it forwards not voided (the worklist counts the
 * same rows). */
#define FORWARD_PENDING \
	"(d.forward_id IS NULL AND f.request_id NOT IN (SELECT event_id FROM voids))"

static store_rc forward_rows(store *st, sqlite3_stmt *s, forward_cb cb, void *ctx)
{
	int src;
	store_rc rc = STORE_OK;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		forward_rec f;
		memset(&f, 0, sizeof f);
		f.id = sqlite3_column_int64(s, 0);
		f.request_id = sqlite3_column_int64(s, 1);
		store_col_text(s, 2, f.request_ref, sizeof f.request_ref);
		store_date_from_text(sqlite3_column_text(s, 3), &f.request_date);
		f.patient_id = sqlite3_column_int64(s, 4);
		store_col_text(s, 5, f.number, sizeof f.number);
		f.operator_id = sqlite3_column_int64(s, 6);
		store_col_text(s, 7, f.operator_name, sizeof f.operator_name);
		store_col_text(s, 8, f.created_at, sizeof f.created_at);
		f.request_voided = sqlite3_column_int(s, 9) != 0;
		f.done = sqlite3_column_int(s, 10) != 0;
		if (f.done)
			store_date_from_text(sqlite3_column_text(s, 11), &f.done_date);
		store_col_text(s, 12, f.note, sizeof f.note);
		store_col_text(s, 13, f.staff, sizeof f.staff);
		if (!cb(&f, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing forwards");
	sqlite3_reset(s);
	return rc;
}

store_rc store_forward_list(store *st, bool pending_only, forward_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_FORWARD_LIST, FORWARD_COLS
		"WHERE ?1 = 0 OR " FORWARD_PENDING " ORDER BY f.id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int(s, 1, pending_only ? 1 : 0);
	return store_tx_end(st, forward_rows(st, s, cb, ctx));
}

store_rc store_forward_pending_count(store *st, int64_t *n)
{
	return store_count(st, SQL_FORWARD_COUNT,
		"SELECT count(*) FROM forwards f LEFT JOIN forwards_done d ON d.forward_id = f.id"
		" WHERE " FORWARD_PENDING, "counting forwards", n);
}

static bool forward_copy(const forward_rec *f, void *ctx)
{
	*(forward_rec *)ctx = *f;
	return false;
}

store_rc store_forward_get(store *st, int64_t id, forward_rec *out)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_FORWARD_GET, FORWARD_COLS "WHERE f.id = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, id);
	out->id = 0;
	rc = forward_rows(st, s, forward_copy, out);
	if (rc == STORE_OK && out->id != id)
		rc = store_fail(st, STORE_NOT_FOUND, "no forward %lld", (long long)id);
	return store_tx_end(st, rc);
}

store_rc store_forward_done(store *st, int64_t id, od_date date,
                            const char *note, const char *staff)
{
	if (!date_valid(date))
		return store_fail(st, STORE_INVALID, "date is not a valid date");
	store_rc rc = store_check_text(st, "note", note ? note : "", TEXT_NOTE_MAX,
	                               STORE_NOTE_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	forward_rec f;
	rc = store_forward_get(st, id, &f);
	if (rc == STORE_OK && f.done)
		rc = store_conflict_fail(st, 5, f.request_ref, f.done_date,
		                         N_("the operator was already recorded as told"));
	else if (rc == STORE_OK && f.request_voided)
		rc = store_conflict_fail(st, 5, f.request_ref, f.request_date,
		                         N_("the stop was voided: there is nothing to forward"));
	else if (rc == STORE_OK && date_cmp(date, st->today) > 0)
		rc = store_fail(st, STORE_FUTURE, "the date is after today");
	else if (rc == STORE_OK && date_cmp(date, f.request_date) < 0)
		rc = store_fail(st, STORE_INVALID, "the date is before the request");
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_FORWARD_DONE,
		"INSERT INTO forwards_done(forward_id, date, note, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_int64(s, 1, id);
		store_bind_date(s, 2, date);
		sqlite3_bind_text(s, 3, note ? note : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, staff ? staff : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
		rc = store_step_done(st, s, "recording a forward done");
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "forwards_done", id, f.patient_id, "add", NULL);
	return store_tx_end(st, rc);
}
