#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Lineup as a Flatpak without network access, install it for this
# user, start it in its sandbox under Xvfb and take screenshots.
#
# usage: flatpak/build-offline.sh [--devel] [--workdir DIR] [--shots DIR]
#                                 [--make-runtime TOOL] [--remove-runtime]
#                                 [--language LANG]
#
#   --devel           build flatpak/io.github.lineup.Lineup.Devel.json
#   --workdir DIR     build state, repo and stand-in runtime (default /var/tmp/lineup-flatpak)
#   --shots DIR       where the screenshots go (default WORKDIR/shots)
#   --make-runtime T  the script that makes the stand-in runtime (default
#                     ../shared/tools/make-fake-gnome-runtime.sh beside the checkout)
#   --language LANG   run the app in the language LANG (a po/LINGUAS code,
#                     such as zh_CN or id); the screenshots' names end
#                     in -LANG
#   --remove-runtime  afterwards, uninstall the app and the stand-in runtime
#                     and delete their remotes, so that nobody takes the
#                     stand-in for the real GNOME runtime
#
# The real org.gnome.Sdk//51 comes from Flathub. Where it cannot be
# downloaded and is not installed, TOOL debootstraps Debian 12 and exports
# it as org.gnome.Sdk//51 and org.gnome.Platform//51 (about 4 minutes and
# 1.6 GB). That stand-in has GTK 4.8 and libadwaita 1.2, not GNOME 51's
# 4.24 and 1.10: it proves the manifest, the build, the install layout and
# the sandbox permissions, not API compatibility with GNOME 51.
#
# Needs root or bwrap rights, flatpak, flatpak-builder, elfutils,
# debootstrap (for the stand-in), xvfb-run, dbus-run-session, xwininfo,
# ImageMagick's import and (for the search) xdotool. Prints how long each
# step took.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
manifest=$repo/flatpak/io.github.lineup.Lineup.json
workdir=/var/tmp/lineup-flatpak
shots=
make_runtime=$repo/../shared/tools/make-fake-gnome-runtime.sh
remove_runtime=false
language=

while [ $# -gt 0 ]; do
  case $1 in
    --devel) manifest=$repo/flatpak/io.github.lineup.Lineup.Devel.json ;;
    --workdir) workdir=$2; shift ;;
    --shots) shots=$2; shift ;;
    --make-runtime) make_runtime=$2; shift ;;
    --remove-runtime) remove_runtime=true ;;
    --language) language=$2; shift ;;
    -h|--help) sed -n '4,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-offline.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

field() {  # field KEY: a top-level string of the manifest
  /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$manifest" "$1"
}
app_id=$(field id)
branch=$(field runtime-version)
shots=${shots:-$workdir/shots}
mkdir -p "$workdir" "$shots"

now() { date +%s; }
took() { echo "build-offline.sh: $1 took $(( $(now) - $2 )) s"; }
start=$(now)

# 1. The runtime
step=$(now)
if flatpak info --user "org.gnome.Sdk//$branch" >/dev/null 2>&1 &&
   flatpak info --user "org.gnome.Platform//$branch" >/dev/null 2>&1; then
  echo "build-offline.sh: org.gnome.Sdk//$branch is installed; using it"
else
  if [ ! -x "$make_runtime" ]; then
    echo "build-offline.sh: org.gnome.Sdk//$branch is not installed and there is no" >&2
    echo "  stand-in maker at $make_runtime (give one with --make-runtime)" >&2
    exit 1
  fi
  echo "build-offline.sh: making a stand-in org.gnome.Sdk//$branch with $make_runtime"
  "$make_runtime" "$workdir/runtime" "$branch"
  took "making the stand-in runtime" "$step"
fi

# The app's translations go to its .Locale extension, which installs only
# the languages flatpak is configured for.
if [ -n "$language" ]; then
  flatpak config --user --set extra-languages "$language"
fi

# 2. The build, from a clean build directory (downloads nothing: the only
# source is this checkout)
step=$(now)
flatpak-builder --user --force-clean --disable-rofiles-fuse --install \
  --state-dir="$workdir/state" --repo="$workdir/repo" \
  "$workdir/build-dir" "$manifest"
took "the Flatpak build and install" "$step"
flatpak info --user "$app_id"

# 3. Run it in the sandbox under Xvfb. The probe photo comes from the
# sandboxed lineup-demo-server and reaches the app through the document
# portal (--file-forwarding), as a file opened from the desktop would;
# Ctrl+Return searches the built-in demo service on loopback; About,
# opened over D-Bus, says "Flatpak: yes" under Troubleshooting.
step=$(now)
made_runtime_dir=
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  # flatpak maps the document portal to /run/user/UID/doc in the sandbox;
  # a runtime directory elsewhere makes forwarded paths unreachable.
  XDG_RUNTIME_DIR=/run/user/$(id -u)
  if [ ! -d "$XDG_RUNTIME_DIR" ]; then
    mkdir -m 700 "$XDG_RUNTIME_DIR"
    made_runtime_dir=$XDG_RUNTIME_DIR
  fi
  export XDG_RUNTIME_DIR
fi
# GNOME's runtime finds the host's fonts in /run/host/fonts; the Debian
# stand-in does not look there, so without this a language whose script
# the stand-in has no font for would show boxes.
if ! flatpak run --user --command=grep "$app_id" -rqs /run/host/fonts /etc/fonts; then
  mkdir -p "$HOME/.var/app/$app_id/config/fontconfig"
  printf '<?xml version="1.0"?>\n<fontconfig>\n  <dir>/run/host/fonts</dir>\n</fontconfig>\n' \
    > "$HOME/.var/app/$app_id/config/fontconfig/fonts.conf"
fi
suffix=${language:+-$language}
env_language=
[ -z "$language" ] || env_language="--env=LANG=C.UTF-8 --env=LANGUAGE=$language"
ENV_LANGUAGE=$env_language SUFFIX=$suffix \
APP_ID=$app_id SHOTS=$shots PROBE=$HOME/.var/app/$app_id/cache/samples/probe-strong.jpg \
xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- sh -eu -c '
  flatpak run --user --command=sh "$APP_ID" -c \
    "lineup-demo-server --write-samples \"\$XDG_CACHE_HOME/samples\" >/dev/null"
  flatpak run --user --env=GSK_RENDERER=cairo $ENV_LANGUAGE --file-forwarding "$APP_ID" @@u "$PROBE" @@ &
  app=$!
  i=0
  until xwininfo -root -tree | grep -q "\"Lineup\""; do
    i=$((i + 1))
    if [ $i -gt 120 ] || ! kill -0 $app 2>/dev/null; then
      echo "build-offline.sh: no Lineup window appeared" >&2
      exit 1
    fi
    sleep 0.5
  done
  sleep 3      # the first frame, the demo service and the photo
  flatpak ps --columns=instance,application,runtime
  import -window root "$SHOTS/$APP_ID-opened$SUFFIX.png"
  if command -v xdotool >/dev/null; then
    xdotool mousemove 600 300 key ctrl+Return   # no window manager: focus follows the pointer
    sleep 3
    import -window root "$SHOTS/$APP_ID-search$SUFFIX.png"
  fi
  gapplication action "$APP_ID" about
  sleep 2
  import -window root "$SHOTS/$APP_ID-about$SUFFIX.png"
  flatpak kill "$APP_ID"
  wait $app || true
'
[ -z "$made_runtime_dir" ] || rm -rf "$made_runtime_dir"
took "running it under Xvfb" "$step"
echo "build-offline.sh: screenshots: $(ls "$shots"/"$app_id"-*.png | tr '\n' ' ')"

# 4. Clean up, when asked
if $remove_runtime; then
  # flatpak-builder --install added a remote named after the id's last
  # part (lineup-origin, devel-origin); the stand-in maker added fakegnome.
  origin=$(printf '%s' "${app_id##*.}" | tr '[:upper:]' '[:lower:]')-origin
  flatpak uninstall --user -y --noninteractive --delete-data "$app_id" || true
  for ref in "org.gnome.Sdk//$branch" "org.gnome.Platform//$branch"; do
    # only the stand-in, never a real runtime from Flathub
    if [ "$(flatpak info --user --show-origin "$ref" 2>/dev/null)" = fakegnome ]; then
      flatpak uninstall --user -y --noninteractive "$ref"
    fi
  done
  for remote in "$origin" fakegnome; do
    if flatpak remotes --user --columns=name | grep -qx "$remote"; then
      flatpak remote-delete --user --force "$remote"
    fi
  done
  rm -rf "$workdir/runtime" "$workdir/repo" "$workdir/build-dir" "$workdir/state"
  echo "build-offline.sh: removed the app, the stand-in runtime and their remotes"
fi
took "everything" "$start"
