#!/usr/bin/env bats
# What `cmake --install` and the Debian package put on a machine. NIGGLE_BUILD_DIR is a
# configured and built tree (scripts/test-package.sh sets it). Installing the .deb needs
# root; without it that test is skipped and says so.
bats_require_minimum_version 1.5.0

setup_file() {
  : "${NIGGLE_BUILD_DIR:?set NIGGLE_BUILD_DIR to a built tree (scripts/test-package.sh does)}"
  export VERSION VERSION_LINE SOURCE_DIR
  SOURCE_DIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
  # The whole line, with the commit when built from a git checkout: an installed binary
  # prints exactly what the built one does.
  VERSION_LINE=$("$NIGGLE_BUILD_DIR/niggle" --version)
  VERSION=$(echo "$VERSION_LINE" | cut -d' ' -f2)
  export PACKAGE_DIR="$BATS_FILE_TMPDIR/package"
  cpack --config "$NIGGLE_BUILD_DIR/CPackConfig.cmake" -B "$PACKAGE_DIR" >"$BATS_FILE_TMPDIR/cpack.log" 2>&1 ||
    { cat "$BATS_FILE_TMPDIR/cpack.log"; return 1; }
  export DEB="$PACKAGE_DIR/niggle_${VERSION}_$(dpkg --print-architecture).deb"
}

@test "cmake --install puts the binary, man page and completions in the standard places" {
  run cmake --install "$NIGGLE_BUILD_DIR" --prefix "$BATS_TEST_TMPDIR/usr"
  [ "$status" -eq 0 ]
  for file in bin/niggle share/man/man1/niggle.1 share/bash-completion/completions/niggle \
              share/zsh/site-functions/_niggle share/fish/vendor_completions.d/niggle.fish; do
    [ -f "$BATS_TEST_TMPDIR/usr/$file" ] || { echo "missing: $file"; return 1; }
  done
  [ -x "$BATS_TEST_TMPDIR/usr/bin/niggle" ]
  [ "$("$BATS_TEST_TMPDIR/usr/bin/niggle" --version)" = "$VERSION_LINE" ]
  # A source install keeps the man page as written and leaves Debian's files to the package.
  cmp "$SOURCE_DIR/man/niggle.1" "$BATS_TEST_TMPDIR/usr/share/man/man1/niggle.1"
  [ ! -e "$BATS_TEST_TMPDIR/usr/share/man/man1/niggle.1.gz" ]
  [ ! -e "$BATS_TEST_TMPDIR/usr/share/doc/niggle" ]
}

# gzip -9n: deflate at maximum compression (XFL 2), with no file name (FLG 0) and no time
# stamp (MTIME 0), so that the same input always gives the same bytes.
assert_gzip_9n() {
  [ "$(od -An -tx1 -N9 "$1" | tr -d ' \n')" = 1f8b08000000000002 ] ||
    { echo "$1: gzip header $(od -An -tx1 -N10 "$1")"; return 1; }
}

@test "the .deb has the man page gzipped -9n, a DEP-5 copyright and a Debian changelog.gz" {
  unpacked="$BATS_TEST_TMPDIR/unpacked"
  dpkg-deb -x "$DEB" "$unpacked"
  doc="$unpacked/usr/share/doc/niggle"
  [ ! -e "$unpacked/usr/share/man/man1/niggle.1" ]
  assert_gzip_9n "$unpacked/usr/share/man/man1/niggle.1.gz"
  zcat "$unpacked/usr/share/man/man1/niggle.1.gz" | cmp - "$SOURCE_DIR/man/niggle.1"
  # The copyright file: machine-readable, with the project's own licence text word for word.
  [ "$(head -1 "$doc/copyright")" = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" ]
  grep -qx 'Files: \*' "$doc/copyright"
  grep -qx 'License: Expat' "$doc/copyright"
  # (the last "License: Expat" opens the stand-alone paragraph with the text)
  diff <(tac "$doc/copyright" | sed '/^License: Expat$/q' | tac | sed '1d; /^$/,$d; s/^ //; s/^\.$//') \
       <(sed -n '5,$p' "$SOURCE_DIR/LICENSE")
  # The changelog: one Debian entry per release in CHANGELOG.md, the newest this version.
  assert_gzip_9n "$doc/changelog.gz"
  zcat "$doc/changelog.gz" >"$BATS_TEST_TMPDIR/changelog"
  [ "$(dpkg-parsechangelog -l "$BATS_TEST_TMPDIR/changelog" -S Version)" = "$VERSION" ]
  [ "$(dpkg-parsechangelog -l "$BATS_TEST_TMPDIR/changelog" -S Source)" = niggle ]
  released=$(grep -c '^## \[[0-9]' "$SOURCE_DIR/CHANGELOG.md")
  [ "$(dpkg-parsechangelog -l "$BATS_TEST_TMPDIR/changelog" --all --format rfc822 | grep -c '^Version: ')" -eq "$released" ]
  date=$(grep -m1 "^## \[$VERSION\] - " "$SOURCE_DIR/CHANGELOG.md" | sed 's/.* - //')
  [ "$(date -u -d "$(dpkg-parsechangelog -l "$BATS_TEST_TMPDIR/changelog" -S Date)" +%F)" = "$date" ]
  # Lines of changes fit in 80 columns (the sign-off line is exempt, as lintian has it).
  ! grep '^  ' "$BATS_TEST_TMPDIR/changelog" | awk 'length > 80' | grep . || return 1
  # Every change of the release is in it (found by its first words: lines are rewrapped).
  flat=$(tr '\n' ' ' <"$BATS_TEST_TMPDIR/changelog" | tr -s ' ')
  changes=0
  while IFS= read -r change; do
    [[ "$flat" == *"$change"* ]] || { echo "not in changelog.gz: $change"; return 1; }
    changes=$((changes + 1))
  done < <(sed -n "/^## \[$VERSION\]/,/^## \[[0-9]/p" "$SOURCE_DIR/CHANGELOG.md" | grep '^- ' | cut -c3-40)
  [ "$changes" -gt 0 ]
}

@test "the description: a synopsis without a leading article, lines of at most 80 columns" {
  synopsis=$(dpkg-deb -f "$DEB" Description | head -1)
  [ -n "$synopsis" ]
  ! [[ "$synopsis" =~ ^(a|an|the|A|An|The)\  ]] || { echo "synopsis: $synopsis"; return 1; }
  [ "$(dpkg-deb -f "$DEB" Description | wc -l)" -gt 2 ]
  ! dpkg-deb -f "$DEB" Description | awk 'length > 80' | grep . || return 1
}

@test "lintian reports no error and no warning on the .deb" {
  command -v lintian >/dev/null || { echo "lintian is not installed (scripts/test-package.sh installs it)"; return 1; }
  run --separate-stderr lintian --fail-on error,warning "$DEB"
  echo "# lintian --fail-on error,warning $(basename "$DEB"): exit $status, ${output:-no output}" >&3
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  ! echo "$output" | grep -E '^[EW]: ' || return 1
}

@test "the .deb has the project's name, version, maintainer and library dependencies, under /usr" {
  [ -f "$DEB" ] || { ls "$PACKAGE_DIR"; return 1; }
  [ "$(dpkg-deb -f "$DEB" Package)" = niggle ]
  [ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ]
  [[ "$(dpkg-deb -f "$DEB" Maintainer)" == *"<"*"@"*">" ]]
  depends=$(dpkg-deb -f "$DEB" Depends)
  [[ "$depends" == *libc6* ]] || { echo "Depends: $depends"; return 1; }
  # The release build links every library but glibc in (CMakeLists.txt, NIGGLE_STATIC_LIBS);
  # a build without it depends on each shared library it loads.
  if ldd "$NIGGLE_BUILD_DIR/niggle" | grep -q libsqlite3; then
    for library in libsqlite3-0 libfmt; do
      [[ "$depends" == *"$library"* ]] || { echo "Depends: $depends"; return 1; }
    done
  else
    for library in libsqlite3 libfmt libstdc++ libgcc-s libpugixml libexpat libarchive libtomlplusplus; do
      [[ "$depends" != *"$library"* ]] || { echo "Depends: $depends"; return 1; }
    done
  fi
  run dpkg-deb -c "$DEB"
  [[ "$output" == *" ./usr/bin/niggle"* ]]
  [[ "$output" == *" ./usr/share/man/man1/niggle.1.gz"* ]]
  [[ "$output" == *" ./usr/share/doc/niggle/copyright"* ]]
  [[ "$output" == *" ./usr/share/doc/niggle/changelog.gz"* ]]
  [[ "$output" == *" ./usr/share/bash-completion/completions/niggle"* ]]
  [[ "$output" == *" ./usr/share/zsh/site-functions/_niggle"* ]]
  [[ "$output" == *" ./usr/share/fish/vendor_completions.d/niggle.fish"* ]]
  ! echo "$output" | grep -q ' ./usr/local'
}

# A failed test must not leave the package installed.
teardown() {
  if [ -n "${INSTALLED_BY_TEST:-}" ]; then dpkg -r niggle >/dev/null 2>&1 || true; fi
}

@test "dpkg installs the .deb, niggle and man -w niggle work, and dpkg removes it cleanly" {
  if [ "$(id -u)" -ne 0 ]; then skip "installing a .deb needs root (CI runs as root)"; fi
  if dpkg-query -W -f='${Status}' niggle 2>/dev/null | grep -q "install ok installed"; then
    skip "a niggle package is already installed on this machine; not touching it"
  fi
  INSTALLED_BY_TEST=1
  run dpkg -i "$DEB"
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  [ "$(/usr/bin/niggle --version)" = "$VERSION_LINE" ]
  if grep -rqs '^path-exclude=*/usr/share/man' /etc/dpkg/dpkg.cfg.d; then
    echo "# this machine's dpkg leaves out man pages (path-exclude); man -w is not checked" >&3
  else
    man -aw niggle | grep -qx '/usr/share/man/man1/niggle.1.gz' || { man -aw niggle; return 1; }
  fi
  # The installed completions are the ones each shell loads by itself.
  run bash --norc -c 'source /usr/share/bash-completion/bash_completion; _completion_loader niggle; complete -p niggle'
  [[ "$output" == "complete -F _niggle niggle" ]]
  if command -v fish >/dev/null; then
    [ "$(HOME="$BATS_TEST_TMPDIR" XDG_CONFIG_HOME="$BATS_TEST_TMPDIR" fish -c 'complete -C "niggle pa"' | cut -f1)" = pain ]
  fi
  # It works for a user: a journal in a scratch HOME.
  HOME="$BATS_TEST_TMPDIR" XDG_DATA_HOME="$BATS_TEST_TMPDIR/data" /usr/bin/niggle pain 2 >/dev/null
  [ -f "$BATS_TEST_TMPDIR/data/niggle/journal.db" ]

  run dpkg -r niggle
  [ "$status" -eq 0 ]
  INSTALLED_BY_TEST=
  ! dpkg-query -W -f='${Status}' niggle 2>/dev/null | grep -q "install ok installed"
  for file in /usr/bin/niggle /usr/share/man/man1/niggle.1.gz /usr/share/bash-completion/completions/niggle \
              /usr/share/zsh/site-functions/_niggle /usr/share/fish/vendor_completions.d/niggle.fish \
              /usr/share/doc/niggle/copyright /usr/share/doc/niggle/changelog.gz; do
    [ ! -e "$file" ] || { echo "left behind: $file"; return 1; }
  done
}
