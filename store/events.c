/* Notice versions, notices and stop/withdrawal requests: the desk's acts.
 * Each is checked against the rules on its own date before it is recorded,
 * all inside one write transaction so the facts cannot change in between. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/internal.h"

/* refcode_new draws 7 random characters (over 10^10 codes); a collision with
 * a stored code is astronomically rare, but retried rather than failed. */
#define REF_TRIES 8

/* ---- notice versions ------------------------------------------------------ */

static void version_from_row(sqlite3_stmt *s, notice_version *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, v->hash, sizeof v->hash);
	v->material = sqlite3_column_int(s, 2) != 0;
	store_col_text(s, 3, v->note, sizeof v->note);
	store_col_text(s, 4, v->created_at, sizeof v->created_at);
}

store_rc store_notice_version_current_locked(store *st, notice_version *cur,
                                             int64_t *material_id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_VERSION_NEWEST,
		"SELECT id, hash, material, note, created_at FROM notice_versions"
		" ORDER BY id DESC LIMIT 1");
	if (!s)
		return STORE_ERROR;
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW && cur)
		version_from_row(s, cur);
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, "no notice version yet (run init)");
	if (src != SQLITE_ROW)
		return store_sqlite_fail(st, src, "reading the notice version");
	/* With no material version at all, every notice counts. */
	s = store_stmt(st, SQL_VERSION_MATERIAL,
		"SELECT coalesce(max(id), 0) FROM notice_versions WHERE material = 1");
	if (!s)
		return STORE_ERROR;
	src = sqlite3_step(s);
	if (src == SQLITE_ROW && material_id)
		*material_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return src == SQLITE_ROW ? STORE_OK : store_sqlite_fail(st, src, "reading the notice version");
}

store_rc store_notice_version_current(store *st, notice_version *cur,
                                      int64_t *material_id)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, store_notice_version_current_locked(st, cur, material_id));
}

store_rc store_notice_version_add(store *st, const char *hash, bool material,
                                  const char *note, int64_t *id, bool *created)
{
	char h[65];
	size_t len = hash ? strlen(hash) : 0;
	if (len != 64)
		return store_fail(st, STORE_INVALID, "notice hash must be 64 hex digits");
	for (size_t i = 0; i < len; i++) {
		if (!isxdigit((unsigned char)hash[i]))
			return store_fail(st, STORE_INVALID, "notice hash must be 64 hex digits");
		h[i] = (char)tolower((unsigned char)hash[i]);
	}
	h[64] = '\0';
	store_rc rc = store_check_text(st, "note", note ? note : "", TEXT_FIELD_MAX,
	                               STORE_FIELD_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	if (created)
		*created = false;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	notice_version cur;
	rc = store_notice_version_current_locked(st, &cur, NULL);
	if (rc == STORE_OK && strcmp(cur.hash, h) == 0) {
		if (id)
			*id = cur.id;
		return store_tx_end(st, STORE_OK);
	}
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		return store_tx_end(st, rc);
	sqlite3_stmt *s = store_stmt(st, SQL_VERSION_ADD,
		"INSERT INTO notice_versions(hash, material, note, created_at)"
		" VALUES (?1, ?2, ?3, ?4)");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_text(s, 1, h, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, material ? 1 : 0);
	sqlite3_bind_text(s, 3, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "adding a notice version");
	if (rc == STORE_OK) {
		int64_t vid = sqlite3_last_insert_rowid(st->db);
		rc = store_audit_row_locked(st, "notice_versions", vid, 0, "add", NULL);
		if (id)
			*id = vid;
		if (created)
			*created = true;
	}
	return store_tx_end(st, rc);
}

/* ---- shared checks ------------------------------------------------------------ */

static store_rc check_person(store *st, requester_kind kind, const char *name,
                             relationship rel, const char *staff)
{
	if ((int)kind < 0 || kind >= REQ_KIND_COUNT)
		return store_fail(st, STORE_INVALID, "unknown requester kind %d", (int)kind);
	if ((int)rel < 0 || rel >= REL_COUNT)
		return store_fail(st, STORE_INVALID, "unknown relationship %d", (int)rel);
	/* REL_NONE means "not told"; a stated relationship must fit the kind. */
	if (rel != REL_NONE && !rules_relationship_fits(kind, rel))
		return store_fail(st, STORE_INVALID, "relationship %s does not fit %s",
		                  relationship_word(rel), requester_kind_word(kind));
	store_rc rc = store_check_text(st, "name", name, TEXT_NAME_MAX, STORE_NAME_SIZE, false);
	if (rc == STORE_OK)
		rc = store_check_text(st, "staff", staff, TEXT_NAME_MAX, STORE_STAFF_SIZE, false);
	return rc;
}

/* The rules' verdict on `act` by `who` for this patient on `date`. Called
 * inside the write transaction. */
static store_rc judge(store *st, int64_t pid, od_date date, request_action act,
                      requester_kind who, rule_verdict *v)
{
	store_elig e;
	store_rc rc = store_facts_load_locked(st, pid, &e);
	if (rc != STORE_OK)
		return rc;
	patient_on_date on = rules_state_on(&e.in.facts, date);
	*v = rules_check(act, who, on);
	store_elig_free(&e);
	return STORE_OK;
}

/* e's input with one more notice (any order will do for notices). The
 * caller frees *buf. */
static bool with_notice(const store_elig *e, notice_event add, elig_input *out,
                        notice_event **buf)
{
	*out = e->in;
	*buf = malloc((e->in.nnotices + 1) * sizeof **buf);
	if (!*buf)
		return false;
	if (e->in.nnotices)
		memcpy(*buf, e->in.notices, e->in.nnotices * sizeof **buf);
	(*buf)[e->in.nnotices] = add;
	out->notices = *buf;
	out->nnotices = e->in.nnotices + 1;
	return true;
}

/* e's input with one more request at its place: after every request dated
 * on or before it (it is the newest recorded). *at is that place. */
static bool with_request(const store_elig *e, request_event add, elig_input *out,
                         request_event **buf, size_t *at)
{
	size_t n = e->in.nrequests, i = 0;
	*out = e->in;
	*buf = malloc((n + 1) * sizeof **buf);
	if (!*buf)
		return false;
	while (i < n && date_cmp(e->in.requests[i].date, add.date) <= 0)
		i++;
	if (i)
		memcpy(*buf, e->in.requests, i * sizeof **buf);
	(*buf)[i] = add;
	if (n > i)
		memcpy(*buf + i + 1, e->in.requests + i, (n - i) * sizeof **buf);
	out->requests = *buf;
	out->nrequests = n + 1;
	*at = i;
	return true;
}

/* The first stop of the run of stops that is in effect at index idx: the
 * stop a person filed, which a second one is refused in favour of. */
static size_t run_start(const store_elig *e, size_t idx)
{
	while (idx > 0 && e->in.requests[idx - 1].stop)
		idx--;
	return idx;
}

/* ---- notices ------------------------------------------------------------------ */

store_rc store_notice_add(store *st, notice_rec *n, rule_verdict *verdict)
{
	rule_verdict local;
	if (!verdict)
		verdict = &local;
	*verdict = (rule_verdict){ .ok = true };
	if (!date_valid(n->date))
		return store_fail(st, STORE_INVALID, "notice date is not a valid date");
	store_rc rc = check_person(st, n->to, n->recipient, n->rel, n->staff);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	rc = judge(st, n->patient_id, n->date, ACT_NOTICE, n->to, verdict);
	if (rc == STORE_OK && !verdict->ok)
		rc = store_fail(st, STORE_REFUSED, "recipient does not fit: %s",
		                verdict->why ? verdict->why : "");
	notice_version cur;
	if (rc == STORE_OK)
		rc = store_notice_version_current_locked(st, &cur, NULL);
	n->stop_in_effect = false;
	if (rc == STORE_OK) {
		store_elig e;
		rc = store_elig_load_locked(st, n->patient_id, &e);
		if (rc == STORE_OK) {
			elig_input after;
			notice_event *buf = NULL;
			n->stop_in_effect = requests_in_effect(e.in.requests, e.in.nrequests,
			                                       n->date) >= 0;
			if (!with_notice(&e, (notice_event){ n->date, n->to, (long)cur.id },
			                 &after, &buf))
				rc = store_fail(st, STORE_ERROR, "out of memory");
			else
				rc = store_check_dated(st, n->date, &e.in, &after,
				                       n->confirm_backdated);
			free(buf);
			store_elig_free(&e);
		}
	}
	int64_t id = 0;
	if (rc == STORE_OK)
		rc = store_next_event_id(st, &id);
	char now[STORE_STAMP_SIZE], ref[REFCODE_SIZE];
	store_now_stamp(now);
	for (int tries = 0; rc == STORE_OK && tries < REF_TRIES; tries++) {
		sqlite3_stmt *s = store_stmt(st, SQL_NOTICE_ADD,
			"INSERT INTO notices(id, patient_id, date, recipient_kind, recipient,"
			" relationship, version, ref, staff, recorded_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
		if (!s) {
			rc = STORE_ERROR;
			break;
		}
		refcode_new('N', ref);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, n->patient_id);
		store_bind_date(s, 3, n->date);
		sqlite3_bind_int(s, 4, (int)n->to);
		sqlite3_bind_text(s, 5, n->to == REQ_SELF ? "" : n->recipient, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, (int)n->rel);
		sqlite3_bind_int64(s, 7, cur.id);
		sqlite3_bind_text(s, 8, ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, n->staff, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, now, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "recording a notice");
		if (rc == STORE_OK)
			rc = store_audit_row_locked(st, "notices", id, n->patient_id, "add", NULL);
		if (rc != STORE_EXISTS)
			break;
		rc = STORE_OK;   /* the reference was taken: draw another */
		if (tries == REF_TRIES - 1)
			rc = store_fail(st, STORE_ERROR, "no free reference code");
	}
	if (rc == STORE_OK)
		store_request_id_result_set(st, ref);
	rc = store_tx_end(st, rc);
	if (rc == STORE_OK) {
		n->id = id;
		n->version = cur.id;
		snprintf(n->ref, sizeof n->ref, "%s", ref);
		snprintf(n->recorded_at, sizeof n->recorded_at, "%s", now);
	}
	return rc;
}

store_rc store_notice_get_ref(store *st, const char *ref, notice_rec *out)
{
	char canon[REFCODE_SIZE];
	if (!ref || !refcode_normalize(ref, canon))
		return store_fail(st, STORE_NOT_FOUND, "not a reference code");
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_NOTICE_GET_REF,
		"SELECT id, patient_id, date, recipient_kind, recipient, relationship, version,"
		" ref, staff, recorded_at, id IN (SELECT event_id FROM voids)"
		" FROM notices WHERE ref = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, canon, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		out->patient_id = sqlite3_column_int64(s, 1);
		store_date_from_text(sqlite3_column_text(s, 2), &out->date);
		out->to = (requester_kind)sqlite3_column_int(s, 3);
		store_col_text(s, 4, out->recipient, sizeof out->recipient);
		out->rel = (relationship)sqlite3_column_int(s, 5);
		out->version = sqlite3_column_int64(s, 6);
		store_col_text(s, 7, out->ref, sizeof out->ref);
		store_col_text(s, 8, out->staff, sizeof out->staff);
		store_col_text(s, 9, out->recorded_at, sizeof out->recorded_at);
		out->voided = sqlite3_column_int(s, 10) != 0;
	} else if (src == SQLITE_DONE) {
		rc = store_fail(st, STORE_NOT_FOUND, "no notice %s", canon);
	} else {
		rc = store_sqlite_fail(st, src, "reading a notice");
	}
	return store_tx_end(st, rc);
}

/* ---- requests ------------------------------------------------------------------ */

/* A request must agree with the record (domain brief): a withdrawal only
 * while a stop is in effect on its date, leaving no later withdrawal
 * without one; no second stop while one is in effect, except a deletion
 * request on top of a stop that did not ask for it (an addition). Then the
 * date rules of every dated event. Inside the write transaction. */
static store_rc check_against_record(store *st, request_rec *r, bool *addition)
{
	store_elig e;
	store_rc rc = store_elig_load_locked(st, r->patient_id, &e);
	if (rc != STORE_OK)
		return rc;
	long idx = requests_in_effect(e.in.requests, e.in.nrequests, r->date);
	if (r->stop && idx >= 0) {
		size_t first = run_start(&e, (size_t)idx);
		bool asked = false;
		for (size_t i = first; i <= (size_t)idx; i++)
			asked = asked || e.rinfo[i].delete_provided;
		if (r->delete_provided && !asked)
			*addition = true;
		else
			rc = store_conflict_fail(st, 1, e.rinfo[first].ref,
				e.in.requests[first].date,
				r->delete_provided
				? N_("A stop that already asks for deletion is in effect on that date")
				: N_("A stop is already in effect on that date"));
	} else if (!r->stop && idx < 0) {
		rc = store_conflict_fail(st, 2, "", r->date,
			N_("No stop is in effect on that date: there is nothing to withdraw"));
	}
	elig_input after;
	request_event *buf = NULL;
	size_t at = 0;
	if (rc == STORE_OK &&
	    !with_request(&e, (request_event){ r->date, r->stop, r->by }, &after, &buf, &at))
		rc = store_fail(st, STORE_ERROR, "out of memory");
	if (rc == STORE_OK && !r->stop) {
		long stray = requests_stray_withdrawal(after.requests, after.nrequests);
		if (stray >= 0) {
			size_t k = (size_t)stray > at ? (size_t)stray - 1 : (size_t)stray;
			rc = store_conflict_fail(st, 3, e.rinfo[k].ref, e.in.requests[k].date,
				N_("A later withdrawal would be left without a stop to withdraw"));
		}
	}
	if (rc == STORE_OK)
		rc = store_check_dated(st, r->date, &e.in, &after, r->confirm_backdated);
	free(buf);
	store_elig_free(&e);
	return rc;
}

store_rc store_request_add(store *st, request_rec *r, bool accept_mismatch,
                           rule_verdict *verdict)
{
	rule_verdict local;
	if (!verdict)
		verdict = &local;
	*verdict = (rule_verdict){ .ok = true };
	r->mismatch = false;
	if (!date_valid(r->date))
		return store_fail(st, STORE_INVALID, "date received is not a valid date");
	if ((int)r->ch < 0 || r->ch >= CH_COUNT)
		return store_fail(st, STORE_INVALID, "unknown channel %d", (int)r->ch);
	if ((int)r->idc < 0 || r->idc >= ID_COUNT)
		return store_fail(st, STORE_INVALID, "unknown identity check %d", (int)r->idc);
	store_rc rc = check_person(st, r->by, r->name, r->rel, r->staff);
	if (rc == STORE_OK)
		rc = store_check_text(st, "note", r->note, TEXT_NOTE_MAX, STORE_NOTE_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	bool mismatch = false, addition = false;
	if (rc == STORE_OK)
		rc = check_against_record(st, r, &addition);
	if (rc == STORE_OK)
		rc = judge(st, r->patient_id, r->date, r->stop ? ACT_STOP : ACT_WITHDRAW,
		           r->by, verdict);
	if (rc == STORE_OK && !verdict->ok) {
		/* Lopsided on purpose: a wrongly refused stop breaks the law, a
		 * wrongly accepted one only means less data flows. */
		if (r->stop && verdict->overridable && accept_mismatch)
			mismatch = true;
		else
			rc = store_fail(st, STORE_REFUSED, "requester does not fit: %s",
			                verdict->why ? verdict->why : "");
	}
	int64_t id = 0;
	if (rc == STORE_OK)
		rc = store_next_event_id(st, &id);
	char now[STORE_STAMP_SIZE], ref[REFCODE_SIZE];
	store_now_stamp(now);
	for (int tries = 0; rc == STORE_OK && tries < REF_TRIES; tries++) {
		sqlite3_stmt *s = store_stmt(st, SQL_REQUEST_ADD,
			"INSERT INTO requests(id, patient_id, date, stop, channel, requester_kind,"
			" requester_name, relationship, id_check, delete_provided, mismatch, note,"
			" ref, staff, recorded_at, addition)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
			" ?16)");
		if (!s) {
			rc = STORE_ERROR;
			break;
		}
		refcode_new('R', ref);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, r->patient_id);
		store_bind_date(s, 3, r->date);
		sqlite3_bind_int(s, 4, r->stop ? 1 : 0);
		sqlite3_bind_int(s, 5, (int)r->ch);
		sqlite3_bind_int(s, 6, (int)r->by);
		sqlite3_bind_text(s, 7, r->by == REQ_SELF ? "" : r->name, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 8, (int)r->rel);
		sqlite3_bind_int(s, 9, (int)r->idc);
		sqlite3_bind_int(s, 10, r->delete_provided ? 1 : 0);
		sqlite3_bind_int(s, 11, mismatch ? 1 : 0);
		sqlite3_bind_text(s, 12, r->note, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 14, r->staff, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 15, now, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 16, addition ? 1 : 0);
		rc = store_step_done(st, s, "recording a request");
		if (rc == STORE_OK)
			rc = store_audit_row_locked(st, "requests", id, r->patient_id, "add", NULL);
		if (rc != STORE_EXISTS)
			break;
		rc = STORE_OK;
		if (tries == REF_TRIES - 1)
			rc = store_fail(st, STORE_ERROR, "no free reference code");
	}
	if (rc == STORE_OK)
		store_request_id_result_set(st, ref);
	/* Issue 10: the operators that received the data must be told. */
	if (rc == STORE_OK && r->stop && r->delete_provided)
		rc = store_forwards_make_locked(st, id, r->patient_id);
	rc = store_tx_end(st, rc);
	if (rc == STORE_OK) {
		r->id = id;
		r->mismatch = mismatch;
		r->addition = addition;
		snprintf(r->ref, sizeof r->ref, "%s", ref);
		snprintf(r->recorded_at, sizeof r->recorded_at, "%s", now);
	}
	return rc;
}

store_rc store_request_get_ref(store *st, const char *ref, request_rec *out)
{
	char canon[REFCODE_SIZE];
	if (!ref || !refcode_normalize(ref, canon))
		return store_fail(st, STORE_NOT_FOUND, "not a reference code");
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_REQUEST_GET_REF,
		"SELECT id, patient_id, date, stop, channel, requester_kind, requester_name,"
		" relationship, id_check, delete_provided, mismatch, note, ref, staff,"
		" recorded_at, addition, id IN (SELECT event_id FROM voids)"
		" FROM requests WHERE ref = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_text(s, 1, canon, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		out->patient_id = sqlite3_column_int64(s, 1);
		store_date_from_text(sqlite3_column_text(s, 2), &out->date);
		out->stop = sqlite3_column_int(s, 3) != 0;
		out->ch = (channel)sqlite3_column_int(s, 4);
		out->by = (requester_kind)sqlite3_column_int(s, 5);
		store_col_text(s, 6, out->name, sizeof out->name);
		out->rel = (relationship)sqlite3_column_int(s, 7);
		out->idc = (id_check)sqlite3_column_int(s, 8);
		out->delete_provided = sqlite3_column_int(s, 9) != 0;
		out->mismatch = sqlite3_column_int(s, 10) != 0;
		store_col_text(s, 11, out->note, sizeof out->note);
		store_col_text(s, 12, out->ref, sizeof out->ref);
		store_col_text(s, 13, out->staff, sizeof out->staff);
		store_col_text(s, 14, out->recorded_at, sizeof out->recorded_at);
		out->addition = sqlite3_column_int(s, 15) != 0;
		out->voided = sqlite3_column_int(s, 16) != 0;
	} else if (src == SQLITE_DONE) {
		rc = store_fail(st, STORE_NOT_FOUND, "no request %s", canon);
	} else {
		rc = store_sqlite_fail(st, src, "reading a request");
	}
	return store_tx_end(st, rc);
}
