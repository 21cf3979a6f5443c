#!/bin/sh
# Replays every committed fuzz input (fuzz/corpus/TARGET/: the seeds from
# the tests' fixtures and every finding of `make fuzz` once fixed) through
# its target, with this build's compiler and sanitizers (issue 12).
set -eu
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir/build}"
rc=0
for t in date_parse text_number text_key query_parse template list_reader csv_import; do
	if "$top_builddir/fuzz/replay_$t" "$top_srcdir/fuzz/corpus/$t"; then
		:
	else
		echo "FAIL: an input of fuzz/corpus/$t/ fails (exit $?)" >&2
		rc=1
	fi
done
[ $rc -eq 0 ] && echo "7 targets replayed, 0 failed"
exit $rc
