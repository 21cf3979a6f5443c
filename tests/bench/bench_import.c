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
#include <unistd.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "core/date.h"
#include "core/text.h"
#include "tests/bench/bench_util.h"

#define TARGET_RATIO 1.5
#define TARGET_RSS_MB 64.0

/* Half-width kana of each name table entry (what ORCA's files hold). */
typedef struct half_kana { char s[64]; } half_kana;

static void make_half(const bench_name *t, size_t n, half_kana *out)
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
		u_strToUTF8(out[i].s, sizeof out[i].s, NULL, u, len, &e);
		if (U_FAILURE(e))
			snprintf(out[i].s, sizeof out[i].s, "%s", t[i].kana);
	}
	if (tr)
		utrans_close(tr);
}

/* Runs argv (stderr to /dev/null when quiet): seconds, and the
 * child's peak RSS in MB. */
static bool run(char *const argv[], bool quiet, double *secs, double *rss_mb)
{
	double t0 = bench_now();
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
	*secs = bench_now() - t0;
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
	long n = bench_patients(argc, argv);
	const char *desk = getenv("OPTOUT_DESK");
	if (!desk || !*desk)
		desk = "./optout-desk";
	char dir[512], cmd[4096];
	if (!bench_mkdtemp("optout-bench-import", dir, sizeof dir))
		return 1;
	half_kana *sur_half = calloc(bench_nsurnames, sizeof *sur_half);
	half_kana *giv_half = calloc(bench_ngiven, sizeof *giv_half);
	if (!sur_half || !giv_half) {
		perror("bench");
		free(sur_half);
		bench_rmdir(dir);
		return 1;
	}
	make_half(bench_surnames, bench_nsurnames, sur_half);
	make_half(bench_given, bench_ngiven, giv_half);
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
	double t0 = bench_now();
	for (long i = 0; i < n; i++) {
		unsigned si = bench_rnd((unsigned)bench_nsurnames), gi = bench_rnd((unsigned)bench_ngiven);
		const bench_name *s = &bench_surnames[si], *g = &bench_given[gi];
		char number[24], name[128], kana[128], half[128], birth[16], iso[DATE_ISO_SIZE];
		snprintf(number, sizeof number, "%08ld", i + 1);
		snprintf(name, sizeof name, "%s %s", s->kanji, g->kanji);
		snprintf(kana, sizeof kana, "%s %s", s->kana, g->kana);
		snprintf(half, sizeof half, "%s %s", sur_half[si].s, giv_half[gi].s);
		od_date b = bench_random_date((od_date){ 1925, 1, 1 }, (od_date){ 2024, 12, 31 });
		snprintf(birth, sizeof birth, "%04d%02d%02d", b.y, b.m, b.d);
		date_format_iso(b, iso);
		int sex = 1 + (int)bench_rnd(2);
		char phone[32];
		snprintf(phone, sizeof phone, "03-%04u-%04u", bench_rnd(10000), bench_rnd(10000));
		unsigned block = 1 + bench_rnd(30);
		/* ORCA layout: 番号, 漢字氏名, カナ氏名, 性別, 生年月日, 郵便番号, 住所, 電話番号 */
		fprintf(o, "%s,%s,%s,%d,%s,100-%04u,東京都千代田区千代田%u-%u,%s\r\n", number, name,
		        half, sex, birth, bench_rnd(10000), block, 1 + bench_rnd(20), phone);
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
		        i + 1, i + 1, phone, block, 1 + bench_rnd(20));
	}
	if (pclose(o) != 0 || fclose(p) != 0 || fclose(c) != 0) {
		fprintf(stderr, "bench: writing the files failed\n");
		goto out;
	}
	printf("files written in %.1f s\n\n", bench_now() - t0);

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
	free(sur_half);
	free(giv_half);
	bench_rmdir(dir);
	return status;
}
