#!/usr/bin/env bash
# The install rules and the Debian package: builds (preset "ci" unless another is named),
# then checks `cmake --install`, builds the .deb with CPack, checks its contents, runs
# lintian on it (any error or warning fails), and, as root, installs it with dpkg, runs it
# and removes it again (tests/package/package.bats).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"

bash scripts/install-deps.sh --test --package
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
case "$preset" in
  release) build_dir=build ;;
  *) build_dir="build-$preset" ;;
esac
NIGGLE_BUILD_DIR="$PWD/$build_dir" bats tests/package
