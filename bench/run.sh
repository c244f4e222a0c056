#!/usr/bin/env bash
# Benchmarks niggle against its floor and against Timewarrior, Taskwarrior, hledger and
# ledger, in one run (BENCHMARKS.md says what and why).
#
#   bash bench/run.sh [--size small|1y|10y|1m|all] [--out DIR] [--runs N] [--warmup N] [--no-peers]
#                     [--build DIR]
#
# Installs what is missing (Debian packages only: the benchmark's tools and the peers are
# not niggle's build or test dependencies), builds the "bench" preset (the release build,
# plus the start-up floor), generates the journals (kept in build-bench/journals) and
# writes DIR/table.md, DIR/results.json and hyperfine's raw exports in DIR/raw
# (DIR defaults to build-bench/results, which git ignores). --size small is what CI runs,
# with --build build-ci: an existing build with NIGGLE_BUILD_BENCH=ON, measured as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

peers=1
build=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --no-peers) peers=0 ;;
    --build) build=${args[i + 1]:-} ;;
    --build=*) build=${args[i]#--build=} ;;
  esac
done

bash scripts/install-deps.sh
tools=(hyperfine sqlite3 python3 time)
if ((peers)); then tools+=(timewarrior taskwarrior hledger ledger); fi
missing=()
for package in "${tools[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "bench: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -z "$build" ]]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench
elif [[ ! -x "$build/niggle" || ! -x "$build/bench/niggle_static_floor" ]]; then
  # CI measures the build its first step made (the "ci" preset builds the floors too)
  # rather than build the same sources a second time.
  echo "bench: $build has no niggle or bench/niggle_static_floor; build it with NIGGLE_BUILD_BENCH=ON" >&2
  exit 2
fi
exec python3 bench/bench.py "$@"
