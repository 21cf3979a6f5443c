/* Backups and restores (issue 11) with SQLite's online backup API: a copy
 * of one consistent moment while other desks keep writing (the -wal's
 * committed pages included, which a plain `cp` of the file misses), made
 * 0600, a single file (journal_mode DELETE), and checked before it counts:
 * integrity_check and the audit chain. Also the permissions warning. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "store/internal.h"
#include "store/schema.h"

#define BACKUP_KEEP_DEFAULT 14
#define BACKUP_KEEP_MAX 1000
#define BACKUP_TRIES 50

static void pause_a_little(void)
{
	struct timespec ts = { 0, 100 * 1000000L };
	nanosleep(&ts, NULL);
}

/* Copies every page of src into dst, waiting for other desks' locks. */
static int copy_pages(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int src_rc, tries = 0;
	do {
		src_rc = sqlite3_backup_step(b, -1);
		if (src_rc == SQLITE_BUSY || src_rc == SQLITE_LOCKED)
			pause_a_little();
	} while ((src_rc == SQLITE_OK || src_rc == SQLITE_BUSY || src_rc == SQLITE_LOCKED) &&
	         ++tries < BACKUP_TRIES);
	int fin = sqlite3_backup_finish(b);
	return src_rc == SQLITE_DONE ? fin : src_rc;
}

/* A consistent copy of st, not yet checked, in a new file (0600) beside
 * `path` under a hidden temporary name (tmp). Only a whole, checked copy is
 * ever linked to `path` (put_in_place): a backup killed midway leaves no
 * file at `path`, at most a ".NAME.XXXXXX" that nothing reads. */
static store_rc copy_to_temp(store *st, const char *path, char *tmp, size_t tmpsz)
{
	if (st->depth > 0)
		return store_fail(st, STORE_ERROR, "backup inside a transaction");
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return store_fail(st, STORE_EXISTS, "%s: %s", path, strerror(EEXIST));
	char dir[STORE_PATH_MAX], base[STORE_PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	snprintf(base, sizeof base, "%s", path);
	if (snprintf(tmp, tmpsz, "%s/.%s.XXXXXX", dirname(dir), basename(base)) >= (int)tmpsz)
		return store_fail(st, STORE_CANTOPEN, "%s: path too long", path);
	int fd = mkstemp(tmp);   /* 0600 */
	if (fd < 0)
		return store_fail(st, STORE_CANTOPEN, "%s: %s", path, strerror(errno));
	close(fd);
	sqlite3 *dst = NULL;
	int src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK) {
		sqlite3_busy_timeout(dst, 2500);
		src = copy_pages(dst, st->db);
	}
	/* One self-contained file: no -wal beside a backup. */
	if (src == SQLITE_OK)
		src = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		store_fail(st, STORE_ERROR, "backup to %s: %s", path,
		           dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		sqlite3_close(dst);
		unlink(tmp);
		return STORE_ERROR;
	}
	sqlite3_close(dst);
	return STORE_OK;
}

/* Links the finished copy tmp to path (never over an existing file) and
 * makes the new name durable. */
static store_rc put_in_place(store *st, const char *tmp, const char *path)
{
	if (link(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return store_fail(st, e == EEXIST ? STORE_EXISTS : STORE_CANTOPEN,
		                  "%s: %s", path, strerror(e));
	}
	unlink(tmp);
	char dir[STORE_PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return STORE_OK;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int src = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		src = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return src;
}

static _Thread_local char check_err[512];

store_rc store_backup_check(const char *path, int64_t *entries, store_verify_result *vr)
{
	store_verify_result local;
	if (!vr)
		vr = &local;
	memset(vr, 0, sizeof *vr);
	if (entries)
		*entries = 0;
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return store_fail(NULL, STORE_NO_FILE, "%s: no such file", path);
	store *st = calloc(1, sizeof *st);
	if (!st)
		return store_fail(NULL, STORE_ERROR, "out of memory");
	st->data_version = -1;
	int src = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL);
	int app = 0, version = 0, ok = 0, has_log = 0;
	store_rc rc = STORE_OK;
	if (src == SQLITE_OK)
		src = pragma_int(st->db, "PRAGMA application_id", &app);
	if (src == SQLITE_OK)
		src = pragma_int(st->db, "PRAGMA user_version", &version);
	if (src == SQLITE_OK)
		src = pragma_int(st->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
		                 " AND name = 'audit'", &has_log);
	if (src != SQLITE_OK)
		rc = store_sqlite_fail(st, src, path);
	else if (app != STORE_APPLICATION_ID)
		rc = store_fail(st, STORE_CORRUPT, "%s is not an optout-desk database", path);
	else if (version > store_schema_version)
		rc = store_fail(st, STORE_NEWER, "%s: schema %d, this program knows %d", path,
		                version, store_schema_version);
	else if (!has_log)
		rc = store_fail(st, STORE_CORRUPT, "%s has no audit log to check it by", path);
	if (rc == STORE_OK) {
		sqlite3_stmt *s;
		src = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL);
		if (src == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(s, 0);
			ok = t && strcmp((const char *)t, "ok") == 0;
			if (!ok)
				store_fail(st, STORE_CORRUPT, "%s: integrity_check: %s", path,
				           t ? (const char *)t : "?");
		} else {
			store_fail(st, STORE_CORRUPT, "%s: integrity_check: %s", path,
			           sqlite3_errmsg(st->db));
		}
		sqlite3_finalize(s);
		rc = ok ? STORE_OK : STORE_CORRUPT;
	}
	if (rc == STORE_OK)
		rc = store_verify(st, vr);
	if (rc == STORE_OK && !vr->ok)
		rc = store_fail(st, STORE_CORRUPT, "%s: the audit log does not verify at entry %lld: %s",
		                path, (long long)vr->entry, vr->what ? vr->what : "");
	if (rc == STORE_OK && entries)
		*entries = vr->entries;
	snprintf(check_err, sizeof check_err, "%s", st->err);
	store_close(st);
	if (rc != STORE_OK)
		store_fail(NULL, rc, "%s", check_err);
	return rc;
}

store_rc store_backup(store *st, const char *path, int64_t *entries)
{
	char tmp[STORE_PATH_MAX];
	store_rc rc = copy_to_temp(st, path, tmp, sizeof tmp);
	if (rc != STORE_OK)
		return rc;
	store_verify_result vr;
	rc = store_backup_check(tmp, entries, &vr);
	if (rc != STORE_OK) {
		store_fail(st, rc, "%s", store_last_error(NULL));
		unlink(tmp);
		return rc;
	}
	if ((rc = put_in_place(st, tmp, path)) != STORE_OK)
		return rc;
	store_rc logged = store_audit_note(st, "backup", path);
	return logged;
}

/* ---- the backup folder ----------------------------------------------------------- */

/* The folder (setting backup_dir, else "backups" beside the database),
 * created 0700, and the file name prefix (the database's name). */
static store_rc backup_place(store *st, const char *db_path, char *dir, size_t dirsz,
                             char *prefix, size_t prefsz)
{
	char set[STORE_PATH_MAX] = "";
	char copy[STORE_PATH_MAX];
	snprintf(copy, sizeof copy, "%s", db_path);
	if (store_setting_get(st, "backup_dir", set, sizeof set) == STORE_OK && set[0])
		snprintf(dir, dirsz, "%s", set);
	else if (snprintf(dir, dirsz, "%s/backups", dirname(copy)) >= (int)dirsz)
		return store_fail(st, STORE_CANTOPEN, "backup folder path too long");
	snprintf(copy, sizeof copy, "%s", db_path);
	char *base = basename(copy);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	snprintf(prefix, prefsz, "%s-", base);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return store_fail(st, STORE_CANTOPEN, "%s: %s", dir, strerror(errno));
	return STORE_OK;
}

static int keep_count(store *st)
{
	char v[16] = "";
	if (store_setting_get(st, "backup_keep", v, sizeof v) != STORE_OK)
		return BACKUP_KEEP_DEFAULT;
	int n = atoi(v);
	return n >= 1 && n <= BACKUP_KEEP_MAX ? n : BACKUP_KEEP_DEFAULT;
}

/* Ours: PREFIX + "YYYY-MM-DDTHHMMSS" [+ "-N"] + ".sqlite3"; nothing else in
 * the folder is ever removed. */
static bool is_ours(const char *name, const char *prefix)
{
	size_t pl = strlen(prefix), n = strlen(name);
	if (strncmp(name, prefix, pl) != 0 || n < pl + 17 + 8)
		return false;
	if (strcmp(name + n - 8, ".sqlite3") != 0)
		return false;
	const char *d = name + pl;
	return d[4] == '-' && d[7] == '-' && d[10] == 'T';
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void prune(const char *dir, const char *prefix, int keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_ours(e->d_name, prefix))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **nn = realloc(names, ncap * sizeof *nn);
			if (!nn)
				break;
			names = nn;
			cap = ncap;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (n - i > (size_t)keep) {
			char path[STORE_PATH_MAX];
			if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path)
				unlink(path);
		}
		free(names[i]);
	}
	free(names);
}

store_rc store_backup_dated(store *st, const char *db_path, char *out, size_t outsz,
                            int64_t *entries)
{
	char dir[STORE_PATH_MAX], prefix[256];
	store_rc rc = backup_place(st, db_path, dir, sizeof dir, prefix, sizeof prefix);
	if (rc != STORE_OK)
		return rc;
	char day[DATE_ISO_SIZE], hms[16];
	date_format_iso(st->today, day);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(hms, sizeof hms, "%H%M%S", &tm);
	rc = STORE_EXISTS;
	for (int i = 1; rc == STORE_EXISTS && i < 100; i++) {
		char num[8] = "";
		if (i > 1)
			snprintf(num, sizeof num, "-%d", i);
		if (snprintf(out, outsz, "%s/%s%sT%s%s.sqlite3", dir, prefix, day, hms, num) >=
		    (int)outsz)
			return store_fail(st, STORE_CANTOPEN, "backup path too long");
		rc = store_backup(st, out, entries);
	}
	if (rc == STORE_OK)
		prune(dir, prefix, keep_count(st));
	return rc;
}

store_rc store_backup_daily(store *st, const char *db_path, bool *made, char *out,
                            size_t outsz)
{
	char last[DATE_ISO_SIZE] = "", day[DATE_ISO_SIZE];
	*made = false;
	date_format_iso(st->today, day);
	if (store_setting_get(st, "backup_last", last, sizeof last) == STORE_OK &&
	    strcmp(last, day) == 0)
		return STORE_OK;
	int64_t entries = 0;
	store_rc rc = store_backup_dated(st, db_path, out, outsz, &entries);
	if (rc == STORE_OK)
		rc = store_setting_set(st, "backup_last", day);
	*made = rc == STORE_OK;
	return rc;
}

store_rc store_restore(store *st, const char *db_path, const char *path,
                       char *kept, size_t keptsz, int64_t *entries)
{
	store_verify_result vr;
	store_rc rc = store_backup_check(path, entries, &vr);
	if (rc != STORE_OK)
		return store_fail(st, rc, "%s", store_last_error(NULL));
	char day[DATE_ISO_SIZE];
	date_format_iso(st->today, day);
	rc = STORE_EXISTS;
	for (int i = 1; rc == STORE_EXISTS && i < 100; i++) {
		char num[8] = "";
		if (i > 1)
			snprintf(num, sizeof num, "-%d", i);
		if (snprintf(kept, keptsz, "%s.replaced-%s%s", db_path, day, num) >= (int)keptsz)
			return store_fail(st, STORE_CANTOPEN, "path too long");
		char tmp[STORE_PATH_MAX];
		rc = copy_to_temp(st, kept, tmp, sizeof tmp);
		if (rc == STORE_OK)
			rc = put_in_place(st, tmp, kept);
	}
	if (rc != STORE_OK)
		return rc;
	sqlite3 *src = NULL;
	int s = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (s == SQLITE_OK)
		s = copy_pages(st->db, src);
	sqlite3_close(src);
	if (s != SQLITE_OK)
		return store_sqlite_fail(st, s, "restoring");
	/* The copy is a journal_mode DELETE file; the desks share in WAL. */
	s = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (s != SQLITE_OK)
		return store_sqlite_fail(st, s, "restoring");
	char detail[STORE_PATH_MAX + 32];
	snprintf(detail, sizeof detail, "%s", path);
	return store_audit_note(st, "restore", detail);
}

bool store_permissions_open(const char *db_path, char *out, size_t outsz)
{
	struct stat sb;
	char copy[STORE_PATH_MAX];
	out[0] = '\0';
	if (stat(db_path, &sb) == 0 && (sb.st_mode & (S_IROTH | S_IWOTH))) {
		snprintf(out, outsz, "%s (%04o)", db_path, (unsigned)(sb.st_mode & 07777));
		return true;
	}
	snprintf(copy, sizeof copy, "%s", db_path);
	const char *dir = dirname(copy);
	if (stat(dir, &sb) == 0 && (sb.st_mode & (S_IROTH | S_IWOTH))) {
		snprintf(out, outsz, "%s (%04o)", dir, (unsigned)(sb.st_mode & 07777));
		return true;
	}
	return false;
}

/* ---- where a file may be written (never over the database) ------------------------ */

static bool same_file(const struct stat *a, const char *path)
{
	struct stat b;
	return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Does name, in its folder, name the database or one of its side files?
 * (By name: a -wal may not exist at this moment.) */
static bool names_db_file(const char *name, const char *db_path)
{
	char odir[STORE_PATH_MAX], obase[STORE_PATH_MAX];
	char ddir[STORE_PATH_MAX], dbase[STORE_PATH_MAX];
	struct stat so, sd;
	snprintf(odir, sizeof odir, "%s", name);
	snprintf(obase, sizeof obase, "%s", name);
	snprintf(ddir, sizeof ddir, "%s", db_path);
	snprintf(dbase, sizeof dbase, "%s", db_path);
	const char *on = basename(obase), *dn = basename(dbase);
	if (stat(dirname(odir), &so) != 0 || stat(dirname(ddir), &sd) != 0 ||
	    so.st_dev != sd.st_dev || so.st_ino != sd.st_ino)
		return false;
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	size_t dl = strlen(dn);
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
		if (strncmp(on, dn, dl) == 0 && strcmp(on + dl, sfx[i]) == 0)
			return true;
	return false;
}

bool store_output_allowed(const char *path, bool force, const char *db_path,
                          const char **why_msgid)
{
	*why_msgid = NULL;
	if (strcmp(path, "-") == 0)
		return true;
	if (path[0] == '\0') {
		*why_msgid = N_("give a file name, or - for standard output");
		return false;
	}
	struct stat st;
	const bool exists = stat(path, &st) == 0;
	if (db_path != NULL && db_path[0] != '\0') {
		bool hit = exists && same_file(&st, db_path);
		static const char *const sfx[] = { "-wal", "-shm", "-journal" };
		for (size_t i = 0; exists && !hit && i < sizeof sfx / sizeof sfx[0]; i++) {
			char side[STORE_PATH_MAX + 16];
			snprintf(side, sizeof side, "%s%s", db_path, sfx[i]);
			hit = same_file(&st, side);
		}
		hit = hit || names_db_file(path, db_path);
		/* a link to where a -wal will be */
		char target[STORE_PATH_MAX];
		ssize_t n = hit ? -1 : readlink(path, target, sizeof target - 1);
		if (n > 0) {
			target[n] = '\0';
			char dir[STORE_PATH_MAX], full[2 * STORE_PATH_MAX + 2];
			snprintf(dir, sizeof dir, "%s", path);
			if (target[0] == '/')
				snprintf(full, sizeof full, "%s", target);
			else
				snprintf(full, sizeof full, "%s/%s", dirname(dir), target);
			hit = names_db_file(full, db_path);
		}
		if (hit) {
			*why_msgid = N_("this is the database (or one of its files): a document written there would destroy the records; it is never replaced, even with --force");
			return false;
		}
	}
	if (exists && S_ISDIR(st.st_mode)) {
		*why_msgid = N_("this is a folder: give a file name");
		return false;
	}
	if (exists && S_ISREG(st.st_mode) && !force) {
		*why_msgid = N_("the file exists; add --force to replace it");
		return false;
	}
	return true;
}
