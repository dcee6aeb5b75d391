#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang with ASan + UBSan) and fuzzes each for SECONDS
# (default 60) on its seed corpora, then prints the executions each ran. New corpus inputs are kept
# in build-fuzz/fuzz-work/corpus/ for the next run; a crash, leak or hang leaves its input in
# build-fuzz/fuzz-work/artifacts/<target>/ and makes the exit code 1.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]    (targets: fuzz_plugin_ctgov-json, fuzz_recognizer, ...)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
mkdir -p build-fuzz
scripts/build.sh fuzz > build-fuzz/build.log 2>&1 || { cat build-fuzz/build.log; echo "fuzz: the build failed"; exit 3; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd build-fuzz/fuzz && ls fuzz_* | grep -v '[.]'))
status=0
for t in "${targets[@]}"; do
  fuzz/run_fuzzer.sh "build-fuzz/fuzz/$t" "$seconds" "$PWD" "$PWD/build-fuzz/fuzz-work" || status=1
done
exit $status
