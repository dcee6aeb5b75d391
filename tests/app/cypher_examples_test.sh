#!/usr/bin/env bash
# The dozen example questions (examples/neo4j/queries/): each query, run through the CLI over the
# extracted examples, gives exactly its committed answer; and networkx, reading the same GraphML
# without any Cypher, computes the same answers; so do the SPARQL versions in examples/sparql/.
# usage: cypher_examples_test.sh TRIALGRAPH SOURCE_DIR
set -uo pipefail
tg=$1 src=$2
queries=$src/examples/neo4j/queries
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

"$tg" extract "$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds" -o "$tmp/examples.graphml" -q || { echo "FAIL extract"; exit 1; }
count=0
for query in "$queries"/*.cypher; do
  answer=${query%.cypher}.csv
  name=$(basename "$query")
  count=$((count + 1))
  if [ ! -f "$answer" ]; then echo "FAIL $name: no $(basename "$answer")"; failures=$((failures + 1)); continue; fi
  if ! "$tg" query "$tmp/examples.graphml" "$(cat "$query")" --format csv > "$tmp/got.csv" 2> "$tmp/err"; then
    echo "FAIL $name: exit code $?"; cat "$tmp/err"; failures=$((failures + 1)); continue
  fi
  if diff -u "$answer" "$tmp/got.csv" > "$tmp/diff"; then echo "ok   $name"
  else echo "FAIL $name: the answer changed"; head -40 "$tmp/diff"; failures=$((failures + 1)); fi
done
[ "$count" -ge 12 ] || { echo "FAIL only $count queries"; failures=$((failures + 1)); }

/usr/bin/python3 "$src/tests/consumers/cypher_answers_networkx.py" "$tmp/examples.graphml" "$queries" || failures=$((failures + 1))
# The same questions in SPARQL (checked against rdflib and Virtuoso by export_sparql and
# virtuoso_sparql) have the same answers, row for row.
/usr/bin/python3 "$src/tests/consumers/same_answers.py" "$queries" "$src/examples/sparql" || failures=$((failures + 1))

echo "$failures failed"
[ "$failures" -eq 0 ]
