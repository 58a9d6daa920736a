#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command in a D-Bus session of its own with a fresh, unlocked GNOME
# keyring (password "test") that lives in a temporary XDG_DATA_HOME; both
# go away with the command, and so does its TMPDIR. DISPLAY is dropped so
# that a keyring prompt fails at once instead of waiting for a click on
# Xvfb.
#
#   keyring-session.sh [--keep-display] CMD [ARGS...]
#       --keep-display: for GTK tests, which only store into the
#       unlocked keyring and so never cause a prompt
#   keyring-session.sh --no-secret-service CMD [ARGS...]
#       a session bus on which nothing provides the Secret Service
set -u

here=$(cd "$(dirname "$0")" && pwd)
drop_display="-u DISPLAY -u WAYLAND_DISPLAY"

case "${1:-}" in
  --inner)
    shift
    printf 'test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    exec "$@"
    ;;
  --keep-display)
    shift
    drop_display=""
    ;;
  --no-secret-service)
    shift
    exec env -u DISPLAY -u WAYLAND_DISPLAY \
      dbus-run-session --config-file="$here/data/no-secret-service.conf" -- "$@"
    ;;
esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/lineup-keyring.XXXXXX") || exit 1
mkdir -p "$dir/data" "$dir/run" "$dir/tmp"
chmod 700 "$dir/run"
# shellcheck disable=SC2086
XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" TMPDIR="$dir/tmp" env $drop_display \
  dbus-run-session -- "$0" --inner "$@"
rc=$?
rm -rf "$dir"
exit $rc
