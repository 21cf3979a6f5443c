# Crash test (issue 12): write commands killed at random instants, each
# retried with its request id; `make check` runs 100 trials, `make
# crash-test TRIALS=1000` the long form.
check_PROGRAMS += tests/crash/crashkill
tests_crash_crashkill_SOURCES = tests/crash/crashkill.c
SCRIPT_TESTS += tests/crash/crash.sh
EXTRA_DIST += tests/crash/crash.sh tests/crash/checks.sh tests/crash/commands.txt

TRIALS = 1000
crash-test: optout-desk$(EXEEXT) tests/crash/crashkill$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	CRASH_TRIALS='$(TRIALS)' $(SHELL) $(abs_top_srcdir)/tests/crash/crash.sh
.PHONY: crash-test
