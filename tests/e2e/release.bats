#!/usr/bin/env bats
# What a release is made of, tested on scratch inputs. The commit that --version names:
# cmake/git-commit.cmake, run at every build, in scratch repositories. It must name the checked-out commit, mark uncommitted changes to tracked
# files, say nothing outside a git checkout (a release tarball, even unpacked inside some
# other repository), and leave its output untouched when nothing changed, so that a build
# without a new commit recompiles nothing. The package's changelog.gz:
# scripts/debian-changelog.sh, from a CHANGELOG.md in the layout of the real one.
bats_require_minimum_version 1.5.0

setup() {
  command -v git >/dev/null || skip "git is not installed"
  SCRIPT="$BATS_TEST_DIRNAME/../../cmake/git-commit.cmake"
  OUT="$BATS_TEST_TMPDIR/commit.cpp"
  export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null
  export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
}

# The commit string that the generated source defines.
lookup() {
  cmake -DSOURCE_DIR="$1" -DOUTPUT="$OUT" -P "$SCRIPT" >&2
  sed -n 's/^const char\* const commit = "\(.*\)";$/\1/p' "$OUT"
}

make_repo() {
  git init -q "$1"
  echo one >"$1/tracked.txt"
  git -C "$1" add tracked.txt
  git -C "$1" commit -qm one
}

@test "a clean checkout names its commit's short hash" {
  make_repo "$BATS_TEST_TMPDIR/repo"
  [ "$(lookup "$BATS_TEST_TMPDIR/repo")" = "$(git -C "$BATS_TEST_TMPDIR/repo" rev-parse --short HEAD)" ]
  # An untracked file (a build directory, say) does not make it dirty.
  mkdir "$BATS_TEST_TMPDIR/repo/build" && touch "$BATS_TEST_TMPDIR/repo/build/x" "$BATS_TEST_TMPDIR/repo/new.txt"
  [ "$(lookup "$BATS_TEST_TMPDIR/repo")" = "$(git -C "$BATS_TEST_TMPDIR/repo" rev-parse --short HEAD)" ]
}

@test "a changed or staged tracked file adds -dirty; committing it gives the new hash" {
  repo="$BATS_TEST_TMPDIR/repo"
  make_repo "$repo"
  echo two >>"$repo/tracked.txt"
  [ "$(lookup "$repo")" = "$(git -C "$repo" rev-parse --short HEAD)-dirty" ]
  git -C "$repo" add tracked.txt
  [ "$(lookup "$repo")" = "$(git -C "$repo" rev-parse --short HEAD)-dirty" ]
  old=$(git -C "$repo" rev-parse --short HEAD)
  git -C "$repo" commit -qm two
  [ "$(lookup "$repo")" = "$(git -C "$repo" rev-parse --short HEAD)" ]
  [ "$(lookup "$repo")" != "$old" ]
}

@test "a source tree without .git gives no commit, even inside another repository" {
  mkdir "$BATS_TEST_TMPDIR/tarball"
  [ "$(lookup "$BATS_TEST_TMPDIR/tarball")" = "" ]
  grep -qx 'const char\* const commit = "";' "$OUT"
  make_repo "$BATS_TEST_TMPDIR/outer"
  mkdir "$BATS_TEST_TMPDIR/outer/niggle-0.1.0"
  [ "$(lookup "$BATS_TEST_TMPDIR/outer/niggle-0.1.0")" = "" ]
}

@test "without git at all, there is no commit and the build goes on" {
  make_repo "$BATS_TEST_TMPDIR/repo"
  cmake -DSOURCE_DIR="$BATS_TEST_TMPDIR/repo" -DOUTPUT="$OUT" -DGIT_EXECUTABLE=/nonexistent/git -P "$SCRIPT"
  grep -qx 'const char\* const commit = "";' "$OUT"
}

@test "the output is rewritten only when the commit changes" {
  repo="$BATS_TEST_TMPDIR/repo"
  make_repo "$repo"
  lookup "$repo" >/dev/null
  touch -d '2000-01-01 00:00:00' "$OUT"
  lookup "$repo" >/dev/null
  [ "$(stat -c %Y "$OUT")" = "$(date -d '2000-01-01 00:00:00' +%s)" ]
  echo two >>"$repo/tracked.txt"
  [[ "$(lookup "$repo")" == *-dirty ]]
  [ "$(stat -c %Y "$OUT")" != "$(date -d '2000-01-01 00:00:00' +%s)" ]
}

CHANGELOG_SCRIPT="$BATS_TEST_DIRNAME/../../scripts/debian-changelog.sh"

write_changelog() {
  cat >"$BATS_TEST_TMPDIR/CHANGELOG.md" <<'MD'
# Changelog

How a release is made, and other prose that is not a release.

## [Unreleased]

### Added

- something not released yet

## [0.2.0] - 2026-12-05

### Added

- `niggle --version` names the commit, in a line long enough that it has to be wrapped
  at the column limit, and then goes on for a while longer.

### Fixed

### Changed

- P1 now looks back 14 days.

## [0.1.0] - 2026-11-24

The first release.

[0.1.0]: https://example.org/v0.1.0
MD
}

@test "changelog.gz: one Debian entry per release, newest first, Unreleased and empty headings left out" {
  write_changelog
  sh "$CHANGELOG_SCRIPT" 0.2.0 "$BATS_TEST_TMPDIR/CHANGELOG.md" "M <m@example.org>" "$BATS_TEST_TMPDIR/changelog.gz"
  zcat "$BATS_TEST_TMPDIR/changelog.gz" >"$BATS_TEST_TMPDIR/changelog"
  diff - "$BATS_TEST_TMPDIR/changelog" <<'DEB'
niggle (0.2.0) unstable; urgency=medium

  * Added:
    - `niggle --version` names the commit, in a line long enough that it has
      to be wrapped at the column limit, and then goes on for a while longer.
  * Changed:
    - P1 now looks back 14 days.

 -- M <m@example.org>  Sat, 05 Dec 2026 00:00:00 +0000

niggle (0.1.0) unstable; urgency=medium

  * The first release.

 -- M <m@example.org>  Tue, 24 Nov 2026 00:00:00 +0000
DEB
  if command -v dpkg-parsechangelog >/dev/null; then
    [ "$(dpkg-parsechangelog -l "$BATS_TEST_TMPDIR/changelog" --all --format rfc822 | sed -n 's/^Version: //p' | tr '\n' ' ')" = "0.2.0 0.1.0 " ]
  fi
  # The same input gives the same bytes: gzip -9n stores no name and no time.
  sleep 1
  sh "$CHANGELOG_SCRIPT" 0.2.0 "$BATS_TEST_TMPDIR/CHANGELOG.md" "M <m@example.org>" "$BATS_TEST_TMPDIR/again.gz"
  cmp "$BATS_TEST_TMPDIR/changelog.gz" "$BATS_TEST_TMPDIR/again.gz"
}

@test "changelog.gz: a version with no dated section fails the build and writes nothing" {
  write_changelog
  run --separate-stderr sh "$CHANGELOG_SCRIPT" 0.3.0 "$BATS_TEST_TMPDIR/CHANGELOG.md" "M <m@example.org>" "$BATS_TEST_TMPDIR/changelog.gz"
  [ "$status" -ne 0 ]
  [[ "$stderr" == *"the newest release is 0.2.0, but the version in CMakeLists.txt is 0.3.0"* ]] || { echo "$stderr"; return 1; }
  [ ! -e "$BATS_TEST_TMPDIR/changelog.gz" ]
  [ -z "$(ls "$BATS_TEST_TMPDIR" | grep changelog)" ]
}

@test "changelog.gz: a release heading not in the layout is refused, naming its line" {
  printf '# Changelog\n\n## [0.1.0] 2026-11-24\n\n- one\n' >"$BATS_TEST_TMPDIR/CHANGELOG.md"
  run --separate-stderr sh "$CHANGELOG_SCRIPT" 0.1.0 "$BATS_TEST_TMPDIR/CHANGELOG.md" "M <m@example.org>" "$BATS_TEST_TMPDIR/changelog.gz"
  [ "$status" -ne 0 ]
  [[ "$stderr" == *"line 3 is not"* ]] || { echo "$stderr"; return 1; }
  [ ! -e "$BATS_TEST_TMPDIR/changelog.gz" ]
}

@test "CHANGELOG.md: one section per version, newest first, each kind of change at most once in each" {
  local changelog="$BATS_TEST_DIRNAME/../../CHANGELOG.md"
  # Versions: Unreleased first, then each released version once, dates falling.
  run awk '/^## /' "$changelog"
  [ "${lines[0]}" = "## [Unreleased]" ]
  [ "$(printf '%s\n' "${lines[@]}" | sort | uniq -d)" = "" ] || { printf '%s\n' "${lines[@]}"; false; }
  local dates
  dates=$(printf '%s\n' "${lines[@]:1}" | sed -n 's/^## \[[0-9.]*\] - \([0-9-]*\)$/\1/p')
  [ "$(wc -l <<<"$dates")" -eq $((${#lines[@]} - 1)) ] || { echo "a version heading without a date"; false; }
  [ "$dates" = "$(sort -r <<<"$dates")" ]
  # Within each version, Added / Changed / Deprecated / Removed / Fixed / Security at most once.
  run awk '/^## / { version = $0 } /^### / { print version " " $0 }' "$changelog"
  [ "$(printf '%s\n' "${lines[@]}" | sort | uniq -d)" = "" ] || { printf '%s\n' "${lines[@]}" | sort | uniq -d; false; }
  run awk '/^### / && $2 !~ /^(Added|Changed|Deprecated|Removed|Fixed|Security)$/' "$changelog"
  [ -z "$output" ]
  # The version CMake builds has its dated section.
  version=$(sed -n 's/^project(niggle VERSION \([0-9.]*\) .*/\1/p' "$BATS_TEST_DIRNAME/../../CMakeLists.txt")
  grep -q "^## \[$version\] - " "$changelog"
}
