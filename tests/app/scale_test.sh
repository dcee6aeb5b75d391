#!/usr/bin/env bash
# Parallel, streamed extraction: the same bytes whatever -j is; NDJSON files and JSON arrays read
# record by record; the limits (size, entities, time) fail one document and spare the others.
# usage: scale_test.sh TRIALGRAPH SOURCE_DIR MISBEHAVING_PLUGIN_DIR
set -uo pipefail
tg=$1 src=$2 misbehaving=$3
ex=$src/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
py=/usr/bin/python3

# The same output, byte for byte, for any number of threads: the examples (many small documents
# of seven formats) and a bulk NDJSON file of 2,000 studies read record by record.
"$py" "$src/bench/generate_ndjson.py" 2000 "$tmp/bulk.ndjson" "$ex/ctgov-v2"
for j in 1 2 5; do
  "$tg" extract -q -j $j "$ex/ctgov-v2" "$ex/registry-formats" "$ex/seeds" -o "$tmp/ex$j.graphml" -o "$tmp/ex$j.nq"
  "$tg" extract -q -j $j "$tmp/bulk.ndjson" -o "$tmp/bulk$j.graphml" -o "$tmp/bulk$j.ttl" \
    -o "$tmp/csv$j" --format neo4j-csv
done
for f in ex.graphml ex.nq bulk.graphml bulk.ttl; do
  cmp -s "$tmp/${f/./1.}" "$tmp/${f/./2.}" && cmp -s "$tmp/${f/./1.}" "$tmp/${f/./5.}"
  check "-j 1, 2 and 5 write the same $f" 0 $?
done
# The neo4j CSV files (the import script names its own folder, so it differs).
ls "$tmp/csv1"/*.csv > /dev/null 2>&1 && diff -r -x '*.sh' "$tmp/csv1" "$tmp/csv2" > /dev/null &&
  diff -r -x '*.sh' "$tmp/csv1" "$tmp/csv5" > /dev/null
check "-j 1, 2 and 5 write the same neo4j CSV files" 0 $?

# Either engine of the recognizer's first pass (Hyperscan, when built, takes over from RE2 on long
# runs) gives the same bytes.
for engine in re2 hyperscan; do
  TRIALGRAPH_PATTERN_ENGINE=$engine "$tg" extract -q -j 2 "$ex/ctgov-v2" "$ex/registry-formats" "$ex/seeds" \
    "$tmp/bulk.ndjson" -o "$tmp/engine-$engine.graphml" -o "$tmp/engine-$engine.ttl"
done
cmp -s "$tmp/engine-re2.graphml" "$tmp/engine-hyperscan.graphml" && cmp -s "$tmp/engine-re2.ttl" "$tmp/engine-hyperscan.ttl"
check "RE2 and Hyperscan find the same (GraphML and Turtle)" 0 $?

# A stream is the sum of its records: the bulk file gives the graph its studies give one by one.
mkdir "$tmp/split"
"$py" - "$tmp/bulk.ndjson" "$tmp/split" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    study = json.loads(line)
    nct = study["protocolSection"]["identificationModule"]["nctId"]
    open(f"{sys.argv[2]}/{nct}.json", "w", encoding="utf-8").write(line)
PY
# The same studies as one pretty-printed JSON array (an element spans many lines).
"$py" -c 'import json,sys; json.dump([json.loads(l) for l in open(sys.argv[1])], open(sys.argv[2], "w"), indent=2)' \
  "$tmp/bulk.ndjson" "$tmp/bulk-array.json"
"$tg" extract "$tmp/split" -o "$tmp/split.graphml" > "$tmp/split.out"
"$tg" extract -j 2 "$tmp/bulk-array.json" -o "$tmp/array.graphml" --report "$tmp/array.report" > "$tmp/array.out"
check "a JSON array is read element by element" 0 $? '"status":"ok"' "$tmp/array.report"
"$py" - "$tmp/bulk1.graphml" "$tmp/split.graphml" "$tmp/array.graphml" > "$tmp/same.out" 2>&1 <<'PY'
import sys
import networkx as nx
def facts(path):
    g = nx.read_graphml(path)
    nodes = {(d["labels"], d["key"], d["name"]) for _, d in g.nodes(data=True)}
    edges = {(g.nodes[u]["key"], d["label"], g.nodes[v]["key"]) for u, v, d in g.edges(data=True)}
    return nodes, edges
bulk, split, array = (facts(p) for p in sys.argv[1:])
assert len(bulk[0]) > 2000 and len(bulk[1]) > 4000, (len(bulk[0]), len(bulk[1]))
assert bulk == split, "the NDJSON stream and its studies one by one differ"
assert bulk == array, "the NDJSON stream and the JSON array differ"
print("same facts", len(bulk[0]), "nodes", len(bulk[1]), "edges")
PY
check "NDJSON stream = JSON array = one file per study (networkx)" 0 $? "same facts" "$tmp/same.out"

# Broken records: each is reported with its line, the others are read.
{ head -3 "$tmp/bulk.ndjson"; echo '{"protocolSection": {"identificationModule": '; echo; echo 'not json';
  sed -n 4,5p "$tmp/bulk.ndjson"; printf '%s' "$(sed -n 6p "$tmp/bulk.ndjson")"; } > "$tmp/broken.ndjson"
"$tg" extract -j 2 "$tmp/broken.ndjson" -o "$tmp/broken.graphml" --report "$tmp/broken.report" > "$tmp/out" 2> "$tmp/err"
check "bad lines of a stream are partial failures, by line" 1 $? \
  "broken.ndjson \[ctgov-json\]: line 4: not valid JSON" "$tmp/err" "line 6: not valid JSON" "$tmp/err" \
  '"status":"partial"' "$tmp/broken.report" '"entities":[1-9]' "$tmp/broken.report"
grep -c '<node id="Trial:' "$tmp/broken.graphml" > "$tmp/trials"
check "the six good studies (the last without a newline) are in the graph" 0 $? "^6$" "$tmp/trials"
printf '[{"protocolSection": {}}, 1 2]' > "$tmp/bad-array.json"
"$tg" extract "$tmp/bad-array.json" -o "$tmp/bad-array.graphml" > "$tmp/out" 2> "$tmp/err"
check "a broken array says where it broke" 1 $? "expected ',' or ']' after element 2" "$tmp/err"

# Limits: one document fails with the reason; the others are read.
head -c 3000000 /dev/zero | tr '\0' ' ' > "$tmp/big.json"; echo '{}' >> "$tmp/big.json"
"$tg" extract --max-document-size 2 "$tmp/big.json" "$ex/ctgov-v2" -o "$tmp/limits.graphml" > "$tmp/out" 2> "$tmp/err"
check "--max-document-size fails a larger document" 1 $? \
  "big.json \[ctgov-json\]: larger than the size limit \(2 MiB, --max-document-size\)" "$tmp/err" \
  "71 documents read, 1 failed" "$tmp/out"
{ head -c 3000000 /dev/zero | tr '\0' 'x' | sed 's/^/{"a": "/; s/$/"}/'; head -2 "$tmp/bulk.ndjson"; } > "$tmp/long-line.ndjson"
"$tg" extract --max-document-size 2 "$tmp/long-line.ndjson" -o "$tmp/limits.graphml" --report "$tmp/r" > "$tmp/out" 2> "$tmp/err"
check "--max-document-size skips a longer record of a stream" 1 $? "line 1: longer than the size limit" "$tmp/err" \
  '"status":"partial"' "$tmp/r"
"$tg" extract --max-entities 5 "$ex/ctgov-v2/NCT01100827.json" "$ex/seeds" -o "$tmp/limits.graphml" > "$tmp/out" 2> "$tmp/err"
check "--max-entities fails a document that emits more" 1 $? \
  "NCT01100827.json \[ctgov-json\]: more than 5 entities and relations \(--max-entities\)" "$tmp/err"
printf 'hang' > "$tmp/stuck.txt"
start=$(date +%s)
timeout 60 "$tg" extract --plugin-dir "$misbehaving" --time-budget 1 "$tmp/stuck.txt" "$ex/ctgov-v2" \
  -o "$tmp/stuck.graphml" > "$tmp/out" 2> "$tmp/err"
rc=$?
check "a plugin call that never returns is abandoned after its time budget" 1 $rc \
  "stuck.txt \[test-greedy-crash\]: no result within its time budget" "$tmp/err" "wrote .*stuck.graphml" "$tmp/out"
[ $(( $(date +%s) - start )) -lt 20 ]; check "... within seconds, not a hang" 0 $?
"$tg" extract -j 0 "$ex/seeds" -o "$tmp/x.graphml" > "$tmp/err" 2>&1
check "-j needs a positive number" 2 $? "-j needs a whole number" "$tmp/err"

# Progress: a line on a terminal (`script` gives the run one), none when piped or with -q.
if command -v script > /dev/null; then
  script -qec "'$tg' extract -j 2 '$tmp/bulk.ndjson' -o '$tmp/p.graphml'" /dev/null < /dev/null | tr '\r' '\n' > "$tmp/tty.out"
  check "a progress line on a terminal: records, share, rate, time left" 0 $? \
    "[0-9]+ documents, [0-9]+ records +[0-9]+% +[0-9]+ records/s +[0-9.]+ MB/s +[0-9]+ s left" "$tmp/tty.out"
  script -qec "'$tg' extract -q -j 2 '$tmp/bulk.ndjson' -o '$tmp/p.graphml'" /dev/null < /dev/null > "$tmp/tty-q.out"
  ! grep -q "records/s" "$tmp/tty-q.out"; check "no progress line with -q" 0 $?
fi
"$tg" extract -j 2 "$tmp/bulk.ndjson" -o "$tmp/p.graphml" > "$tmp/piped.out" 2>&1
! grep -q "records/s" "$tmp/piped.out"; check "no progress line when stderr is not a terminal" 0 $?

echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
