# Unit tests (cmocka), CLI tests (shell), TUI tests (tmux), print tests.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0'; \
	export LSAN_OPTIONS;
EXTRA_DIST += tests/lib.sh tests/lsan.supp
UNIT_TESTS =
SCRIPT_TESTS =

include tests/unit/local.mk
include tests/cli/local.mk
include tests/tui/local.mk
include tests/print/local.mk
include tests/bench/local.mk
include tests/crash/local.mk
include tests/concurrency/local.mk
include fuzz/local.mk
include tests/deb/local.mk
include tests/fhir/local.mk

TESTS += $(UNIT_TESTS) $(SCRIPT_TESTS)

# The cmocka unit tests alone: what the Debian package build runs
# (debian/rules), where tmux, a CUPS scheduler and the locales are missing.
check-unit:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(UNIT_TESTS)'
.PHONY: check-unit
