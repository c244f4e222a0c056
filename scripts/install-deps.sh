#!/usr/bin/env bash
# Installs what niggle needs on Debian 12, from Debian's own packages (nothing else is
# downloaded). `--test` adds what the test suite needs, `--fuzz` what the fuzz targets
# need, `--memcheck` valgrind, `--package` lintian (Debian's checker of the .deb). Flags
# combine. Installs only what is missing.
set -euo pipefail

# The archives of libarchive's own dependencies (zlib, bzip2, xz, nettle, zstd) let the
# release build link libarchive statically (CMakeLists.txt, NIGGLE_STATIC_LIBS).
build=(g++ cmake ninja-build pkg-config libsqlite3-dev libsqlitecpp-dev libfmt-dev libcli11-dev
       libtomlplusplus-dev nlohmann-json3-dev libpugixml-dev libexpat1-dev libarchive-dev doctest-dev
       zlib1g-dev libbz2-dev liblzma-dev nettle-dev libzstd-dev)
# Tests only: bats, jq and sqlite3 for the end-to-end tests; mandoc and man-db for the man
# page; bash-completion, zsh and fish to try the completions in the real shells; dpkg-dev
# and file for CPack's .deb and its library dependencies (dpkg-shlibdeps).
# tzdata for the import tests that read a UTC start in another time zone.
# The report's tests open its page in headless Chromium (a screenshot, A4 printing), with a
# font for its text, check it with xmllint, read the PDF with poppler and the screenshot with
# Pillow. strace proves niggle makes no network calls; e2fsprogs and util-linux make
# the small file systems of the fault tests; binutils reads the binary's imports; git makes
# the scratch repositories in which the version's commit lookup is tested; GNU time
# measures the peak memory of a large GPX import.
test=(bats jq sqlite3 mandoc man-db python3 bash-completion zsh fish dpkg-dev file tzdata
      chromium fonts-dejavu-core libxml2-utils poppler-utils python3-pil
      strace e2fsprogs util-linux binutils git time)
# libFuzzer and the sanitizer runtimes come with clang; llvm-14 has llvm-symbolizer, which
# turns a finding's stack trace into file:line.
fuzz=(clang libclang-rt-14-dev llvm-14)
memcheck=(valgrind)
package=(lintian)

wanted=("${build[@]}")
for flag in "$@"; do
  case "$flag" in
    --test) wanted+=("${test[@]}") ;;
    --fuzz) wanted+=("${fuzz[@]}") ;;
    --memcheck) wanted+=("${memcheck[@]}") ;;
    --package) wanted+=("${package[@]}") ;;
    *) echo "install-deps: unknown flag $flag (accepted: --test, --fuzz, --memcheck, --package)" >&2; exit 2 ;;
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
