# Screen tests driven in tmux (issue 3; the on-screen QR of issue 4).
TUI_TESTS = tests/tui/first_run.sh tests/tui/register_search.sh \
	tests/tui/notice_stop.sh tests/tui/bereaved.sh tests/tui/capacity.sh tests/tui/screen.sh \
	tests/tui/two_desks.sh tests/tui/qr.sh tests/tui/language.sh tests/tui/narrow.sh tests/tui/recent.sh tests/tui/record_rules.sh tests/tui/dates.sh \
	tests/tui/login.sh tests/tui/first_run_refused.sh tests/tui/history.sh \
	tests/tui/patient_actions.sh \
	tests/tui/visitors.sh tests/tui/import_screen.sh tests/tui/first_admin.sh tests/tui/worklist.sh \
	tests/tui/report.sh
SCRIPT_TESTS += $(TUI_TESTS)
EXTRA_DIST += tests/tui/tui_lib.sh $(TUI_TESTS)
