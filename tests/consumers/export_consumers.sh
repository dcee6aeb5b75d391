#!/usr/bin/env bash
# Real consumers of the N-Triples/N-Quads, neo4j-admin CSV and SPARQL examples.
# usage: export_consumers.sh rdf|neo4j-csv|sparql TRIALGRAPH SOURCE_DIR
#   rdf        rdflib: Turtle, N-Triples and N-Quads of one run hold the same triples; each N-Quads
#              graph holds exactly its document's facts (by the GraphML's sources, read by networkx)
#   neo4j-csv  neo4j-admin's CSV rules, and the same graph as the GraphML: on the examples, and on all
#              of ../shared/data when it is there
#   sparql     the committed answers of examples/sparql: recomputed with networkx over the GraphML,
#              and given by rdflib's SPARQL over the Turtle (Virtuoso: virtuoso_sparql.sh)
set -euo pipefail
mode=$1 tg=$2 src=$3
here=$src/tests/consumers
py=/usr/bin/python3
shared=$src/../shared
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

case $mode in
  rdf)
    "$tg" extract -q "$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds" -o "$out/g.ttl" -o "$out/g.nt" -o "$out/g.nq" -o "$out/g.graphml"
    "$py" "$here/rdf_formats.py" "$out/g.ttl" "$out/g.nt" "$out/g.nq" "$out/g.graphml"
    echo "serdi (strict N-Quads): $(serdi -l -i nquads -o nquads "$out/g.nq" | wc -l) quads"
    echo "== a base under a vocabulary's namespace (schema.org's): the prefixes still say the same triples"
    "$tg" extract -q --base-iri http://schema.org/ "$src/examples/seeds" -o "$out/b.ttl" -o "$out/b.nt" -o "$out/b.nq" -o "$out/b.graphml"
    grep -q '^@prefix site: <http://schema.org/site/> .$' "$out/b.ttl" || { echo "FAIL: no site: prefix under the base"; exit 1; }
    "$py" "$here/rdf_formats.py" "$out/b.ttl" "$out/b.nt" "$out/b.nq" "$out/b.graphml"
    ;;
  neo4j-csv)
    inputs=("$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds")
    [ -d "$shared/data" ] && inputs+=("$shared/data")
    for input in "${inputs[@]}"; do
      echo "== $input"
      "$tg" extract -q "$input" -o "$out/g.graphml" -o "$out/csv" --format neo4j-csv > "$out/printed" || [ $? -eq 1 ]
      grep -q "^neo4j-admin database import full neo4j --nodes=" "$out/printed" || { cat "$out/printed"; exit 1; }
      "$py" "$here/neo4j_csv_check.py" "$out/csv" "$out/g.graphml"
    done
    ;;
  sparql)
    "$tg" extract -q "$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds" -o "$out/g.ttl" -o "$out/g.graphml"
    "$py" "$here/question_answers.py" "$out/g.graphml" "$src/examples/sparql"
    "$py" "$here/sparql_answers.py" rdflib "$out/g.ttl" "$src/examples/sparql"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
