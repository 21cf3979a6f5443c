# Concurrency test (issue 12): 8 desks and a reader; `make check` runs
# 15 s, `make concurrency-test CONC_SECONDS=60` the long form.
SCRIPT_TESTS += tests/concurrency/desks.sh
EXTRA_DIST += tests/concurrency/desks.sh

CONC_SECONDS = 60
concurrency-test: optout-desk$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	CONC_SECONDS='$(CONC_SECONDS)' $(SHELL) $(abs_top_srcdir)/tests/concurrency/desks.sh
.PHONY: concurrency-test
