# Command-line contract tests (shell, temporary database).
SCRIPT_TESTS += tests/cli/basics.sh tests/cli/flow.sh tests/cli/bad_input.sh \
	tests/cli/japanese.sh
EXTRA_DIST += tests/cli/basics.sh tests/cli/flow.sh tests/cli/bad_input.sh \
	tests/cli/japanese.sh
