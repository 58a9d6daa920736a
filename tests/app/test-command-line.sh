#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lineup --help and --version, and lineup-cli --version, as a user runs
# them: with no settings schema installed anywhere and no display. Both
# must answer without touching GSettings or GTK.
#
# usage: test-command-line.sh LINEUP LINEUP_CLI VERSION   (prints TAP)

set -u
lineup=$1 cli=$2 version=$3
empty=$(mktemp -d) || exit 1
trap 'rm -rf "$empty"' EXIT

echo "1..4"
n=0
check() {  # check DESCRIPTION EXPECTED-IN-OUTPUT COMMAND...
  description=$1 expected=$2
  shift 2
  n=$((n + 1))
  out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u GSETTINGS_BACKEND \
          GSETTINGS_SCHEMA_DIR="$empty" XDG_DATA_DIRS="$empty" XDG_DATA_HOME="$empty" \
          "$@" 2>&1)
  rc=$?
  if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -qF -- "$expected"; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description (exit $rc)"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi
}

check "lineup --version prints the version" "lineup $version" "$lineup" --version
check "lineup --help works without the schema" "--version" "$lineup" --help
check "lineup --help-all works without the schema" "--gapplication-service" "$lineup" --help-all
check "lineup-cli --version prints the version" "lineup-cli $version" "$cli" --version
