/* Opening the database, migrations, the statement cache, transactions with
 * retries, and error reporting. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "store/internal.h"
#include "store/schema.h"

/* How long one statement waits for another desk's lock, and how many times
 * a BEGIN IMMEDIATE or COMMIT that still found the lock taken is retried
 * before STORE_BUSY reaches the user. */
#define BUSY_TIMEOUT_MS 2500
#define BUSY_RETRIES 4

/* store_open can fail before there is a handle to keep the detail in. */
static _Thread_local char open_err[512];

const char *store_rc_message(store_rc rc)
{
	switch (rc) {
	case STORE_OK:
		return N_("Done.");
	case STORE_NOT_FOUND:
		return N_("No such record was found.");
	case STORE_EXISTS:
		return N_("That patient number is already registered.");
	case STORE_BUSY:
		return N_("Another desk is using the database. Please try again in a moment.");
	case STORE_CANTOPEN:
		return N_("The database could not be opened or created. Please check the path and its permissions.");
	case STORE_NEWER:
		return N_("This database was made by a newer version of optout-desk. Please update the program.");
	case STORE_CORRUPT:
		return N_("This file is not an optout-desk database, or it is damaged.");
	case STORE_INVALID:
		return N_("Some of the entered values were not accepted. Please check them.");
	case STORE_REFUSED:
		return N_("The rules do not allow this for this patient on that date.");
	case STORE_ERROR:
		break;
	}
	return N_("The database reported an error. Details are in the log.");
}

const char *store_last_error(const store *st)
{
	return st ? st->err : open_err;
}

store_rc store_fail(store *st, store_rc rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st ? st->err : open_err, sizeof open_err, fmt, ap);
	va_end(ap);
	return rc;
}

store_rc store_sqlite_fail(store *st, int src, const char *what)
{
	store_rc rc;
	switch (src & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		rc = STORE_BUSY;
		break;
	case SQLITE_CONSTRAINT:
		rc = (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
		     ? STORE_EXISTS : STORE_INVALID;
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		rc = STORE_CORRUPT;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_READONLY:
		rc = STORE_CANTOPEN;
		break;
	default:
		rc = STORE_ERROR;
	}
	return store_fail(st, rc, "%s: %s (%d)", what,
	                  st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src), src);
}

sqlite3_stmt *store_stmt(store *st, enum store_slot slot, const char *sql)
{
	sqlite3_stmt *s = st->stmt[slot];
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	int src = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (src != SQLITE_OK) {
		store_sqlite_fail(st, src, "prepare");
		sqlite3_finalize(s);
		return NULL;
	}
	st->stmt[slot] = s;
	return s;
}

store_rc store_step_done(store *st, sqlite3_stmt *s, const char *what)
{
	int src = sqlite3_step(s);
	sqlite3_reset(s);
	if (src == SQLITE_DONE || src == SQLITE_ROW)
		return STORE_OK;
	return store_sqlite_fail(st, src, what);
}

/* A short pause between retries, varied so two desks do not retry in step. */
static void busy_pause(int attempt)
{
	struct timespec ts = { 0, (long)(50 + 50 * attempt + rand() % 50) * 1000000L };
	nanosleep(&ts, NULL);
}

static int exec_retry(store *st, const char *sql)
{
	int src = SQLITE_OK;
	for (int i = 0; i <= BUSY_RETRIES; i++) {
		src = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if ((src & 0xff) != SQLITE_BUSY && (src & 0xff) != SQLITE_LOCKED)
			break;
		busy_pause(i);
	}
	return src;
}

store_rc store_tx_begin(store *st, bool write)
{
	int src;
	if (st->depth > 0)
		src = sqlite3_exec(st->db, "SAVEPOINT nested", NULL, NULL, NULL);
	else
		src = exec_retry(st, write ? "BEGIN IMMEDIATE" : "BEGIN");
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, write ? "begin immediate" : "begin");
	st->depth++;
	return STORE_OK;
}

static void reset_all(store *st)
{
	for (int i = 0; i < SQL_SLOT_COUNT; i++)
		if (st->stmt[i])
			sqlite3_reset(st->stmt[i]);
}

store_rc store_tx_end(store *st, store_rc rc)
{
	if (st->depth <= 0)
		return rc;
	st->depth--;
	if (st->depth > 0) {
		if (rc != STORE_OK)
			sqlite3_exec(st->db, "ROLLBACK TO nested", NULL, NULL, NULL);
		sqlite3_exec(st->db, "RELEASE nested", NULL, NULL, NULL);
		return rc;
	}
	/* A statement left mid-step would hold the snapshot open. */
	reset_all(st);
	if (rc == STORE_OK) {
		int src = exec_retry(st, "COMMIT");
		if (src == SQLITE_OK)
			return STORE_OK;
		rc = store_sqlite_fail(st, src, "commit");
	}
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

store_rc store_batch_begin(store *st)
{
	return store_tx_begin(st, true);
}

store_rc store_batch_end(store *st, bool commit)
{
	if (!commit) {
		store_tx_end(st, STORE_ERROR);   /* rolls back */
		return STORE_OK;
	}
	return store_tx_end(st, STORE_OK);
}

store_rc store_next_event_id(store *st, int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, SQL_NEXT_ID_BUMP,
		"UPDATE counters SET value = value + 1 WHERE name = 'event'");
	if (!s)
		return STORE_ERROR;
	store_rc rc = store_step_done(st, s, "event counter");
	if (rc != STORE_OK)
		return rc;
	s = store_stmt(st, SQL_NEXT_ID_GET, "SELECT value FROM counters WHERE name = 'event'");
	if (!s)
		return STORE_ERROR;
	int src = sqlite3_step(s);
	if (src != SQLITE_ROW)
		return store_sqlite_fail(st, src, "event counter");
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return STORE_OK;
}

void store_now_stamp(char out[STORE_STAMP_SIZE])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, STORE_STAMP_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool store_date_from_text(const unsigned char *txt, od_date *out)
{
	int y, m, d;
	char tail;
	if (!txt || sscanf((const char *)txt, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	od_date r = { y, m, d };
	if (!date_valid(r))
		return false;
	*out = r;
	return true;
}

void store_bind_date(sqlite3_stmt *s, int idx, od_date d)
{
	char iso[DATE_ISO_SIZE];
	date_format_iso(d, iso);
	sqlite3_bind_text(s, idx, iso, -1, SQLITE_TRANSIENT);
}

void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsz)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	if (!outsz)
		return;
	snprintf(out, outsz, "%s", t ? (const char *)t : "");
}

store_rc store_check_text(store *st, const char *field, const char *s,
                          size_t max_chars, size_t max_bytes, bool required)
{
	text_err e = text_check(s ? s : "", max_chars, required);
	if (e != TEXT_OK)
		return store_fail(st, STORE_INVALID, "%s: %s", field, text_err_message(e));
	if (s && strlen(s) >= max_bytes)
		return store_fail(st, STORE_INVALID, "%s: too long", field);
	return STORE_OK;
}

/* ---- opening ------------------------------------------------------------- */

bool store_default_path(char *out, size_t outsz)
{
	const char *env = getenv("OPTOUT_DESK_DB");
	int n;
	if (env && *env) {
		n = snprintf(out, outsz, "%s", env);
	} else if ((env = getenv("XDG_DATA_HOME")) && *env == '/') {
		/* The XDG spec says relative values are to be ignored. */
		n = snprintf(out, outsz, "%s/optout-desk/desk.sqlite3", env);
	} else if ((env = getenv("HOME")) && *env) {
		n = snprintf(out, outsz, "%s/.local/share/optout-desk/desk.sqlite3", env);
	} else {
		return false;
	}
	return n > 0 && (size_t)n < outsz;
}

/* Creates every missing folder above the file, each 0700: the database holds
 * patients' names and must not be readable by other users. */
static bool make_parents(const char *path)
{
	char buf[STORE_PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return false;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	return true;
}

static int pragma_int(store *st, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (src == SQLITE_OK) {
		src = sqlite3_step(s);
		if (src == SQLITE_ROW) {
			*out = sqlite3_column_int(s, 0);
			src = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return src;
}

/* Is this an optout-desk database (or an empty file we may make one)? */
static store_rc check_identity(store *st, int *version)
{
	store_rc rc = store_tx_begin(st, false);
	if (rc != STORE_OK)
		return rc == STORE_ERROR ? STORE_CORRUPT : rc;
	int app = 0, objects = 0, src;
	src = pragma_int(st, "PRAGMA application_id", &app);
	if (src == SQLITE_OK)
		src = pragma_int(st, "PRAGMA user_version", version);
	if (src == SQLITE_OK)
		src = pragma_int(st, "SELECT count(*) FROM sqlite_master", &objects);
	if (src != SQLITE_OK) {
		rc = store_sqlite_fail(st, src, "reading the database header");
		if (rc == STORE_ERROR)
			rc = STORE_CORRUPT;
	} else if (app == 0 && *version == 0 && objects == 0) {
		rc = STORE_OK;   /* a new, empty file */
	} else if (app != STORE_APPLICATION_ID) {
		rc = store_fail(st, STORE_CORRUPT, "application_id is %d, not %d",
		                app, STORE_APPLICATION_ID);
	} else if (*version > store_schema_version) {
		rc = store_fail(st, STORE_NEWER, "schema version %d, this program knows %d",
		                *version, store_schema_version);
	}
	store_tx_end(st, STORE_OK);
	return rc;
}

static store_rc migrate(store *st)
{
	for (;;) {
		store_rc rc = store_tx_begin(st, true);
		if (rc != STORE_OK)
			return rc;
		int v = 0;
		int src = pragma_int(st, "PRAGMA user_version", &v);
		if (src != SQLITE_OK)
			return store_tx_end(st, store_sqlite_fail(st, src, "user_version"));
		if (v > store_schema_version)
			return store_tx_end(st, store_fail(st, STORE_NEWER,
				"schema version %d, this program knows %d", v, store_schema_version));
		if (v == store_schema_version)
			return store_tx_end(st, STORE_OK);
		src = sqlite3_exec(st->db, store_migrations[v], NULL, NULL, NULL);
		if (src == SQLITE_OK) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
			src = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		}
		if (src != SQLITE_OK) {
			rc = store_sqlite_fail(st, src, "migration");
			store_fail(st, rc, "migration %d -> %d: %s", v, v + 1, sqlite3_errmsg(st->db));
			return store_tx_end(st, rc);
		}
		rc = store_tx_end(st, STORE_OK);
		if (rc != STORE_OK)
			return rc;
	}
}

static store_rc open_db(store *st, const char *path)
{
	if (!path || !*path || strlen(path) >= STORE_PATH_MAX)
		return store_fail(st, STORE_CANTOPEN, "no database path");
	if (!make_parents(path))
		return store_fail(st, STORE_CANTOPEN, "creating the folder of %s: %s",
		                  path, strerror(errno));
	/* Create the file ourselves so it is 0600 whatever the umask; SQLite
	 * gives the -wal and -shm files the same mode. */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return store_fail(st, STORE_CANTOPEN, "%s: %s", path, strerror(errno));
	close(fd);

	int src = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, path);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);

	int version = 0;
	store_rc rc = check_identity(st, &version);
	if (rc != STORE_OK)
		return rc;
	/* 32 MB of page cache keeps the upper levels of the million-row
	 * indexes in memory (the default 2 MB does not). */
	src = exec_retry(st, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768");
	if (src == SQLITE_OK)
		src = exec_retry(st, "PRAGMA journal_mode = WAL");
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, "setting up the connection");
	return migrate(st);
}

store_rc store_open(const char *path, store **out)
{
	*out = NULL;
	open_err[0] = '\0';
	store *st = calloc(1, sizeof *st);
	if (!st)
		return store_fail(NULL, STORE_ERROR, "out of memory");
	store_rc rc = open_db(st, path);
	if (rc != STORE_OK) {
		snprintf(open_err, sizeof open_err, "%s", st->err);
		store_close(st);
		return rc;
	}
	*out = st;
	return STORE_OK;
}

void store_close(store *st)
{
	if (!st)
		return;
	for (int i = 0; i < SQL_SLOT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st);
}
