# Command-line contract tests (shell, temporary database).
CLI_TESTS = tests/cli/basics.sh tests/cli/flow.sh tests/cli/bad_input.sh \
	tests/cli/japanese.sh tests/cli/one_state.sh tests/cli/database_file.sh \
	tests/cli/handover.sh tests/cli/eligible_same.sh tests/cli/request_id.sh \
	tests/cli/staff.sh tests/cli/audit.sh tests/cli/backup.sh \
	tests/cli/import.sh tests/cli/export_register.sh \
	tests/cli/who_did_what.sh tests/cli/worklist.sh tests/cli/report.sh
SCRIPT_TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS)
