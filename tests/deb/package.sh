#!/bin/sh
# The Debian package a clinic's support company installs: built from a copy
# of this source folder (debian/build-deb), unpacked into a scratch root with
# dpkg -x, the installed binary run against its own installed templates and
# translations, its control fields read, and lintian run on the .deb and the
# .changes. Skipped when the packaging tools are not installed.
. "$top_srcdir/tests/lib.sh"

# ---- one version: configure.ac's, named by debian/changelog ------------------
version=$(sed -n 's/^AC_INIT(\[optout-desk\], *\[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
deb_version=$(sed -n '1s/^optout-desk (\([^)]*\)).*/\1/p' "$top_srcdir/debian/changelog")
expect_match "configure.ac has a version" '^[0-9]+\.[0-9]+' "$version"
expect_eq "debian/changelog names configure.ac's version" "$version" "${deb_version%-*}"

# The sanitized run (./bootstrap.sh sanitize) checks the program, not the
# package, which ./bootstrap.sh check has built and checked already.
if [ -n "${OPTOUT_DESK_SKIP_DEB:-}" ]; then
	echo "SKIP: the package is built and checked by ./bootstrap.sh check"
	finish || exit 1
	exit 77
fi
for tool in dpkg-buildpackage dh lintian; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed (./bootstrap.sh deb or check installs the packaging tools)"
		finish || exit 1
		exit 77
	fi
done

# ---- build ---------------------------------------------------------------------
# Only the package is built here (no unit tests again: make check ran them);
# niced so the screen tests running beside it keep their pace.
if ! deb=$(DEB_BUILD_OPTIONS="nocheck parallel=2" nice -n 10 \
		"$top_srcdir/debian/build-deb" "$TEST_TMP/deb"); then
	fail "the package did not build"
	finish
	exit 1
fi
changes=${deb%.deb}.changes
expect_eq "the .deb's name" "optout-desk_${deb_version}_$(dpkg --print-architecture).deb" \
	"$(basename "$deb")"

# ---- contents: FHS places, no maintainer scripts -------------------------------
files=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
has_file() {
	if printf '%s\n' "$files" | grep -qxF -- "$1"; then pass; else fail "the package has no $1"; fi
}
has_file ./usr/bin/optout-desk
has_file ./usr/share/man/man1/optout-desk.1.gz
has_file ./usr/share/locale/ja/LC_MESSAGES/optout-desk.mo
has_file ./usr/share/doc/optout-desk/copyright
for t in "$top_srcdir"/templates/*.tmpl; do
	has_file "./usr/share/optout-desk/$(basename "$t")"
done
# Purge removes what dpkg installed and nothing else: with no maintainer
# script, nothing can touch a clinic's database under a user's home.
scripts=$(dpkg-deb --ctrl-tarfile "$deb" | tar -tf - | sed 's|^\./||' |
	grep -xE 'preinst|postinst|prerm|postrm|config' || true)
expect_eq "no maintainer scripts" "" "$scripts"
expect_match "copyright is machine-readable" \
	'^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
	"$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/doc/optout-desk/copyright | head -1)"

# ---- control fields: computed library dependencies, the font, CUPS -------------
depends=$(dpkg-deb -f "$deb" Depends)
expect_match "Depends on libsqlite3 (from shlibs)" 'libsqlite3-0 \(>= ' "$depends"
expect_match "Depends on ncursesw (from shlibs)" 'libncursesw6' "$depends"
expect_match "Depends on the Japanese font" '(^|, )fonts-ipaexfont(,|$)' "$depends"
expect_match "Recommends cups" '(^|, )cups(,|$)' "$(dpkg-deb -f "$deb" Recommends)"
expect_eq "Version" "$deb_version" "$(dpkg-deb -f "$deb" Version)"

# ---- the installed program -------------------------------------------------------
root="$TEST_TMP/root"
dpkg-deb -x "$deb" "$root"
DESK="$root/usr/bin/optout-desk"
ok "installed --version" --version
expect_eq "installed --version" "optout-desk $version" "$OUT"

# Its own defaults are the FHS places, not the build folder.
strs=$(tr -c '[:print:]' '\n' <"$DESK")
expect_match "default templates folder" '^/usr/share/optout-desk$' "$strs"
expect_match "default locale folder" '^/usr/share/locale$' "$strs"
expect_no_match "no build folder in the binary" "$TEST_TMP" "$strs"
man=$(gzip -dc "$root/usr/share/man/man1/optout-desk.1.gz")
expect_contains "the man page names the version" "\"optout-desk $version\"" "$man"
expect_no_match "the man page is filled in" '@[A-Z]+@' "$man"
expect_contains "the man page has the KEYS section" ".SH KEYS" "$man"
expect_contains "the man page names the templates folder" "/usr/share/optout-desk/" "$man"

# The installed templates and translations, from inside the scratch root.
export OPTOUT_DESK_DATADIR="$root/usr/share/optout-desk"
export OPTOUT_DESK_LOCALEDIR="$root/usr/share/locale"
ok "installed init" init --clinic "テスト内科クリニック" --phone 03-1234-5678
expect_contains "init creates notice version 1" "version 1 " "$OUT"
ok "installed patient add" patient add --no 1001 --name "山田 太郎" --kana "ヤマダ タロウ" --birth S45.3.2
ok "installed notice" notice 1001 --date 2026-11-24 --to self
ok "installed status" status 1001 --as-of 2026-12-25
expect_eq "installed status" "may-flow 2026-12-25" "$OUT"
ok "installed print notice" print notice 1001 -o "$TEST_TMP/notice.pdf"
expect_eq "the notice is a PDF" "%PDF" "$(head -c 4 "$TEST_TMP/notice.pdf" 2>/dev/null || true)"
if command -v pdftotext >/dev/null 2>&1; then
	expect_contains "the notice names the clinic" "テスト内科クリニック" \
		"$(pdftotext "$TEST_TMP/notice.pdf" - 2>/dev/null)"
else
	skip "pdftotext is not installed; the notice's text is not read back"
fi

if have_locale ja_JP.UTF-8; then
	LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 run_desk status 9999
	expect_rc "unknown patient under ja" 2
	expect_contains "the installed catalogue speaks Japanese" "登録されていません" "$ERR"
else
	skip "the ja_JP.UTF-8 locale is not installed; the installed catalogue is not read"
fi

# Without the override the program looks in /usr/share/optout-desk itself
# (unless a real installation is there, when the print would just work).
if [ ! -e /usr/share/optout-desk ]; then
	unset OPTOUT_DESK_DATADIR
	run_desk print notice 1001 -o "$TEST_TMP/notice2.pdf"
	expect_rc "print with no templates installed" 1
	expect_contains "the message names the installed folder" "/usr/share/optout-desk" "$ERR"
	export OPTOUT_DESK_DATADIR="$root/usr/share/optout-desk"
fi

# ---- lintian: no errors, no warnings (overrides carry their reasons) ---------------
set +e
lint=$(lintian "$changes" "$deb" 2>&1)
lint_rc=$?
set -e
printf '%s\n' "$lint"
expect_eq "lintian exit status" 0 "$lint_rc"
expect_no_match "lintian: no errors or warnings" '^[EW]: ' "$lint"

finish
