/* See bench_util.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tests/bench/bench_util.h"

const bench_name bench_surnames[] = {
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
const bench_name bench_given[] = {
	{ "太郎", "タロウ" }, { "花子", "ハナコ" }, { "一郎", "イチロウ" }, { "健", "ケン" },
	{ "誠", "マコト" }, { "翔太", "ショウタ" }, { "陽菜", "ヒナ" }, { "蓮", "レン" },
	{ "結衣", "ユイ" }, { "大輔", "ダイスケ" }, { "美咲", "ミサキ" }, { "拓也", "タクヤ" },
	{ "恵子", "ケイコ" }, { "洋子", "ヨウコ" }, { "浩", "ヒロシ" }, { "清", "キヨシ" },
	{ "幸子", "サチコ" }, { "和子", "カズコ" }, { "実", "ミノル" }, { "直樹", "ナオキ" },
	{ "優子", "ユウコ" }, { "悠真", "ユウマ" }, { "葵", "アオイ" }, { "湊", "ミナト" },
	{ "芽依", "メイ" }, { "健太", "ケンタ" }, { "由美", "ユミ" }, { "修", "オサム" },
	{ "明美", "アケミ" }, { "隆", "タカシ" }, { "真由美", "マユミ" }, { "大翔", "ヒロト" },
};
const size_t bench_nsurnames = sizeof bench_surnames / sizeof bench_surnames[0];
const size_t bench_ngiven = sizeof bench_given / sizeof bench_given[0];

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;

unsigned bench_rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

od_date bench_random_date(od_date from, od_date to)
{
	long a = date_to_days(from), b = date_to_days(to);
	return date_from_days(a + (long)bench_rnd((unsigned)(b - a + 1)));
}

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_patients(int argc, char **argv)
{
	long n = 1000000;
	const char *env = getenv("BENCH_PATIENTS");
	if (argc > 1)
		n = atol(argv[1]);
	else if (env && *env)
		n = atol(env);
	return n < 1000 ? 1000 : n;
}

bool bench_mkdtemp(const char *name, char *dir, size_t dirsz)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, dirsz, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	if (mkdtemp(dir))
		return true;
	perror("mkdtemp");
	return false;
}

void bench_rmdir(const char *dir)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
}
