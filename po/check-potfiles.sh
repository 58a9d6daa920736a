#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the tree, like nautilus build-aux/check-potfiles.sh:
#  - every .c/.ui/.in/.xml file under src/ and data/ that has translatable
#    strings (_( N_( C_( NC_( Q_( ngettext( translatable="yes") is listed;
#  - the desktop, metainfo and gschema files under data/ are listed;
#  - every listed file exists;
#  - the list is sorted (LC_ALL=C).
#
# Usage: po/check-potfiles.sh [SOURCE_ROOT]   (default: the parent of this script's directory)

set -u

LC_ALL=C
export LC_ALL

root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles not found in $(pwd)" >&2
  exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# The listed files: no comments or blank lines, without a "[type: ...]" prefix
# or surrounding blanks.
sed -e 's/#.*$//' -e 's/^[[:space:]]*\[[^]]*\][[:space:]]*//' \
    -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" |
  grep -v '^$' > "$tmp/listed"
sort -u "$tmp/listed" > "$tmp/listed.sorted"

# The files that need to be listed.
{
  find src data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.in' -o -name '*.xml' \) \
    -exec grep -l -E \
      -e '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_)[[:space:]]*\(' \
      -e '(^|[^A-Za-z0-9_])ngettext[[:space:]]*\(' \
      -e 'translatable="yes"' {} + 2>/dev/null
  find data -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \
                    -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' \
                    -o -name '*.gschema.xml' \)
} | sed 's|^\./||' | sort -u > "$tmp/needed"

status=0

missing=$(comm -23 "$tmp/needed" "$tmp/listed.sorted")
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are missing from $potfiles:"
  printf '%s\n' "$missing" | sed 's/^/  /'
  status=1
fi

absent=
while IFS= read -r file; do
  [ -f "$file" ] || absent="$absent  $file
"
done < "$tmp/listed"
if [ -n "$absent" ]; then
  echo "$potfiles names files that do not exist:"
  printf '%s' "$absent"
  status=1
fi

if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C); expected order:"
  sed 's/^/  /' "$tmp/listed.sorted"
  status=1
elif [ "$(wc -l < "$tmp/listed")" -ne "$(wc -l < "$tmp/listed.sorted")" ]; then
  echo "$potfiles lists a file more than once."
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles is complete: $(wc -l < "$tmp/listed" | tr -d ' ') files."
fi
exit "$status"
