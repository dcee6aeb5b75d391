#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS on its seed corpora and says how many inputs it ran.
# usage: run_fuzzer.sh FUZZER_BINARY SECONDS SOURCE_DIR WORK_DIR
# Seeds: the repository's samples, examples and fixtures for the target's format, ../shared/seeds
# and ../shared/data when they are there, and tests/fixtures/fuzz-regressions/<target>/ (inputs that
# once crashed: each must still run clean). New inputs go to WORK_DIR/corpus/<target>, findings to
# WORK_DIR/artifacts/<target>/; exit code 0 when the run found nothing.
set -uo pipefail
binary=$1 seconds=$2 src=$3 work=$4
name=$(basename "$binary")
shared=$src/../shared
corpus=$work/corpus/$name artifacts=$work/artifacts/$name
mkdir -p "$corpus" "$artifacts"

seeds=() dict=""
add() { for d in "$@"; do [ -d "$d" ] && seeds+=("$d"); done; }
pages() { add "$src/examples/seeds" "$shared/seeds" "$src/tests/fixtures/pages"; }
case $name in
  fuzz_plugin_ctgov-json)  add "$src/plugins/ctgov-json/samples" "$src/examples/ctgov-v2" "$src/tests/fixtures/bad-input" "$shared/data/v2json"
                           dict=json ;;
  fuzz_plugin_ctgov-raw-json-page|fuzz_plugin_clinconnect-page|fuzz_plugin_basic-info-page)
                           add "$src/plugins/${name#fuzz_plugin_}/samples"; pages ;;
  fuzz_plugin_ctgov-xml)   add "$src/plugins/ctgov-xml/samples" "$src/examples/registry-formats" "$src/tests/fixtures/cross-format" "$shared/data/xml"
                           dict=xml ;;
  fuzz_plugin_ctgov-csv|fuzz_plugin_ctgov-v1-json|fuzz_delimited_text)
                           add "$src/plugins/ctgov-csv/samples" "$src/plugins/ctgov-v1-json/samples" "$src/examples/registry-formats" "$src/tests/fixtures/foreign" "$shared/data/other"
                           [ $name = fuzz_plugin_ctgov-v1-json ] && dict=json || dict=csv ;;
  fuzz_python_literal)     add "$src/fuzz/seeds/python_literal"
                           # the seed page's dump, from its first '{' on: a literal as the parser meets it
                           mkdir -p "$work/seeds/python_literal"
                           for page in "$src"/examples/seeds/004_*.txt; do
                             [ -f "$page" ] && sed -n '/^{/,$p' "$page" > "$work/seeds/python_literal/$(basename "$page")"
                           done
                           add "$work/seeds/python_literal"
                           dict=python_literal ;;
  fuzz_recognizer)         add "$src/fuzz/seeds/recognizer" "$src/tests/fixtures/text-mining"; pages ;;
  fuzz_graphml_reader)     add "$src/tests/golden" "$src/tests/fixtures/foreign"
                           dict=xml ;;
  *)                       echo "run_fuzzer: no seeds known for $name" >&2 ;;
esac
add "$src/tests/fixtures/fuzz-regressions/$name"
dict_option=()
[ -n "$dict" ] && dict_option=(-dict="$src/fuzz/dictionaries/$dict.dict")

log=$work/$name.log
started=$SECONDS
# -timeout: one input running longer is a hang; -rss_limit_mb: the memory a document may take.
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "${dict_option[@]}" "$corpus" "${seeds[@]}" > "$log" 2>&1
status=$?
took=$((SECONDS - started))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
inputs=$(ls "$corpus" | wc -l)
echo "fuzz $name: ${runs:-?} executions in $took s, ${cov:-?} edges covered, $inputs new corpus inputs, seeds from ${#seeds[@]} folders"
if [ $status -ne 0 ]; then
  echo "FAIL $name: libFuzzer exited with $status; the finding is in $artifacts/, the log in $log:"
  grep -E 'ERROR|SUMMARY|^#[0-9]+ .*0x|artifact|Test unit written' "$log" | head -30
  ls "$artifacts"
  exit 1
fi
