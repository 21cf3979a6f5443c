#!/bin/sh
# fuzz/run.sh TARGET CORPUS: run one libFuzzer target (built by
# `make fuzz-build` into fuzz/bin/) for FUZZ_SECONDS, new inputs into
# fuzz/work/TARGET, findings into fuzz/findings/. Prints the number of
# runs, or the end of the log and leaves fuzz/work/TARGET.failed.
t=$1
corpus=$2
mkdir -p "fuzz/work/$t"
if ASAN_OPTIONS=detect_leaks=1 ./fuzz/bin/"$t" -max_total_time="${FUZZ_SECONDS:-30}" \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="fuzz/findings/$t-" "fuzz/work/$t" "$corpus" \
	>"fuzz/work/$t.log" 2>&1; then
	echo "fuzz: $t for ${FUZZ_SECONDS:-30} s: $(grep -E '^stat::number_of_executed_units' "fuzz/work/$t.log" | tail -1)"
else
	echo "fuzz: $t: a finding (fuzz/work/$t.log):"
	tail -40 "fuzz/work/$t.log"
	: >"fuzz/work/$t.failed"
fi
