#!/usr/bin/env bats
# The commit that --version names: cmake/git-commit.cmake, run at every build, in scratch
# repositories. It must name the checked-out commit, mark uncommitted changes to tracked
# files, say nothing outside a git checkout (a release tarball, even unpacked inside some
# other repository), and leave its output untouched when nothing changed, so that a build
# without a new commit recompiles nothing.
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
