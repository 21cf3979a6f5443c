/* Benchmark of store/ on a million-patient master: prints figures and their
 * ratio to the targets (search p99 < 5 ms, eligible < 10 s). Never asserts
 * times: machines differ; people read the figures.
 *
 *   make bench                       1,000,000 patients
 *   BENCH_PATIENTS=100000 make bench a quicker run
 *
 * The database lives in $TMPDIR (or /tmp) and is deleted afterwards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/age.h"
#include "core/query.h"
#include "core/rules.h"
#include "core/text.h"
#include "store/store.h"
#include "tests/bench/bench_util.h"

#define QUERIES 200
#define LIMIT 50
#define TARGET_SEARCH_MS 5.0
#define TARGET_ELIGIBLE_S 10.0
#define TARGET_COUNTS_S 0.5     /* issue 13: the search header's counts */
/* issue 13: a year's report (counts by day, staff and kind, and the share
 * of states over the whole master) while the office waits at the screen */
#define TARGET_REPORT_S 12.0

static void number_of(long i, char out[STORE_NUMBER_SIZE])
{
	snprintf(out, STORE_NUMBER_SIZE, "%08ld", i + 1);
}

static bool die(const char *what, store *st, store_rc rc)
{
	fprintf(stderr, "bench: %s: %s (%s)\n", what, store_rc_message(rc), store_last_error(st));
	return false;
}

static bool build(store *st, long n)
{
	int64_t vid;
	bool created;
	store_rc rc = store_notice_version_add(st,
		"0000000000000000000000000000000000000000000000000000000000000001", true,
		"bench", &vid, &created);
	if (rc != STORE_OK)
		return die("notice version", st, rc);
	rc = store_batch_begin(st);
	if (rc != STORE_OK)
		return die("begin", st, rc);
	long notices = 0, stops = 0;
	for (long i = 0; i < n; i++) {
		const bench_name *s = &bench_surnames[bench_rnd((unsigned)bench_nsurnames)];
		const bench_name *g = &bench_given[bench_rnd((unsigned)bench_ngiven)];
		patient p = { 0 };
		number_of(i, p.number);
		snprintf(p.name, sizeof p.name, "%s %s", s->kanji, g->kanji);
		snprintf(p.kana, sizeof p.kana, "%s %s", s->kana, g->kana);
		p.birth_known = true;
		p.birth = bench_random_date((od_date){ 1925, 1, 1 }, (od_date){ 2026, 6, 30 });
		p.sex = "mf"[bench_rnd(2)];
		rc = store_patient_add(st, &p);
		if (rc != STORE_OK)
			return die("patient", st, rc);
		if (bench_rnd(100) < 30) {
			/* the master's past: back-dated on purpose */
			notice_rec nr = { .patient_id = p.id, .confirm_backdated = true };
			nr.date = bench_random_date((od_date){ 2024, 4, 1 }, (od_date){ 2026, 10, 31 });
			if (date_cmp(nr.date, p.birth) < 0)
				nr.date = p.birth;
			patient_facts f = { .birth_known = true, .birth = p.birth };
			nr.to = rules_proposed_recipient(rules_state_on(&f, nr.date));
			if (nr.to != REQ_SELF)
				snprintf(nr.recipient, sizeof nr.recipient, "%s 幸子", s->kanji);
			snprintf(nr.staff, sizeof nr.staff, "受付 %u", bench_rnd(8) + 1);
			rule_verdict v;
			rc = store_notice_add(st, &nr, &v);
			if (rc != STORE_OK)
				return die("notice", st, rc);
			notices++;
			if (bench_rnd(100) < 7) {   /* about 2% of all patients */
				request_rec r = { .patient_id = p.id, .stop = true,
				                  .ch = CH_DESK, .by = REQ_SELF, .idc = ID_INSURANCE,
				                  .confirm_backdated = true };
				r.date = date_add_days(nr.date, bench_rnd(200));
				if (date_cmp(r.date, store_today(st)) > 0)
					r.date = store_today(st);
				snprintf(r.staff, sizeof r.staff, "受付 %u", bench_rnd(8) + 1);
				rc = store_request_add(st, &r, true, &v);
				if (rc != STORE_OK)
					return die("stop", st, rc);
				stops++;
			}
		}
		if ((i + 1) % 100000 == 0) {
			printf("  %ld patients...\n", i + 1);
			fflush(stdout);
		}
	}
	rc = store_batch_end(st, true);
	if (rc != STORE_OK)
		return die("commit", st, rc);
	printf("master: %ld patients, %ld notices, %ld stops\n", n, notices, stops);
	return true;
}

static bool count_cb(const patient *p, void *ctx)
{
	(void)p;
	(*(long *)ctx)++;
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

typedef enum { Q_NUMBER, Q_KANA, Q_NAME, Q_BIRTH, Q_COUNT } qkind;
static const char *const qnames[] = {
	"number prefix", "kana prefix", "name prefix", "birth date"
};

static void make_query(qkind k, long n, patient_query *q)
{
	memset(q, 0, sizeof *q);
	const bench_name *s = &bench_surnames[bench_rnd((unsigned)bench_nsurnames)];
	char buf[64];
	switch (k) {
	case Q_NUMBER:   /* what a receptionist types: the first 5 of 8 digits */
		q->by_number = true;
		number_of((long)bench_rnd((unsigned)n), buf);
		snprintf(q->number, sizeof q->number, "%.5s", buf);
		break;
	case Q_KANA:     /* two kana, typed in hiragana */
		q->by_key = true;
		snprintf(buf, sizeof buf, "%.6s", s->kana);   /* 2 characters of 3 bytes */
		text_search_key(buf, q->key, sizeof q->key);
		break;
	case Q_NAME:
		q->by_key = true;
		text_search_key(s->kanji, q->key, sizeof q->key);
		break;
	case Q_BIRTH:
		q->by_birth = true;
		q->birth = bench_random_date((od_date){ 1925, 1, 1 }, (od_date){ 2026, 6, 30 });
		break;
	case Q_COUNT:
		break;
	}
}

static bool count_number(const char *number, void *ctx)
{
	(void)number;
	(*(long *)ctx)++;
	return true;
}

static void report(double value, double target, const char *unit)
{
	printf("  %8.3f %s  target %6.1f %s  ratio %5.2f %s\n", value, unit, target, unit,
	       value / target, value <= target ? "ok" : "SLOWER THAN TARGET");
}

int main(int argc, char **argv)
{
	long n = bench_patients(argc, argv);
	char dir[512], path[600];
	if (!bench_mkdtemp("optout-bench", dir, sizeof dir))
		return 1;
	snprintf(path, sizeof path, "%s/bench.sqlite3", dir);
	store *st = NULL;
	store_rc rc = store_open_mode(path, STORE_CREATE, &st);
	int status = 1;
	if (rc != STORE_OK) {
		fprintf(stderr, "bench: %s (%s)\n", store_rc_message(rc), store_last_error(NULL));
		goto out;
	}

	printf("optout-desk store benchmark (%s)\n", path);
	double t0 = bench_now();
	if (!build(st, n))
		goto out;
	printf("build: %.1f s (one transaction)\n\n", bench_now() - t0);

	printf("search, %d queries each, at most %d rows (median / p99):\n", QUERIES, LIMIT);
	for (int k = 0; k < Q_COUNT; k++) {
		double ms[QUERIES];
		long rows = 0;
		for (int i = 0; i < QUERIES; i++) {
			patient_query q;
			make_query((qkind)k, n, &q);
			double a = bench_now();
			rc = store_patient_find(st, &q, LIMIT, count_cb, &rows);
			ms[i] = (bench_now() - a) * 1000.0;
			if (rc != STORE_OK) {
				die("search", st, rc);
				goto out;
			}
		}
		qsort(ms, QUERIES, sizeof ms[0], cmp_double);
		printf("%-14s median %7.3f ms, p99 %7.3f ms, %.1f rows/query\n", qnames[k],
		       ms[QUERIES / 2], ms[QUERIES * 99 / 100], (double)rows / QUERIES);
		report(ms[QUERIES * 99 / 100], TARGET_SEARCH_MS, "ms");
	}

	long eligible = 0;
	double a = bench_now();
	rc = store_eligible(st, (od_date){ 2026, 12, 1 }, count_number, &eligible);
	double secs = bench_now() - a;
	if (rc != STORE_OK) {
		die("eligible", st, rc);
		goto out;
	}
	printf("\neligible on 2026-12-01 over %ld patients: %ld may flow\n", n, eligible);
	report(secs, TARGET_ELIGIBLE_S, "s ");

	/* Issue 13: the search screen counts the worklists each time it comes
	 * back (and when another desk saves), so this is a wait people feel. */
	int64_t counts[WL_COUNT];
	a = now_s();
	rc = store_worklist_counts(st, (od_date){ 2026, 11, 24 }, counts);
	secs = now_s() - a;
	if (rc != STORE_OK) {
		die("worklist counts", st, rc);
		goto out;
	}
	printf("\nworklist counts (the search header) over %ld patients: %lld not notified,"
	       " %lld to notify again, %lld duplicate pairs, %lld forwards\n", n,
	       (long long)counts[WL_NOT_NOTIFIED], (long long)counts[WL_RENOTICE],
	       (long long)counts[WL_DUPLICATES], (long long)counts[WL_FORWARDS]);
	report(secs, TARGET_COUNTS_S, "s ");
	report_counts *yr = malloc(sizeof *yr);
	if (yr == NULL)
		goto out;
	store_set_today(st, (od_date){ 2026, 12, 31 });
	report_init(yr, REPORT_YEAR, (od_date){ 2026, 1, 1 });
	a = now_s();
	rc = store_report_load(st, yr);
	secs = now_s() - a;
	if (rc != STORE_OK) {
		free(yr);
		die("report", st, rc);
		goto out;
	}
	printf("\nreport year 2026 over %ld patients: %ld notices, %ld stops\n", n,
	       report_sum(&yr->total, REV_NOTICE), report_sum(&yr->total, REV_STOP));
	free(yr);
	report(secs, TARGET_REPORT_S, "s ");
	status = 0;
out:
	store_close(st);
	bench_rmdir(dir);
	return status;
}
