/* What the benchmarks share: a master of realistic Japanese names drawn
 * by a fixed-seed generator (two runs build the same rows), the clock,
 * the size asked for, and a scratch folder. */
#ifndef OD_BENCH_UTIL_H
#define OD_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

typedef struct bench_name { const char *kanji, *kana; } bench_name;
/* Common surnames and given names, enough to give realistic clusters of
 * equal kana prefixes (a few percent of the master each). */
extern const bench_name bench_surnames[], bench_given[];
extern const size_t bench_nsurnames, bench_ngiven;

/* 0 .. n-1 (xorshift, fixed seed). */
unsigned bench_rnd(unsigned n);
od_date bench_random_date(od_date from, od_date to);
/* Seconds on the monotonic clock. */
double bench_now(void);
/* The number of patients: argv[1], else $BENCH_PATIENTS, else 1,000,000
 * (at least 1000). */
long bench_patients(int argc, char **argv);
/* A new private folder "$TMPDIR/NAME.XXXXXX" (or under /tmp) in dir;
 * bench_rmdir removes it with everything in it. */
bool bench_mkdtemp(const char *name, char *dir, size_t dirsz);
void bench_rmdir(const char *dir);

#endif
