# Shared set-up for shell tests: a fixed, sandboxed environment (tig's
# harness is the model). Source it first thing: `. "$top_srcdir/tests/lib.sh"`.
set -eu
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
export TZ=Asia/Tokyo
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export OPTOUT_DESK_TODAY=2026-11-24
export OPTOUT_DESK_STAFF=tester
export OPTOUT_DESK_DATADIR="$top_srcdir/templates"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/optout-test.XXXXXX")
export HOME="$TEST_TMP/home" XDG_DATA_HOME="$TEST_TMP/data" XDG_CONFIG_HOME="$TEST_TMP/config" XDG_CACHE_HOME="$TEST_TMP/cache"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
export OPTOUT_DESK_DB="$TEST_TMP/desk.sqlite3"
# Translations from the build tree, installed into a private locale dir.
export OPTOUT_DESK_LOCALEDIR="$TEST_TMP/locale"
if [ -f "$top_builddir/po/ja.gmo" ]; then
	mkdir -p "$OPTOUT_DESK_LOCALEDIR/ja/LC_MESSAGES"
	cp "$top_builddir/po/ja.gmo" "$OPTOUT_DESK_LOCALEDIR/ja/LC_MESSAGES/optout-desk.mo"
fi
DESK="$top_builddir/optout-desk"
trap 'rm -rf "$TEST_TMP"' EXIT

PASS=0 FAIL=0
fail() { echo "FAIL: $*" >&2; FAIL=$((FAIL + 1)); }
pass() { PASS=$((PASS + 1)); }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected [$2], got [$3]"; fi
}
# expect_match WHAT REGEX TEXT
expect_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then pass; else fail "$1: [$3] does not match /$2/"; fi
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
finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
