/* Settings (key/value), the clinic's details, and certified operators. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

#define WAIT_MONTHS_DEFAULT 1
#define WAIT_MONTHS_MAX 24
#define RETENTION_YEARS_MIN 3     /* the regulation's floor (domain brief) */
#define RETENTION_YEARS_MAX 100

static store_rc setting_get_locked(store *st, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SETTING_GET,
		"SELECT value FROM settings WHERE key = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		store_col_text(s, 0, out, outsz);
		sqlite3_reset(s);
		return STORE_OK;
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, "no setting %s", key);
	return store_sqlite_fail(st, src, "reading a setting");
}

static store_rc setting_set_locked(store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_stmt(st, SQL_SETTING_SET,
		"INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	store_rc rc = store_step_done(st, s, "saving a setting");
	st->held.width_known = false;   /* it may be the number width */
	return rc == STORE_OK ? store_audit_key_locked(st, "settings", key, "change") : rc;
}

store_rc store_setting_get(store *st, const char *key, char *out, size_t outsz)
{
	if (!key || !out || !outsz)
		return store_fail(st, STORE_INVALID, "setting key or buffer missing");
	out[0] = '\0';
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, setting_get_locked(st, key, out, outsz));
}

store_rc store_setting_set(store *st, const char *key, const char *value)
{
	if (!key || !*key || !value)
		return store_fail(st, STORE_INVALID, "setting key or value missing");
	store_rc rc = store_check_text(st, key, value, TEXT_NOTE_MAX, STORE_NOTE_SIZE, false);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, setting_set_locked(st, key, value));
}

/* ---- clinic ---------------------------------------------------------------- */

typedef struct text_key {
	const char *key;
	size_t off, size;
	size_t max_chars;
	bool required;
} text_key;

#define TK(k, field, maxc, req) \
	{ k, offsetof(clinic_settings, field), sizeof(((clinic_settings *)0)->field), maxc, req }
static const text_key clinic_keys[] = {
	TK("clinic.name", name, TEXT_NAME_MAX * 2, true),
	TK("clinic.address", address, TEXT_FIELD_MAX, false),
	TK("clinic.phone", phone, 40, false),
	TK("clinic.email", email, TEXT_FIELD_MAX, false),
	TK("clinic.hours", hours, TEXT_FIELD_MAX, false),
	TK("clinic.notice_url", notice_url, STORE_URL_MAX - 1, false),
	TK("clinic.national_url", national_url, STORE_URL_MAX - 1, false),
};
#undef TK
#define NCLINIC (sizeof clinic_keys / sizeof clinic_keys[0])

static int int_setting(store *st, const char *key, int dflt)
{
	char buf[32];
	if (setting_get_locked(st, key, buf, sizeof buf) != STORE_OK)
		return dflt;
	char *end;
	long v = strtol(buf, &end, 10);
	return (end == buf || *end) ? dflt : (int)v;
}

int store_wait_months(store *st)
{
	int v = int_setting(st, "wait_months", WAIT_MONTHS_DEFAULT);
	return v < 1 || v > WAIT_MONTHS_MAX ? WAIT_MONTHS_DEFAULT : v;
}

store_rc store_clinic_get(store *st, clinic_settings *out)
{
	memset(out, 0, sizeof *out);
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < NCLINIC && rc == STORE_OK; i++) {
		char *dst = (char *)out + clinic_keys[i].off;
		rc = setting_get_locked(st, clinic_keys[i].key, dst, clinic_keys[i].size);
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	out->wait_months = store_wait_months(st);
	out->retention_years = int_setting(st, "retention_years", RETENTION_YEARS_MIN);
	if (out->retention_years < RETENTION_YEARS_MIN)
		out->retention_years = RETENTION_YEARS_MIN;
	return store_tx_end(st, rc);
}

store_rc store_clinic_set(store *st, const clinic_settings *in)
{
	store_rc rc;
	for (size_t i = 0; i < NCLINIC; i++) {
		const char *src = (const char *)in + clinic_keys[i].off;
		if (!memchr(src, '\0', clinic_keys[i].size))
			return store_fail(st, STORE_INVALID, "%s: not terminated", clinic_keys[i].key);
		rc = store_check_text(st, clinic_keys[i].key, src, clinic_keys[i].max_chars,
		                      clinic_keys[i].size, clinic_keys[i].required);
		if (rc != STORE_OK)
			return rc;
	}
	if (in->wait_months < 1 || in->wait_months > WAIT_MONTHS_MAX)
		return store_fail(st, STORE_INVALID, "wait_months %d is not 1..%d",
		                  in->wait_months, WAIT_MONTHS_MAX);
	if (in->retention_years < RETENTION_YEARS_MIN || in->retention_years > RETENTION_YEARS_MAX)
		return store_fail(st, STORE_INVALID, "retention_years %d is not %d..%d",
		                  in->retention_years, RETENTION_YEARS_MIN, RETENTION_YEARS_MAX);
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < NCLINIC && rc == STORE_OK; i++)
		rc = setting_set_locked(st, clinic_keys[i].key,
		                        (const char *)in + clinic_keys[i].off);
	char num[16];
	if (rc == STORE_OK) {
		snprintf(num, sizeof num, "%d", in->wait_months);
		rc = setting_set_locked(st, "wait_months", num);
	}
	if (rc == STORE_OK) {
		snprintf(num, sizeof num, "%d", in->retention_years);
		rc = setting_set_locked(st, "retention_years", num);
	}
	return store_tx_end(st, rc);
}

bool store_initialized(store *st)
{
	char name[256];
	return store_setting_get(st, "clinic.name", name, sizeof name) == STORE_OK && name[0];
}

/* ---- certified operators ---------------------------------------------------- */

store_rc store_operator_add(store *st, operator_rec *op)
{
	store_rc rc = store_check_text(st, "operator name", op->name, TEXT_FIELD_MAX,
	                               sizeof op->name, true);
	if (rc == STORE_OK)
		rc = store_check_text(st, "operator address", op->address, TEXT_FIELD_MAX,
		                      sizeof op->address, false);
	if (rc != STORE_OK)
		return rc;
	if (op->kind != 'a' && op->kind != 'p')
		return store_fail(st, STORE_INVALID, "operator kind must be 'a' or 'p'");
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_OPERATOR_ADD,
		"INSERT INTO operators(name, kind, address, active, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	char kind[2] = { op->kind, '\0' };
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_text(s, 1, op->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, op->address, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, op->active ? 1 : 0);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "adding an operator");
	if (rc == STORE_OK) {
		op->id = sqlite3_last_insert_rowid(st->db);
		rc = store_audit_row_locked(st, "operators", op->id, 0, "add", NULL);
	}
	return store_tx_end(st, rc);
}

store_rc store_operator_set_active(store *st, int64_t id, bool active)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_OPERATOR_ACTIVE,
		"UPDATE operators SET active = ?2 WHERE id = ?1");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, active ? 1 : 0);
	rc = store_step_done(st, s, "changing an operator");
	if (rc == STORE_OK && sqlite3_changes(st->db) == 0)
		rc = store_fail(st, STORE_NOT_FOUND, "no operator %lld", (long long)id);
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "operators", id, 0, "change", NULL);
	return store_tx_end(st, rc);
}

store_rc store_operator_list(store *st, operator_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_OPERATOR_LIST,
		"SELECT id, name, kind, address, active FROM operators ORDER BY id");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
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
		rc = store_sqlite_fail(st, src, "listing operators");
	return store_tx_end(st, rc);
}
