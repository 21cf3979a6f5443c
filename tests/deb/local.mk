# The Debian package: built, unpacked into a scratch root, run and linted
# (skipped when the packaging tools are missing; ./bootstrap.sh check
# installs them).
SCRIPT_TESTS += tests/deb/package.sh
EXTRA_DIST += tests/deb/package.sh
