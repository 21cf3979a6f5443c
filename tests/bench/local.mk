# Benchmarks: `make bench` prints figures; never part of `make check`.
# EXTRA_PROGRAMS are built only when asked for, so `make` and `make check`
# stay quick. BENCH_PATIENTS=100000 make bench for a shorter run.
EXTRA_PROGRAMS = tests/bench/bench_store tests/bench/bench_import
tests_bench_bench_store_SOURCES = tests/bench/bench_store.c tests/bench/bench_util.c \
	tests/bench/bench_util.h
tests_bench_bench_store_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_bench_store_LDADD = $(STORE_LIBS) $(CORE_LIBS) $(LIBINTL)
CLEANFILES += tests/bench/bench_store$(EXEEXT)
# Issue 9: import against sqlite3 .import of the same rows (needs sqlite3
# and iconv on PATH).
tests_bench_bench_import_SOURCES = tests/bench/bench_import.c tests/bench/bench_util.c \
	tests/bench/bench_util.h
tests_bench_bench_import_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS)
tests_bench_bench_import_LDADD = $(CORE_LIBS) $(LIBINTL)
CLEANFILES += tests/bench/bench_import$(EXEEXT)

bench: tests/bench/bench_store$(EXEEXT) tests/bench/bench_import$(EXEEXT) optout-desk$(EXEEXT)
	./tests/bench/bench_store$(EXEEXT)
	OPTOUT_DESK=./optout-desk$(EXEEXT) OPTOUT_DESK_DATADIR=$(abs_top_srcdir)/templates \
		./tests/bench/bench_import$(EXEEXT)
.PHONY: bench
