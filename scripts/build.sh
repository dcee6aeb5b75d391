#!/usr/bin/env bash
# Installs the dependencies (when missing) and builds trialgraph.
# usage: scripts/build.sh [PRESET]
#   no PRESET: the normal build into build/ (BUILD_TYPE, default RelWithDebInfo)
#   asan:      AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/ (CMakePresets.json)
#   fuzz:      the libFuzzer targets (clang, sanitizers) into build-fuzz/
# JOBS sets the parallel jobs (default: the number of processors).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
preset=${1:-}
jobs=${JOBS:-$(nproc)}
dir=build${preset:+-$preset}
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
[ -f "$dir/CMakeCache.txt" ] && generator=()  # keep whatever generator the build folder has
if [ -z "$preset" ]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" > /dev/null
  cmake --build build --parallel "$jobs"
else
  cmake --preset "$preset" "${generator[@]}" > /dev/null
  cmake --build --preset "$preset" --parallel "$jobs"
fi
