# Benchmarks: `make bench` prints figures; never part of `make check`.
# EXTRA_PROGRAMS are built only when asked for, so `make` and `make check`
# stay quick. BENCH_PATIENTS=100000 make bench for a shorter run.
EXTRA_PROGRAMS = tests/bench/bench_store
tests_bench_bench_store_SOURCES = tests/bench/bench_store.c
tests_bench_bench_store_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_bench_store_LDADD = $(STORE_LIBS) $(CORE_LIBS) $(LIBINTL)
CLEANFILES += tests/bench/bench_store$(EXEEXT)

bench: tests/bench/bench_store$(EXEEXT)
	./tests/bench/bench_store$(EXEEXT)
.PHONY: bench
