#!/usr/bin/env bash
# Feeds exported files to real consumers: xmllint, the APOC GraphML rules, networkx, serdi, rapper, rdflib.
# usage: run_consumers.sh TRIALGRAPH SOURCE_DIR
set -euo pipefail
tg=$1 src=$2
here=$src/tests/consumers
py=/usr/bin/python3
shared=$src/../shared
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Registry records in every format: the bundled ones, or all of ../shared/data when it is there.
inputs=("$src/examples/ctgov-v2" "$src/examples/registry-formats")
[ -d "$shared/data" ] && inputs=("$shared/data")
v2_records=("$src/examples/ctgov-v2")
[ -d "$shared/data/v2json" ] && v2_records=("$shared/data/v2json")
lint=$here/apoc_graphml_lint.py
[ -f "$shared/tools/apoc_graphml_lint.py" ] && lint=$shared/tools/apoc_graphml_lint.py

echo "== extract ${inputs[*]}"
"$tg" extract -q "${inputs[@]}" -o "$out/g.graphml" -o "$out/g.ttl"

echo "== xmllint (well-formed GraphML)"
xmllint --noout "$out/g.graphml"
echo "== APOC GraphML rules"
"$py" "$lint" "$out/g.graphml"
echo "== networkx: every record's facts are in the graph, one Trial per NCT id"
"$py" "$here/check_source_facts.py" --one-trial-per-nct-id "$out/g.graphml" "${inputs[@]}"
echo "== serdi (strict Turtle)"
serdi -l -i turtle -o ntriples "$out/g.ttl" > "$out/g.nt"
echo "serdi: $(wc -l < "$out/g.nt") triples"
echo "== rapper"
rapper -q -i turtle -c "$out/g.ttl"
echo "== rdflib"
"$py" "$here/rdf_same_triples.py" "$out/g.ttl" "$out/g.nt"
echo "== page plugins read back the records rendered as ClinConnect and Basic Information pages"
"$py" "$here/page_roundtrip.py" "$tg" "${v2_records[@]}" 2> /dev/null

seeds=$src/examples/seeds
[ -d "$shared/seeds" ] && seeds=$shared/seeds
echo "== the seed pages ($seeds): one plugin each, GraphML and Turtle consumers, gold facts"
"$tg" extract -q "$seeds" -o "$out/seeds.graphml" -o "$out/seeds.ttl"
xmllint --noout "$out/seeds.graphml"
"$py" "$lint" "$out/seeds.graphml"
rapper -q -i turtle -c "$out/seeds.ttl"
if [ -f "$shared/tools/check_gold.py" ] && ls "$shared"/gold/*.json > /dev/null 2>&1; then
  "$py" "$shared/tools/check_gold.py" "$out/seeds.graphml" "$shared"/gold/*.json
else
  echo "gold: skipped (no ../shared/gold beside the repository)"
fi
echo "consumers: all passed"
