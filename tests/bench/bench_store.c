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
#include <time.h>
#include <unistd.h>

#include "core/age.h"
#include "core/query.h"
#include "core/rules.h"
#include "core/text.h"
#include "store/store.h"

#define QUERIES 200
#define LIMIT 50
#define TARGET_SEARCH_MS 5.0
#define TARGET_ELIGIBLE_S 10.0
/* issue 13: a year's report (counts by day, staff and kind, and the share
 * of states over the whole master) while the office waits at the screen */
#define TARGET_REPORT_S 12.0

typedef struct name_part { const char *kanji, *kana; } name_part;

/* Common surnames and given names, enough to give realistic clusters of
 * equal kana prefixes (a few percent of the master each). */
static const name_part surnames[] = {
	{ "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" }, { "田中", "タナカ" },
	{ "伊藤", "イトウ" }, { "渡辺", "ワタナベ" }, { "山本", "ヤマモト" }, { "中村", "ナカムラ" },
	{ "小林", "コバヤシ" }, { "加藤", "カトウ" }, { "吉田", "ヨシダ" }, { "山田", "ヤマダ" },
	{ "佐々木", "ササキ" }, { "山口", "ヤマグチ" }, { "松本", "マツモト" }, { "井上", "イノウエ" },
	{ "木村", "キムラ" }, { "林", "ハヤシ" }, { "斎藤", "サイトウ" }, { "清水", "シミズ" },
	{ "山崎", "ヤマザキ" }, { "森", "モリ" }, { "池田", "イケダ" }, { "橋本", "ハシモト" },
	{ "阿部", "アベ" }, { "石川", "イシカワ" }, { "山下", "ヤマシタ" }, { "中島", "ナカジマ" },
	{ "石井", "イシイ" }, { "小川", "オガワ" }, { "前田", "マエダ" }, { "岡田", "オカダ" },
	{ "長谷川", "ハセガワ" }, { "藤田", "フジタ" }, { "後藤", "ゴトウ" }, { "近藤", "コンドウ" },
	{ "村上", "ムラカミ" }, { "遠藤", "エンドウ" }, { "青木", "アオキ" }, { "坂本", "サカモト" },
	{ "斉藤", "サイトウ" }, { "福田", "フクダ" }, { "太田", "オオタ" }, { "西村", "ニシムラ" },
	{ "藤井", "フジイ" }, { "金子", "カネコ" }, { "岡本", "オカモト" }, { "藤原", "フジワラ" },
	{ "中野", "ナカノ" }, { "三浦", "ミウラ" }, { "原田", "ハラダ" }, { "松田", "マツダ" },
};
static const name_part given[] = {
	{ "太郎", "タロウ" }, { "花子", "ハナコ" }, { "一郎", "イチロウ" }, { "健", "ケン" },
	{ "誠", "マコト" }, { "翔太", "ショウタ" }, { "陽菜", "ヒナ" }, { "蓮", "レン" },
	{ "結衣", "ユイ" }, { "大輔", "ダイスケ" }, { "美咲", "ミサキ" }, { "拓也", "タクヤ" },
	{ "恵子", "ケイコ" }, { "洋子", "ヨウコ" }, { "浩", "ヒロシ" }, { "清", "キヨシ" },
	{ "幸子", "サチコ" }, { "和子", "カズコ" }, { "実", "ミノル" }, { "直樹", "ナオキ" },
	{ "優子", "ユウコ" }, { "悠真", "ユウマ" }, { "葵", "アオイ" }, { "湊", "ミナト" },
	{ "芽依", "メイ" }, { "健太", "ケンタ" }, { "由美", "ユミ" }, { "修", "オサム" },
	{ "明美", "アケミ" }, { "隆", "タカシ" }, { "真由美", "マユミ" }, { "大翔", "ヒロト" },
};
#define NSUR (sizeof surnames / sizeof surnames[0])
#define NGIV (sizeof given / sizeof given[0])

/* A small fixed-seed generator, so two runs build the same master. */
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

static od_date random_date(od_date from, od_date to)
{
	long a = date_to_days(from), b = date_to_days(to);
	return date_from_days(a + (long)rnd((unsigned)(b - a + 1)));
}

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
		const name_part *s = &surnames[rnd(NSUR)], *g = &given[rnd(NGIV)];
		patient p = { 0 };
		number_of(i, p.number);
		snprintf(p.name, sizeof p.name, "%s %s", s->kanji, g->kanji);
		snprintf(p.kana, sizeof p.kana, "%s %s", s->kana, g->kana);
		p.birth_known = true;
		p.birth = random_date((od_date){ 1925, 1, 1 }, (od_date){ 2026, 6, 30 });
		p.sex = "mf"[rnd(2)];
		rc = store_patient_add(st, &p);
		if (rc != STORE_OK)
			return die("patient", st, rc);
		if (rnd(100) < 30) {
			notice_rec nr = { .patient_id = p.id };
			nr.date = random_date((od_date){ 2024, 4, 1 }, (od_date){ 2026, 10, 31 });
			if (date_cmp(nr.date, p.birth) < 0)
				nr.date = p.birth;
			patient_facts f = { .birth_known = true, .birth = p.birth };
			nr.to = rules_proposed_recipient(rules_state_on(&f, nr.date));
			if (nr.to != REQ_SELF)
				snprintf(nr.recipient, sizeof nr.recipient, "%s 幸子", s->kanji);
			/* a master loaded from the past: the desk's back-dating
			 * question is answered once for all of it */
			nr.confirm_backdated = true;
			snprintf(nr.staff, sizeof nr.staff, "受付 %u", rnd(8) + 1);
			rule_verdict v;
			rc = store_notice_add(st, &nr, &v);
			if (rc != STORE_OK)
				return die("notice", st, rc);
			notices++;
			if (rnd(100) < 7) {   /* about 2% of all patients */
				request_rec r = { .patient_id = p.id, .stop = true,
				                  .ch = CH_DESK, .by = REQ_SELF, .idc = ID_INSURANCE };
				r.date = date_add_days(nr.date, rnd(200));
				if (date_cmp(r.date, store_today(st)) > 0)
					r.date = store_today(st);
				r.confirm_backdated = true;
				snprintf(r.staff, sizeof r.staff, "受付 %u", rnd(8) + 1);
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
	const name_part *s = &surnames[rnd(NSUR)];
	char buf[64];
	switch (k) {
	case Q_NUMBER:   /* what a receptionist types: the first 5 of 8 digits */
		q->by_number = true;
		number_of((long)rnd((unsigned)n), buf);
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
		q->birth = random_date((od_date){ 1925, 1, 1 }, (od_date){ 2026, 6, 30 });
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
	long n = 1000000;
	const char *env = getenv("BENCH_PATIENTS");
	if (argc > 1)
		n = atol(argv[1]);
	else if (env && *env)
		n = atol(env);
	if (n < 1000)
		n = 1000;
	const char *tmp = getenv("TMPDIR");
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s/optout-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/bench.sqlite3", dir);
	store *st = NULL;
	store_rc rc = store_open_mode(path, STORE_CREATE, &st);
	int status = 1;
	if (rc != STORE_OK) {
		fprintf(stderr, "bench: %s (%s)\n", store_rc_message(rc), store_last_error(NULL));
		goto out;
	}

	printf("optout-desk store benchmark (%s)\n", path);
	double t0 = now_s();
	if (!build(st, n))
		goto out;
	printf("build: %.1f s (one transaction)\n\n", now_s() - t0);

	printf("search, %d queries each, at most %d rows (median / p99):\n", QUERIES, LIMIT);
	for (int k = 0; k < Q_COUNT; k++) {
		double ms[QUERIES];
		long rows = 0;
		for (int i = 0; i < QUERIES; i++) {
			patient_query q;
			make_query((qkind)k, n, &q);
			double a = now_s();
			rc = store_patient_find(st, &q, LIMIT, count_cb, &rows);
			ms[i] = (now_s() - a) * 1000.0;
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
	double a = now_s();
	rc = store_eligible(st, (od_date){ 2026, 12, 1 }, count_number, &eligible);
	double secs = now_s() - a;
	if (rc != STORE_OK) {
		die("eligible", st, rc);
		goto out;
	}
	printf("\neligible on 2026-12-01 over %ld patients: %ld may flow\n", n, eligible);
	report(secs, TARGET_ELIGIBLE_S, "s ");

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
	char extra[700];
	unlink(path);
	snprintf(extra, sizeof extra, "%s-wal", path);
	unlink(extra);
	snprintf(extra, sizeof extra, "%s-shm", path);
	unlink(extra);
	rmdir(dir);
	return status;
}
