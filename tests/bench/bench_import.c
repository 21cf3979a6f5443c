/* Benchmark of `optout-desk import patients` (issue 9) against sqlite3's
 * own .import of the same rows into the same tables with the same
 * indexes: prints the times, the ratios (target <= 1.5) and the importer's
 * peak RSS (target <= 64 MB). Never asserts: people read the figures.
 *
 *   make bench                        1,000,000 patients
 *   BENCH_PATIENTS=100000 make bench  a quicker run
 *
 * The master is written in the ORCA layout (exchange/orca-layout.md), in
 * CP932 with half-width kana, as a receipt computer exports it. sqlite3
 * gets the rows as it needs them: UTF-8, every column of the table (keys
 * computed here, untimed). The patients file has no merged_into column
 * (CSV cannot say NULL), so sqlite3 warns once per row; its warnings go to
 * /dev/null. Both run with the same page cache (32 MB). The desk also
 * writes an audit entry per row (issue 11), which sqlite3 does not. Files live in $TMPDIR (or /tmp) and are deleted afterwards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "core/date.h"
#include "core/text.h"

#define TARGET_RATIO 1.5
#define TARGET_RSS_MB 64.0

typedef struct name_part { const char *kanji, *kana; char half[64]; } name_part;
static name_part surnames[] = {
	{ "佐藤", "サトウ", "" }, { "鈴木", "スズキ", "" }, { "高橋", "タカハシ", "" },
	{ "田中", "タナカ", "" }, { "伊藤", "イトウ", "" }, { "渡辺", "ワタナベ", "" },
	{ "山本", "ヤマモト", "" }, { "中村", "ナカムラ", "" }, { "小林", "コバヤシ", "" },
	{ "加藤", "カトウ", "" }, { "吉田", "ヨシダ", "" }, { "山田", "ヤマダ", "" },
	{ "佐々木", "ササキ", "" }, { "山口", "ヤマグチ", "" }, { "松本", "マツモト", "" },
	{ "井上", "イノウエ", "" }, { "木村", "キムラ", "" }, { "林", "ハヤシ", "" },
	{ "斎藤", "サイトウ", "" }, { "清水", "シミズ", "" }, { "山崎", "ヤマザキ", "" },
	{ "森", "モリ", "" }, { "池田", "イケダ", "" }, { "橋本", "ハシモト", "" },
};
static name_part given[] = {
	{ "太郎", "タロウ", "" }, { "花子", "ハナコ", "" }, { "一郎", "イチロウ", "" },
	{ "健", "ケン", "" }, { "誠", "マコト", "" }, { "翔太", "ショウタ", "" },
	{ "陽菜", "ヒナ", "" }, { "蓮", "レン", "" }, { "結衣", "ユイ", "" },
	{ "大輔", "ダイスケ", "" }, { "美咲", "ミサキ", "" }, { "拓也", "タクヤ", "" },
	{ "恵子", "ケイコ", "" }, { "洋子", "ヨウコ", "" }, { "浩", "ヒロシ", "" },
	{ "幸子", "サチコ", "" },
};
#define NSUR (sizeof surnames / sizeof surnames[0])
#define NGIV (sizeof given / sizeof given[0])

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Half-width kana of the name tables (what ORCA's files hold). */
static void make_half(name_part *t, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar id[] = u"Fullwidth-Halfwidth";
	UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	for (size_t i = 0; i < n; i++) {
		UChar u[64];
		int32_t len = 0, limit;
		e = U_ZERO_ERROR;
		u_strFromUTF8(u, 64, &len, t[i].kana, -1, &e);
		limit = len;
		if (tr)
			utrans_transUChars(tr, u, &len, 64, 0, &limit, &e);
		u_strToUTF8(t[i].half, sizeof t[i].half, NULL, u, len, &e);
		if (U_FAILURE(e))
			snprintf(t[i].half, sizeof t[i].half, "%s", t[i].kana);
	}
	if (tr)
		utrans_close(tr);
}

/* Runs argv (stderr to /dev/null when quiet): seconds, and the
 * child's peak RSS in MB. */
static bool run(char *const argv[], bool quiet, double *secs, double *rss_mb)
{
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (quiet && !freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return false;
	*secs = now_s() - t0;
	*rss_mb = (double)ru.ru_maxrss / 1024.0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool shell(const char *cmd)
{
	int r = system(cmd);
	if (r != 0)
		fprintf(stderr, "bench: failed: %s\n", cmd);
	return r == 0;
}

int main(int argc, char **argv)
{
	long n = 1000000;
	const char *env = getenv("BENCH_PATIENTS");
	if (argc > 1)
		n = atol(argv[1]);
	else if (env && *env)
		n = atol(env);
	if (n < 1000)
		n = 1000;
	const char *desk = getenv("OPTOUT_DESK");
	if (!desk || !*desk)
		desk = "./optout-desk";
	const char *tmp = getenv("TMPDIR");
	char dir[512], cmd[4096];
	snprintf(dir, sizeof dir, "%s/optout-bench-import.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	make_half(surnames, NSUR);
	make_half(given, NGIV);
	char orca[600], pcsv[600], ccsv[600], db1[600], db2[600];
	snprintf(orca, sizeof orca, "%s/PTINF.CSV", dir);
	snprintf(pcsv, sizeof pcsv, "%s/patients.csv", dir);
	snprintf(ccsv, sizeof ccsv, "%s/contacts.csv", dir);
	snprintf(db1, sizeof db1, "%s/import.sqlite3", dir);
	snprintf(db2, sizeof db2, "%s/sqlite3.sqlite3", dir);
	int status = 1;

	printf("optout-desk import benchmark: %ld patients (%s)\n", n, dir);
	snprintf(cmd, sizeof cmd, "iconv -f UTF-8 -t CP932 > '%s'", orca);
	FILE *o = popen(cmd, "w");
	FILE *p = fopen(pcsv, "w"), *c = fopen(ccsv, "w");
	if (!o || !p || !c) {
		perror("bench: files");
		goto out;
	}
	double t0 = now_s();
	for (long i = 0; i < n; i++) {
		const name_part *s = &surnames[rnd(NSUR)], *g = &given[rnd(NGIV)];
		char number[24], name[128], kana[128], half[128], birth[16], iso[DATE_ISO_SIZE];
		snprintf(number, sizeof number, "%08ld", i + 1);
		snprintf(name, sizeof name, "%s %s", s->kanji, g->kanji);
		snprintf(kana, sizeof kana, "%s %s", s->kana, g->kana);
		snprintf(half, sizeof half, "%s %s", s->half, g->half);
		od_date b = date_from_days(date_to_days((od_date){ 1925, 1, 1 }) + (long)rnd(36500));
		snprintf(birth, sizeof birth, "%04d%02d%02d", b.y, b.m, b.d);
		date_format_iso(b, iso);
		int sex = 1 + (int)rnd(2);
		char phone[32];
		snprintf(phone, sizeof phone, "03-%04u-%04u", rnd(10000), rnd(10000));
		unsigned block = 1 + rnd(30);
		/* ORCA layout: 番号, 漢字氏名, カナ氏名, 性別, 生年月日, 郵便番号, 住所, 電話番号 */
		fprintf(o, "%s,%s,%s,%d,%s,100-%04u,東京都千代田区千代田%u-%u,%s\r\n", number, name,
		        half, sex, birth, rnd(10000), block, 1 + rnd(20), phone);
		char nk[TEXT_KEY_SIZE], kk[TEXT_KEY_SIZE], gn[TEXT_KEY_SIZE], gk[TEXT_KEY_SIZE];
		char numkey[32];
		text_search_key(name, nk, sizeof nk);
		text_search_key(kana, kk, sizeof kk);
		text_given_name_key(name, gn, sizeof gn);
		text_given_name_key(kana, gk, sizeof gk);
		text_number_key(number, numkey, sizeof numkey);
		fprintf(p, "%ld,%s,%s,%s,%s,%s,%s,%c,2026-11-24T00:00:00Z,%s,%s,%s\n", i + 1, number,
		        name, kana, nk, kk, iso, sex == 1 ? 'm' : 'f', numkey, gn, gk);
		fprintf(c, "%ld,%ld,2026-11-24,%s,東京都千代田区千代田%u-%u,,2026-11-24T00:00:00Z\n",
		        i + 1, i + 1, phone, block, 1 + rnd(20));
	}
	if (pclose(o) != 0 || fclose(p) != 0 || fclose(c) != 0) {
		fprintf(stderr, "bench: writing the files failed\n");
		goto out;
	}
	printf("files written in %.1f s\n\n", now_s() - t0);

	for (int k = 0; k < 2; k++) {
		snprintf(cmd, sizeof cmd,
		         "OPTOUT_DESK_DB='%s' '%s' init --clinic bench >/dev/null", k ? db2 : db1, desk);
		if (!shell(cmd))
			goto out;
	}
	double t_sql, rss_sql, t_imp, rss_imp, t_re, rss_re;
	/* The desk's own page cache (store/db.c: 32 MB), so that the two
	 * differ in what they do, not in how much they may cache. */
	char *sq[] = { "sqlite3", "-cmd", "PRAGMA cache_size = -32768", db2,
	               ".import --csv patients.csv patients",
	               ".import --csv contacts.csv contact_events", NULL };
	char sq1[700], sq2[700];
	snprintf(sq1, sizeof sq1, ".import --csv '%s' patients", pcsv);
	snprintf(sq2, sizeof sq2, ".import --csv '%s' contact_events", ccsv);
	sq[4] = sq1;
	sq[5] = sq2;
	if (!run(sq, true, &t_sql, &rss_sql)) {
		fprintf(stderr, "bench: sqlite3 .import failed\n");
		goto out;
	}
	setenv("OPTOUT_DESK_DB", db1, 1);
	char *imp[] = { (char *)desk, "import", "patients", "--format", "orca", orca, NULL };
	if (!run(imp, true, &t_imp, &rss_imp)) {
		fprintf(stderr, "bench: import failed\n");
		goto out;
	}
	if (!run(imp, true, &t_re, &rss_re)) {
		fprintf(stderr, "bench: re-import failed\n");
		goto out;
	}
	printf("\nsqlite3 .import (patients + contact_events): %6.2f s  (%.0f rows/s)\n",
	       t_sql, (double)n / t_sql);
	printf("import patients --format orca (CP932):     %6.2f s  ratio %.2f (target <= %.1f)  peak RSS %.1f MB (target <= %.0f)\n",
	       t_imp, t_imp / t_sql, TARGET_RATIO, rss_imp, TARGET_RSS_MB);
	printf("re-import, every row unchanged:            %6.2f s  ratio %.2f (target <= %.1f)  peak RSS %.1f MB\n",
	       t_re, t_re / t_sql, TARGET_RATIO, rss_re);
	status = 0;
out:
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
	return status;
}
