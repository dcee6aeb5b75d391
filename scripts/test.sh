#!/usr/bin/env bash
# Builds and runs every test: unit, conformance, golden, CLI and the real-consumer checks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure --timeout 600 -j "$(nproc)"
