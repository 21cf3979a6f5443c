# Shared set-up for shell tests: a fixed, sandboxed environment (tig's
# harness is the model). Source it first thing: `. "$top_srcdir/tests/lib.sh"`.
# Run one script by hand with
#   top_srcdir=/work/main top_builddir=/tmp/build sh tests/cli/flow.sh
set -eu
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
export TZ=Asia/Tokyo
# English for the contract's messages: C.UTF-8 alone is no choice of
# language (the desk would speak Japanese), LANG names one.
export LANG=en_US.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export OPTOUT_DESK_TODAY=2026-11-24
export OPTOUT_DESK_STAFF=tester
export OPTOUT_DESK_DATADIR="$top_srcdir/templates"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/optout-test.XXXXXX")
export HOME="$TEST_TMP/home" XDG_DATA_HOME="$TEST_TMP/data" XDG_CONFIG_HOME="$TEST_TMP/config" XDG_CACHE_HOME="$TEST_TMP/cache"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
export OPTOUT_DESK_DB="$TEST_TMP/desk.sqlite3"
unset NO_COLOR POSIXLY_CORRECT 2>/dev/null || true
# Translations compiled straight from po/ja.po into a private locale dir,
# so a test never runs against a stale catalogue.
export OPTOUT_DESK_LOCALEDIR="$TEST_TMP/locale"
mkdir -p "$OPTOUT_DESK_LOCALEDIR/ja/LC_MESSAGES"
msgfmt -o "$OPTOUT_DESK_LOCALEDIR/ja/LC_MESSAGES/optout-desk.mo" "$top_srcdir/po/ja.po"
DESK="$top_builddir/optout-desk"
trap 'rm -rf "$TEST_TMP"' EXIT
if [ ! -x "$DESK" ]; then
	echo "FAIL: $DESK is not built" >&2
	exit 1
fi
# make check-valgrind: every run of the program under $VALGRIND (issue 12).
if [ -n "${VALGRIND:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$DESK" >"$TEST_TMP/desk-valgrind"
	chmod +x "$TEST_TMP/desk-valgrind"
	DESK="$TEST_TMP/desk-valgrind"
fi

PASS=0 FAIL=0
fail() { echo "FAIL: $*" >&2; FAIL=$((FAIL + 1)); }
pass() { PASS=$((PASS + 1)); }
# skip WHY: says on stdout that a part of the script did not run.
skip() { echo "SKIP: $*"; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}
# expect_match WHAT REGEX TEXT
expect_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then pass; else fail "$1: [$3] does not match /$2/"; fi
}
# expect_no_match WHAT REGEX TEXT
expect_no_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then fail "$1: [$3] matches /$2/"; else pass; fi
}
# expect_contains WHAT STRING TEXT (fixed string, not a regex)
expect_contains() {
	if printf '%s' "$3" | grep -Fq -- "$2"; then pass; else fail "$1: [$3] does not contain [$2]"; fi
}
# run_desk: runs the program, capturing stdout, stderr and the exit code
# into OUT, ERR and RC.
run_desk() {
	set +e
	OUT=$("$DESK" "$@" 2>"$TEST_TMP/stderr")
	RC=$?
	set -e
	ERR=$(cat "$TEST_TMP/stderr")
}
# ok WHAT ARGS...: runs the program and expects exit 0 (stdout in OUT).
ok() {
	_what=$1; shift
	run_desk "$@"
	if [ "$RC" -eq 0 ]; then pass; else fail "$_what: exit $RC, stderr [$ERR]"; fi
}
# expect_rc WHAT EXPECTED: checks the exit code of the last run_desk.
expect_rc() {
	if [ "$RC" -eq "$2" ]; then pass; else fail "$1: exit $RC (expected $2), stderr [$ERR]"; fi
}
# bad_input WHAT FIELD ARGS...: the program must exit 2, print nothing on
# stdout, and say "optout-desk: FIELD: ..." on stderr.
bad_input() {
	_what=$1 _field=$2; shift 2
	run_desk "$@"
	expect_rc "$_what" 2
	expect_eq "$_what: stdout" "" "$OUT"
	if printf '%s\n' "$ERR" | grep -Fq -- "optout-desk: $_field: "; then
		pass
	else
		fail "$_what: stderr [$ERR] does not name $_field"
	fi
}
# db_sum: a checksum of the database file, to prove that nothing was
# written (SQLite checkpoints and removes the WAL when the last desk closes).
db_sum() {
	if [ -f "$OPTOUT_DESK_DB" ]; then cat "$OPTOUT_DESK_DB"* | cksum; else echo none; fi
}
# have_locale NAME: true when `locale -a` lists it (ja_JP.UTF-8 ~ ja_JP.utf8).
have_locale() {
	_want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
	locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/' | grep -qx -- "$_want"
}
finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
