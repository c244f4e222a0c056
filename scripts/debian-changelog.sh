#!/bin/sh
# Writes Debian's changelog.gz for the package from CHANGELOG.md: one entry per released
# version (Unreleased is left out), newest first, each change a line wrapped to 78 columns,
# compressed with gzip -9n so that the same CHANGELOG.md always gives the same bytes.
# Fails when the newest released section is not VERSION (the version in CMakeLists.txt):
# a release bumps both together.
#   sh scripts/debian-changelog.sh VERSION CHANGELOG.md "Name <address>" OUTPUT.gz
set -eu
if [ $# -ne 4 ]; then
  echo "usage: $0 VERSION CHANGELOG.md MAINTAINER OUTPUT.gz" >&2
  exit 2
fi
version=$1 changelog=$2 maintainer=$3 output=$4
trap 'rm -f "$output.txt" "$output.tmp"' EXIT

awk -v version="$version" -v maintainer="$maintainer" -v source="$changelog" '
BEGIN { skipping = 1 }           # the title and introduction
function fail(message) { print source ": " message > "/dev/stderr"; failed = 1; exit 1 }
# Day of the week of a date, 0 for Sunday (Sakamoto).
function weekday(y, m, d,   offsets) {
  split("0 3 2 5 0 3 5 1 4 6 2 4", offsets, " ")
  if (m < 3) y -= 1
  return (y + int(y / 4) - int(y / 100) + int(y / 400) + offsets[m] + d) % 7
}
# Prints text word-wrapped to 78 columns, the first line after lead, the rest after indent.
function wrap(text, lead, indent,   words, count, i, line) {
  count = split(text, words, /[ \t]+/)
  line = lead
  for (i = 1; i <= count; i++) {
    if (words[i] == "") continue
    if (line != lead && line != indent && length(line) + 1 + length(words[i]) > 78) {
      print line
      line = indent
    }
    line = (line == lead || line == indent) ? line words[i] : line " " words[i]
  }
  if (line != lead && line != indent) print line
}
# A heading is printed with its first item, so that an empty one leaves no trace.
function flush_item() {
  if (item == "") return
  if (heading != "" && !heading_printed) { wrap(heading ":", "  * ", "    "); heading_printed = 1 }
  if (heading != "") wrap(item, "    - ", "      ")
  else wrap(item, "  * ", "    ")
  item = ""
}
function close_entry() {
  flush_item()
  if (!in_entry) return
  split(date, ymd, "-")
  printf "\n -- %s  %s, %02d %s %04d 00:00:00 +0000\n", maintainer,
    substr("SunMonTueWedThuFriSat", weekday(ymd[1] + 0, ymd[2] + 0, ymd[3] + 0) * 3 + 1, 3),
    ymd[3], substr("JanFebMarAprMayJunJulAugSepOctNovDec", (ymd[2] - 1) * 3 + 1, 3), ymd[1]
  in_entry = 0
}
/^## / {
  close_entry()
  skipping = 1
  if ($0 ~ /^## \[Unreleased\]/) next
  if (!match($0, /^## \[[0-9]+\.[0-9]+\.[0-9]+\] - [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/))
    fail("line " NR " is not \"## [X.Y.Z] - YYYY-MM-DD\": " $0)
  entry = substr($0, 5, index($0, "]") - 5)
  date = substr($0, length($0) - 9)
  if (!entries++ && entry != version)
    fail("the newest release is " entry ", but the version in CMakeLists.txt is " version \
         ": a release adds its dated section")
  if (entries > 1) print ""
  printf "niggle (%s) unstable; urgency=medium\n\n", entry
  in_entry = 1; skipping = 0; heading = ""
  next
}
skipping { next }
/^### / {
  flush_item()
  heading = substr($0, 5)
  heading_printed = 0
  next
}
/^\[[^]]*\]: / { next }                         # link reference definitions
/^[-*] / { flush_item(); item = substr($0, 3); next }
/^[ \t]*$/ { flush_item(); next }
/^[ \t]/ && item != "" { item = item " " $0; next }
{ flush_item(); item = $0; heading_saved = heading; heading = ""; flush_item(); heading = heading_saved }
END {
  if (failed) exit 1
  close_entry()
  if (!entries) fail("no released version (\"## [X.Y.Z] - YYYY-MM-DD\")")
}
' "$changelog" >"$output.txt"

gzip -9n -c "$output.txt" >"$output.tmp"
mv "$output.tmp" "$output"
