/* Bulk import of patients (issue 9): one upsert per row inside the
 * caller's batch, with prepared statements reused and no savepoint per
 * row, so a million-row master loads in about the time sqlite3's own
 * .import takes. The rules are those of registration and of
 * store_patient_update: changes keep their old value and source. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include "store/internal.h"

static store_rc insert_patient(store *st, patient *p, const patient_keys *k, const char *now)
{
	sqlite3_stmt *s = store_stmt(st, SQL_IMPORT_ADD,
		"INSERT INTO patients(number, name, kana, name_key, kana_key, birth, sex,"
		" created_at, number_key, given_name_key, given_kana_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	if (!s)
		return STORE_ERROR;
	char sex[2] = { p->sex, '\0' };
	sqlite3_bind_text(s, 1, p->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->kana, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, k->name_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, k->kana_key, -1, SQLITE_STATIC);
	if (p->birth_known)
		store_bind_date(s, 6, p->birth);
	sqlite3_bind_text(s, 7, sex, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, k->number_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, k->given_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, k->given_kana, -1, SQLITE_STATIC);
	store_rc rc = store_step_done(st, s, "importing a patient");
	if (rc == STORE_OK) {
		p->id = sqlite3_last_insert_rowid(st->db);
		/* Every change is in the audit chain (issue 11), imports too. */
		rc = store_audit_row_locked(st, "patients", p->id, p->id, "add", NULL);
	}
	return rc;
}

/* Appends a contact event when the file's phone/address differ from the
 * latest ones (a new patient has none). */
static store_rc import_contact(store *st, const patient *p, bool is_new, const char *staff,
                               const char *now, bool *added)
{
	*added = false;
	if (is_new && !p->phone[0] && !p->address[0])
		return STORE_OK;
	if (!is_new) {
		sqlite3_stmt *g = store_stmt(st, SQL_IMPORT_CONTACT_GET,
			"SELECT phone, address FROM contact_events WHERE id ="
			" (SELECT max(id) FROM contact_events WHERE patient_id = ?1"
			"  AND id NOT IN (SELECT event_id FROM voids))");
		if (!g)
			return STORE_ERROR;
		sqlite3_bind_int64(g, 1, p->id);
		char phone[sizeof p->phone] = "", address[STORE_FIELD_SIZE] = "";
		int src = sqlite3_step(g);
		if (src == SQLITE_ROW) {
			store_col_text(g, 0, phone, sizeof phone);
			store_col_text(g, 1, address, sizeof address);
		}
		sqlite3_reset(g);
		if (src != SQLITE_ROW && src != SQLITE_DONE)
			return store_sqlite_fail(st, src, "reading contact details");
		if (strcmp(phone, p->phone) == 0 && strcmp(address, p->address) == 0)
			return STORE_OK;
	}
	int64_t id = 0;
	store_rc rc = store_next_event_id(st, &id);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_IMPORT_CONTACT_ADD,
		"INSERT INTO contact_events(id, patient_id, date, staff, recorded_at, phone, address)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, p->id);
	store_bind_date(s, 3, st->today);
	sqlite3_bind_text(s, 4, staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, p->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, p->address, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "importing contact details");
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "contact_events", id, p->id, "add", NULL);
	*added = rc == STORE_OK;
	return rc;
}

/* Notes the possible duplicates of p (issue 5's rule, as
 * store_similar_ids_locked) in r without refusing. The rows of the birth
 * date are read from the index alone (birth, kana and name keys: see
 * migration_birth_keys); the table only for a match, to leave out records
 * merged away. At most SIMILAR_MAX are named: a cluster of one kana and
 * birth date in a big master must not make the import quadratic. */
#define SIMILAR_MAX 8
static store_rc note_similar(store *st, const patient *p, const patient_keys *k,
                             store_import_row *r)
{
	if (!p->birth_known)
		return STORE_OK;
	sqlite3_stmt *s = store_stmt(st, SQL_IMPORT_SIMILAR,
		"SELECT number, (SELECT merged_into FROM patients m WHERE m.id = p.id)"
		" FROM patients p INDEXED BY patients_birth"
		" WHERE birth = ?1 AND (kana_key = ?2 OR name_key = ?3) AND id <> ?4");
	if (!s)
		return STORE_ERROR;
	store_bind_date(s, 1, p->birth);
	sqlite3_bind_text(s, 2, k->kana_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, k->name_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, p->id);
	size_t used = 0;
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			continue;   /* merged into another record */
		const char *no = (const char *)sqlite3_column_text(s, 0);
		if (++r->similar > SIMILAR_MAX) {
			if (used + 5 < sizeof r->similar_numbers)
				used += (size_t)snprintf(r->similar_numbers + used,
				                         sizeof r->similar_numbers - used, " …");
			break;
		}
		if (no && used + strlen(no) + 2 < sizeof r->similar_numbers)
			used += (size_t)snprintf(r->similar_numbers + used,
			                         sizeof r->similar_numbers - used, "%s%s",
			                         used ? " " : "", no);
	}
	sqlite3_reset(s);
	return src == SQLITE_ROW || src == SQLITE_DONE ? STORE_OK
	       : store_sqlite_fail(st, src, "looking for duplicates");
}

store_rc store_patient_import(store *st, store_import_row *r)
{
	patient *p = &r->p;
	patient_keys k;
	r->similar = 0;
	r->similar_numbers[0] = '\0';
	r->outcome = STORE_IMPORT_UNCHANGED;
	if (p->sex == '\0')
		p->sex = 'u';
	store_rc rc = store_patient_check_fields(st, p, &k);
	if (rc == STORE_OK && r->has_contact)
		rc = store_contact_check(st, p->phone, p->address);
	if (rc != STORE_OK)
		return rc;
	const char *staff = r->staff ? r->staff : "";
	patient e;
	rc = store_patient_by_key_locked(st, k.number_key, p->number, &e);
	if (rc != STORE_OK)
		return rc;
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	if (!e.id) {
		p->id = 0;
		rc = note_similar(st, p, &k, r);
		if (rc == STORE_OK)
			rc = insert_patient(st, p, &k, now);
		if (rc == STORE_OK && r->has_contact)
			rc = import_contact(st, p, true, staff, now, &(bool){ false });
		if (rc == STORE_OK)
			r->outcome = STORE_IMPORT_ADDED;
		return rc;
	}
	p->id = e.id;
	if (!r->has_sex)
		p->sex = e.sex;   /* a file that does not say is no change */
	bool birth_same = e.birth_known == p->birth_known &&
		(!p->birth_known || date_cmp(e.birth, p->birth) == 0);
	if (strcmp(e.name, p->name) != 0 || strcmp(e.kana, p->kana) != 0 || !birth_same ||
	    e.sex != p->sex) {
		/* Rare: the desk's own update, which keeps each old value. */
		patient_edit ed = {
			.name = p->name, .kana = p->kana, .set_birth = true,
			.birth_known = p->birth_known, .birth = p->birth, .sex = p->sex,
			.source = r->source, .staff = staff, .not_duplicate = true,
			.confirm_backdated = r->confirm_backdated,
		};
		rc = store_patient_update(st, e.id, &ed);
		if (rc != STORE_OK)
			return rc;
		r->outcome = STORE_IMPORT_UPDATED;
		rc = note_similar(st, p, &k, r);
	}
	if (rc == STORE_OK && r->has_contact) {
		bool added = false;
		rc = import_contact(st, p, false, staff, now, &added);
		if (added)
			r->outcome = STORE_IMPORT_UPDATED;
	}
	return rc;
}

/* ---- the import in progress ---------------------------------------------------- */

/* "<database>-importing" holds the pid of the desk importing: a bulk import
 * holds the write lock for as long as the file takes, and a desk that
 * wants to save meanwhile waits for it (see busy_wait in db.c) instead of
 * giving up after the usual timeout. */
static bool marker_path(store *st, char *out, size_t outsz)
{
	const char *db = sqlite3_db_filename(st->db, "main");
	return db && *db && (size_t)snprintf(out, outsz, "%s-importing", db) < outsz;
}

void store_import_mark(store *st, bool on)
{
	char path[STORE_PATH_MAX + 16];
	if (!marker_path(st, path, sizeof path))
		return;
	if (!on) {
		unlink(path);
		return;
	}
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
}

bool store_import_running(store *st)
{
	char path[STORE_PATH_MAX + 16];
	if (!marker_path(st, path, sizeof path))
		return false;
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	long pid = 0;
	bool alive = fscanf(f, "%ld", &pid) == 1 && pid > 0 && pid != (long)getpid() &&
	             kill((pid_t)pid, 0) == 0;
	fclose(f);
	return alive;
}
