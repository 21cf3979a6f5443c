/* store/: the database on temporary files. Each test gets a fresh folder
 * from mkdtemp and removes it afterwards. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store/internal.h"
#include "store/schema.h"
#include "core/query.h"

static const char HASH1[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
static const char HASH2[] = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

typedef struct fixture {
	char dir[256];
	char path[300];
	store *st;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/test_store.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/db/desk.sqlite3", f->dir);
	if (store_open_mode(f->path, STORE_CREATE, &f->st) != STORE_OK)
		return -1;
	store_set_today(f->st, (od_date){ 2026, 11, 24 });
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static od_date D(int y, int m, int d) { return (od_date){ y, m, d }; }

static int64_t add_patient(store *st, const char *number, const char *name,
                           const char *kana, od_date birth)
{
	patient p = { 0 };
	snprintf(p.number, sizeof p.number, "%s", number);
	snprintf(p.name, sizeof p.name, "%s", name);
	snprintf(p.kana, sizeof p.kana, "%s", kana);
	p.birth_known = true;
	p.birth = birth;
	p.sex = 'u';
	assert_int_equal(store_patient_add(st, &p), STORE_OK);
	assert_true(p.id > 0);
	return p.id;
}

static void add_version(store *st)
{
	int64_t id = 0;
	bool created = false;
	assert_int_equal(store_notice_version_add(st, HASH1, true, "first", &id, &created), STORE_OK);
	assert_true(created);
}

static store_rc notice(store *st, int64_t pid, od_date date, requester_kind to,
                       notice_rec *out, rule_verdict *v)
{
	memset(out, 0, sizeof *out);
	out->patient_id = pid;
	out->date = date;
	out->to = to;
	out->rel = to == REQ_GUARDIAN ? REL_PARENT : REL_NONE;
	if (to != REQ_SELF)
		snprintf(out->recipient, sizeof out->recipient, "山田 花子");
	snprintf(out->staff, sizeof out->staff, "受付 佐藤");
	/* These fixtures are dated before the fixed today on purpose; the
	 * back-dated rule has tests of its own. */
	out->confirm_backdated = true;
	return store_notice_add(st, out, v);
}

static store_rc request(store *st, int64_t pid, bool stop, od_date date, requester_kind by,
                        bool accept, request_rec *out, rule_verdict *v)
{
	memset(out, 0, sizeof *out);
	out->patient_id = pid;
	out->stop = stop;
	out->date = date;
	out->ch = CH_DESK;
	out->by = by;
	out->rel = by == REQ_GUARDIAN ? REL_PARENT : REL_NONE;
	out->idc = ID_INSURANCE;
	if (by != REQ_SELF)
		snprintf(out->name, sizeof out->name, "山田 花子");
	snprintf(out->staff, sizeof out->staff, "受付 佐藤");
	out->confirm_backdated = true;
	return store_request_add(st, out, accept, v);
}

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static int raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* ---- opening ---------------------------------------------------------------- */

static void test_open_creates_private_file(void **state)
{
	fixture *f = *state;
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char folder[300];
	snprintf(folder, sizeof folder, "%s/db", f->dir);
	assert_int_equal(stat(folder, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	sqlite3 *db = raw_open(f->path);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), store_schema_version);
	assert_int_equal(raw_int(db, "PRAGMA application_id"), 0x4F44534B);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);

	/* Reopening keeps what was stored. */
	add_patient(f->st, "1001", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->path, &f->st), STORE_OK);
	patient p;
	assert_int_equal(store_patient_get(f->st, "1001", &p), STORE_OK);
	assert_string_equal(p.name, "山田 太郎");
}

/* A database of schema 1 (optout-desk 0.1) is migrated: number keys,
 * search keys with the variant-kanji folding, given-name keys, and the
 * new tables; "0001" and "1" of 0.1 stay two records, listed as possible
 * duplicates. */
static bool count_pair(const patient *a, const patient *b, void *ctx)
{
	(void)a;
	(void)b;
	(*(int *)ctx)++;
	return true;
}

static bool first_number(const patient *p, void *ctx)
{
	snprintf(ctx, STORE_NUMBER_SIZE, "%s", p->number);
	return false;
}

static void test_migration_from_1(void **state)
{
	fixture *f = *state;
	char path[320];
	snprintf(path, sizeof path, "%s/v1.sqlite3", f->dir);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"PRAGMA user_version = 1;"
		"INSERT INTO patients(number, name, kana, name_key, kana_key, birth, sex, created_at)"
		" VALUES ('0001', '髙橋 花子', 'タカハシ ハナコ', '髙橋花子', 'たかはしはなこ',"
		" '1990-01-01', 'f', '2026-01-01T00:00:00Z'),"
		" ('1', '別人 太郎', 'ベツジン タロウ', '別人太郎', 'べつじんたろう',"
		" '1991-01-01', 'm', '2026-01-01T00:00:00Z');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	store *st = NULL;
	assert_int_equal(store_open(path, &st), STORE_OK);
	store_set_today(st, D(2026, 11, 24));
	patient p;
	assert_int_equal(store_patient_get(st, "0001", &p), STORE_OK);
	assert_string_equal(p.name, "髙橋 花子");   /* the exact text first */
	assert_int_equal(store_patient_get(st, "1", &p), STORE_OK);
	assert_string_equal(p.name, "別人 太郎");
	char number[STORE_NUMBER_SIZE] = "";
	patient_query q;
	assert_true(query_parse("高橋", &q));
	assert_int_equal(store_patient_find(st, &q, 10, first_number, number), STORE_OK);
	assert_string_equal(number, "0001");
	number[0] = '\0';
	assert_true(query_parse("ハナコ", &q));
	assert_int_equal(store_patient_find(st, &q, 10, first_number, number), STORE_OK);
	assert_string_equal(number, "0001");
	int pairs = 0;
	assert_int_equal(store_duplicate_pairs(st, count_pair, &pairs), STORE_OK);
	assert_int_equal(pairs, 1);
	/* New clashes are refused. */
	patient n = { .sex = 'u', .birth_known = true, .birth = { 1980, 1, 1 } };
	snprintf(n.number, sizeof n.number, "001");
	snprintf(n.name, sizeof n.name, "新規 患者");
	snprintf(n.kana, sizeof n.kana, "シンキ カンジャ");
	assert_int_equal(store_patient_add(st, &n), STORE_EXISTS);
	store_close(st);
}

/* Back-dated entries: only a change of "may flow" on a past date asks. */
static void test_backdated_and_future(void **state)
{
	fixture *f = *state;
	add_version(f->st);
	int64_t id = add_patient(f->st, "7001", "過去 太郎", "カコ タロウ", D(1970, 1, 1));
	notice_rec n = { .patient_id = id, .date = D(2026, 11, 20), .to = REQ_SELF };
	/* not-notified -> waiting on past dates changes no hand-over */
	assert_int_equal(store_notice_add(f->st, &n, NULL), STORE_OK);
	n.date = D(2026, 11, 25);
	assert_int_equal(store_notice_add(f->st, &n, NULL), STORE_FUTURE);
	n.date = D(2026, 6, 1);
	assert_int_equal(store_notice_add(f->st, &n, NULL), STORE_BACKDATED);
	const store_backdate *b = store_last_backdate(f->st);
	assert_int_equal(b->first.y, 2026);
	assert_int_equal(b->first.m, 7);
	assert_int_equal(b->first.d, 2);
	assert_int_equal(b->before, ELIG_NOT_NOTIFIED);
	assert_int_equal(b->after, ELIG_MAY_FLOW);
	n.confirm_backdated = true;
	assert_int_equal(store_notice_add(f->st, &n, NULL), STORE_OK);
	assert_false(n.stop_in_effect);
	/* capacity and death obey the same rules */
	assert_int_equal(store_patient_set_capacity(f->st, id, true, D(2026, 11, 25), "", "", true),
	                 STORE_FUTURE);
	assert_int_equal(store_patient_set_death(f->st, id, D(2026, 12, 1), "", true), STORE_FUTURE);
}

static void test_open_refuses_newer(void **state)
{
	fixture *f = *state;
	store_close(f->st);
	f->st = NULL;
	sqlite3 *db = raw_open(f->path);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	store *st = NULL;
	assert_int_equal(store_open(f->path, &st), STORE_NEWER);
	assert_null(st);
	assert_non_null(strstr(store_last_error(NULL), "99"));
}

static void test_open_refuses_foreign(void **state)
{
	fixture *f = *state;
	char path[320];
	store *st = NULL;

	snprintf(path, sizeof path, "%s/text.txt", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database at all\n", fp);
	fclose(fp);
	assert_int_equal(store_open(path, &st), STORE_CORRUPT);

	snprintf(path, sizeof path, "%s/other.sqlite3", f->dir);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, &st), STORE_CORRUPT);
	/* ... and it was left as it was. */
	db = raw_open(path);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(db);

	assert_int_equal(store_open("", &st), STORE_CANTOPEN);
	assert_null(st);
}

static void test_rc_messages(void **state)
{
	(void)state;
	for (int rc = STORE_OK; rc <= STORE_ERROR; rc++) {
		const char *m = store_rc_message((store_rc)rc);
		assert_non_null(m);
		assert_true(strlen(m) > 4);
		assert_null(strstr(m, "SQL"));
		assert_true(m[strlen(m) - 1] == '.');
	}
}

/* ---- settings ------------------------------------------------------------------ */

static void test_clinic_settings(void **state)
{
	fixture *f = *state;
	assert_false(store_initialized(f->st));
	clinic_settings c;
	assert_int_equal(store_clinic_get(f->st, &c), STORE_OK);
	assert_int_equal(c.wait_months, 1);
	assert_int_equal(c.retention_years, 3);
	assert_string_equal(c.national_url, "");

	snprintf(c.name, sizeof c.name, "さくら内科クリニック");
	snprintf(c.phone, sizeof c.phone, "03-1234-5678");
	c.retention_years = 2;
	assert_int_equal(store_clinic_set(f->st, &c), STORE_INVALID);
	assert_false(store_initialized(f->st));
	c.retention_years = 5;
	c.wait_months = 2;
	assert_int_equal(store_clinic_set(f->st, &c), STORE_OK);
	assert_true(store_initialized(f->st));
	clinic_settings back;
	assert_int_equal(store_clinic_get(f->st, &back), STORE_OK);
	assert_string_equal(back.name, "さくら内科クリニック");
	assert_string_equal(back.phone, "03-1234-5678");
	assert_int_equal(back.retention_years, 5);
	assert_int_equal(back.wait_months, 2);

	char v[64];
	assert_int_equal(store_setting_get(f->st, "nope", v, sizeof v), STORE_NOT_FOUND);
	assert_int_equal(store_setting_set(f->st, "printer", "desk-1"), STORE_OK);
	assert_int_equal(store_setting_get(f->st, "printer", v, sizeof v), STORE_OK);
	assert_string_equal(v, "desk-1");
}

static bool count_ops(const operator_rec *op, void *ctx)
{
	int *n = ctx;
	if (op->active)
		(*n)++;
	return true;
}

static void test_operators(void **state)
{
	fixture *f = *state;
	operator_rec op = { .kind = 'a', .active = true };
	snprintf(op.name, sizeof op.name, "一般財団法人日本医師会医療情報管理機構");
	assert_int_equal(store_operator_add(f->st, &op), STORE_OK);
	operator_rec bad = { .kind = 'x', .active = true };
	snprintf(bad.name, sizeof bad.name, "X");
	assert_int_equal(store_operator_add(f->st, &bad), STORE_INVALID);
	int n = 0;
	assert_int_equal(store_operator_list(f->st, count_ops, &n), STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_operator_set_active(f->st, op.id, false), STORE_OK);
	n = 0;
	assert_int_equal(store_operator_list(f->st, count_ops, &n), STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_operator_set_active(f->st, 999, false), STORE_NOT_FOUND);
}

/* ---- patients -------------------------------------------------------------------- */

static void test_patient_add_get(void **state)
{
	fixture *f = *state;
	int64_t id = add_patient(f->st, "000123", "山田 太郎", "ヤマダ タロウ", D(1980, 2, 29));
	patient p;
	assert_int_equal(store_patient_get(f->st, "000123", &p), STORE_OK);
	assert_int_equal(p.id, id);
	assert_string_equal(p.kana, "ヤマダ タロウ");
	assert_true(p.birth_known);
	assert_int_equal(p.birth.y, 1980);
	assert_int_equal(p.birth.m, 2);
	assert_int_equal(p.birth.d, 29);
	assert_false(p.died);
	assert_false(p.unable);
	assert_int_equal(store_patient_get(f->st, "000124", &p), STORE_NOT_FOUND);

	patient dup = { 0 };
	snprintf(dup.number, sizeof dup.number, "000123");
	snprintf(dup.name, sizeof dup.name, "別人");
	snprintf(dup.kana, sizeof dup.kana, "ベツジン");
	assert_int_equal(store_patient_add(f->st, &dup), STORE_EXISTS);

	patient bad = { 0 };
	snprintf(bad.number, sizeof bad.number, "000125");
	snprintf(bad.name, sizeof bad.name, "鈴木");
	snprintf(bad.kana, sizeof bad.kana, "鈴木");   /* not kana */
	assert_int_equal(store_patient_add(f->st, &bad), STORE_INVALID);
	snprintf(bad.kana, sizeof bad.kana, "スズキ");
	snprintf(bad.number, sizeof bad.number, "12 34");
	assert_int_equal(store_patient_add(f->st, &bad), STORE_INVALID);

	/* Unknown birth date is stored as unknown. */
	snprintf(bad.number, sizeof bad.number, "000126");
	bad.birth_known = false;
	assert_int_equal(store_patient_add(f->st, &bad), STORE_OK);
	assert_int_equal(store_patient_get(f->st, "000126", &p), STORE_OK);
	assert_false(p.birth_known);

	/* Derived facts follow the events. */
	assert_int_equal(store_patient_set_contact(f->st, id, "090-1111-2222", "東京都港区", "佐藤"), STORE_OK);
	assert_int_equal(store_patient_set_capacity(f->st, id, true, D(2026, 1, 5), "認知症", "佐藤", true), STORE_OK);
	assert_int_equal(store_patient_set_death(f->st, id, D(2026, 3, 1), "佐藤", true), STORE_OK);
	assert_int_equal(store_patient_set_death(f->st, id, D(2026, 3, 2), "佐藤", true), STORE_OK);
	assert_int_equal(store_patient_get_id(f->st, id, &p), STORE_OK);
	assert_string_equal(p.phone, "090-1111-2222");
	assert_string_equal(p.address, "東京都港区");
	assert_true(p.unable);
	assert_true(p.died);
	assert_int_equal(p.death.d, 2);   /* the later event corrects */
	assert_int_equal(store_patient_set_death(f->st, 9999, D(2026, 3, 2), "", true), STORE_NOT_FOUND);
	assert_int_equal(store_patient_set_death(f->st, id, D(2026, 2, 30), "", true), STORE_INVALID);
}

typedef struct found {
	int n;
	char numbers[16][STORE_NUMBER_SIZE];
} found;

static bool collect_found(const patient *p, void *ctx)
{
	found *fd = ctx;
	if (fd->n < 16)
		snprintf(fd->numbers[fd->n], STORE_NUMBER_SIZE, "%s", p->number);
	fd->n++;
	return true;
}

static found find(store *st, const char *number, const char *key, const od_date *birth)
{
	patient_query q = { 0 };
	if (number) {
		q.by_number = true;
		snprintf(q.number, sizeof q.number, "%s", number);
	}
	if (key) {
		q.by_key = true;
		assert_true(text_search_key(key, q.key, sizeof q.key));
	}
	if (birth) {
		q.by_birth = true;
		q.birth = *birth;
	}
	found fd = { 0 };
	assert_int_equal(store_patient_find(st, &q, 10, collect_found, &fd), STORE_OK);
	return fd;
}

static void test_patient_find(void **state)
{
	fixture *f = *state;
	add_patient(f->st, "1001", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	add_patient(f->st, "1002", "山本 花子", "ヤマモト ハナコ", D(1985, 6, 15));
	add_patient(f->st, "2001", "佐藤 一郎", "サトウ イチロウ", D(1970, 1, 1));
	add_patient(f->st, "10010", "やまだ あい", "ヤマダ アイ", D(2001, 4, 1));

	found fd = find(f->st, "100", NULL, NULL);
	assert_int_equal(fd.n, 3);
	/* ordered by kana key: やまだあい, やまだたろう, やまもとはなこ */
	assert_string_equal(fd.numbers[0], "10010");
	assert_string_equal(fd.numbers[1], "1001");
	assert_string_equal(fd.numbers[2], "1002");

	fd = find(f->st, NULL, "やまだ", NULL);   /* hiragana finds katakana */
	assert_int_equal(fd.n, 2);
	fd = find(f->st, NULL, "ﾔﾏﾓﾄ", NULL);     /* half-width too */
	assert_int_equal(fd.n, 1);
	assert_string_equal(fd.numbers[0], "1002");
	fd = find(f->st, NULL, "山", NULL);       /* name prefix */
	assert_int_equal(fd.n, 2);
	fd = find(f->st, NULL, "佐藤", NULL);
	assert_int_equal(fd.n, 1);
	assert_string_equal(fd.numbers[0], "2001");
	od_date b = D(1970, 1, 1);
	fd = find(f->st, NULL, NULL, &b);
	assert_int_equal(fd.n, 2);
	assert_string_equal(fd.numbers[0], "2001");   /* さとう before やまだ */
	fd = find(f->st, "9", "zzz", NULL);
	assert_int_equal(fd.n, 0);
	/* a number that is also a birth date: the union, no duplicates */
	fd = find(f->st, "2001", NULL, &b);
	assert_int_equal(fd.n, 2);
}

/* Every search part must be an index range: a full scan of a million rows
 * would make search-as-you-type unusable. */
static void test_find_uses_indexes(void **state)
{
	fixture *f = *state;
	sqlite3 *db = raw_open(f->path);
	for (int part = 0; part < 4; part++) {
		char sql[1024];
		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", store_find_sql(part));
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		sqlite3_bind_text(s, 1, part == 3 ? "1970-01-01" : "12", -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, 10);
		char plan[1024] = "";
		while (sqlite3_step(s) == SQLITE_ROW) {
			strncat(plan, (const char *)sqlite3_column_text(s, 3), sizeof plan - strlen(plan) - 2);
			strcat(plan, ";");
		}
		sqlite3_finalize(s);
		print_message("part %d: %s\n", part, plan);
		assert_true(strstr(plan, "USING INDEX") || strstr(plan, "USING COVERING INDEX"));
		assert_non_null(strstr(plan, "SEARCH"));   /* a seek, not a SCAN */
		assert_null(strstr(plan, "TEMP B-TREE"));  /* no sort of all matches */
	}
	sqlite3_close(db);
}

/* store_eligible streams: every cursor walks a table or an index in the
 * order it is stored, never through a sort of the whole master; the
 * numbers come from the number index alone. */
static void test_eligible_streams(void **state)
{
	fixture *f = *state;
	sqlite3 *db = raw_open(f->path);
	for (int part = 0; store_eligible_sql(part) != NULL; part++) {
		char sql[1024];
		snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", store_eligible_sql(part));
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		char plan[1024] = "";
		while (sqlite3_step(s) == SQLITE_ROW) {
			strncat(plan, (const char *)sqlite3_column_text(s, 3), sizeof plan - strlen(plan) - 2);
			strcat(plan, ";");
		}
		sqlite3_finalize(s);
		print_message("cursor %d: %s\n", part, plan);
		assert_null(strstr(plan, "TEMP B-TREE"));
		if (part >= 1 && part <= 4)
			assert_non_null(strstr(plan, "_patient"));
		if (part == 5)
			assert_non_null(strstr(plan, "COVERING INDEX sqlite_autoindex_patients_1"));
	}
	sqlite3_close(db);
}

/* ---- append-only ------------------------------------------------------------------ */

static void test_events_append_only(void **state)
{
	fixture *f = *state;
	add_version(f->st);
	int64_t id = add_patient(f->st, "1001", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	notice_rec n;
	request_rec r;
	assert_int_equal(notice(f->st, id, D(2026, 1, 10), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(request(f->st, id, true, D(2026, 2, 1), REQ_SELF, false, &r, NULL), STORE_OK);
	assert_int_equal(store_patient_set_capacity(f->st, id, true, D(2026, 1, 5), "", "", true), STORE_OK);
	assert_int_equal(store_patient_set_death(f->st, id, D(2026, 3, 1), "", true), STORE_OK);
	assert_int_equal(store_patient_set_contact(f->st, id, "03", "", ""), STORE_OK);

	sqlite3 *db = raw_open(f->path);
	static const char *const tables[] = {
		"notices", "requests", "capacity_events", "death_events", "contact_events",
		"notice_versions",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "UPDATE %s SET staff = 'x'", tables[i]);
		if (strcmp(tables[i], "notice_versions") == 0)
			snprintf(sql, sizeof sql, "UPDATE %s SET note = 'x'", tables[i]);
		int src = sqlite3_exec(db, sql, NULL, NULL, NULL);
		assert_int_equal(src & 0xff, SQLITE_CONSTRAINT);
		assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
		snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i]);
		src = sqlite3_exec(db, sql, NULL, NULL, NULL);
		assert_int_equal(src & 0xff, SQLITE_CONSTRAINT);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		assert_int_equal(raw_int(db, sql), 1);
	}
	assert_int_equal(sqlite3_exec(db, "DELETE FROM patients", NULL, NULL, NULL) & 0xff,
	                 SQLITE_CONSTRAINT);
	/* CHECK constraints guard dates and enums against other writers too. */
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO death_events(id, patient_id, date, recorded_at)"
		" VALUES (900, 1, '2026-02-30', '2026-01-01T00:00:00Z')", NULL, NULL, NULL) & 0xff,
		SQLITE_CONSTRAINT);
	sqlite3_close(db);
}

/* ---- notices and requests ------------------------------------------------------------ */

static void test_notice_rules(void **state)
{
	fixture *f = *state;
	int64_t adult = add_patient(f->st, "1001", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	int64_t child = add_patient(f->st, "1002", "山田 一郎", "ヤマダ イチロウ", D(2015, 5, 1));
	notice_rec n;
	rule_verdict v;

	/* Before init there is no notice version to record against. */
	assert_int_equal(notice(f->st, adult, D(2026, 1, 10), REQ_SELF, &n, &v), STORE_NOT_FOUND);
	add_version(f->st);

	assert_int_equal(notice(f->st, adult, D(2026, 1, 10), REQ_SELF, &n, &v), STORE_OK);
	assert_true(v.ok);
	assert_int_equal(n.ref[0], 'N');
	assert_int_equal(n.version, 1);
	assert_true(n.id > 0);
	assert_int_equal(strlen(n.recorded_at), 20);
	assert_int_equal(n.recorded_at[10], 'T');

	/* A notice handed only to a child under 16 does not count: refused. */
	assert_int_equal(notice(f->st, child, D(2026, 1, 10), REQ_SELF, &n, &v), STORE_REFUSED);
	assert_false(v.ok);
	assert_true(v.fits & (1u << REQ_GUARDIAN));
	assert_non_null(v.why);
	assert_int_equal(notice(f->st, child, D(2026, 1, 10), REQ_GUARDIAN, &n, &v), STORE_OK);
	notice_rec back;
	assert_int_equal(store_notice_get_ref(f->st, n.ref, &back), STORE_OK);
	assert_int_equal(back.patient_id, child);
	assert_int_equal(back.to, REQ_GUARDIAN);
	assert_string_equal(back.recipient, "山田 花子");
	assert_int_equal(back.date.d, 10);

	assert_int_equal(notice(f->st, 999, D(2026, 1, 10), REQ_SELF, &n, &v), STORE_NOT_FOUND);
	assert_int_equal(notice(f->st, adult, D(2026, 13, 1), REQ_SELF, &n, &v), STORE_INVALID);
	/* A relationship that does not fit the kind is refused as input. */
	memset(&n, 0, sizeof n);
	n.patient_id = child;
	n.date = D(2026, 1, 11);
	n.to = REQ_GUARDIAN;
	n.rel = REL_SPOUSE;
	assert_int_equal(store_notice_add(f->st, &n, &v), STORE_INVALID);

	/* Versions: same hash is not a new version; a new one is. */
	int64_t vid = 0;
	bool created = true;
	assert_int_equal(store_notice_version_add(f->st, HASH1, true, "", &vid, &created), STORE_OK);
	assert_false(created);
	assert_int_equal(vid, 1);
	assert_int_equal(store_notice_version_add(f->st, HASH2, false, "電話番号変更", &vid, &created), STORE_OK);
	assert_true(created);
	notice_version cur;
	int64_t material = 0;
	assert_int_equal(store_notice_version_current(f->st, &cur, &material), STORE_OK);
	assert_int_equal(cur.id, vid);
	assert_string_equal(cur.hash, HASH2);
	assert_int_equal(material, 1);
	assert_int_equal(store_notice_version_add(f->st, "abc", false, "", &vid, &created), STORE_INVALID);
}

static void test_request_rules(void **state)
{
	fixture *f = *state;
	add_version(f->st);
	int64_t teen = add_patient(f->st, "1001", "山田 次郎", "ヤマダ ジロウ", D(2009, 1, 1));
	int64_t child = add_patient(f->st, "1002", "山田 一郎", "ヤマダ イチロウ", D(2015, 5, 1));
	request_rec r;
	rule_verdict v;

	/* A parent of a 17-year-old: a mismatch, explained and refused... */
	assert_int_equal(request(f->st, teen, true, D(2026, 3, 1), REQ_GUARDIAN, false, &r, &v),
	                 STORE_REFUSED);
	assert_false(v.ok);
	assert_true(v.overridable);
	assert_true(v.fits & (1u << REQ_SELF));
	/* ... and recorded when staff confirm, keeping the mismatch. */
	assert_int_equal(request(f->st, teen, true, D(2026, 3, 1), REQ_GUARDIAN, true, &r, &v),
	                 STORE_OK);
	assert_true(r.mismatch);
	assert_int_equal(r.ref[0], 'R');
	request_rec back;
	assert_int_equal(store_request_get_ref(f->st, r.ref, &back), STORE_OK);
	assert_true(back.mismatch);
	assert_true(back.stop);
	assert_int_equal(back.by, REQ_GUARDIAN);
	assert_int_equal(back.idc, ID_INSURANCE);
	assert_string_equal(back.name, "山田 花子");

	/* A withdrawal is strict: a child under 16 cannot withdraw, even with
	 * confirmation; the guardian can. */
	assert_int_equal(request(f->st, child, true, D(2026, 3, 1), REQ_SELF, false, &r, &v), STORE_OK);
	assert_false(r.mismatch);
	assert_int_equal(request(f->st, child, false, D(2026, 4, 1), REQ_SELF, true, &r, &v),
	                 STORE_REFUSED);
	assert_false(v.ok);
	assert_int_equal(request(f->st, child, false, D(2026, 4, 1), REQ_GUARDIAN, false, &r, &v),
	                 STORE_OK);
	assert_false(r.stop);
	assert_int_equal(store_request_get_ref(f->st, "R-XXXX-XXXX", &back), STORE_NOT_FOUND);
}

typedef struct hist {
	int n;
	history_kind kinds[16];
	od_date dates[16];
} hist;

static bool collect_hist(const history_item *h, void *ctx)
{
	hist *x = ctx;
	if (x->n < 16) {
		x->kinds[x->n] = h->kind;
		x->dates[x->n] = h->date;
	}
	x->n++;
	return true;
}

static void test_history_order(void **state)
{
	fixture *f = *state;
	add_version(f->st);
	int64_t id = add_patient(f->st, "1001", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	notice_rec n;
	request_rec r;
	assert_int_equal(request(f->st, id, true, D(2026, 3, 1), REQ_SELF, false, &r, NULL), STORE_OK);
	assert_int_equal(notice(f->st, id, D(2026, 1, 10), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(request(f->st, id, false, D(2026, 3, 1), REQ_SELF, false, &r, NULL), STORE_OK);
	assert_int_equal(store_patient_set_capacity(f->st, id, true, D(2026, 2, 1), "", "", true), STORE_OK);
	assert_int_equal(store_patient_set_capacity(f->st, id, false, D(2026, 2, 20), "", "", true), STORE_OK);
	hist h = { 0 };
	assert_int_equal(store_history(f->st, id, collect_hist, &h), STORE_OK);
	assert_int_equal(h.n, 5);
	/* same date: the later recorded (the withdrawal) comes first */
	assert_int_equal(h.kinds[0], HIST_WITHDRAW);
	assert_int_equal(h.kinds[1], HIST_STOP);
	assert_int_equal(h.kinds[2], HIST_ABLE);
	assert_int_equal(h.kinds[3], HIST_UNABLE);
	assert_int_equal(h.kinds[4], HIST_NOTICE);
	assert_int_equal(h.dates[4].m, 1);
	assert_int_equal(store_history(f->st, 999, collect_hist, &h), STORE_NOT_FOUND);
}

/* ---- eligibility ------------------------------------------------------------------------ */

static bool collect_numbers(const char *number, void *ctx)
{
	found *fd = ctx;
	if (fd->n < 16)
		snprintf(fd->numbers[fd->n], STORE_NUMBER_SIZE, "%s", number);
	fd->n++;
	return true;
}

static void test_status_and_eligible(void **state)
{
	fixture *f = *state;
	add_version(f->st);
	/* inserted out of number order on purpose */
	int64_t b = add_patient(f->st, "200", "佐藤 一郎", "サトウ イチロウ", D(1960, 5, 5));
	int64_t a = add_patient(f->st, "100", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	int64_t c = add_patient(f->st, "150", "鈴木 花子", "スズキ ハナコ", D(1980, 3, 3));
	int64_t d = add_patient(f->st, "300", "田中 実", "タナカ ミノル", D(1990, 7, 7));
	add_patient(f->st, "050", "高橋 誠", "タカハシ マコト", D(1955, 1, 1));   /* never notified */
	notice_rec n;
	request_rec r;
	assert_int_equal(notice(f->st, a, D(2026, 1, 10), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(notice(f->st, b, D(2026, 1, 10), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(notice(f->st, c, D(2026, 1, 10), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(notice(f->st, d, D(2026, 2, 20), REQ_SELF, &n, NULL), STORE_OK);
	assert_int_equal(request(f->st, c, true, D(2026, 2, 1), REQ_SELF, false, &r, NULL), STORE_OK);

	elig_result er;
	assert_int_equal(store_patient_status(f->st, a, D(2026, 1, 20), &er), STORE_OK);
	assert_int_equal(er.state, ELIG_WAITING);
	assert_int_equal(store_patient_status(f->st, a, D(2026, 3, 1), &er), STORE_OK);
	assert_int_equal(er.state, ELIG_MAY_FLOW);
	assert_int_equal(er.flow_from.m, 2);
	assert_int_equal(er.flow_from.d, 11);
	assert_int_equal(store_patient_status(f->st, c, D(2026, 3, 1), &er), STORE_OK);
	assert_int_equal(er.state, ELIG_STOPPED);
	assert_int_equal(store_patient_status(f->st, 999, D(2026, 3, 1), &er), STORE_NOT_FOUND);

	found fd = { 0 };
	assert_int_equal(store_eligible(f->st, D(2026, 3, 1), collect_numbers, &fd), STORE_OK);
	assert_int_equal(fd.n, 2);
	assert_string_equal(fd.numbers[0], "100");
	assert_string_equal(fd.numbers[1], "200");
	fd.n = 0;
	assert_int_equal(store_eligible(f->st, D(2026, 4, 1), collect_numbers, &fd), STORE_OK);
	assert_int_equal(fd.n, 3);
	assert_string_equal(fd.numbers[2], "300");

	/* A material new version: everyone needs notice again. */
	int64_t vid;
	bool created;
	assert_int_equal(store_notice_version_add(f->st, HASH2, true, "新しい事業者", &vid, &created), STORE_OK);
	fd.n = 0;
	assert_int_equal(store_eligible(f->st, D(2026, 4, 1), collect_numbers, &fd), STORE_OK);
	assert_int_equal(fd.n, 0);
	assert_int_equal(store_patient_status(f->st, a, D(2026, 4, 1), &er), STORE_OK);
	assert_int_equal(er.state, ELIG_NEEDS_RENOTICE);

	store_elig e;
	assert_int_equal(store_elig_load(f->st, c, &e), STORE_OK);
	assert_int_equal(e.in.nnotices, 1);
	assert_int_equal(e.in.nrequests, 1);
	assert_int_equal(e.in.material_version, vid);
	assert_int_equal(e.in.wait_months, 1);
	store_elig_free(&e);
}

/* ---- several desks ------------------------------------------------------------------------ */

#define DESK_ROWS 150

static int desk_writes(const char *path, char prefix)
{
	store *st = NULL;
	if (store_open_mode(path, STORE_CREATE, &st) != STORE_OK)
		return 1;
	int bad = 0;
	for (int i = 0; i < DESK_ROWS; i++) {
		patient p = { .sex = 'u', .birth_known = true, .birth = { 1970, 1, 1 } };
		snprintf(p.number, sizeof p.number, "%c%04d", prefix, i);
		snprintf(p.name, sizeof p.name, "患者 %d", i);
		snprintf(p.kana, sizeof p.kana, "カンジャ");
		store_rc rc = store_patient_add(st, &p);
		if (rc == STORE_OK)
			rc = store_patient_set_contact(st, p.id, "03", "", "");
		if (rc != STORE_OK) {
			fprintf(stderr, "desk %c: %s (%s)\n", prefix, store_rc_message(rc),
			        store_last_error(st));
			bad++;
		}
	}
	store_close(st);
	return bad;
}

static void test_two_desks_write(void **state)
{
	fixture *f = *state;
	/* No SQLite connection may cross a fork. */
	store_close(f->st);
	f->st = NULL;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(desk_writes(f->path, 'A') ? 1 : 0);
	int bad = desk_writes(f->path, 'B');
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(bad, 0);
	sqlite3 *db = raw_open(f->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM patients"), 2 * DESK_ROWS);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM contact_events"), 2 * DESK_ROWS);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &f->st), STORE_OK);
}

static void test_batch(void **state)
{
	fixture *f = *state;
	assert_int_equal(store_batch_begin(f->st), STORE_OK);
	add_patient(f->st, "1", "山田 太郎", "ヤマダ タロウ", D(1970, 1, 1));
	patient dup = { .sex = 'u' };
	snprintf(dup.number, sizeof dup.number, "1");
	snprintf(dup.name, sizeof dup.name, "x");
	snprintf(dup.kana, sizeof dup.kana, "エックス");
	assert_int_equal(store_patient_add(f->st, &dup), STORE_EXISTS);   /* undone alone */
	add_patient(f->st, "2", "山田 花子", "ヤマダ ハナコ", D(1970, 1, 1));
	assert_int_equal(store_batch_end(f->st, true), STORE_OK);
	patient p;
	assert_int_equal(store_patient_get(f->st, "2", &p), STORE_OK);

	assert_int_equal(store_batch_begin(f->st), STORE_OK);
	add_patient(f->st, "3", "山田 三郎", "ヤマダ サブロウ", D(1970, 1, 1));
	assert_int_equal(store_batch_end(f->st, false), STORE_OK);
	assert_int_equal(store_patient_get(f->st, "3", &p), STORE_NOT_FOUND);
}

/* Issue 12: a screen arms its form's request id, saves, and reloads: a
 * read that finds nothing, then reads that do, must all answer as before
 * (a read once tried to record the id a second time). A second save with
 * the same id gives STORE_REPLAYED, another patient's add STORE_CONFLICT. */
static void test_request_id_armed_reads(void **state)
{
	fixture *f = *state;
	patient p = { .sex = 'u', .birth_known = true, .birth = { 1970, 1, 1 } };
	snprintf(p.number, sizeof p.number, "501");
	snprintf(p.name, sizeof p.name, "山田 太郎");
	snprintf(p.kana, sizeof p.kana, "ヤマダ タロウ");
	assert_int_equal(store_request_id_arm(f->st, "form-1", "tui-form", ""), STORE_OK);
	assert_int_equal(store_patient_add(f->st, &p), STORE_OK);
	patient got;
	assert_int_equal(store_patient_get(f->st, "999", &got), STORE_NOT_FOUND);
	assert_int_equal(store_patient_get(f->st, "501", &got), STORE_OK);
	elig_result res;
	assert_int_equal(store_patient_status(f->st, got.id, D(2026, 11, 24), &res), STORE_OK);
	patient other = p;   /* a second write of the same screen: not a retry */
	snprintf(other.number, sizeof other.number, "502");
	snprintf(other.kana, sizeof other.kana, "ヤマダ ジロウ");
	snprintf(other.name, sizeof other.name, "山田 次郎");
	assert_int_equal(store_patient_add(f->st, &other), STORE_OK);
	patient again = p;
	assert_int_equal(store_request_id_arm(f->st, "form-1", "tui-form", ""), STORE_OK);
	assert_int_equal(store_patient_add(f->st, &again), STORE_REPLAYED);
	assert_string_equal(store_request_id_result(f->st), "501");
	assert_int_equal(store_request_id_arm(f->st, "form-1", "notice", "501"), STORE_OK);
	assert_int_equal(store_request_id_lookup(f->st), STORE_CONFLICT);
	assert_int_equal(store_request_id_arm(f->st, "bad key", "notice", ""), STORE_INVALID);
	store_request_id_arm(f->st, NULL, NULL, NULL);
}

static void test_default_path(void **state)
{
	(void)state;
	char buf[STORE_PATH_MAX];
	setenv("OPTOUT_DESK_DB", "/x/y.sqlite3", 1);
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/x/y.sqlite3");
	unsetenv("OPTOUT_DESK_DB");
	setenv("XDG_DATA_HOME", "/data", 1);
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/data/optout-desk/desk.sqlite3");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/desk", 1);
	assert_true(store_default_path(buf, sizeof buf));
	assert_string_equal(buf, "/home/desk/.local/share/optout-desk/desk.sqlite3");
	assert_false(store_default_path(buf, 8));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_creates_private_file),
		T(test_open_refuses_newer),
		T(test_open_refuses_foreign),
		cmocka_unit_test(test_rc_messages),
		T(test_migration_from_1),
		T(test_backdated_and_future),
		T(test_clinic_settings),
		T(test_operators),
		T(test_patient_add_get),
		T(test_patient_find),
		T(test_find_uses_indexes),
		T(test_eligible_streams),
		T(test_events_append_only),
		T(test_notice_rules),
		T(test_request_rules),
		T(test_history_order),
		T(test_status_and_eligible),
		T(test_two_desks_write),
		T(test_batch),
		T(test_request_id_armed_reads),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
