/* The office's worklists (issue 13): the store finds the candidates, the
 * rules of core/worklist.c decide who is listed. Duplicates and forwards
 * are the readers of identity.c and handover.c; only their counts are
 * gathered here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

typedef struct item_list {
	worklist_item *v;
	size_t n, cap;
	bool oom;
} item_list;

static worklist_item *item_push(item_list *l)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		worklist_item *p = realloc(l->v, ncap * sizeof *p);
		if (!p) {
			l->oom = true;
			return NULL;
		}
		l->v = p;
		l->cap = ncap;
	}
	worklist_item *it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	return it;
}

/* ---- not notified: the day's visitors ---------------------------------------- */

static bool collect_visitor(const visit_rec *v, const patient *p, void *ctx)
{
	item_list *l = ctx;
	/* A patient who came twice that day is listed once, at the first
	 * arrival. */
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].pat.id == p->id)
			return true;
	worklist_item *it = item_push(l);
	if (!it)
		return false;
	it->pat = *p;
	memcpy(it->time, v->time, sizeof it->time);
	memcpy(it->department, v->department, sizeof it->department);
	return true;
}

/* The visitors who still need the notice, in arrival order; *count (when
 * not NULL) gets how many. */
static store_rc not_notified(store *st, od_date day, worklist_cb cb, void *ctx,
                             int64_t *count)
{
	if (!date_valid(day))
		return store_fail(st, STORE_INVALID, "date is not a valid date");
	item_list l = { 0 };
	store_rc rc = store_visit_list(st, day, collect_visitor, &l);
	if (rc == STORE_OK && l.oom)
		rc = store_fail(st, STORE_ERROR, "out of memory");
	if (count)
		*count = 0;
	for (size_t i = 0; i < l.n && rc == STORE_OK; i++) {
		worklist_item *it = &l.v[i];
		rc = store_patient_status(st, it->pat.id, day, &it->state);
		if (rc != STORE_OK || !worklist_needs_notice(it->state.state))
			continue;
		if (count)
			++*count;
		if (cb && !cb(it, ctx))
			break;
	}
	free(l.v);
	return rc;
}

store_rc store_worklist_not_notified(store *st, od_date day, worklist_cb cb, void *ctx)
{
	return not_notified(st, day, cb, ctx, NULL);
}

/* ---- to notify again ------------------------------------------------------------ */

static int by_number(const void *a, const void *b)
{
	const worklist_item *x = a, *y = b;
	return strcmp(x->pat.number, y->pat.number);
}

/* Only patients with a notice that may stop counting for them are judged
 * (the header counts this list whenever the search screen comes back, so
 * the query keeps the candidates few): one under an earlier version than
 * the newest material one; one given to a guardian (core/rules.h value 1)
 * of someone born early enough to be 16 now; one given to a
 * representative (2) of someone marked able at some time. These are
 * only a sieve wider than the rule: worklist_renotice decides. Events of
 * merged-away records count for the patient they joined (h). */
static store_rc renotice(store *st, od_date asof, worklist_cb cb, void *ctx, int64_t *count)
{
	if (!date_valid(asof))
		return store_fail(st, STORE_INVALID, "date is not a valid date");
	if (count)
		*count = 0;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	int64_t material = 0;
	rc = store_notice_version_current_locked(st, NULL, &material);
	if (rc == STORE_NOT_FOUND)
		return store_tx_end(st, STORE_OK);   /* no notice given yet */
	if (rc != STORE_OK)
		return store_tx_end(st, rc);
	_Static_assert(REQ_GUARDIAN == 1 && REQ_REPRESENTATIVE == 2,
	               "the candidates' query names the kinds by value");
	sqlite3_stmt *s = store_stmt(st, SQL_WL_RENOTICE,
		"SELECT DISTINCT h.id FROM notices n"
		" JOIN patients p ON p.id = n.patient_id"
		" JOIN patients h ON h.id = coalesce(p.merged_into, p.id)"
		/* the notice's own columns first: most notices leave here,
		 * before any patient is read */
		" WHERE (n.version < ?1 OR n.recipient_kind IN (1, 2))"
		" AND n.id NOT IN (SELECT event_id FROM voids)"
		" AND (n.version < ?1"
		" OR (n.recipient_kind = 1 AND h.birth <= ?2)"
		" OR (n.recipient_kind = 2 AND EXISTS (SELECT 1 FROM capacity_events c"
		" WHERE c.unable = 0 AND c.patient_id IN"
		" (SELECT id FROM patients WHERE id = h.id OR merged_into = h.id))))"
		" ORDER BY 1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	/* Born on or before this day, one may be 16 on asof (a 29 February
	 * that does not exist becomes 1 March: wider, never narrower). */
	od_date cut = date_add_days((od_date){ asof.y - 16, asof.m, 1 }, asof.d - 1);
	sqlite3_bind_int64(s, 1, material);
	store_bind_date(s, 2, cut);
	store_id_list ids = { 0 };
	rc = store_id_rows(st, s, 1, &ids, "listing notices to judge again");
	item_list l = { 0 };
	for (size_t i = 0; i < ids.n && rc == STORE_OK; i++) {
		store_elig e;
		rc = store_elig_load_locked(st, ids.ids[i], &e);
		if (rc != STORE_OK)
			break;
		od_date since = { 0, 0, 0 };
		renotice_reason why = worklist_renotice(&e.in, asof, &since);
		elig_result state = eligibility_on(&e.in, asof);
		store_elig_free(&e);
		if (why == RENOTICE_NONE)
			continue;
		if (count)
			++*count;
		if (!cb)
			continue;   /* counting: no patient record needed */
		worklist_item *it = item_push(&l);
		if (!it) {
			rc = store_fail(st, STORE_ERROR, "out of memory");
			break;
		}
		it->reason = why;
		it->since = since;
		it->state = state;
		rc = store_patient_get_id(st, ids.ids[i], &it->pat);
	}
	free(ids.ids);
	/* The callback may use the store: it runs after the read. */
	rc = store_tx_end(st, rc);
	if (rc == STORE_OK && l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, by_number);
	for (size_t i = 0; i < l.n && rc == STORE_OK; i++)
		if (!cb(&l.v[i], ctx))
			break;
	free(l.v);
	return rc;
}

store_rc store_worklist_renotice(store *st, od_date asof, worklist_cb cb, void *ctx)
{
	return renotice(st, asof, cb, ctx, NULL);
}

store_rc store_worklist_counts(store *st, od_date day, int64_t counts[WL_COUNT])
{
	memset(counts, 0, WL_COUNT * sizeof *counts);
	store_rc rc = not_notified(st, day, NULL, NULL, &counts[WL_NOT_NOTIFIED]);
	if (rc == STORE_OK)
		rc = renotice(st, day, NULL, NULL, &counts[WL_RENOTICE]);
	if (rc == STORE_OK)
		rc = store_duplicate_count(st, &counts[WL_DUPLICATES]);
	if (rc == STORE_OK)
		rc = store_forward_pending_count(st, &counts[WL_FORWARDS]);
	return rc;
}

uint64_t store_generation(store *st)
{
	sqlite3_stmt *s = store_stmt(st, SQL_WL_VERSION, "PRAGMA data_version");
	uint64_t v = 0;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = (uint64_t)sqlite3_column_int64(s, 0);
	if (s)
		sqlite3_reset(s);
	return v << 40 ^ (uint64_t)sqlite3_total_changes64(st->db);
}
