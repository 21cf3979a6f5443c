#!/bin/sh
# Crash test (issue 12): write commands killed with SIGKILL at a random
# instant of their run (not only start-up: the instant is spread over the
# command's measured run time), each then retried with its request id as a
# person at the desk would. After each kill, the power-cut image (the
# database, -wal and -shm copied while the command was stopped, opened with
# and without the -shm) and, after each batch, the database itself must be
# sound: integrity check, every acknowledged entry present, no half-written
# entry, the event counter ahead of every event, the one-true-state rules,
# and every patient in the state its recorded commands lead to.
#   make crash-test TRIALS=1000   (the long form; `make check` runs
#   CRASH_TRIALS, 100 unless set)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/crash/checks.sh"

TRIALS=${CRASH_TRIALS:-100}
BATCH=${CRASH_BATCH:-10}
KILLER="$top_builddir/tests/crash/crashkill"
COMMANDS=${CRASH_COMMANDS:-$top_srcdir/tests/crash/commands.txt}
if [ ! -x "$KILLER" ]; then
	echo "FAIL: $KILLER is not built (make check builds it)" >&2
	exit 1
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 shell is missing (Debian package sqlite3)"
	exit 77
fi
TODAY=$OPTOUT_DESK_TODAY
FIX=$TEST_TMP/fixtures
mkdir -p "$FIX"
W=$TEST_TMP/work
mkdir -p "$W"
ok "init" init --clinic "クラッシュ試験クリニック"

grep -v '^#' "$COMMANDS" | grep -v '^$' >"$W/commands"
NCMD=$(wc -l <"$W/commands")

# run_line I N KEY LAST MAX_US SNAP: line I of the list for patient N,
# through crashkill (killed within MAX_US µs, 0: never; SNAP 1: the
# power-cut image into $W/snap); sets RES ("exited RC US" / "killed US").
run_line() {
	_line=$(sed -n "${1}p" "$W/commands")
	N=$2 KEY=$3 LAST=$4 _max=$5
	_args=${_line#*|}
	_args=${_args#*|}
	_snap=""
	[ "$6" = 1 ] && _snap="-s $W/snap -d $OPTOUT_DESK_DB"
	eval "set -- $_args"
	case $_line in
	backup\|*) ;;
	import\|*)
		# A small file of three patients (issue 9's import).
		printf '患者番号,氏名,カナ氏名,生年月日,性別\n' >"$FIX/$N.csv"
		for _k in 1 2 3; do
			printf 'I-%s-%s,取込 %s,トリコミ,1980-01-0%s,u\n' "$N" "$_k" "$_k" "$_k" >>"$FIX/$N.csv"
		done ;;
	*) set -- "$@" --request-id "$KEY" ;;
	esac
	# shellcheck disable=SC2086 # _snap is two options or none
	RES=$("$KILLER" -t "$_max" $_snap -o "$W/out" -- "$DESK" "$@")
}

# ---- how long each line takes: the kill instant is spread over that --------
i=1
while [ "$i" -le "$NCMD" ]; do
	run_line "$i" CAL "cal-$i" "${last:-}" 0 0
	case $RES in
	"exited 0 "*) ;;
	*) fail "calibration of line $i: $RES: $(cat "$W/out.err")" ;;
	esac
	us=${RES##* }
	last=$(head -1 "$W/out" | cut -d' ' -f1)
	echo "$us" >"$W/t.$i"
	i=$((i + 1))
done
for i in $(seq 1 "$NCMD"); do
	printf 'line %s takes %s ms\n' "$i" "$(( $(cat "$W/t.$i") / 1000 ))"
done

# ---- the trials --------------------------------------------------------------------
: >"$W/acked"     # KEY RESULT: answers a person saw
: >"$W/expect"    # N STATUS: what each patient's status must be
: >"$W/touched"   # patients written since the last batch's checks
: >"$W/acked_imports"   # N: files whose import a person saw end
# imports_missing DB: an import a person saw end whose three patients are
# not all there, once.
imports_missing() {
	while read -r _n; do
		_c=$(sqlite3 "$1" "SELECT count(*) FROM patients WHERE number LIKE 'I-$_n-_'")
		[ "$_c" = 3 ] || echo "acknowledged but missing: the import of $_n ($_c of 3 patients)"
	done <"$W/acked_imports"
}
trials=0 killed=0 acked=0 lost=0 replayed=0 saved=0 images=0 patient=0 step=$NCMD last=""
# The power-cut image, opened as it was (with the -shm) on even trials,
# and without the -shm (rebuilt from the -wal, as after a reboot) on odd.
check_image() {
	_v=shm
	[ $((trials % 2)) -eq 1 ] && _v=noshm
	{
		rm -rf "$W/img"
		mkdir -p "$W/img"
		cp "$W/snap/"* "$W/img/"
		[ "$_v" = noshm ] && rm -f "$W/img/desk.sqlite3-shm"
		_p=$(db_problems "$W/img/desk.sqlite3" keyed "$W/acked"; imports_missing "$W/img/desk.sqlite3")
		if [ -n "$_p" ]; then fail "trial $trials, power-cut image ($_v): $_p"; else pass; fi
		case $_p in *"acknowledged but missing"*)
			lost=$((lost + $(printf '%s\n' "$_p" | grep -c 'acknowledged but missing'))) ;;
		esac
		# Its audit chain holds (issue 11's verify).
		if OPTOUT_DESK_DB="$W/img/desk.sqlite3" "$DESK" verify >/dev/null 2>"$W/img.err"; then
			pass
		else
			fail "trial $trials, image ($_v): verify: $(cat "$W/img.err")"
		fi
		# And the program opens it and answers.
		if OPTOUT_DESK_DB="$W/img/desk.sqlite3" "$DESK" eligible --as-of "$TODAY" >/dev/null 2>"$W/img.err"; then
			pass
		else
			fail "trial $trials, image ($_v): eligible fails: $(cat "$W/img.err")"
		fi
	}
	images=$((images + 1))
}

while [ "$trials" -lt "$TRIALS" ]; do
	if [ "$step" -ge "$NCMD" ]; then
		step=0 patient=$((patient + 1)) last=""
	fi
	step=$((step + 1)) trials=$((trials + 1))
	n=P$patient key="crash-$trials"
	line=$(sed -n "${step}p" "$W/commands")
	t=$(cat "$W/t.$step")
	rm -rf "$W/snap"
	mkdir -p "$W/snap"
	# Up to 1.2 times the measured run: a few finish before the kill.
	run_line "$step" "$n" "$key" "$last" $((t * 12 / 10)) 1
	first=$(head -1 "$W/out")
	full=$(tail -c 1 "$W/out" | od -An -c | tr -d ' ')
	case $RES in
	killed*) killed=$((killed + 1)) ;;
	"exited 0 "*) ;;
	*) fail "trial $trials ($line): $RES: $(cat "$W/out.err")" ;;
	esac
	ack=""
	if [ -n "$first" ] && [ "$full" = '\n' ]; then
		ack=$first
		acked=$((acked + 1))
	fi
	kind=${line%%|*}
	if [ "$kind" = backup ]; then
		:
	elif [ "$kind" = import ]; then
		[ -n "$ack" ] && echo "$n" >>"$W/acked_imports"
	elif [ -n "$ack" ]; then
		echo "$key $(sqlite3 "$OPTOUT_DESK_DB" "SELECT result FROM request_ids WHERE key = '$key'")" >>"$W/acked"
	fi
	case $RES in killed*) check_image ;; esac
	# The person at the desk enters it again, with the same request id.
	# (A backup file that is there must be whole: it is not made again.)
	if [ "$kind" = backup ] && [ -f "$FIX/$key.sqlite3" ]; then
		if OPTOUT_DESK_DB="$FIX/$key.sqlite3" "$DESK" verify >"$W/out" 2>"$W/out.err"; then
			RES="exited 0 0"
		else
			RES="exited 1 0"
		fi
	else
		run_line "$step" "$n" "$key" "$last" 0 0
	fi
	case $RES in
	"exited 0 "*)
		pass
		# The run time follows the machine's load (a moving average).
		echo $(( (3 * t + ${RES##* }) / 4 )) >"$W/t.$step" ;;
	*) fail "trial $trials, retry ($line): $RES: $(cat "$W/out.err")" ;;
	esac
	if grep -q 'already recorded' "$W/out.err"; then
		replayed=$((replayed + 1))
		# Committed, but killed before the answer reached the desk:
		# without the request id this retry would be a second entry.
		[ -z "$ack" ] && saved=$((saved + 1))
	fi
	retry=$(head -1 "$W/out")
	# (An import again says what it found unchanged.)
	if [ -n "$ack" ] && [ "$kind" != import ] && [ "$kind" != backup ]; then
		expect_eq "trial $trials: the retry gives the first answer" "$ack" "$retry"
	fi
	if [ "$kind" = backup ]; then
		:
	elif [ "$kind" = import ]; then
		[ -z "$ack" ] && echo "$n" >>"$W/acked_imports"
	elif [ -z "$ack" ]; then
		echo "$key $(sqlite3 "$OPTOUT_DESK_DB" "SELECT result FROM request_ids WHERE key = '$key'")" >>"$W/acked"
	fi
	last=$(printf '%s\n' "$retry" | cut -d' ' -f1)
	want=$(printf '%s\n' "$line" | cut -d'|' -f2)
	[ "$want" = "-" ] || echo "$n $want" >>"$W/expect"
	echo "$n" >>"$W/touched"

	if [ $((trials % BATCH)) -eq 0 ] || [ "$trials" -eq "$TRIALS" ]; then
		p=$(db_problems "$OPTOUT_DESK_DB" keyed "$W/acked"; imports_missing "$OPTOUT_DESK_DB"
			"$DESK" verify >/dev/null 2>"$W/verify.err" || echo "verify: $(cat "$W/verify.err")")
		if [ -n "$p" ]; then fail "after trial $trials: $p"; else pass; fi
		case $p in *"acknowledged but missing"*)
			lost=$((lost + $(printf '%s\n' "$p" | grep -c 'acknowledged but missing'))) ;;
		esac
		# Each patient is in the state its last recorded line leads to.
		# (the patients of this batch: earlier ones were checked before)
		awk '{ s[$1] = $2 } END { for (n in s) print n, s[n] }' "$W/expect" |
		grep -F -w -f "$W/touched" |
		while read -r pn want; do
			said=$("$DESK" status "$pn" 2>"$W/status.err" || true)
			got=$(printf '%s\n' "$said" | head -1 | cut -d' ' -f1)
			said="$said $(cat "$W/status.err")"
			[ "$got" = "$want" ] || echo "status $pn: [$said], expected $want"
		done >"$W/states"
		if [ -s "$W/states" ]; then fail "after trial $trials: $(cat "$W/states")"; else pass; fi
		: >"$W/touched"
	fi
done

echo "trials: $trials, killed: $killed, acknowledged: $acked, lost: $lost;" \
	"committed but killed before the answer: $saved (the retry gave the first result," \
	"no second entry); power-cut images opened: $images"
[ "$lost" -eq 0 ] || fail "$lost acknowledged entries lost"
finish
