#!/usr/bin/env bash
# Hostile and broken input (issue 8): a 200 MB single-line file, JSON nested a million levels deep,
# invalid UTF-8 and NUL bytes inside strings, a binary file named .json, a symlink loop, an
# unreadable file, a FIFO, a zero-byte file, and a plugin folder holding libraries that are no
# plugins, a truncated plugin and one built for another ABI. For each: the run ends (no crash, no
# hang), the good documents are still extracted, the bad one is reported with file, plugin and
# reason (--report), the exit code says something failed, and the GraphML and Turtle written are
# valid (xmllint, rapper, networkx, rdflib).
# usage: hostile_test.sh TRIALGRAPH SOURCE_DIR TEST_PLUGIN_DIR
set -uo pipefail
tg=$1 src=$2 test_plugins=$3
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2> /dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
py=/usr/bin/python3

good_json=$src/plugins/ctgov-json/samples/single_study.json    # NCT02937844
good_page=$src/examples/seeds/003_d211caa4c2e8c5ce.txt          # a ClinConnect page

# run_case NAME [extract options...]: extracts $tmp/NAME/ (the good documents plus what the case put
# there) into $tmp/NAME.{graphml,ttl} with a report; bounded in time. Leaves the exit code in $rc.
new_case() { mkdir -p "$tmp/$1"; cp "$good_json" "$tmp/$1/good.json"; cp "$good_page" "$tmp/$1/good-page.txt"; }
run_case() {
  local name=$1
  shift
  timeout -k 10 600 "$tg" extract "$tmp/$name" "$@" -o "$tmp/$name.graphml" -o "$tmp/$name.ttl" \
    --report "$tmp/$name.report" > "$tmp/$name.out" 2> "$tmp/$name.err"
  rc=$?
}

# The report line of a document: "status<TAB>plugin<TAB>first problem".
report_of() {
  $py - "$tmp/$1.report" "$2" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    if row["path"].endswith("/" + sys.argv[2]):
        print(row["status"], row["plugin"], (row["problems"] or [""])[0][:300], sep="\t")
PY
}

# The checks every case makes: it ended by itself, the good documents are in a valid graph.
common_checks() {
  local name=$1
  [ $rc -lt 124 ]; check "$name: the run ends by itself (exit $rc; 124 is the time limit, above 128 a signal)" 0 $?
  report_of "$name" good.json > "$tmp/$name.good"; report_of "$name" good-page.txt >> "$tmp/$name.good"
  [ "$(grep -c '^ok	' "$tmp/$name.good")" = 2 ]; check "$name: the good documents are read" 0 $?
  grep -q 'Trial:NCT02937844' "$tmp/$name.graphml"; check "$name: the good trial is in the graph" 0 $?
  xmllint --noout "$tmp/$name.graphml" 2> "$tmp/$name.xmllint"; check "$name: the GraphML is well-formed XML" 0 $?
  rapper -q -i turtle -c "$tmp/$name.ttl" > /dev/null 2> "$tmp/$name.rapper"
  check "$name: the Turtle parses (rapper)" 0 $?
}

# ---- a 200 MB single-line file ------------------------------------------------------------------
new_case big-line
# One line of 200 MB in a .json file: an unterminated string (the JSON is never valid).
$py -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("{\"protocolSection\": {\"identificationModule\": {\"briefTitle\": \"")
    chunk = "x" * (1 << 20)
    for _ in range(200): f.write(chunk)
' "$tmp/big-line/huge-line.json"
run_case big-line
common_checks big-line
check "big-line: exit 1, the file failed [ctgov-json] as larger than the size limit" 1 $rc \
  "huge-line.json \[ctgov-json\]: larger than the size limit \(64 MiB, --max-document-size\)" "$tmp/big-line.err"
report_of big-line huge-line.json > "$tmp/big-line.row"
check "big-line: the report says failed, ctgov-json, too large" 0 0 "^failed	ctgov-json	larger than the size limit" "$tmp/big-line.row"
# Under a larger limit the same file is read, and fails as what it is: not JSON.
run_case big-line --max-document-size 300
report_of big-line huge-line.json > "$tmp/big-line.row"
check "big-line: with --max-document-size 300 it is read and fails as not valid JSON" 1 $rc \
  "^failed	ctgov-json	not valid JSON" "$tmp/big-line.row"
[ "$(stat -c %s "$tmp/big-line.err")" -lt 100000 ] && [ "$(stat -c %s "$tmp/big-line.report")" -lt 100000 ]
check "big-line: the message quoting the line is clipped (stderr and report stay small)" 0 $?
rm -f "$tmp/big-line/huge-line.json"

# A valid study whose one line is 200 MB long: read, or refused by the pipeline's size limit.
new_case big-study
$py -c '
import json, sys
text = json.dumps(json.load(open(sys.argv[1])))
with open(sys.argv[2], "w") as f:
    f.write(text[:-1] + ", \"padding\": \"")
    chunk = "y" * (1 << 20)
    for _ in range(200): f.write(chunk)
    f.write("\"}")
' "$good_json" "$tmp/big-study/huge-study.json"
sed -i 's/NCT02937844/NCT99999998/' "$tmp/big-study/huge-study.json"
run_case big-study
common_checks big-study
report_of big-study huge-study.json > "$tmp/big-study.row"
check "big-study: a 200 MB document is refused as too large, with the reason" 1 $rc \
  "^failed	ctgov-json	larger than the size limit \(64 MiB, --max-document-size\)" "$tmp/big-study.row"
rm -f "$tmp/big-study/huge-study.json"

# ---- JSON nested a million levels deep --------------------------------------------------------
new_case deep
$py - "$tmp/deep" <<'PY'
import sys
n, d = 1_000_000, sys.argv[1]
open(d + "/deep-array.json", "w").write("[" * n + "]" * n)
open(d + "/deep-object.json", "w").write('{"a":' * n + "1" + "}" * n)
# deep inside a study: past simdjson's depth limit (1,024) the study fails, saying why
open(d + "/deep-in-study.json", "w").write(
    '{"protocolSection": {"identificationModule": {"nctId": "NCT99999997", "briefTitle": "Deep"}, "x": '
    + "[" * n + "]" * n + "}}")
open(d + "/deep-v1.json", "w").write('{"FullStudiesResponse": {"FullStudies": ' + "[" * n + "]" * n + "}}")
# a Python-literal dump (the "Raw JSON" page): the parser's own depth limit
open(d + "/deep-page.txt", "w").write(
    "Viewing Study NCT99999996\nStudy NCT ID: NCT99999996\nRaw JSON\n" + "{'a': " * n + "1" + "}" * n + "\n")
PY
printf '<?xml version="1.0"?>\n<clinical_study><id_info><nct_id>NCT99999995</nct_id></id_info><brief_title>Deep XML</brief_title><detailed_description><textblock>' > "$tmp/deep/deep.xml"
$py -c 'import sys; n = 1_000_000; sys.stdout.write("<a>" * n + "x" + "</a>" * n)' >> "$tmp/deep/deep.xml"
printf '</textblock></detailed_description></clinical_study>\n' >> "$tmp/deep/deep.xml"
run_case deep
common_checks deep
check "deep: exit 1 (some documents failed)" 1 $rc
for f in deep-array.json deep-object.json deep-in-study.json deep-v1.json deep-page.txt; do report_of deep $f; done > "$tmp/deep.rows"
check "deep: each deep document fails with its plugin and a reason" 0 0 \
  "^failed	ctgov-json	none of the 1 records could be read: not valid JSON: nested deeper than 1024 levels" "$tmp/deep.rows" \
  "^failed	ctgov-json	not valid JSON: nested deeper than 1024 levels" "$tmp/deep.rows" \
  "^failed	ctgov-v1-json	not a FullStudies element" "$tmp/deep.rows" \
  "^failed	ctgov-raw-json-page	the Raw JSON dump is not a readable Python literal: nested deeper than 512 levels" "$tmp/deep.rows"
[ "$(grep -c '^failed	ctgov-json	' "$tmp/deep.rows")" = 3 ] && grep -q 'Trial:NCT99999995' "$tmp/deep.graphml"
check "deep: the three deep JSON files fail; the XML record with deep markup in its text is read" 0 $?

# ---- invalid UTF-8 and NUL bytes inside strings -----------------------------------------------
new_case bytes
$py - "$src" "$tmp/bytes" <<'PY'
import json, sys
src, d = sys.argv[1], sys.argv[2]
# JSON: NUL and control characters as escapes (raw invalid UTF-8 is no JSON), in a file whose name
# is not UTF-8 either.
s = json.load(open(src + "/plugins/ctgov-json/samples/single_study.json"))
ps = s["protocolSection"]
ps["identificationModule"]["nctId"] = "NCT99999994"
ps["identificationModule"]["briefTitle"] = "NUL\u0000inside, \u0001\u001b controls, \ufffe\uffff noncharacters"
ps["sponsorCollaboratorsModule"]["leadSponsor"]["name"] = "Sponsor\u0000With NUL \u0007 and bell"
open(d.encode() + b"/bytes-\xff\xfe.json", "w").write(json.dumps(s))
# CSV, XML and a page with raw invalid UTF-8 (a lone \xff, a cut \xc3, an encoded surrogate) and NULs.
bad = b"\xff\xfe\x00 nul \xc3( \xed\xa0\x80 \x01"
csv = open(src + "/plugins/ctgov-csv/samples/ctg-studies.csv", "rb").read().split(b"\n")
csv[1] = csv[1].replace(b",", b"," + bad, 1)
open(d + "/bytes.csv", "wb").write(b"\n".join(csv))
xml = open(src + "/plugins/ctgov-xml/samples/NCT00000115.xml", "rb").read()
open(d + "/bytes.xml", "wb").write(xml.replace(b"<brief_title>", b"<brief_title>" + bad.replace(b"\x00", b""), 1))
page = open(src + "/examples/seeds/000_28c1dc8020dd8ca9.txt", "rb").read().split(b"\n")
page[3] += b" " + bad
open(d + "/bytes-page.txt", "wb").write(b"\n".join(page))
PY
run_case bytes -o "$tmp/bytes.nt" -o "$tmp/bytes.nq"
common_checks bytes
rapper -q -i ntriples -c "$tmp/bytes.nt" > /dev/null 2>&1 && rapper -q -i nquads -c "$tmp/bytes.nq" > /dev/null 2>&1
check "bytes: the N-Triples and N-Quads parse (rapper)" 0 $?
$py - "$tmp/bytes.graphml" "$tmp/bytes.ttl" > "$tmp/bytes.py" 2>&1 <<'PY'
import sys, networkx, rdflib
g = networkx.read_graphml(sys.argv[1])
t = rdflib.Graph().parse(sys.argv[2], format="turtle")
titles = [d.get("title", "") for _, d in g.nodes(data=True) if d.get("labels") == ":Trial"]
assert any("NUL\ufffdinside" in x for x in titles), titles
assert not any("\x00" in x for _, d in g.nodes(data=True) for x in map(str, d.values())), "a NUL in the GraphML"
print("networkx", len(g), "nodes; rdflib", len(t), "triples")
PY
check "bytes: networkx and rdflib read them; a NUL became U+FFFD" 0 $? "^networkx [0-9]+ nodes; rdflib [0-9]+ triples" "$tmp/bytes.py"
grep -q 'Trial:NCT99999994' "$tmp/bytes.graphml"; check "bytes: the JSON study with NULs and a non-UTF-8 name is read" 0 $?
for f in bytes.csv bytes.xml bytes-page.txt; do report_of bytes $f; done > "$tmp/bytes.rows"
check "bytes: raw invalid UTF-8 is read and reported as such" 0 0 \
  "^partial	ctgov-csv	encoding: not valid UTF-8" "$tmp/bytes.rows" "^partial	ctgov-xml	encoding: not valid UTF-8" "$tmp/bytes.rows" \
  "^ok	clinconnect-page" "$tmp/bytes.rows"

# ---- a binary file with a .json name, a zero-byte file, a FIFO, a symlink loop ---------------
new_case odd
cp "$tg" "$tmp/odd/program.json"
: > "$tmp/odd/empty.json"
mkfifo "$tmp/odd/pipe.json"
ln -s loop.json "$tmp/odd/loop.json"
mkdir -p "$tmp/odd/sub" && ln -s .. "$tmp/odd/sub/up" && ln -s ../sub "$tmp/odd/sub/again"  # folder loops: not followed
run_case odd
common_checks odd
check "odd: exit 1, each odd file named with its reason" 1 $rc \
  "program.json: no plugin reads this kind of document" "$tmp/odd.err" \
  "empty.json: empty file" "$tmp/odd.err" \
  "pipe.json: not a regular file \(a FIFO" "$tmp/odd.err" \
  "loop.json: cannot read: broken link" "$tmp/odd.err"
for f in program.json empty.json pipe.json loop.json; do report_of odd $f; done > "$tmp/odd.rows"
[ "$(grep -c '^failed	' "$tmp/odd.rows")" = 4 ]; check "odd: the report has the four as failed" 0 $?
timeout -k 5 60 "$tg" extract "$tmp/odd/pipe.json" "$tmp/odd/loop.json" "$good_json" -o "$tmp/named.graphml" > "$tmp/named.out" 2>&1
check "odd: named on the command line too, a FIFO and a link loop fail without a hang" 1 $? \
  "pipe.json: not a regular file" "$tmp/named.out" "loop.json: no such file or folder" "$tmp/named.out"

# ---- an unreadable file (and folder) ----------------------------------------------------------
# Root reads everything: run as nobody when setpriv can, else say why this is not tested.
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv > /dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  chmod 755 "$tmp"
  mkdir -p "$tmp/locked/a" "$tmp/locked/m" "$tmp/locked/z"
  cp "$good_json" "$tmp/locked/a/good.json"; cp "$good_page" "$tmp/locked/z/good-page.txt"
  cp "$good_json" "$tmp/locked/m/secret.json"; chmod 000 "$tmp/locked/m/secret.json"
  mkdir -p "$tmp/locked-out"; chmod 777 "$tmp/locked-out"
  timeout -k 10 120 "${as_user[@]}" "$tg" extract "$tmp/locked" -o "$tmp/locked-out/g.graphml" \
    --report "$tmp/locked-out/r" > "$tmp/locked.out" 2> "$tmp/locked.err"
  check "unreadable: exit 1, the file named with the reason, the others read" 1 $? \
    "secret.json: cannot open: Permission denied" "$tmp/locked.err" "3 documents read, 1 failed" "$tmp/locked.out"
  # An unreadable folder among others: the walk should report it and go on to the next folders.
  mkdir -p "$tmp/locked/m/closed" && cp "$good_json" "$tmp/locked/m/closed/x.json" && chmod 000 "$tmp/locked/m/closed"
  timeout -k 10 120 "${as_user[@]}" "$tg" extract "$tmp/locked" -o "$tmp/locked-out/g2.graphml" \
    > "$tmp/locked2.out" 2> "$tmp/locked2.err"
  rc=$?
  check "unreadable folder: reported, and the documents in the other folders still read" 1 $rc \
    "closed: cannot read folder: Permission denied" "$tmp/locked2.err" "3 documents read, 2 failed" "$tmp/locked2.out"
  chmod 755 "$tmp/locked/m/closed"
else
  echo "skip unreadable files: running as root without setpriv, every file is readable"
fi

# ---- a plugin folder holding what is no plugin ------------------------------------------------
new_case plugins-doc
mkdir -p "$tmp/plugins"
cp "$test_plugins/test_not_a_plugin.so" "$test_plugins/tg_test-wrong-abi.so" "$test_plugins/test_aborts_when_loaded.so" "$tmp/plugins/"
head -c 20000 "$(dirname "$tg")/plugins/tg_ctgov-xml.so" > "$tmp/plugins/tg_truncated.so"
head -c 4096 /dev/urandom > "$tmp/plugins/junk.so"
: > "$tmp/plugins/empty.so"
for lib in /lib/x86_64-linux-gnu/libz.so.1 /usr/lib/x86_64-linux-gnu/libz.so.1; do
  [ -f "$lib" ] && { cp "$lib" "$tmp/plugins/libz.so"; break; }
done
mkfifo "$tmp/plugins/fifo.so"; ln -s loop.so "$tmp/plugins/loop.so"; mkdir "$tmp/plugins/folder.so"
run_case plugins-doc --plugin-dir "$tmp/plugins"
common_checks plugins-doc
check "plugin folder: the bundled plugins read the documents; each refused file named with why" 0 $rc \
  "test_not_a_plugin.so: not a trialgraph plugin: no symbol 'trialgraph_plugin_abi'" "$tmp/plugins-doc.err" \
  "test_aborts_when_loaded.so: not a trialgraph plugin" "$tmp/plugins-doc.err" \
  "tg_test-wrong-abi.so: ABI mismatch: the plugin was built for ABI version 99" "$tmp/plugins-doc.err" \
  "tg_truncated.so: cannot be loaded as a shared library: truncated" "$tmp/plugins-doc.err" \
  "junk.so: cannot be loaded as a shared library" "$tmp/plugins-doc.err" \
  "empty.so: cannot be loaded as a shared library" "$tmp/plugins-doc.err"
timeout -k 5 60 "$tg" plugins --plugin-dir "$tmp/plugins" > "$tmp/plugins.out" 2>&1
check "plugin folder: 'trialgraph plugins' lists them as not loaded, exit 1" 1 $? \
  "not loaded: .*tg_truncated.so" "$tmp/plugins.out" "^ctgov-json " "$tmp/plugins.out"

echo "hostile: $passed passed, $failures failed"
[ $failures = 0 ]
