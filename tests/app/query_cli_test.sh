#!/usr/bin/env bash
# trialgraph query / path / stats as a user meets them: formats, exit codes, errors with line:column.
# usage: query_cli_test.sh TRIALGRAPH SOURCE_DIR
set -uo pipefail
tg=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"

g=$tmp/examples.graphml
"$tg" extract "$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds" -o "$g" -q
for cmd in query path stats; do
  "$tg" $cmd --help > "$tmp/help" 2>&1; check "help $cmd" 0 $? "usage: trialgraph $cmd" "$tmp/help"
done
"$tg" --help > "$tmp/help" 2>&1; check "main help lists query" 0 $? "query GRAPH 'CYPHER'" "$tmp/help"

q="MATCH (t:Trial {key: 'NCT06709469'}) RETURN t.key AS trial, t.enrollment AS n, t.healthy_volunteers AS hv, t.title AS title"
"$tg" query "$g" "$q" --format csv > "$tmp/out" 2>&1
check "csv: header, then plain values, quoted when needed" 0 $? "^trial,n,hv,title$" "$tmp/out" \
  '^NCT06709469,[0-9]+,false,"Phase I Clinical Trial of CART Cell Therapy for Refractory/Relapsed Acute Lymphoblastic Leukemia in Children, Adolescents and Young Adults"$' "$tmp/out"
"$tg" query "$g" "$q" --format json > "$tmp/out" 2>&1
check "json: an array of objects" 0 $? '^\[$' "$tmp/out" '"trial":"NCT06709469","n":[0-9]+,"hv":false' "$tmp/out"
"$tg" query "$g" "$q" --format tsv > "$tmp/out" 2>&1
check "tsv" 0 $? "^trial	n	hv	title$" "$tmp/out"
"$tg" query "$g" "$q" > "$tmp/out" 2>&1
check "table is the default" 0 $? '^\| trial +\| n +\| hv +\| title' "$tmp/out" "^1 row$" "$tmp/out"
"$tg" query "$g" "MATCH (s:Site) RETURN s.sources LIMIT 1" --format csv > "$tmp/out" 2>&1
check "lists as JSON in csv" 0 $? '^"\[""' "$tmp/out"
"$tg" query --from "$src/examples/ctgov-v2" "MATCH (t:Trial) RETURN count(*) AS trials" --format csv > "$tmp/out" 2> "$tmp/err"
check "--from extracts first" 0 $? "^[1-9][0-9]*$" "$tmp/out"

"$tg" query "$g" "MATCH (t:Trial) DELETE t" > "$tmp/out" 2>&1
check "a write is refused with its position" 2 $? "query error at 1:17: DELETE is not supported" "$tmp/out"
"$tg" query "$g" "MATCH (t:Trial)
RETURN t.key ORDER BY x" > "$tmp/out" 2>&1
check "unknown variable, line 2" 2 $? "query error at 2:23: variable 'x' is not defined" "$tmp/out"
"$tg" query "$g" "RETURN 1" --format xml > "$tmp/out" 2>&1; check "unknown format" 2 $? "unknown format 'xml'" "$tmp/out"
"$tg" query "$g" > "$tmp/out" 2>&1; check "query without a query" 2 $? "needs GRAPH and a query" "$tmp/out"
"$tg" query "$tmp/missing.graphml" "RETURN 1" > "$tmp/out" 2>&1; check "missing graph" 3 $? "cannot load the graph" "$tmp/out"
printf '<?xml version="1.0"?><graphml><graph><node id="a"/></graph></graphml>' > "$tmp/foreign.graphml"
"$tg" query "$tmp/foreign.graphml" "RETURN 1" > "$tmp/out" 2>&1
check "foreign GraphML" 3 $? "not a GraphML file written by trialgraph" "$tmp/out"

"$tg" path NCT06709469 CD19 --graph "$g" > "$tmp/out" 2>&1
check "path by keys" 0 $? '^\(:Trial \{key: "NCT06709469"' "$tmp/out" '-\[:TESTS\]->' "$tmp/out" \
  '-\[:TARGETS\]-> \(:Antigen \{key: "CD19"\}\)' "$tmp/out" "^2 relationships$" "$tmp/out"
"$tg" path NCT06709469 NCT01626495 --graph "$g" > "$tmp/out" 2>&1
check "path crosses relationships backwards" 0 $? '<-\[:' "$tmp/out"
"$tg" path "Lymphoma" CD19 --graph "$g" > "$tmp/out" 2>&1
check "path by name" 0 $? '^\(:Disease' "$tmp/out"
"$tg" path nobody CD19 --graph "$g" > "$tmp/out" 2>&1; check "path: unknown entity" 2 $? "no node has the key or name 'nobody'" "$tmp/out"
"$tg" path "Stanford University" CD19 --graph "$g" > "$tmp/out" 2>&1
check "path: ambiguous name lists candidates" 2 $? "is ambiguous" "$tmp/out" 'Label:key' "$tmp/out"
"$tg" path CD19 CD22 > "$tmp/out" 2>&1; check "path needs a graph" 2 $? "needs --graph" "$tmp/out"

"$tg" stats "$g" > "$tmp/out" 2>&1
check "stats" 0 $? "^nodes: [0-9]+" "$tmp/out" "^  Trial +[0-9]+" "$tmp/out" "^  TARGETS +[0-9]+" "$tmp/out" \
  "^connected components: [0-9]+" "$tmp/out" "^highest degree" "$tmp/out"

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
