#!/usr/bin/env bash
# Installs the dependencies (when missing) and builds trialgraph into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
[ -f build/CMakeCache.txt ] && generator=()  # keep whatever generator the build folder has
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" > /dev/null
cmake --build build --parallel "$(nproc)"
