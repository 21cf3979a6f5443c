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
#include "core/text.h"

/* How long one statement waits for another desk's lock, and how many times
 * a BEGIN IMMEDIATE or COMMIT that still found the lock taken is retried
 * before STORE_BUSY reaches the user. */
#define BUSY_TIMEOUT_MS 10000
#define BUSY_RETRIES 4
/* After this long a waiting desk is told so (store_on_wait). */
#define WAIT_NOTICE_MS 1000

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
		return N_("This file is not an optout-desk database, or it is damaged: its records cannot be read. Do not start over: restore the latest backup or ask your support.");
	case STORE_INVALID:
		return N_("Some of the entered values were not accepted. Please check them.");
	case STORE_REFUSED:
		return N_("The rules do not allow this for this patient on that date.");
	case STORE_NO_FILE:
		return N_("There is no database at that path. Check the path, or run `optout-desk init` to create a new one.");
	case STORE_EMPTY_FILE:
		return N_("The database file is empty: the records are missing. Do not start over: restore the latest backup (see optout-desk(1), BACKUPS) or ask your support.");
	case STORE_CONFLICT:
		return N_("This contradicts the patient's record.");
	case STORE_BACKDATED:
		return N_("This entry changes the status of past dates and needs confirmation.");
	case STORE_DUPLICATE:
		return N_("A patient who may be the same person is already registered.");
	case STORE_FUTURE:
		return N_("The date is after today.");
	case STORE_REPLAYED:
		return N_("This entry was already recorded with the same request id; nothing new was recorded.");
	case STORE_DENIED:
		return N_("Not signed in: the login or the password is wrong, or the login is disabled.");
	case STORE_LOCKED:
		return N_("Not signed in: too many wrong passwords; this login must wait before trying again.");
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
	char *buf = st ? st->err : open_err;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof open_err, fmt, ap);
	va_end(ap);
	/* What a person is told to look up must be in the log. */
	if (rc == STORE_ERROR || rc == STORE_CORRUPT || rc == STORE_CANTOPEN)
		store_log("database", "%s", buf);
	return rc;
}

/* ---- the log ----------------------------------------------------------------- */

#define LOG_ROTATE_BYTES (1024L * 1024L)

const char *store_log_path(void)
{
	static char path[STORE_PATH_MAX];
	const char *env = getenv("XDG_STATE_HOME");
	int n;
	if (env && *env == '/')
		n = snprintf(path, sizeof path, "%s/optout-desk/desk.log", env);
	else if ((env = getenv("HOME")) && *env)
		n = snprintf(path, sizeof path, "%s/.local/state/optout-desk/desk.log", env);
	else
		n = snprintf(path, sizeof path, "/tmp/optout-desk-%ld.log", (long)getuid());
	if (n < 0 || (size_t)n >= sizeof path)
		snprintf(path, sizeof path, "/tmp/optout-desk-%ld.log", (long)getuid());
	return path;
}

static bool make_parents(const char *path);

void store_log(const char *op, const char *fmt, ...)
{
	const char *path = store_log_path();
	struct stat sb;
	if (!make_parents(path))
		return;
	if (stat(path, &sb) == 0 && sb.st_size >= LOG_ROTATE_BYTES) {
		char old[STORE_PATH_MAX + 4];
		snprintf(old, sizeof old, "%s.1", path);
		rename(path, old);
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	FILE *f = fdopen(fd, "a");
	if (!f) {
		close(fd);
		return;
	}
	char stamp[STORE_STAMP_SIZE];
	store_now_stamp(stamp);
	fprintf(f, "%s [%ld] %s: ", stamp, (long)getpid(), op ? op : "-");
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
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

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Counts the time a desk waits for another's lock, and tells it once per
 * handle when the wait grows past WAIT_NOTICE_MS: a person at the desk
 * should see "waiting", not a frozen program. */
static void waited(store *st, long long since)
{
	if (st->wait_said || !st->on_wait || now_ms() - since < WAIT_NOTICE_MS)
		return;
	st->wait_said = true;
	st->on_wait(st->on_wait_ctx);
}

/* sqlite3_busy_handler: SQLite's own growing steps (1 ms up to 100 ms) until
 * BUSY_TIMEOUT_MS have passed since the statement first found the lock. */
static int busy_wait(void *arg, int count)
{
	static const int steps[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
	store *st = arg;
	if (count == 0)
		st->busy_since = now_ms();
	/* A bulk import holds the lock for minutes: wait it out (issue 9). */
	if (now_ms() - st->busy_since >= BUSY_TIMEOUT_MS && !store_import_running(st))
		return 0;
	int ms = steps[count < 12 ? count : 11];
	struct timespec ts = { 0, (long)ms * 1000000L };
	nanosleep(&ts, NULL);
	waited(st, st->busy_since);
	return 1;
}

/* A short pause between retries, varied so two desks do not retry in step. */
static void busy_pause(store *st, int attempt)
{
	struct timespec ts = { 0, (long)(50 + 50 * attempt + rand() % 50) * 1000000L };
	nanosleep(&ts, NULL);
	waited(st, st->busy_since);
}

static int exec_retry(store *st, const char *sql)
{
	int src = SQLITE_OK;
	for (int i = 0; i <= BUSY_RETRIES; i++) {
		src = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if ((src & 0xff) != SQLITE_BUSY && (src & 0xff) != SQLITE_LOCKED)
			break;
		busy_pause(st, i);
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
	if (st->depth == 1) {
		st->reqid.in_write = write;
		memset(&st->held, 0, sizeof st->held);
	}
	/* A retry of a write that committed: checked under the write lock,
	 * so two desks with one id cannot both write. */
	if (write && st->depth == 1) {
		store_rc rc = store_request_id_check_locked(st);
		if (rc != STORE_OK)
			return store_tx_end(st, rc);
	}
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
	if (rc != STORE_OK || st->depth == 0)
		memset(&st->held, 0, sizeof st->held);   /* what it knew may be undone */
	if (st->depth > 0) {
		if (rc != STORE_OK)
			sqlite3_exec(st->db, "ROLLBACK TO nested", NULL, NULL, NULL);
		sqlite3_exec(st->db, "RELEASE nested", NULL, NULL, NULL);
		return rc;
	}
	/* A statement left mid-step would hold the snapshot open. */
	if (rc == STORE_OK)
		rc = store_request_id_record_locked(st);
	reset_all(st);
	if (rc == STORE_OK) {
		int src = exec_retry(st, "COMMIT");
		if (src == SQLITE_OK) {
			if (st->reqid.pending)
				st->reqid.recorded = true;
			st->reqid.pending = false;
			return STORE_OK;
		}
		rc = store_sqlite_fail(st, src, "commit");
	}
	st->reqid.pending = false;    /* rolled back with the entry */
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

/* The tables a database of schema 1 or later has: a file whose header
 * survived but whose records did not is damaged, not new. */
static bool tables_present(store *st)
{
	int n = 0;
	return pragma_int(st, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                  " AND name IN ('patients', 'notices', 'requests', 'settings')",
	                  &n) == SQLITE_OK && n == 4;
}

/* Is this an optout-desk database (or a file we have just created)? */
static store_rc check_identity(store *st, bool fresh, int *version)
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
	} else if (fresh && app == 0 && *version == 0 && objects == 0) {
		rc = STORE_OK;   /* the new, empty file we created */
	} else if (app != STORE_APPLICATION_ID) {
		rc = store_fail(st, STORE_CORRUPT, "application_id is %d, not %d",
		                app, STORE_APPLICATION_ID);
	} else if (*version > store_schema_version) {
		rc = store_fail(st, STORE_NEWER, "schema version %d, this program knows %d",
		                *version, store_schema_version);
	} else if (*version >= 1 && !tables_present(st)) {
		rc = store_fail(st, STORE_CORRUPT, "the tables of the records are missing");
	}
	store_tx_end(st, STORE_OK);
	return rc;
}

/* ---- SQL functions for migrations (the core/text rules) ---------------------- */

static void sql_key(sqlite3_context *cx, int argc, sqlite3_value **argv,
                    bool (*fn)(const char *, char *, size_t))
{
	(void)argc;
	const unsigned char *in = sqlite3_value_text(argv[0]);
	char out[TEXT_KEY_SIZE];
	if (!in || !fn((const char *)in, out, sizeof out))
		out[0] = '\0';
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

static void sql_number_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *in = sqlite3_value_text(argv[0]);
	char out[TEXT_KEY_SIZE];
	/* A stored number that no longer normalises keeps its own text. */
	if (in && !text_number_key((const char *)in, out, sizeof out))
		snprintf(out, sizeof out, "%s", (const char *)in);
	(void)argc;
	sqlite3_result_text(cx, in ? out : "", -1, SQLITE_TRANSIENT);
}

static void sql_search_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	sql_key(cx, argc, argv, text_search_key);
}

static void sql_given_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	sql_key(cx, argc, argv, text_given_name_key);
}

static int register_functions(sqlite3 *db)
{
	static const struct {
		const char *name;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{ "od_number_key", sql_number_key },
		{ "od_search_key", sql_search_key },
		{ "od_given_key", sql_given_key },
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		int src = sqlite3_create_function(db, fns[i].name, 1,
			SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fns[i].fn, NULL, NULL);
		if (src != SQLITE_OK)
			return src;
	}
	return SQLITE_OK;
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
		/* The records a database holds when the log is made are its
		 * first entries (issue 11). */
		if (src == SQLITE_OK && store_migrations[v] == store_migration_audit &&
		    (rc = store_audit_adopt_locked(st, NULL)) != STORE_OK)
			return store_tx_end(st, rc);
		if (src == SQLITE_OK && store_migrations[v] == store_migration_audit_request_ids &&
		    (rc = store_audit_adopt_locked(st, "request_ids")) != STORE_OK)
			return store_tx_end(st, rc);
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

/* The clinic's today from the clock, in the clinic's time zone (setting
 * time_zone, default Asia/Tokyo): a server kept in UTC would otherwise
 * date a notice handed at 8:45 in Tokyo the day before. */
static od_date clinic_today(store *st)
{
	char tz[128] = "";
	od_date d = { 1970, 1, 1 };
	if (store_setting_get(st, "time_zone", tz, sizeof tz) != STORE_OK || !tz[0])
		snprintf(tz, sizeof tz, "%s", STORE_TIME_ZONE_DEFAULT);
	if (!date_today_in_zone((long long)time(NULL), tz, &d))
		date_today_in_zone((long long)time(NULL), STORE_TIME_ZONE_DEFAULT, &d);
	return d;
}

static store_rc open_db(store *st, const char *path, store_mode mode)
{
	if (!path || !*path || strlen(path) >= STORE_PATH_MAX)
		return store_fail(st, STORE_CANTOPEN, "no database path");
	struct stat sb;
	bool fresh = false;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return store_fail(st, STORE_CANTOPEN, "%s: %s", path, strerror(errno));
		if (mode != STORE_CREATE)
			return store_fail(NULL, STORE_NO_FILE, "%s: no such file", path);
		if (!make_parents(path))
			return store_fail(st, STORE_CANTOPEN, "creating the folder of %s: %s",
			                  path, strerror(errno));
		/* Create the file ourselves so it is 0600 whatever the umask;
		 * SQLite gives the -wal and -shm files the same mode. */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return store_fail(st, STORE_CANTOPEN, "%s: %s", path, strerror(errno));
		close(fd);
		fresh = true;
	} else if (!S_ISREG(sb.st_mode)) {
		return store_fail(st, STORE_CANTOPEN, "%s: not a regular file", path);
	} else if (sb.st_size == 0) {
		/* A truncated database looks like a new one: never start over
		 * on it silently. */
		store_log("open", "%s: zero-length database file", path);
		return store_fail(NULL, STORE_EMPTY_FILE, "%s: zero-length file", path);
	}

	int src = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, path);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, busy_wait, st);
	src = register_functions(st->db);
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, "registering functions");

	int version = 0;
	store_rc rc = check_identity(st, fresh, &version);
	if (rc != STORE_OK) {
		if (fresh)
			unlink(path);   /* ours, and empty: leave nothing behind */
		return rc;
	}
	/* 32 MB of page cache keeps the upper levels of the million-row
	 * indexes in memory (the default 2 MB does not). */
	src = sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768",
	                   NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return store_sqlite_fail(st, src, "setting up the connection");
	/* Readers never take the write lock: WAL is set once, when the file
	 * is made or migrated, and a schema that is current needs nothing. */
	if (version < store_schema_version) {
		src = exec_retry(st, "PRAGMA journal_mode = WAL");
		if (src != SQLITE_OK)
			return store_sqlite_fail(st, src, "setting up the connection");
		rc = migrate(st);
		if (rc != STORE_OK)
			return rc;
	}
	st->today = clinic_today(st);
	return STORE_OK;
}

store_rc store_open_mode(const char *path, store_mode mode, store **out)
{
	*out = NULL;
	open_err[0] = '\0';
	store *st = calloc(1, sizeof *st);
	if (!st)
		return store_fail(NULL, STORE_ERROR, "out of memory");
	st->data_version = -1;
	store_rc rc = open_db(st, path, mode);
	if (rc != STORE_OK) {
		if (st->err[0])
			snprintf(open_err, sizeof open_err, "%s", st->err);
		store_close(st);
		return rc;
	}
	*out = st;
	return STORE_OK;
}

store_rc store_open(const char *path, store **out)
{
	return store_open_mode(path, STORE_WRITE, out);
}

void store_set_today(store *st, od_date today)
{
	if (st && date_valid(today))
		st->today = today;
}

od_date store_today(const store *st)
{
	return st->today;
}

bool store_changed(store *st)
{
	int v = 0;
	if (pragma_int(st, "PRAGMA data_version", &v) != SQLITE_OK)
		return false;
	bool changed = st->data_version >= 0 && v != st->data_version;
	st->data_version = v;
	return changed;
}

void store_on_wait(store *st, void (*fn)(void *ctx), void *ctx)
{
	st->on_wait = fn;
	st->on_wait_ctx = ctx;
}

const store_conflict *store_last_conflict(const store *st)
{
	return &st->conflict;
}

const store_backdate *store_last_backdate(const store *st)
{
	return &st->backdate;
}

store_rc store_conflict_fail(store *st, int kind, const char *ref, od_date date,
                             const char *why)
{
	memset(&st->conflict, 0, sizeof st->conflict);
	st->conflict.kind = kind;
	if (ref)
		snprintf(st->conflict.ref, sizeof st->conflict.ref, "%s", ref);
	st->conflict.date = date;
	st->conflict.why = why;
	return store_fail(st, STORE_CONFLICT, "%s%s%s", why ? why : "", ref && *ref ? ": " : "",
	                  ref ? ref : "");
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
