/* Staff accounts (issue 11): logins, display names, roles, passwords
 * hashed with Argon2id (libsodium crypto_pwhash_str, the INTERACTIVE
 * limits), sign-in with a lockout that grows after STORE_SIGNIN_TRIES
 * wrong passwords in a row. Every change and every sign-in attempt goes
 * into the audit log. The slow hashing runs outside any transaction, so a
 * sign-in never holds the other desks' write lock. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/internal.h"

#define STAFF_COLS "id, login, name, role, active, failures, locked_until, created_at"

bool store_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;
	if (n < 1 || n >= STORE_LOGIN_SIZE)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

static void staff_from_row(sqlite3_stmt *s, staff_rec *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->login, sizeof out->login);
	store_col_text(s, 2, out->name, sizeof out->name);
	const unsigned char *role = sqlite3_column_text(s, 3);
	if (!role || !role_parse((const char *)role, &out->role))
		out->role = ROLE_NONE;    /* fails closed */
	out->active = sqlite3_column_int(s, 4) != 0;
	out->failures = sqlite3_column_int(s, 5);
	out->locked_until = sqlite3_column_int64(s, 6);
	store_col_text(s, 7, out->created_at, sizeof out->created_at);
}

bool store_staff_any(store *st)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return true;   /* cannot tell: ask for a sign-in (fails closed) */
	sqlite3_stmt *s = store_stmt(st, SQL_STAFF_ANY, "SELECT EXISTS (SELECT 1 FROM staff)");
	bool any = true;
	if (s) {
		if (sqlite3_step(s) == SQLITE_ROW)
			any = sqlite3_column_int(s, 0) != 0;
		sqlite3_reset(s);
	}
	store_tx_end(st, STORE_OK);
	return any;
}

static store_rc hash_password(store *st, const char *password, char out[crypto_pwhash_STRBYTES])
{
	size_t n = password ? strlen(password) : 0;
	if (n < STORE_PASSWORD_MIN || n > STORE_PASSWORD_MAX)
		return store_fail(st, STORE_INVALID, "password: %d to %d characters",
		                  STORE_PASSWORD_MIN, STORE_PASSWORD_MAX);
	if (sodium_init() < 0)
		return store_fail(st, STORE_ERROR, "libsodium could not start");
	if (crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return store_fail(st, STORE_ERROR, "out of memory hashing a password");
	return STORE_OK;
}

static store_rc get_locked(store *st, const char *login, staff_rec *out, char *pwhash,
                           size_t pwsz)
{
	sqlite3_stmt *s = store_stmt(st, SQL_STAFF_GET,
		"SELECT " STAFF_COLS ", pwhash FROM staff WHERE login = ?1");
	if (!s)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	int src = sqlite3_step(s);
	if (src == SQLITE_ROW) {
		staff_from_row(s, out);
		if (pwhash)
			store_col_text(s, 8, pwhash, pwsz);
	}
	sqlite3_reset(s);
	if (src == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, "no staff %s", login);
	return src == SQLITE_ROW ? STORE_OK : store_sqlite_fail(st, src, "reading staff");
}

store_rc store_staff_get(store *st, const char *login, staff_rec *out)
{
	if (!store_login_valid(login))
		return store_fail(st, STORE_NOT_FOUND, "not a login");
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	return store_tx_end(st, get_locked(st, login, out, NULL, 0));
}

store_rc store_staff_add(store *st, const staff_rec *in, const char *password)
{
	if (!store_login_valid(in->login))
		return store_fail(st, STORE_INVALID, "login: 1 to 32 of a-z 0-9 . _ -");
	store_rc rc = store_check_text(st, "name", in->name, TEXT_NAME_MAX, STORE_STAFF_SIZE, true);
	if (rc != STORE_OK)
		return rc;
	if (!*role_word(in->role))
		return store_fail(st, STORE_INVALID, "role: clerk, admin or pipeline");
	char pw[crypto_pwhash_STRBYTES];
	rc = hash_password(st, password, pw);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_STAFF_ADD,
		"INSERT INTO staff(login, name, role, pwhash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	char now[STORE_STAMP_SIZE];
	store_now_stamp(now);
	sqlite3_bind_text(s, 1, in->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role_word(in->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, pw, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, "adding staff");
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "staff", sqlite3_last_insert_rowid(st->db), 0,
		                            "add", NULL);
	sodium_memzero(pw, sizeof pw);
	return store_tx_end(st, rc);
}

store_rc store_staff_passwd(store *st, const char *login, const char *password)
{
	char pw[crypto_pwhash_STRBYTES];
	store_rc rc = hash_password(st, password, pw);
	if (rc != STORE_OK)
		return rc;
	rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	staff_rec cur;
	rc = get_locked(st, login, &cur, NULL, 0);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_STAFF_PW,
		"UPDATE staff SET pwhash = ?2, failures = 0, locked_until = 0 WHERE id = ?1") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		sqlite3_bind_int64(s, 1, cur.id);
		sqlite3_bind_text(s, 2, pw, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "changing a password");
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "staff", cur.id, 0, "change", "password");
	sodium_memzero(pw, sizeof pw);
	return store_tx_end(st, rc);
}

store_rc store_staff_disable(store *st, const char *login)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	staff_rec cur;
	rc = get_locked(st, login, &cur, NULL, 0);
	sqlite3_stmt *s = rc == STORE_OK ? store_stmt(st, SQL_STAFF_DISABLE,
		"UPDATE staff SET active = 0 WHERE id = ?1") : NULL;
	if (rc == STORE_OK && !s)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		sqlite3_bind_int64(s, 1, cur.id);
		rc = store_step_done(st, s, "disabling staff");
	}
	if (rc == STORE_OK)
		rc = store_audit_row_locked(st, "staff", cur.id, 0, "change", "disabled");
	return store_tx_end(st, rc);
}

store_rc store_staff_list(store *st, staff_cb cb, void *ctx)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *s = store_stmt(st, SQL_STAFF_LIST,
		"SELECT " STAFF_COLS " FROM staff ORDER BY login");
	if (!s)
		return store_tx_end(st, STORE_ERROR);
	int src;
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		staff_rec r;
		staff_from_row(s, &r);
		if (!cb(&r, ctx))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_sqlite_fail(st, src, "listing staff");
	return store_tx_end(st, rc);
}

/* The wait after `failures` wrong passwords in a row: none before the
 * limit, then doubling from STORE_LOCK_FIRST_SECONDS. */
static long lock_seconds(int failures)
{
	if (failures < STORE_SIGNIN_TRIES)
		return 0;
	long wait = STORE_LOCK_FIRST_SECONDS;
	for (int i = STORE_SIGNIN_TRIES; i < failures && wait < STORE_LOCK_MAX_SECONDS; i++)
		wait *= 2;
	return wait < STORE_LOCK_MAX_SECONDS ? wait : STORE_LOCK_MAX_SECONDS;
}

/* Verifies the password against a hash no password matches, made with the
 * same Argon2id parameters as every stored one: a sign-in with a login
 * that does not exist (or is disabled or locked) then costs what a wrong
 * password costs, so how long the answer takes does not tell whether a
 * login exists. The hash is written out rather than made at start, which
 * would cost one more hashing in every process. */
static void verify_dummy(const char *password)
{
	char dummy[crypto_pwhash_STRBYTES];
	snprintf(dummy, sizeof dummy, "$argon2id$v=19$m=%llu,t=%llu,p=1$%s$%s",
	         (unsigned long long)(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024),
	         (unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE,
	         "b3B0b3V0LWRlc2stZHVtbXk", "ZHVtbXkgaGFzaDogbm8gcGFzc3dvcmQgbWF0Y2hlcyBpdA");
	const char *pw = password ? password : "";
	int never = crypto_pwhash_str_verify(dummy, pw, strlen(pw));
	(void)never;   /* -1: no password hashes to those bytes */
}

/* Records the outcome of an attempt (its own write transaction). */
static store_rc record_attempt(store *st, const staff_rec *who, bool ok, const char *detail)
{
	store_rc rc = store_tx_begin(st, true);
	if (rc != STORE_OK)
		return rc;
	if (who && who->id) {
		sqlite3_stmt *s = ok
			? store_stmt(st, SQL_STAFF_OK,
			             "UPDATE staff SET failures = 0, locked_until = 0 WHERE id = ?1")
			: store_stmt(st, SQL_STAFF_FAIL,
			             "UPDATE staff SET failures = failures + 1,"
			             " locked_until = CASE WHEN failures + 1 >= ?2"
			             " THEN ?3 + min(?4 * (1 << min(failures + 1 - ?2, 12)), ?5)"
			             " ELSE 0 END"
			             " WHERE id = ?1");
		if (!s)
			return store_tx_end(st, STORE_ERROR);
		sqlite3_bind_int64(s, 1, who->id);
		if (!ok) {
			sqlite3_bind_int(s, 2, STORE_SIGNIN_TRIES);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)time(NULL));
			sqlite3_bind_int64(s, 4, STORE_LOCK_FIRST_SECONDS);
			sqlite3_bind_int64(s, 5, STORE_LOCK_MAX_SECONDS);
		}
		rc = store_step_done(st, s, "recording a sign-in");
	}
	/* The attempt is logged under the login tried, whoever runs the
	 * program. */
	char actor[STORE_STAFF_SIZE];
	snprintf(actor, sizeof actor, "%s", st->actor);
	if (who)
		snprintf(st->actor, sizeof st->actor, "%s", who->login);
	if (rc == STORE_OK)
		rc = store_audit_entry_locked(st, ok ? "signin" : "signin-failed", 0, detail);
	snprintf(st->actor, sizeof st->actor, "%s", actor);
	return store_tx_end(st, rc);
}

store_rc store_staff_signin(store *st, const char *login, const char *password,
                            staff_rec *out, long *wait_seconds)
{
	if (wait_seconds)
		*wait_seconds = 0;
	if (sodium_init() < 0)
		return store_fail(st, STORE_ERROR, "libsodium could not start");
	staff_rec who;
	char pwhash[crypto_pwhash_STRBYTES + 1] = "";
	store_rc rc = STORE_NOT_FOUND;
	if (store_login_valid(login)) {
		rc = store_tx_begin(st, false);
		if (rc != STORE_OK)
			return rc;
		rc = store_tx_end(st, get_locked(st, login, &who, pwhash, sizeof pwhash));
	}
	if (rc == STORE_NOT_FOUND) {
		verify_dummy(password);
		staff_rec nobody = { 0 };
		char shown[STORE_LOGIN_SIZE];
		snprintf(shown, sizeof shown, "%s", store_login_valid(login) ? login : "?");
		snprintf(nobody.login, sizeof nobody.login, "%s", shown);
		rc = record_attempt(st, &nobody, false, "no such login");
		return rc == STORE_OK ? store_fail(st, STORE_DENIED, "no such login") : rc;
	}
	if (rc != STORE_OK)
		return rc;
	if (!who.active) {
		verify_dummy(password);
		rc = record_attempt(st, &who, false, "disabled");
		return rc == STORE_OK ? store_fail(st, STORE_DENIED, "login disabled") : rc;
	}
	long long now = (long long)time(NULL);
	if (who.failures >= STORE_SIGNIN_TRIES && who.locked_until > now) {
		if (wait_seconds)
			*wait_seconds = (long)(who.locked_until - now);
		/* Not counted as another wrong password: a locked account
		 * is not pushed further away by someone trying it. */
		verify_dummy(password);
		staff_rec logged = who;
		logged.id = 0;
		rc = record_attempt(st, &logged, false, "locked");
		return rc == STORE_OK ? store_fail(st, STORE_LOCKED, "locked") : rc;
	}
	bool ok = password && crypto_pwhash_str_verify(pwhash, password, strlen(password)) == 0;
	sodium_memzero(pwhash, sizeof pwhash);
	rc = record_attempt(st, &who, ok, ok ? "" : "wrong password");
	if (rc != STORE_OK)
		return rc;
	if (!ok) {
		if (wait_seconds)
			*wait_seconds = lock_seconds(who.failures + 1);
		return store_fail(st, who.failures + 1 >= STORE_SIGNIN_TRIES ? STORE_LOCKED
		                  : STORE_DENIED, "wrong password");
	}
	who.failures = 0;
	who.locked_until = 0;
	*out = who;
	return STORE_OK;
}
