#!/usr/bin/env bash
# The CLI as a user meets it: help, exit codes, messages naming file and plugin, plugin search.
# usage: cli_test.sh TRIALGRAPH SOURCE_DIR TEST_PLUGIN_DIR MISBEHAVING_PLUGIN_DIR
set -uo pipefail
tg=$1 src=$2 test_plugins=$3 misbehaving=$4
bad=$src/tests/fixtures/bad-input
good=$src/plugins/ctgov-json/samples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"

for cmd in "" extract plugins detect check-plugin; do
  "$tg" $cmd --help > "$tmp/help" 2>&1; check "help $cmd" 0 $? "usage: trialgraph" "$tmp/help"
done
"$tg" > /dev/null 2>&1; check "no command is a usage error" 2 $?
"$tg" frobnicate > "$tmp/err" 2>&1; check "unknown command" 2 $? "unknown command 'frobnicate'" "$tmp/err"
"$tg" extract "$good" > "$tmp/err" 2>&1; check "extract without output" 2 $? "needs an output" "$tmp/err"
"$tg" extract "$good" -o "$tmp/g.xyz" > "$tmp/err" 2>&1; check "unknown output extension" 2 $? "cannot tell the format" "$tmp/err"
"$tg" extract "$good" -o "$tmp/g.out" --format nope > "$tmp/err" 2>&1; check "unknown --format" 2 $? "unknown format" "$tmp/err"
"$tg" extract "$good" -o "$tmp/g.ttl" --base-iri "not an iri" > "$tmp/err" 2>&1; check "bad --base-iri" 2 $? "base-iri" "$tmp/err"

"$tg" extract "$good" -o "$tmp/g.graphml" -o "$tmp/g.ttl" > "$tmp/out" 2>&1
check "extract samples" 0 $? "documents read, 0 failed" "$tmp/out" "Trial [0-9]+" "$tmp/out"
[ -s "$tmp/g.graphml" ] && [ -s "$tmp/g.ttl" ]; check "both outputs written" 0 $?
"$tg" extract "$good" -o "$tmp/g.out" --format turtle > /dev/null 2>&1; check "--format picks turtle" 0 $? "^@prefix" "$tmp/g.out"

"$tg" extract -q "$good" -o "$tmp/g.nt" -o "$tmp/g.nq" > /dev/null 2>&1
check "the extension picks N-Triples and N-Quads" 0 $? "^<http://identifiers.org/clinicaltrials/NCT[0-9]+> <" "$tmp/g.nt" \
  "> <https://w3id.org/trialgraph/id/source/[a-z0-9-]+> [.]$" "$tmp/g.nq"
"$tg" extract -q "$good" -o "$tmp/g.ttl" -o "$tmp/neo4j" --format neo4j-csv > "$tmp/out" 2>&1
check "neo4j-csv writes a folder, prints the import command; the extension still picks Turtle" 0 $? \
  "^neo4j-admin database import full neo4j --nodes=" "$tmp/out" " --nodes=Trial=$tmp/neo4j/nodes_Trial.csv " "$tmp/out" \
  "^:START_ID\(Trial\),:END_ID\(Sponsor\),:TYPE," "$tmp/neo4j/relationships_SPONSORED_BY_Trial_Sponsor.csv" \
  "^@prefix" "$tmp/g.ttl"
"$tg" extract -q "$good" -o "$tmp/neo4j/" --format neo4j-csv > /dev/null 2>&1; check "neo4j-csv replaces its own output" 0 $?
mkdir -p "$tmp/mine" && echo keep > "$tmp/mine/notes.txt"
"$tg" extract -q "$good" -o "$tmp/mine" --format neo4j-csv > "$tmp/out" 2>&1
check "neo4j-csv refuses a folder it did not write" 3 $? "not an earlier neo4j-csv output" "$tmp/out" "^keep$" "$tmp/mine/notes.txt"
[ -z "$(ls "$tmp" | grep -E '[.](tmp|old)-')" ]; check "no temporary folder left" 0 $?

"$tg" extract "$bad" -o "$tmp/bad.graphml" > "$tmp/out" 2> "$tmp/err"
check "bad documents: exit 1, each named with plugin and reason" 1 $? \
  "not-json.json \[ctgov-json\]: not valid JSON" "$tmp/err" \
  "truncated.json \[ctgov-json\]: not valid JSON" "$tmp/err" \
  "not-a-study.json \[ctgov-json\]: JSON, but not a ClinicalTrials.gov v2 study" "$tmp/err" \
  "empty.json: empty file" "$tmp/err" \
  "binary.json: no plugin reads" "$tmp/err" \
  "one-bad-line.ndjson \[ctgov-json\]: line 3" "$tmp/err" \
  "7 documents read, 6 failed" "$tmp/out"
grep -q "NCT" "$tmp/bad.graphml"; check "the good documents are still written" 0 $?

"$tg" extract --plugin-dir "$test_plugins" "$good" -o "$tmp/p.graphml" > "$tmp/out" 2> "$tmp/err"
check "broken plugins are reported, the run goes on" 0 $? \
  "tg_test-wrong-abi.so: ABI mismatch: the plugin was built for ABI version 99" "$tmp/err" \
  "tg_test-missing-factory.so: no factory symbol 'trialgraph_create_plugin'" "$tmp/err" \
  "test_not_a_plugin.so: not a trialgraph plugin" "$tmp/err"
"$tg" plugins --plugin-dir "$test_plugins" > "$tmp/out" 2>&1
check "plugins lists loaded and refused" 1 $? "^ctgov-json 1\.[0-9.]+ \(ABI 2" "$tmp/out" "not loaded: .*tg_test-wrong-abi.so" "$tmp/out"
"$tg" plugins > "$tmp/out" 2>&1; check "plugins: all bundled load" 0 $? "file: .*tg_ctgov-json.so" "$tmp/out"

cp "$tg" "$tmp/lonely-trialgraph"
"$tmp/lonely-trialgraph" extract "$good" -o "$tmp/x.graphml" > "$tmp/out" 2>&1
check "no plugins found is fatal and says what to do" 3 $? "TRIALGRAPH_PLUGIN_PATH" "$tmp/out"
TRIALGRAPH_PLUGIN_PATH="/nonexistent:$(dirname "$tg")/plugins" "$tmp/lonely-trialgraph" extract -q "$good" -o "$tmp/x.graphml"
check "TRIALGRAPH_PLUGIN_PATH adds plugin folders" 0 $?
"$tmp/lonely-trialgraph" extract -q --plugin-dir "$(dirname "$tg")/plugins" "$good" -o "$tmp/y.graphml"
check "--plugin-dir adds a plugin folder" 0 $?

echo "previous" > "$tmp/keep.graphml"
"$tg" extract "$good" -o "$tmp/g2.graphml" -o "$tmp/missing-dir/x.graphml" > "$tmp/err" 2>&1
check "unwritable output is fatal, said before extracting" 3 $? "cannot write .*x.graphml: the folder .*missing-dir does not exist" "$tmp/err"
! grep -q "documents read" "$tmp/err" && [ ! -e "$tmp/g2.graphml" ]; check "nothing extracted or written" 0 $?
# A run killed outright leaves its temporary file: the next run removes it when its process is gone.
sleep 0 & gone=$!; wait "$gone"
head -c 3000000 /dev/zero > "$tmp/s.graphml.tmp-$gone"; echo mine > "$tmp/s.graphml.tmp-$$"; echo other > "$tmp/t.graphml.tmp-$gone"
"$tg" extract "$good" -o "$tmp/s.graphml" > "$tmp/out" 2>&1
check "a dead run's temporary file is removed, and said" 0 $? "removed .*s.graphml.tmp-$gone \(2 MiB\), left by an interrupted run \(process $gone is gone\)" "$tmp/out"
[ ! -e "$tmp/s.graphml.tmp-$gone" ] && [ -e "$tmp/s.graphml.tmp-$$" ] && [ -e "$tmp/t.graphml.tmp-$gone" ] && [ -s "$tmp/s.graphml" ]
check "a live process's temporary file and another output's stay" 0 $?
rm -f "$tmp/s.graphml.tmp-$$" "$tmp/t.graphml.tmp-$gone"
mkdir -p "$tmp/a-folder.ttl"
"$tg" extract -q "$good" -o "$tmp/a-folder.ttl" > "$tmp/err" 2>&1
check "a file output naming a folder is fatal" 3 $? "a-folder.ttl: it is a folder" "$tmp/err"
ls "$tmp"/*.tmp-* > /dev/null 2>&1; check "no temporary file left behind" 2 $?

"$tg" detect "$good" "$bad/binary.json" > "$tmp/out" 2>&1
check "detect names plugin and confidence" 1 $? "single_study.json	ctgov-json	yes" "$tmp/out" "binary.json	none" "$tmp/out"

"$tg" detect "$src"/examples/seeds/* > "$tmp/out" 2>&1
check "detect names the plugin of each seed page" 0 $? "000_28c1dc8020dd8ca9.txt	clinconnect-page	yes" "$tmp/out" \
  "001_9e5d369111f51d11.txt	basic-info-page	yes" "$tmp/out" "002_f828998f6d1fec56.txt	basic-info-page	yes" "$tmp/out" \
  "003_d211caa4c2e8c5ce.txt	clinconnect-page	yes" "$tmp/out" "004_12ad7b77f5f507e9.txt	ctgov-raw-json-page	yes" "$tmp/out"
"$tg" extract "$src/examples/seeds" -o "$tmp/seeds.graphml" > "$tmp/out" 2>&1
check "the five seed pages are read" 0 $? "5 documents read, 0 failed" "$tmp/out"

# An unreadable file: root reads everything, so run as nobody when setpriv can.
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  mkdir -p "$tmp/locked" && cp "$good/single_study.json" "$tmp/locked/ok.json" && cp "$good/api_page.json" "$tmp/locked/secret.json"
  chmod 000 "$tmp/locked/secret.json"; chmod 777 "$tmp"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$tg" extract "$tmp/locked" -o "$tmp/locked.graphml" > "$tmp/out" 2> "$tmp/err"
  check "unreadable file is reported, the rest read" 1 $? "secret.json: cannot open: Permission denied" "$tmp/err" "2 documents read, 1 failed" "$tmp/out"
fi

lex="$src/tests/fixtures/lexicon"
"$tg" extract -q "$lex/NCT99999901.json" -o "$tmp/lex0.graphml"
! grep -q 'Antigen:TACI' "$tmp/lex0.graphml"; check "without the user lexicon TACI is unknown" 0 $?
"$tg" extract -q --lexicon "$lex/taci.json" "$lex/NCT99999901.json" -o "$tmp/lex1.graphml"
check "--lexicon adds a user's antigen" 0 $? 'source="Drug:taci directed car t cells" target="Antigen:TACI"' "$tmp/lex1.graphml" \
  '<data key="gene_symbol">TNFRSF13B</data>' "$tmp/lex1.graphml"
"$tg" extract -q --lexicon "$lex/broken.json" "$lex/NCT99999901.json" -o "$tmp/lex2.graphml" > "$tmp/out" 2>&1
check "a broken lexicon is fatal and names the file and entry" 3 $? "broken.json: entry 1: an entry needs a \"name\"" "$tmp/out"
[ ! -e "$tmp/lex2.graphml" ]; check "no output from a run refused for its lexicon" 0 $?

# --report: one JSON line per document; the summary groups failures by reason; --fail-fast.
"$tg" extract "$bad" "$good" -o "$tmp/r.graphml" --report "$tmp/report.ndjson" > "$tmp/out" 2> "$tmp/err"
check "--report and failures grouped by reason" 1 $? \
  "failed: 2 not valid JSON, 1 JSON, but not a ClinicalTrials.gov v2 study, 1 empty file, 1 no plugin reads this kind of document; 1 read in part" "$tmp/out" \
  "wrote the report .*report.ndjson" "$tmp/out"
/usr/bin/python3 - "$tmp/report.ndjson" "$bad" "$good" > "$tmp/out" 2>&1 <<'PY'
import json, os, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by_name = {os.path.basename(r["path"]): r for r in rows}
want = len(os.listdir(sys.argv[2])) + len(os.listdir(sys.argv[3]))
assert len(rows) == want, f"{len(rows)} lines for {want} documents"
assert list(rows[0]) == ["path", "plugin", "status", "bytes", "entities", "relations", "problems"], list(rows[0])
assert by_name["truncated.json"]["status"] == "failed" and by_name["truncated.json"]["plugin"] == "ctgov-json"
assert by_name["truncated.json"]["problems"][0].startswith("not valid JSON: parse error at line 18")
bad_line = by_name["one-bad-line.ndjson"]
assert bad_line["status"] == "partial" and len(bad_line["problems"]) == 1, bad_line
assert bad_line["problems"][0].startswith("line 3: not valid JSON: parse error at line 1, column 61"), bad_line
ok = by_name["single_study.json"]
assert ok["status"] == "ok" and ok["entities"] > 0 and ok["relations"] > 0 and ok["problems"] == [] and ok["bytes"] > 0
assert by_name["empty.json"]["problems"] == ["empty file"]
print("report ok")
PY
check "the report has one line per document, with status, plugin, counts and problems" 0 $? "report ok" "$tmp/out"
cp "$tmp/r.graphml" "$tmp/ff.graphml"
"$tg" extract "$bad" "$good" -o "$tmp/ff.graphml" --fail-fast --report "$tmp/ff.ndjson" > "$tmp/out" 2> "$tmp/err"
check "--fail-fast stops at the first failure and writes no graph" 1 $? \
  "stopped at the first failure \(--fail-fast\); no graph written" "$tmp/err"
cmp -s "$tmp/r.graphml" "$tmp/ff.graphml"; check "--fail-fast leaves the previous output as it was" 0 $?
[ "$(wc -l < "$tmp/ff.ndjson")" -lt 11 ] && grep -q '"status":"failed"' "$tmp/ff.ndjson"
check "--fail-fast: the report ends at the failure" 0 $?
"$tg" extract "$good" -o "$tmp/ok.graphml" --fail-fast -q; check "--fail-fast with nothing failing" 0 $?
"$tg" extract "$good" -o "$tmp/ok.graphml" --report /nonexistent/dir/r.ndjson > "$tmp/out" 2>&1
check "--report into a folder that does not exist" 3 $? "cannot write the report" "$tmp/out"

# check-plugin: every bundled plugin passes; each broken one fails, saying why.
for plugin in "$(dirname "$tg")"/plugins/*.so; do
  "$tg" check-plugin "$plugin" > "$tmp/out" 2>&1
  check "check-plugin passes $(basename "$plugin")" 0 $? "all 8 checks passed" "$tmp/out"
done
"$tg" check-plugin "$test_plugins/tg_test-wrong-abi.so" > "$tmp/out" 2>&1
check "check-plugin: wrong ABI" 1 $? "FAIL  exports the ABI version this trialgraph reads: ABI mismatch: the plugin was built for ABI version 99" "$tmp/out"
"$tg" check-plugin "$test_plugins/tg_test-bad-manifest.so" > "$tmp/out" 2>&1
check "check-plugin: bad manifest" 1 $? "FAIL  carries a valid manifest: invalid manifest: manifest has no 'name' string" "$tmp/out"
"$tg" check-plugin "$test_plugins/tg_test-missing-factory.so" > "$tmp/out" 2>&1
check "check-plugin: no factory" 1 $? "FAIL  its factory creates the plugin: no factory symbol" "$tmp/out"
"$tg" check-plugin "$test_plugins/test_not_a_plugin.so" > "$tmp/out" 2>&1
check "check-plugin: not a plugin" 1 $? "not a trialgraph plugin: no symbol 'trialgraph_plugin_abi'" "$tmp/out"
"$tg" check-plugin "$bad/not-json.json" > "$tmp/out" 2>&1
check "check-plugin: not a shared library" 1 $? "FAIL  loads as a shared library: cannot be loaded as a shared library: .*not-json.json: file too short" "$tmp/out"
"$tg" check-plugin "$misbehaving/tg_test-dangling-relation.so" "$src/tests/test_plugins/samples/one.dangling" > "$tmp/out" 2>&1
check "check-plugin: a relation to an entity never emitted" 1 $? \
  "FAIL  reads its samples, with relations only between entities it emitted: one.dangling: SPONSORED_BY relation from Trial 'NCT99999999' to Sponsor 'nobody' names an entity the document did not emit" "$tmp/out" \
  "ok    declines documents of other formats" "$tmp/out" "FAILED, 7 of 8 checks passed" "$tmp/out"
"$tg" check-plugin "$misbehaving/tg_test-greedy-crash.so" "$src/tests/test_plugins/samples/one.greedy" > "$tmp/out" 2>&1
check "check-plugin: claims everything, crashes on empty input" 1 $? \
  "FAIL  declines documents of other formats: claims .* with 'yes'" "$tmp/out" \
  "FAIL  crashed \(Segmentation fault, signal 11\) while trying: identify and extract an empty document" "$tmp/out"
printf hang > "$tmp/forever.greedy"
"$tg" check-plugin --timeout 5 "$misbehaving/tg_test-greedy-crash.so" "$tmp/forever.greedy" > "$tmp/out" 2>&1
check "check-plugin: a plugin that hangs" 1 $? "FAIL  no answer for 5 s \(hangs\?\) while trying: extract .*forever.greedy" "$tmp/out"
"$tg" check-plugin "$misbehaving/tg_test-dangling-relation.so" > "$tmp/out" 2>&1
check "check-plugin: no samples" 1 $? "no samples of its own format: name sample documents after the plugin file" "$tmp/out"
"$tg" check-plugin > "$tmp/out" 2>&1; check "check-plugin without a plugin" 2 $? "needs the plugin file" "$tmp/out"
"$tg" check-plugin --timeout soon x.so > "$tmp/out" 2>&1; check "check-plugin --timeout soon" 2 $? "whole number of seconds" "$tmp/out"

echo "cli: $passed passed, $failures failed"
[ $failures = 0 ]
