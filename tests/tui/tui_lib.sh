# Driving the real desk in tmux (tig's harness is the model): a private
# tmux server per test, a fixed size, a Japanese locale and a fixed today;
# keys go in with send-keys, the screen comes back with capture-pane, and
# assertions are on the text a receptionist would read.
# Source after tests/lib.sh.
if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
TMUX_SOCK="optout-test-$$"
export JA_LANG=ja_JP.UTF-8
tmux_() { tmux -u -L "$TMUX_SOCK" "$@"; }
# Both the temporary folder and the tmux server go when the test ends.
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$TEST_TMP"' EXIT

# An initialised desk: the clinic set up through the command line.
init_clinic() {
	"$DESK" init --clinic "山田クリニック" --phone 03-1234-5678 \
		--url 'https://clinic.example.jp/optout?ref={{ref}}' >/dev/null
}

# start_desk NAME [WIDTH HEIGHT]: the desk on the test database in a new
# session; after it exits the pane stays with a marker.
start_desk() {
	local name=$1 w=${2:-100} h=${3:-30}
	local cmd="env LANGUAGE= LANG=$JA_LANG LC_ALL=$JA_LANG TERM=screen-256color $DESK --db $OPTOUT_DESK_DB; echo DESK-EXITED-\$?; sleep 600"
	if tmux_ has-session 2>/dev/null; then
		tmux_ new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
	else
		tmux_ -f /dev/null new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
	fi
	tmux_ set-option -t "$name" -g status off >/dev/null
}

# start_desk_env NAME WIDTH HEIGHT ENV... -- ARGS...: the desk under the
# environment given (env's NAME=VALUE words, after -i: nothing inherited
# but what the harness needs), with ARGS for the program.
start_desk_env() {
	local name=$1 w=$2 h=$3 envs="" args=""
	shift 3
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ $# -gt 0 ] && shift
	args="$*"
	local base="HOME=$HOME TZ=$TZ TERM=screen-256color OPTOUT_DESK_TODAY=$OPTOUT_DESK_TODAY OPTOUT_DESK_STAFF=$OPTOUT_DESK_STAFF OPTOUT_DESK_DATADIR=$OPTOUT_DESK_DATADIR OPTOUT_DESK_LOCALEDIR=$OPTOUT_DESK_LOCALEDIR XDG_DATA_HOME=$XDG_DATA_HOME"
	local cmd="env -i $base$envs $DESK --db $OPTOUT_DESK_DB $args; echo DESK-EXITED-\$?; sleep 600"
	if tmux_ has-session 2>/dev/null; then
		tmux_ new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
	else
		tmux_ -f /dev/null new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
	fi
	tmux_ set-option -t "$name" -g status off >/dev/null
}

keys() { local t=$1; shift; tmux_ send-keys -t "$t" "$@"; }
# Literal text (Japanese included), not key names.
type_text() { tmux_ send-keys -t "$1" -l "$2"; }
screen() { tmux_ capture-pane -p -t "$1"; }

# wait_for NAME TEXT [SECONDS]: polls the screen until TEXT shows.
wait_for() {
	local t=$1 text=$2 limit=${3:-20} i=0
	while [ $i -lt $((limit * 20)) ]; do
		if screen "$t" | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# expect_screen WHAT NAME TEXT: passes when TEXT shows within the limit.
expect_screen() {
	if wait_for "$2" "$3"; then
		pass
	else
		fail "$1: [$3] not on the screen:"
		screen "$2" >&2
	fi
}

# expect_not_screen WHAT NAME TEXT: TEXT is absent, once the screen has
# settled: a check right after typing may see the screen before the desk
# has redrawn it (a search narrows as each key arrives), so it polls up to
# 5 s for TEXT to go; something that is never drawn passes at once.
expect_not_screen() {
	local i=0
	while [ $i -lt 100 ]; do
		if ! screen "$2" | grep -qF -- "$3"; then
			pass
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: [$3] should not be on the screen:"
	screen "$2" >&2
}

# search NAME TEXT: on the search screen, replaces the query.
search() {
	# Clear the field with Backspaces (one send-keys), then type.
	keys "$1" $(printf 'BSpace %.0s' $(seq 40))
	type_text "$1" "$2"
}
