#!/usr/bin/env bats
# What `cmake --install` and the Debian package put on a machine. NIGGLE_BUILD_DIR is a
# configured and built tree (scripts/test-package.sh sets it). Installing the .deb needs
# root; without it that test is skipped and says so.
bats_require_minimum_version 1.5.0

setup_file() {
  : "${NIGGLE_BUILD_DIR:?set NIGGLE_BUILD_DIR to a built tree (scripts/test-package.sh does)}"
  export VERSION
  VERSION=$("$NIGGLE_BUILD_DIR/niggle" --version | cut -d' ' -f2)
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
  [ "$("$BATS_TEST_TMPDIR/usr/bin/niggle" --version)" = "niggle $VERSION" ]
}

@test "the .deb has the project's name, version, maintainer and library dependencies, under /usr" {
  [ -f "$DEB" ] || { ls "$PACKAGE_DIR"; return 1; }
  [ "$(dpkg-deb -f "$DEB" Package)" = niggle ]
  [ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ]
  [[ "$(dpkg-deb -f "$DEB" Maintainer)" == *"<"*"@"*">" ]]
  depends=$(dpkg-deb -f "$DEB" Depends)
  for library in libc6 libsqlite3-0 libfmt; do
    [[ "$depends" == *"$library"* ]] || { echo "Depends: $depends"; return 1; }
  done
  run dpkg-deb -c "$DEB"
  [[ "$output" == *" ./usr/bin/niggle"* ]]
  [[ "$output" == *" ./usr/share/man/man1/niggle.1"* ]]
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
  [ "$(/usr/bin/niggle --version)" = "niggle $VERSION" ]
  if grep -rqs '^path-exclude=*/usr/share/man' /etc/dpkg/dpkg.cfg.d; then
    echo "# this machine's dpkg leaves out man pages (path-exclude); man -w is not checked" >&3
  else
    man -aw niggle | grep -qx '/usr/share/man/man1/niggle.1' || { man -aw niggle; return 1; }
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
  for file in /usr/bin/niggle /usr/share/man/man1/niggle.1 /usr/share/bash-completion/completions/niggle \
              /usr/share/zsh/site-functions/_niggle /usr/share/fish/vendor_completions.d/niggle.fish; do
    [ ! -e "$file" ] || { echo "left behind: $file"; return 1; }
  done
}
