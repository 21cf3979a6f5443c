/* Patients: registration, lookup, search, and the contact / capacity /
 * death events that change what is known of them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

/* Everything a patient struct shows, with the derived parts read from the
 * newest events of the patient and the records merged into it, voided
 * entries left out. Each is a seek on an event index; "newest recorded" is
 * max(id), never ORDER BY id, which would sort (and allocate) per row. */
#define GROUP_OF_P \
	"patient_id IN (SELECT p.id UNION ALL SELECT id FROM patients WHERE merged_into = p.id)"
#define PATIENT_COLS \
	"SELECT p.id, p.number, p.name, p.kana, p.birth, p.sex, c.phone, c.address," \
	" (SELECT d.date FROM death_events d WHERE d.id =" \
	"   (SELECT max(id) FROM death_events WHERE " GROUP_OF_P \
	"    AND id NOT IN (SELECT event_id FROM voids)))," \
	" (SELECT k.unable FROM capacity_events k WHERE k." GROUP_OF_P \
	"   AND k.id NOT IN (SELECT event_id FROM voids)" \
	"   ORDER BY k.date DESC, k.id DESC LIMIT 1)," \
	" p.merged_into" \
	" FROM patients p LEFT JOIN contact_events c ON c.id =" \
	"   (SELECT max(id) FROM contact_events WHERE " GROUP_OF_P \
	"    AND id NOT IN (SELECT event_id FROM voids)) "

static void patient_from_row(sqlite3_stmt *s, patient *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, p->number, sizeof p->number);
	store_col_text(s, 2, p->name, sizeof p->name);
	store_col_text(s, 3, p->kana, sizeof p->kana);
	p->birth_known = store_date_from_text(sqlite3_column_text(s, 4), &p->birth);
	const unsigned char *sex = sqlite3_column_text(s, 5);
	p->sex = sex ? (char)sex[0] : 'u';
	store_col_text(s, 6, p->phone, sizeof p->phone);
	store_col_text(s, 7, p->address, sizeof p->address);
	p->died = store_date_from_text(sqlite3_column_text(s, 8), &p->death);
	p->unable = sqlite3_column_int(s, 9) != 0;
	p->merged_into = sqlite3_column_int64(s, 10);
}

int store_number_width(store *st)
{
	if (st->held.width_known)
		return st->held.width;
	char v[16] = "";
	store_rc rc = store_setting_get(st, "patient_number_width", v, sizeof v);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		return 0;
	int w = rc == STORE_OK ? atoi(v) : 0;
	w = w > 0 && w < STORE_NUMBER_SIZE ? w : 0;
	if (st->depth > 0 && st->reqid.in_write) {
		st->held.width_known = true;
		st->held.width = w;
	}
	return w;
}

bool store_number_normalize(store *st, const char *in, char *out, size_t outsz)
{
	return in && text_number_normalize(in, store_number_width(st), out, outsz);
}

const char *store_particular_problem(store_particular f, const char *value)
{
	static const struct { size_t chars, bytes; bool required; } limit[] = {
		[STORE_P_NAME] = { TEXT_NAME_MAX, STORE_NAME_SIZE, true },
		[STORE_P_KANA] = { TEXT_NAME_MAX, STORE_NAME_SIZE, true },
		[STORE_P_PHONE] = { 40, sizeof ((patient *)0)->phone, false },
		[STORE_P_ADDRESS] = { TEXT_FIELD_MAX, STORE_FIELD_SIZE, false },
		[STORE_P_DEPARTMENT] = { 60, STORE_DEPT_SIZE, false },
	};
	if (!value)
		value = "";
	text_err e = f == STORE_P_KANA ? text_check_kana(value, limit[f].chars, limit[f].required)
	             : text_check(value, limit[f].chars, limit[f].required);
	if (e == TEXT_OK && strlen(value) >= limit[f].bytes)
		e = TEXT_TOO_LONG;
	return e == TEXT_OK ? NULL : text_err_message(e);
}

/* store_fail for the first particular of p that cannot be stored. */
static store_rc check_particular(store *st, store_particular f, const char *field,
                                 const char *value)
{
	const char *why = store_particular_problem(f, value);
	return why ? store_fail(st, STORE_INVALID, "%s: %s", field, why) : STORE_OK;
}

store_rc store_contact_check(store *st, const char *phone, const char *address)
{
	store_rc rc = check_particular(st, STORE_P_PHONE, "phone", phone);
	return rc == STORE_OK ? check_particular(st, STORE_P_ADDRESS, "address", address) : rc;
}

store_rc store_patient_check_fields(store *st, patient *p, patient_keys *k)
{
	char norm[STORE_NUMBER_SIZE];
	if (!store_number_normalize(st, p->number, norm, sizeof norm) ||
	    !text_number_key(norm, k->number_key, sizeof k->number_key))
		return store_fail(st, STORE_INVALID,
			"patient number: 1 to %d letters, digits or hyphens", STORE_NUMBER_SIZE - 1);
	snprintf(p->number, sizeof p->number, "%s", norm);
	store_rc rc = check_particular(st, STORE_P_NAME, "name", p->name);
	if (rc == STORE_OK)
		rc = check_particular(st, STORE_P_KANA, "kana", p->kana);
	if (rc != STORE_OK)
		return rc;
	if (p->birth_known && !date_valid(p->birth))
		return store_fail(st, STORE_INVALID, "birth date is not a valid date");
	if (p->birth_known && date_cmp(p->birth, st->today) > 0)
		return store_fail(st, STORE_FUTURE, "birth date is after today");
	if (p->sex == '\0')
		p->sex = 'u';
	if (p->sex != 'm' && p->sex != 'f' && p->sex != 'u')
		return store_fail(st, STORE_INVALID, "sex must be m, f or u");
	if (!text_search_key(p->name, k->name_key, sizeof k->name_key) ||
	    !text_search_key(p->kana, k->kana_key, sizeof k->kana_key))
		return store_fail(st, STORE_INVALID, "name or kana cannot be made a search key");
	if (!text_given_name_key(p->name, k->given_name, sizeof k->given_name))
		k->given_name[0] = '\0';
	if (!text_given_name_key(p->kana, k->given_kana, sizeof k->given_kana))
		k->given_kana[0] = '\0';
	return STORE_OK;
}

store_rc store_patient_by_key_locked(store *st, const char *key, const char *number,
                                     patient *found)
{
	/* The choice is made here rather than by ORDER BY, which made SQLite
	 * open a temporary b-tree on every lookup, a million of them in a
	 * bulk import (issue 9); a key has one row, rarely two. */
	sqlite3_stmt *s = store_stmt(st, SQL_PATIENT_BY_KEY,
		"SELECT id, number = ?2, merged_into IS NOT NULL, name, kana, birth, sex"
		" FROM patients WHERE number_key = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, number, -1, SQLITE_STATIC);
	memset(found, 0, sizeof *found);
	int best = 4, src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		/* the exact spelling first, then a record not merged away */
		int rank = (sqlite3_column_int(s, 1) ? 0 : 2) + (sqlite3_column_int(s, 2) ? 1 : 0);
		int64_t id = sqlite3_column_int64(s, 0);
		if (rank > best || (rank == best && id > found->id))
			continue;
		best = rank;
		found->id = id;
		store_col_text(s, 3, found->name, sizeof found->name);
		store_col_text(s, 4, found->kana, sizeof found->kana);
		found->birth_known = store_date_from_text(sqlite3_column_text(s, 5), &found->birth);
		const unsigned char *sex = sqlite3_column_text(s, 6);
		found->sex = sex ? (char)sex[0] : 'u';
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? STORE_OK : store_sqlite_fail(st, src, "looking up a number");
}

store_rc store_id_by_key_locked(store *st, const char *key, const char *number, int64_t *id)
{
	patient found;
	store_rc rc = store_patient_by_key_locked(st, key, number, &found);
	*id = rc == STORE_OK ? found.id : 0;
	return rc;
}

store_rc store_add_change_locked(store *st, int64_t pid, const char *field, const char *old,
                           const char *new, const char *source, const char *staff)
{
	int64_t id = 0;
	store_rc rc = store_next_event_id(st, &id);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_CHANGE_ADD,
		"INSERT INTO patient_changes(id, patient_id, date, field, old, new, source,"
		" staff, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!s)
		return STORE_ERROR;
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, pid);
	store_bind_date(s, 3, st->today);
	sqlite3_bind_text(s, 4, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, old ? old : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, new ? new : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, staff ? staff : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "recording a change");
	return rc == STORE_OK ? store_audit_row_locked(st, "patient_changes", id, pid, "add", NULL)
	       : rc;
}

/* ---- registration ------------------------------------------------------------- */

static store_rc add_patient(store *st, patient *p, bool check_dups, bool record_dups,
                            const char *staff)
{
	patient_keys k;
	store_rc rc = store_patient_check_fields(st, p, &k);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	int64_t taken = 0;
	rc = store_id_by_key_locked(st, k.number_key, p->number, &taken);
	if (rc == STORE_OK && taken)
		rc = store_fail(st, STORE_EXISTS, "patient number %s is taken", p->number);
	store_id_list dups = { 0 };
	p->id = 0;
	if (rc == STORE_OK && (check_dups || record_dups))
		rc = store_similar_ids_locked(st, p, &k, &dups);
	if (rc == STORE_OK && check_dups && dups.n)
		rc = store_fail(st, STORE_DUPLICATE, "%zu possible duplicate(s)", dups.n);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_PATIENT_ADD,
		"INSERT INTO patients(number, name, kana, name_key, kana_key, birth, sex,"
		" created_at, number_key, given_name_key, given_kana_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char sex[2] = { p->sex, '\0' };
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_text(s, 1, p->number, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, p->kana, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, k.name_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, k.kana_key, -1, SQLITE_STATIC);
		if (p->birth_known)
			store_bind_date(s, 6, p->birth);
		sqlite3_bind_text(s, 7, sex, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, k.number_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, k.given_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, k.given_kana, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "adding a patient");
		if (rc == STORE_EXISTS)
			store_fail(st, rc, "patient number %s is taken", p->number);
	}
	if (rc == STORE_OK) {
		p->id = sqlite3_last_insert_rowid(st->db);
		rc = store_audit_row_locked(st, "patients", p->id, p->id, "add", NULL);
	}
	if (rc == STORE_OK) {
		if (p->phone[0] || p->address[0])
			rc = store_patient_set_contact(st, p->id, p->phone, p->address, staff);
	}
	if (rc == STORE_OK && record_dups && dups.n) {
		/* Staff said these are other people: keep who said so. */
		char list[512] = "";
		size_t used = 0;
		for (size_t i = 0; i < dups.n && rc == STORE_OK; i++) {
			patient o;
			rc = store_patient_get_id(st, dups.ids[i], &o);
			if (rc == STORE_OK && used + strlen(o.number) + 2 < sizeof list)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
				                         used ? " " : "", o.number);
		}
		if (rc == STORE_OK)
			rc = store_add_change_locked(st, p->id, "register", "", list, "not-duplicate", staff);
	}
	free(dups.ids);
	if (rc != STORE_OK)
		p->id = 0;
	else
		store_request_id_result_set(st, p->number);
	return store_tx_end(st, rc);
}

store_rc store_patient_add_checked(store *st, patient *p, bool not_duplicate,
                                   const char *staff)
{
	return add_patient(st, p, !not_duplicate, not_duplicate, staff ? staff : "");
}

store_rc store_patient_add(store *st, patient *p)
{
	return add_patient(st, p, false, false, "");
}

static store_rc get_one(store *st, sqlite3_stmt *s, patient *out, const char *what)
{
	int src = sqlite3_step(s);
	store_rc rc = STORE_OK;
	if (src == SQLITE_ROW)
		patient_from_row(s, out);
	else if (src == SQLITE_DONE)
		rc = store_fail(st, STORE_NOT_FOUND, "no patient %s", what);
	else
		rc = store_sqlite_fail(st, src, "reading a patient");
	sqlite3_reset(s);
	return rc;
}

store_rc store_patient_get(store *st, const char *number, patient *out)
{
	char norm[STORE_NUMBER_SIZE], key[STORE_NUMBER_SIZE];
	if (!number)
		return store_fail(st, STORE_INVALID, "no patient number");
	if (!store_number_normalize(st, number, norm, sizeof norm) ||
	    !text_number_key(norm, key, sizeof key))
		return store_fail(st, STORE_NOT_FOUND, "no patient %s", number);
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	int64_t id = 0;
	/* As typed first: "0001" finds the 0.1 record of that text. */
	rc = store_id_by_key_locked(st, key, number, &id);
	if (rc == STORE_OK && !id)
		rc = store_fail(st, STORE_NOT_FOUND, "no patient %s", norm);
	if (rc == STORE_OK)
		rc = store_patient_get_id(st, id, out);
	/* A merged-away number finds the patient it was merged into. */
	if (rc == STORE_OK && out->merged_into) {
		char as[STORE_NUMBER_SIZE];
		snprintf(as, sizeof as, "%s", out->number);
		rc = store_patient_get_id(st, store_resolve_locked(st, id), out);
		if (rc == STORE_OK)
			snprintf(out->looked_up_as, sizeof out->looked_up_as, "%s", as);
	}
	return store_tx_end(st, rc);
}

store_rc store_patient_get_id(store *st, int64_t id, patient *out)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_PATIENT_GET_ID, PATIENT_COLS "WHERE p.id = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, id);
	char what[32];
	snprintf(what, sizeof what, "#%lld", (long long)id);
	return store_tx_end(st, get_one(st, s, out, what));
}

/* ---- search -------------------------------------------------------------- */

/* Each part is an index range (never LIKE with a leading wildcard): the
 * prefix p matches keys in [p, p || U+10FFFF), which the planner turns into
 * a seek on the index. Each part returns its first ?2 rows in its index's
 * order; the union is then sorted by kana key and number. */
static const char *const find_sql[] = {
	"SELECT id, kana_key, number FROM patients"
	" WHERE number_key >= ?1 AND number_key < ?1 || char(1114111)"
	" ORDER BY number_key LIMIT ?2",
	"SELECT id, kana_key, number FROM patients"
	" WHERE kana_key >= ?1 AND kana_key < ?1 || char(1114111)"
	" ORDER BY kana_key, number LIMIT ?2",
	"SELECT id, kana_key, number FROM patients"
	" WHERE name_key >= ?1 AND name_key < ?1 || char(1114111)"
	" ORDER BY name_key, number LIMIT ?2",
	"SELECT id, kana_key, number FROM patients"
	" WHERE birth = ?1 ORDER BY kana_key, number LIMIT ?2",
	/* The given name alone (ハナコ, 花子): partial indexes on the part
	 * after the space. */
	"SELECT id, kana_key, number FROM patients"
	" WHERE given_kana_key >= ?1 AND given_kana_key < ?1 || char(1114111)"
	" AND given_kana_key <> '' ORDER BY given_kana_key, number LIMIT ?2",
	"SELECT id, kana_key, number FROM patients"
	" WHERE given_name_key >= ?1 AND given_name_key < ?1 || char(1114111)"
	" AND given_name_key <> '' ORDER BY given_name_key, number LIMIT ?2",
};
#define FIND_PARTS 6

const char *store_find_sql(int part)
{
	return part >= 0 && part < FIND_PARTS ? find_sql[part] : NULL;
}

typedef struct hit {
	int64_t id;
	char kana_key[TEXT_KEY_SIZE];
	char number[STORE_NUMBER_SIZE];
} hit;

static int hit_cmp(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	int c = strcmp(x->kana_key, y->kana_key);
	return c ? c : strcmp(x->number, y->number);
}

static store_rc find_part(store *st, int part, const char *arg, int limit,
                          hit *hits, size_t *nhits)
{
	static const enum store_slot slot[FIND_PARTS] = {
		SQL_FIND_NUMBER, SQL_FIND_KANA, SQL_FIND_NAME, SQL_FIND_BIRTH,
		SQL_FIND_GIVEN_KANA, SQL_FIND_GIVEN_NAME,
	};
	sqlite3_stmt *s = store_stmt(st, slot[part], find_sql[part]);
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit);
	size_t from = *nhits;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		hit *h = &hits[(*nhits)++];
		h->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, h->kana_key, sizeof h->kana_key);
		store_col_text(s, 2, h->number, sizeof h->number);
	}
	sqlite3_reset(s);
	if (src != SQLITE_DONE)
		return store_sqlite_fail(st, src, "searching");
	/* A merged-away record shows as the patient it became; each patient
	 * once. */
	size_t out = from;
	for (size_t i = from; i < *nhits; i++) {
		hit h = hits[i];
		int64_t id = store_resolve_locked(st, h.id);
		if (id != h.id) {
			patient into;
			store_rc rc = store_patient_get_id(st, id, &into);
			if (rc != STORE_OK)
				return rc;
			h.id = id;
			if (!text_search_key(into.kana, h.kana_key, sizeof h.kana_key))
				h.kana_key[0] = '\0';
			snprintf(h.number, sizeof h.number, "%s", into.number);
		}
		bool dup = false;
		for (size_t j = 0; j < out && !dup; j++)
			dup = hits[j].id == h.id;
		if (!dup)
			hits[out++] = h;
	}
	*nhits = out;
	return STORE_OK;
}

store_rc store_patient_find(store *st, const patient_query *q, int limit,
                            patient_cb cb, void *ctx)
{
	if (limit <= 0)
		return STORE_OK;
	if (limit > 1000)   /* a screen shows far fewer */
		limit = 1000;
	hit *hits = calloc((size_t)limit * FIND_PARTS, sizeof *hits);
	if (!hits)
		return store_fail(st, STORE_ERROR, "out of memory");
	size_t n = 0;
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK) {
		free(hits);
		return rc;
	}
	if (rc == STORE_OK && q->by_number && q->number[0])
		rc = find_part(st, 0, q->number, limit, hits, &n);
	if (rc == STORE_OK && q->by_key && q->key[0]) {
		rc = find_part(st, 1, q->key, limit, hits, &n);
		if (rc == STORE_OK)
			rc = find_part(st, 2, q->key, limit, hits, &n);
		if (rc == STORE_OK)
			rc = find_part(st, 4, q->key, limit, hits, &n);
		if (rc == STORE_OK)
			rc = find_part(st, 5, q->key, limit, hits, &n);
	}
	if (rc == STORE_OK && q->by_birth && date_valid(q->birth)) {
		char iso[DATE_ISO_SIZE];
		date_format_iso(q->birth, iso);
		rc = find_part(st, 3, iso, limit, hits, &n);
	}
	qsort(hits, n, sizeof *hits, hit_cmp);
	if (n > (size_t)limit)
		n = (size_t)limit;
	/* Read every row before calling back, so the callback may use the store. */
	patient *rows = rc == STORE_OK && n ? calloc(n, sizeof *rows) : NULL;
	if (n && !rows && rc == STORE_OK)
		rc = store_fail(st, STORE_ERROR, "out of memory");
	for (size_t i = 0; i < n && rc == STORE_OK; i++)
		rc = store_patient_get_id(st, hits[i].id, &rows[i]);
	rc = store_tx_end(st, rc);
	for (size_t i = 0; i < n && rc == STORE_OK; i++)
		if (!cb(&rows[i], ctx))
			break;
	free(rows);
	free(hits);
	return rc;
}

/* ---- events ---------------------------------------------------------------- */

store_rc store_patient_exists_locked(store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PATIENT_EXISTS, "SELECT 1 FROM patients WHERE id = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	int src = sqlite3_step(s);
	sqlite3_reset(s);
	if (src == SQLITE_ROW)
		return STORE_OK;
	if (src == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, "no patient #%lld", (long long)id);
	return store_sqlite_fail(st, src, "looking up a patient");
}

/* How a dated event changes the facts the rules read: fills `after`
 * (a copy of e's input with the event applied; *buf owned by the caller). */
typedef bool (*apply_fn)(const store_elig *e, const void *arg, od_date date,
                         elig_input *after, capacity_event **buf);

/* Inserts one event row: binds id, patient, date, staff, recorded_at as
 * ?1..?5; `bind_rest` binds the kind's own columns from ?6. With `apply`,
 * the date rules of every dated event are checked first. */
static store_rc add_event(store *st, enum store_slot slot, const char *table,
                          const char *sql, int64_t pid,
                          od_date date, const char *staff,
                          void (*bind_rest)(sqlite3_stmt *, const void *), const void *arg,
                          apply_fn apply, bool confirmed)
{
	if (!date_valid(date))
		return store_fail(st, STORE_INVALID, "not a valid date");
	store_rc rc = store_check_text(st, "staff", staff ? staff : "", TEXT_NAME_MAX,
	                               STORE_STAFF_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	int64_t id = 0;
	rc = store_patient_exists_locked(st, pid);
	if (rc == STORE_OK && apply) {
		store_elig e;
		rc = store_elig_load_locked(st, pid, &e);
		if (rc == STORE_OK) {
			elig_input after;
			capacity_event *buf = NULL;
			if (!apply(&e, arg, date, &after, &buf))
				rc = store_fail(st, STORE_ERROR, "out of memory");
			else
				rc = store_check_dated(st, date, &e.in, &after, confirmed);
			free(buf);
			store_elig_free(&e);
		}
	}
	if (rc == STORE_OK)
		rc = store_next_event_id(st, &id);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, slot, sql) : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		char now[STORE_STAMP_SIZE];
		store_now_stamp(now);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, pid);
		store_bind_date(s, 3, date);
		sqlite3_bind_text(s, 4, staff ? staff : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
		if (bind_rest)
			bind_rest(s, arg);
		rc = store_step_done(st, s, "recording an event");
	}
	if (rc == STORE_OK) {
		char res[32];
		snprintf(res, sizeof res, "#%lld", (long long)id);
		store_request_id_result_set(st, res);
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, table, id, pid, "add", NULL);
	return store_tx_end(st, rc);
}

typedef struct contact_args { const char *phone, *address; } contact_args;
static void bind_contact(sqlite3_stmt *s, const void *arg)
{
	const contact_args *a = arg;
	sqlite3_bind_text(s, 6, a->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, a->address, -1, SQLITE_STATIC);
}

store_rc store_patient_set_contact(store *st, int64_t id, const char *phone,
                                   const char *address, const char *staff)
{
	contact_args a = { phone ? phone : "", address ? address : "" };
	store_rc rc = store_contact_check(st, a.phone, a.address);
	if (rc != STORE_OK)
		return rc;
	return add_event(st, SQL_CONTACT_ADD, "contact_events",
		"INSERT INTO contact_events(id, patient_id, date, staff, recorded_at, phone, address)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", id, st->today, staff, bind_contact, &a,
		NULL, false);
}

typedef struct capacity_args { bool unable; const char *reason; } capacity_args;
static void bind_capacity(sqlite3_stmt *s, const void *arg)
{
	const capacity_args *a = arg;
	sqlite3_bind_int(s, 6, a->unable ? 1 : 0);
	sqlite3_bind_text(s, 7, a->reason, -1, SQLITE_STATIC);
}

/* The capacity events with one more (the newest recorded goes after
 * every event of its date). */
static bool apply_capacity(const store_elig *e, const void *arg, od_date date,
                           elig_input *after, capacity_event **buf)
{
	const capacity_args *a = arg;
	size_t n = e->in.facts.ncapacity, i = 0;
	*after = e->in;
	*buf = malloc((n + 1) * sizeof **buf);
	if (!*buf)
		return false;
	while (i < n && date_cmp(e->in.facts.capacity[i].date, date) <= 0)
		i++;
	if (i)
		memcpy(*buf, e->in.facts.capacity, i * sizeof **buf);
	(*buf)[i] = (capacity_event){ date, a->unable };
	if (n > i)
		memcpy(*buf + i + 1, e->in.facts.capacity + i, (n - i) * sizeof **buf);
	after->facts.capacity = *buf;
	after->facts.ncapacity = n + 1;
	return true;
}

store_rc store_patient_set_capacity(store *st, int64_t id, bool unable,
                                    od_date date, const char *reason,
                                    const char *staff, bool confirm_backdated)
{
	capacity_args a = { unable, reason ? reason : "" };
	store_rc rc = store_check_text(st, "reason", a.reason, TEXT_NOTE_MAX, STORE_NOTE_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	return add_event(st, SQL_CAPACITY_ADD, "capacity_events",
		"INSERT INTO capacity_events(id, patient_id, date, staff, recorded_at, unable, reason)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", id, date, staff, bind_capacity, &a,
		apply_capacity, confirm_backdated);
}

/* The newest recorded death event is the one that counts. */
static bool apply_death(const store_elig *e, const void *arg, od_date date,
                        elig_input *after, capacity_event **buf)
{
	(void)arg;
	*buf = NULL;
	*after = e->in;
	after->facts.died = true;
	after->facts.death = date;
	return true;
}

store_rc store_patient_set_death(store *st, int64_t id, od_date date,
                                 const char *staff, bool confirm_backdated)
{
	return add_event(st, SQL_DEATH_ADD, "death_events",
		"INSERT INTO death_events(id, patient_id, date, staff, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)", id, date, staff, NULL, NULL,
		apply_death, confirm_backdated);
}
