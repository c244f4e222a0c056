#!/usr/bin/env bash
# The architecture's rule, checked (ARCHITECTURE.md "Layers"): each layer includes only its
# own headers and those of the layers below it (core <- formats <- store <- views <- cli),
# and the core neither includes nor needs SQLite, XML, archives, the file system, the
# environment or the clock.
#   scripts/check-layers.sh [LIBNIGGLE_CORE.a]
# With the core's static library, its undefined symbols are checked too. Exit 1 on any
# violation, each printed as FILE:LINE: what is wrong. NIGGLE_SOURCE_DIR names another tree
# to check (tests/layers/planted.sh plants a violation in a copy).
set -uo pipefail
cd "${NIGGLE_SOURCE_DIR:-$(dirname "$0")/..}"

rank() {
  case "$1" in
    core) echo 0 ;; formats) echo 1 ;; store) echo 2 ;; views) echo 3 ;; cli) echo 4 ;; *) echo 9 ;;
  esac
}

failures=0
fail() { echo "$1" >&2; failures=$((failures + 1)); }

while IFS= read -r file; do
  case "$file" in
    src/*) layer=$(echo "$file" | cut -d/ -f2) ;;
    include/niggle/*) layer=$(echo "$file" | cut -d/ -f3) ;;
  esac
  own=$(rank "$layer")
  [ "$own" = 9 ] && continue
  while IFS=: read -r line text; do
    target=$(echo "$text" | sed -n 's|.*#include "niggle/\([a-z]*\)/.*|\1|p')
    if [ -n "$target" ] && [ "$(rank "$target")" -gt "$own" ]; then
      fail "$file:$line: the $layer layer includes a header of the $target layer above it: ${text#*#include }"
    fi
    if [ "$layer" = core ]; then
      case "$text" in
        *'<sqlite3.h>'* | *'<SQLiteCpp/'* | *'<pugixml.hpp>'* | *'<expat.h>'* | *'<archive'* | *'<toml++/'* | *'<filesystem>'* | \
          *'<fstream>'* | *'<ctime>'* | *'<time.h>'* | *'<sys/'* | *'<unistd.h>'* | *'<fcntl.h>'*)
          fail "$file:$line: the core layer is pure and may not include ${text#*#include }" ;;
      esac
    fi
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file" | sed 's/^\([0-9]*\):/\1:/')
  if [ "$layer" = core ]; then
    while IFS=: read -r line text; do
      fail "$file:$line: the core layer reads no clock and no environment: $(echo "$text" | sed 's/^[[:space:]]*//')"
    done < <(grep -nE 'std::getenv|getenv\(|system_clock|steady_clock|std::time\(|[^_a-z]time\(nullptr|localtime|gmtime|std::filesystem' "$file")
  fi
done < <(find src include -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.in' \) | sort)

if [ $# -ge 1 ]; then
  # Undefined symbols the core's objects need: none may come from SQLite, pugixml, expat, an archive
  # library, TOML, the file system, the environment or the clock.
  forbidden='sqlite3_|SQLite|pugi|XML_|archive_|toml|filesystem|getenv|clock_gettime|gettimeofday|^time$|localtime|gmtime|mktime|system_clock|steady_clock'
  while read -r symbol; do
    fail "$1: the core library needs the symbol '$symbol', which it may not use"
  done < <(nm -u -C "$1" 2>/dev/null | sed -n 's/^ *U //p' | grep -E "$forbidden" | sort -u)
fi

if [ "$failures" -gt 0 ]; then
  echo "check-layers: $failures violation(s)" >&2
  exit 1
fi
echo "check-layers: every include points down and the core is pure"
