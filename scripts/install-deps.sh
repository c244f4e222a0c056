#!/usr/bin/env bash
# Installs what niggle needs on Debian 12, from Debian's own packages (nothing else is
# downloaded). `--test` adds what the test suite needs, `--fuzz` what the fuzz targets
# need, `--memcheck` valgrind. Flags combine. Installs only what is missing.
set -euo pipefail

build=(g++ cmake ninja-build pkg-config libsqlite3-dev libsqlitecpp-dev libfmt-dev libcli11-dev
       libtomlplusplus-dev nlohmann-json3-dev doctest-dev)
test=(bats jq sqlite3 mandoc python3 strace e2fsprogs util-linux binutils)
# libFuzzer and the sanitizer runtimes come with clang; llvm-14 has llvm-symbolizer, which
# turns a finding's stack trace into file:line.
fuzz=(clang libclang-rt-14-dev llvm-14)
memcheck=(valgrind)

wanted=("${build[@]}")
for flag in "$@"; do
  case "$flag" in
    --test) wanted+=("${test[@]}") ;;
    --fuzz) wanted+=("${fuzz[@]}") ;;
    --memcheck) wanted+=("${memcheck[@]}") ;;
    *) echo "install-deps: unknown flag $flag (accepted: --test, --fuzz, --memcheck)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#wanted[@]} packages are installed"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
