# Unit tests (cmocka), CLI tests (shell), TUI tests (tmux), print tests.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0'; \
	export LSAN_OPTIONS;
EXTRA_DIST += tests/lib.sh tests/lsan.supp tests/valgrind.supp
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

# The unit and command-line tests again, every program run under valgrind
# (memcheck: invalid reads and writes, uninitialised values, definite
# leaks). Slow: not part of `make check` nor CI; ./bootstrap.sh valgrind.
VALGRIND_CMD = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp
VALGRIND_TESTS = $(UNIT_TESTS) tests/cli/basics.sh tests/cli/flow.sh \
	tests/cli/bad_input.sh tests/cli/japanese.sh tests/cli/one_state.sh \
	tests/cli/database_file.sh tests/cli/request_id.sh
check-valgrind:
	VALGRIND='$(VALGRIND_CMD)' $(MAKE) $(AM_MAKEFLAGS) check \
		TESTS='$(VALGRIND_TESTS)' LOG_COMPILER='$(VALGRIND_CMD)'
.PHONY: check-valgrind
