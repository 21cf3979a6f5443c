/* Loading a patient's events for core/eligibility, one patient at a time or
 * the whole master in one pass. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* Appends one element to a growable array; false when out of memory. */
static bool grow(void **arr, size_t *cap, size_t n, size_t elsize)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p = realloc(*arr, ncap * elsize);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

void store_elig_free(store_elig *e)
{
	if (!e)
		return;
	free(e->cap);
	free(e->notices);
	free(e->requests);
	free(e->rinfo);
	memset(e, 0, sizeof *e);
}

/* The events of a patient are those of its group: itself and every
 * patient merged into it. Voided entries do not count. */
#define GROUP(col) col " IN (SELECT id FROM patients WHERE id = ?1 OR merged_into = ?1)"

int64_t store_resolve_locked(store *st, int64_t pid)
{
	sqlite3_stmt *s = store_stmt(st, SQL_MERGE_POINT,
		"SELECT merged_into FROM patients WHERE id = ?1");
	if (!s)
		return pid;
	sqlite3_bind_int64(s, 1, pid);
	int64_t into = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		into = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return into > 0 ? into : pid;
}

store_rc store_facts_load_locked(store *st, int64_t pid, store_elig *out)
{
	memset(out, 0, sizeof *out);
	pid = store_resolve_locked(st, pid);
	sqlite3_stmt *s = store_stmt(st, SQL_ELIG_PATIENT,
		"SELECT birth, (SELECT d.date FROM death_events d WHERE " GROUP("d.patient_id")
		NOT_VOIDED("d.id") " ORDER BY d.id DESC LIMIT 1)"
		" FROM patients p WHERE p.id = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, pid);
	int src = sqlite3_step(s);
	if (src != SQLITE_ROW) {
		sqlite3_reset(s);
		if (src == SQLITE_DONE)
			return store_fail(st, STORE_NOT_FOUND, "no patient #%lld", (long long)pid);
		return store_sqlite_fail(st, src, "reading a patient");
	}
	patient_facts *f = &out->in.facts;
	f->birth_known = store_date_from_text(sqlite3_column_text(s, 0), &f->birth);
	f->died = store_date_from_text(sqlite3_column_text(s, 1), &f->death);
	sqlite3_reset(s);

	s = store_stmt(st, SQL_ELIG_CAPACITY,
		"SELECT date, unable FROM capacity_events WHERE " GROUP("patient_id")
		NOT_VOIDED("id") " ORDER BY date, id");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, pid);
	size_t cap = 0, n = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)&out->cap, &cap, n, sizeof *out->cap)) {
			sqlite3_reset(s);
			store_elig_free(out);
			return store_fail(st, STORE_ERROR, "out of memory");
		}
		capacity_event *c = &out->cap[n];
		if (!store_date_from_text(sqlite3_column_text(s, 0), &c->date))
			continue;
		c->unable = sqlite3_column_int(s, 1) != 0;
		n++;
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE) {
		store_elig_free(out);
		return store_sqlite_fail(st, src, "reading capacity events");
	}
	f->capacity = out->cap;
	f->ncapacity = n;
	return STORE_OK;
}

store_rc store_elig_load_locked(store *st, int64_t pid, store_elig *out)
{
	store_rc rc = store_facts_load_locked(st, pid, out);
	if (rc != STORE_OK)
		return rc;
	pid = store_resolve_locked(st, pid);
	sqlite3_stmt *s = store_stmt(st, SQL_ELIG_NOTICES,
		"SELECT date, recipient_kind, version FROM notices WHERE " GROUP("patient_id")
		NOT_VOIDED("id") " ORDER BY date, id");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, pid);
	size_t cap = 0, n = 0;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)&out->notices, &cap, n, sizeof *out->notices))
			goto oom;
		notice_event *e = &out->notices[n];
		if (!store_date_from_text(sqlite3_column_text(s, 0), &e->date))
			continue;
		e->to = (requester_kind)sqlite3_column_int(s, 1);
		e->version = (long)sqlite3_column_int64(s, 2);
		n++;
	}
	if (src != SQLITE_DONE)
		goto sqlfail;
	out->in.notices = out->notices;
	out->in.nnotices = n;

	s = store_stmt(st, SQL_ELIG_REQUESTS,
		"SELECT date, stop, requester_kind, id, ref, delete_provided FROM requests"
		" WHERE " GROUP("patient_id") NOT_VOIDED("id") " ORDER BY date, id");
	if (!s)
		goto fail;
	sqlite3_bind_int64(s, 1, pid);
	cap = n = 0;
	size_t icap = 0;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (!grow((void **)&out->requests, &cap, n, sizeof *out->requests) ||
		    !grow((void **)&out->rinfo, &icap, n, sizeof *out->rinfo))
			goto oom;
		request_event *e = &out->requests[n];
		if (!store_date_from_text(sqlite3_column_text(s, 0), &e->date))
			continue;
		e->stop = sqlite3_column_int(s, 1) != 0;
		e->by = (requester_kind)sqlite3_column_int(s, 2);
		store_req_info *ri = &out->rinfo[n];
		ri->id = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, ri->ref, sizeof ri->ref);
		ri->delete_provided = sqlite3_column_int(s, 5) != 0;
		n++;
	}
	if (src != SQLITE_DONE)
		goto sqlfail;
	out->in.requests = out->requests;
	out->in.nrequests = n;

	int64_t material = 0;
	rc = store_notice_version_current_locked(st, NULL, &material);
	if (rc == STORE_NOT_FOUND)
		rc = STORE_OK;   /* no version: no notice either, nothing may flow */
	if (rc != STORE_OK) {
		store_elig_free(out);
		return rc;
	}
	out->in.material_version = (long)material;
	out->in.wait_months = store_wait_months(st);
	return STORE_OK;
oom:
	sqlite3_reset(s);
	store_elig_free(out);
	return store_fail(st, STORE_ERROR, "out of memory");
sqlfail:
	sqlite3_reset(s);
	store_elig_free(out);
	return store_sqlite_fail(st, src, "reading events");
fail:
	store_elig_free(out);
	return STORE_ERROR;
}

store_rc store_check_dated(store *st, od_date date, const elig_input *before,
                           const elig_input *after, bool confirmed)
{
	if (date_cmp(date, st->today) > 0) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(st->today, iso);
		return store_fail(st, STORE_FUTURE, "the date is after today (%s)", iso);
	}
	if (confirmed || !before || !after || date_cmp(date, st->today) >= 0)
		return STORE_OK;
	/* Only the past counts: today's state may change without asking. */
	od_date first, yesterday = date_add_days(st->today, -1);
	elig_result rb, ra;
	if (!eligibility_first_change(before, after, date, yesterday, &first, &rb, &ra))
		return STORE_OK;
	st->backdate.first = first;
	st->backdate.before = rb.state;
	st->backdate.after = ra.state;
	st->backdate.today_before = eligibility_on(before, st->today).state;
	st->backdate.today_after = eligibility_on(after, st->today).state;
	char iso[DATE_ISO_SIZE];
	date_format_iso(first, iso);
	return store_fail(st, STORE_BACKDATED, "changes the status of %s from %s to %s",
	                  iso, elig_state_word(rb.state), elig_state_word(ra.state));
}

store_rc store_elig_load(store *st, int64_t patient_id, store_elig *out)
{
	memset(out, 0, sizeof *out);
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, store_elig_load_locked(st, patient_id, out));
}

store_rc store_patient_status(store *st, int64_t patient_id, od_date asof,
                              elig_result *out)
{
	if (!date_valid(asof))
		return store_fail(st, STORE_INVALID, "as-of date is not a valid date");
	store_elig e;
	store_rc rc = store_elig_load(st, patient_id, &e);
	if (rc != STORE_OK)
		return rc;
	*out = eligibility_on(&e.in, asof);
	store_elig_free(&e);
	return STORE_OK;
}

/* ---- the whole master in one pass ------------------------------------------ */

/* A cursor over one kind of event, ordered by patient number like the
 * patients cursor, so events are merged in without a query per patient. */
typedef struct cursor {
	sqlite3_stmt *s;
	bool row;            /* positioned on a row */
	int err;             /* SQLite error that ended it, or 0 */
} cursor;

static void cursor_next(cursor *c)
{
	int src = sqlite3_step(c->s);
	c->row = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		c->err = src;
}

/* Pass 1 walks every table in the order it is stored (patients by id, events
 * by their (patient_id, date) index, whose last column is the event id):
 * no sort, no temporary b-tree, memory independent of the master's size.
 * Pass 2 lists the numbers in byte order from the number index alone. */
static const struct { enum store_slot slot; const char *sql; } all_sql[] = {
	{ SQL_ALL_PATIENTS,
	  "SELECT id, birth, merged_into IS NOT NULL FROM patients ORDER BY id" },
	{ SQL_ALL_CAPACITY,
	  "SELECT patient_id, date, unable FROM capacity_events"
	  " WHERE id NOT IN (SELECT event_id FROM voids) ORDER BY patient_id, date, id" },
	{ SQL_ALL_DEATH,
	  "SELECT patient_id, date, id FROM death_events"
	  " WHERE id NOT IN (SELECT event_id FROM voids) ORDER BY patient_id, date, id" },
	{ SQL_ALL_NOTICES,
	  "SELECT patient_id, date, recipient_kind, version FROM notices"
	  " WHERE id NOT IN (SELECT event_id FROM voids) ORDER BY patient_id, date, id" },
	{ SQL_ALL_REQUESTS,
	  "SELECT patient_id, date, stop, requester_kind FROM requests"
	  " WHERE id NOT IN (SELECT event_id FROM voids) ORDER BY patient_id, date, id" },
	{ SQL_ALL_NUMBERS,
	  "SELECT number, id FROM patients ORDER BY number" },
	{ SQL_ALL_HEADS,
	  "SELECT DISTINCT merged_into FROM patients WHERE merged_into IS NOT NULL" },
};
enum { C_PAT, C_CAP, C_DEATH, C_NOTICE, C_REQ, C_NUMBERS, C_HEADS, C_COUNT };
enum { C_EVENTS_END = C_REQ + 1 };

const char *store_eligible_sql(int part)
{
	return part >= 0 && part < C_COUNT ? all_sql[part].sql : NULL;
}

/* 'YYYY-MM-DD' as the schema's CHECK stores it, without sscanf; anything
 * else goes the long way, which decides exactly as before. */
static bool date_col(sqlite3_stmt *s, int col, od_date *out)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (t && sqlite3_column_bytes(s, col) == 10 && t[4] == '-' && t[7] == '-') {
		int v[8];
		static const int at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
		bool digits = true;
		for (int i = 0; i < 8 && digits; i++) {
			v[i] = t[at[i]] - '0';
			digits = v[i] >= 0 && v[i] <= 9;
		}
		if (digits) {
			od_date d = { v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3],
			              v[4] * 10 + v[5], v[6] * 10 + v[7] };
			if (!date_valid(d))
				return false;
			*out = d;
			return true;
		}
	}
	return store_date_from_text(t, out);
}

typedef struct buffers {
	capacity_event *cap;
	size_t ncap, capcap;
	notice_event *notices;
	size_t nnotices, capnotices;
	request_event *req;
	size_t nreq, capreq;
} buffers;

/* Column 0 of the event cursors is the patient id. */
static bool cursor_at_id(cursor *c, int64_t id)
{
	while (c->row && sqlite3_column_int64(c->s, 0) < id)
		cursor_next(c);
	return c->row && sqlite3_column_int64(c->s, 0) == id;
}

static bool collect(cursor *c, int64_t id, buffers *b, patient_facts *f)
{
	b->ncap = b->nnotices = b->nreq = 0;
	f->died = false;
	int64_t newest = -1;
	for (; cursor_at_id(&c[C_DEATH], id); cursor_next(&c[C_DEATH])) {
		/* The last recorded death event corrects the earlier ones. */
		int64_t eid = sqlite3_column_int64(c[C_DEATH].s, 2);
		if (eid > newest) {
			newest = eid;
			f->died = date_col(c[C_DEATH].s, 1, &f->death);
		}
	}
	for (; cursor_at_id(&c[C_CAP], id); cursor_next(&c[C_CAP])) {
		if (!grow((void **)&b->cap, &b->capcap, b->ncap, sizeof *b->cap))
			return false;
		capacity_event *e = &b->cap[b->ncap];
		if (date_col(c[C_CAP].s, 1, &e->date)) {
			e->unable = sqlite3_column_int(c[C_CAP].s, 2) != 0;
			b->ncap++;
		}
	}
	for (; cursor_at_id(&c[C_NOTICE], id); cursor_next(&c[C_NOTICE])) {
		if (!grow((void **)&b->notices, &b->capnotices, b->nnotices, sizeof *b->notices))
			return false;
		notice_event *e = &b->notices[b->nnotices];
		sqlite3_stmt *s = c[C_NOTICE].s;
		if (date_col(s, 1, &e->date)) {
			e->to = (requester_kind)sqlite3_column_int(s, 2);
			e->version = (long)sqlite3_column_int64(s, 3);
			b->nnotices++;
		}
	}
	for (; cursor_at_id(&c[C_REQ], id); cursor_next(&c[C_REQ])) {
		if (!grow((void **)&b->req, &b->capreq, b->nreq, sizeof *b->req))
			return false;
		request_event *e = &b->req[b->nreq];
		sqlite3_stmt *s = c[C_REQ].s;
		if (date_col(s, 1, &e->date)) {
			e->stop = sqlite3_column_int(s, 2) != 0;
			e->by = (requester_kind)sqlite3_column_int(s, 3);
			b->nreq++;
		}
	}
	return true;
}

/* One bit per patient id. */
typedef struct bitmap {
	unsigned char *bits;
	int64_t n;
} bitmap;

static bool bit_get(const bitmap *m, int64_t id)
{
	return id >= 0 && id < m->n && (m->bits[id >> 3] >> (id & 7)) & 1;
}

static bool bit_set(bitmap *m, int64_t id)
{
	if (id < 0)
		return false;
	if (id >= m->n) {
		int64_t n = m->n ? m->n : 1024;
		while (n <= id)
			n *= 2;
		unsigned char *p = realloc(m->bits, (size_t)(n / 8));
		if (!p)
			return false;
		memset(p + m->n / 8, 0, (size_t)((n - m->n) / 8));
		m->bits = p;
		m->n = n;
	}
	m->bits[id >> 3] |= (unsigned char)(1u << (id & 7));
	return true;
}

/* Pass 1: every patient (merged-away records left out) judged on asof;
 * judged(id, state, ctx) is told each; false from it means out of memory. */
typedef bool (*judged_fn)(int64_t id, elig_state state, void *ctx);
static store_rc judge_all(store *st, od_date asof, long material, int wait,
                          bitmap *heads, judged_fn judged, void *ctx)
{
	cursor c[C_EVENTS_END] = { 0 };
	store_rc rc = STORE_OK;
	for (int i = 0; i < C_EVENTS_END; i++) {
		c[i].s = store_stmt(st, all_sql[i].slot, all_sql[i].sql);
		if (!c[i].s)
			return STORE_ERROR;
		cursor_next(&c[i]);
	}
	buffers b = { 0 };
	for (; c[C_PAT].row; cursor_next(&c[C_PAT])) {
		sqlite3_stmt *ps = c[C_PAT].s;
		int64_t id = sqlite3_column_int64(ps, 0);
		elig_input in = { 0 };
		in.facts.birth_known = date_col(ps, 1, &in.facts.birth);
		if (!collect(c, id, &b, &in.facts)) {
			rc = store_fail(st, STORE_ERROR, "out of memory");
			break;
		}
		/* A merged-away number is an alias: its events count for the
		 * patient it was merged into, which is judged on its group. */
		if (sqlite3_column_int(ps, 2))
			continue;
		in.facts.capacity = b.cap;
		in.facts.ncapacity = b.ncap;
		in.notices = b.notices;
		in.nnotices = b.nnotices;
		in.requests = b.req;
		in.nrequests = b.nreq;
		in.material_version = material;
		in.wait_months = wait;
		elig_result r;
		if (bit_get(heads, id)) {
			store_elig g;
			rc = store_elig_load_locked(st, id, &g);
			if (rc != STORE_OK)
				break;
			r = eligibility_on(&g.in, asof);
			store_elig_free(&g);
		} else {
			r = eligibility_on(&in, asof);
		}
		if (!judged(id, r.state, ctx)) {
			rc = store_fail(st, STORE_ERROR, "out of memory");
			break;
		}
	}
	for (int i = 0; i < C_EVENTS_END && rc == STORE_OK; i++)
		if (c[i].err)
			rc = store_sqlite_fail(st, c[i].err, "listing eligible patients");
	for (int i = 0; i < C_EVENTS_END; i++)
		sqlite3_reset(c[i].s);
	free(b.cap);
	free(b.notices);
	free(b.req);
	return rc;
}

/* The patients others were merged into: judged on their whole group. */
static store_rc load_heads(store *st, bitmap *heads)
{
	store_rc rc = STORE_OK;
	cursor h = { .s = store_stmt(st, all_sql[C_HEADS].slot, all_sql[C_HEADS].sql) };
	if (!h.s)
		return STORE_ERROR;
	for (cursor_next(&h); h.row && rc == STORE_OK; cursor_next(&h))
		if (!bit_set(heads, sqlite3_column_int64(h.s, 0)))
			rc = store_fail(st, STORE_ERROR, "out of memory");
	if (rc == STORE_OK && h.err)
		rc = store_sqlite_fail(st, h.err, "listing merged patients");
	sqlite3_reset(h.s);
	return rc;
}

static bool mark_may_flow(int64_t id, elig_state state, void *ctx)
{
	return state != ELIG_MAY_FLOW || bit_set(ctx, id);
}

/* Opens the one read transaction a judgement of everybody runs in (both
 * passes see the same snapshot) and reads the current material version;
 * *none when there is no notice version yet (no notice either). On
 * failure the transaction is closed again. */
static store_rc judge_begin(store *st, od_date asof, int64_t *material, bool *none)
{
	*material = 0;
	*none = false;
	if (!date_valid(asof))
		return store_fail(st, STORE_INVALID, "as-of date is not a valid date");
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_notice_version_current_locked(st, NULL, material);
	if (rc == STORE_NOT_FOUND) {
		*none = true;
		rc = STORE_OK;
	}
	return rc == STORE_OK ? rc : store_tx_end(st, rc);
}

store_rc store_eligible(store *st, od_date asof, number_cb cb, void *ctx)
{
	int64_t material;
	bool none;
	store_rc rc = judge_begin(st, asof, &material, &none);
	if (rc != STORE_OK)
		return rc;
	if (none)
		return store_tx_end(st, STORE_OK);   /* no notice given yet: nobody */
	int wait = store_wait_months(st);

	bitmap heads = { 0 }, may = { 0 };
	rc = load_heads(st, &heads);
	if (rc == STORE_OK)
		rc = judge_all(st, asof, (long)material, wait, &heads, mark_may_flow, &may);

	cursor nc = { 0 };
	if (rc == STORE_OK && !(nc.s = store_stmt(st, all_sql[C_NUMBERS].slot,
	                                          all_sql[C_NUMBERS].sql)))
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char number[STORE_NUMBER_SIZE];
		for (cursor_next(&nc); nc.row; cursor_next(&nc)) {
			if (!bit_get(&may, sqlite3_column_int64(nc.s, 1)))
				continue;
			store_col_text(nc.s, 0, number, sizeof number);
			if (!cb(number, ctx))
				break;
		}
		if (nc.err)
			rc = store_sqlite_fail(st, nc.err, "listing eligible patients");
		sqlite3_reset(nc.s);
	}
	free(heads.bits);
	free(may.bits);
	return store_tx_end(st, rc);
}

/* ---- the share of patients in each state (issue 13) ------------------------ */

static bool count_state(int64_t id, elig_state state, void *ctx)
{
	(void)id;
	long *counts = ctx;
	if ((unsigned)state < ELIG_STATE_COUNT)
		counts[state]++;
	return true;
}

store_rc store_state_counts(store *st, od_date asof, long counts[ELIG_STATE_COUNT],
                            long *patients)
{
	memset(counts, 0, sizeof(long) * ELIG_STATE_COUNT);
	*patients = 0;
	int64_t material;
	bool none;   /* no version yet: no notice, everyone is judged not notified */
	store_rc rc = judge_begin(st, asof, &material, &none);
	if (rc != STORE_OK)
		return rc;
	/* The same two passes as store_eligible: one snapshot, one judgement
	 * (eligibility_on) for the list the pipeline reads and for the share
	 * the office reads. */
	bitmap heads = { 0 };
	rc = load_heads(st, &heads);
	if (rc == STORE_OK)
		rc = judge_all(st, asof, (long)material, store_wait_months(st), &heads,
		               count_state, counts);
	free(heads.bits);
	for (int i = 0; i < ELIG_STATE_COUNT; i++)
		*patients += counts[i];
	return store_tx_end(st, rc);
}
