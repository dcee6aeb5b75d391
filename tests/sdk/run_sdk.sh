#!/usr/bin/env bash
# The SDK as a plugin author meets it: install trialgraph, build examples/plugin-template against
# the installed package in a separate build tree, run its tests, install the plugin, and check the
# facts the installed CLI extracts with it.
# usage: run_sdk.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
step() { echo "== $*"; }

step "install trialgraph"
cmake --install "$build" --prefix "$tmp/sdk" > "$tmp/install.log"
tg="$tmp/sdk/bin/trialgraph"
for f in bin/trialgraph include/trialgraph/plugin_api.hpp lib/cmake/trialgraph/trialgraphConfig.cmake \
         lib/cmake/trialgraph/TrialgraphPlugin.cmake lib/trialgraph/plugins/tg_ctgov-json.so \
         share/trialgraph/conformance/samples/ctgov-xml share/trialgraph/conformance/foreign; do
  [ -e "$tmp/sdk/$f" ] || { echo "FAIL: $f was not installed"; exit 1; }
done
[ -z "$(find "$tmp/sdk" -name 'tg_test-*')" ] || { echo "FAIL: a test plugin was installed"; exit 1; }
"$tg" plugins | grep -q "file: $tmp/sdk/lib/trialgraph/plugins/tg_ctgov-json.so" \
  || { echo "FAIL: the installed CLI does not find the installed plugins"; exit 1; }

step "build the template against the installed SDK, in its own build tree"
generator=(); command -v ninja > /dev/null && generator=(-G Ninja)
cmake -S "$src/examples/plugin-template" -B "$tmp/template" "${generator[@]}" -DCMAKE_PREFIX_PATH="$tmp/sdk" > "$tmp/configure.log"
cmake --build "$tmp/template" -j 2 > "$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
grep -q "$tmp/sdk/lib/cmake/trialgraph" "$tmp/template/CMakeCache.txt" \
  || { echo "FAIL: the template did not use the installed package"; exit 1; }

step "the template's own tests (its unit tests, and check-plugin by the installed CLI)"
ctest --test-dir "$tmp/template" --output-on-failure

step "install the plugin into a plugin folder and extract with the installed CLI"
cmake --install "$tmp/template" --prefix "$tmp/mine" > /dev/null
plugins="$tmp/mine/lib/trialgraph/plugins"
[ -f "$plugins/tg_trial-sheet.so" ] || { echo "FAIL: the plugin was not installed"; exit 1; }
"$tg" detect --plugin-dir "$plugins" "$src/examples/plugin-template/samples" > "$tmp/detect"
[ "$(grep -c $'\ttrial-sheet\tyes$' "$tmp/detect")" = 2 ] || { cat "$tmp/detect"; echo "FAIL: detect"; exit 1; }
"$tg" check-plugin "$plugins/tg_trial-sheet.so" "$src/examples/plugin-template/samples" | tail -1
"$tg" extract --plugin-dir "$plugins" "$src/examples/plugin-template/samples" \
  "$src/examples/ctgov-v2/NCT06852573.json" -o "$tmp/graph.graphml"
TRIALGRAPH_PLUGIN_PATH="$plugins" "$tg" extract -q "$src/examples/plugin-template/samples" -o "$tmp/env.graphml"
"$py" - "$tmp/graph.graphml" "$tmp/env.graphml" <<'PY'
import json, sys
import networkx as nx

g = nx.read_graphml(sys.argv[1])
def sources(n): return set(json.loads(g.nodes[n]["sources"]))
def out(n, rel): return {v for _, v, d in g.out_edges(n, data=True) if d["label"] == rel}
problems = []
def expect(ok, what):
    if not ok: problems.append(what)

trial = "Trial:NCT06852573"
expect(sources(trial) == {"NCT06852573.json", "cart-pipeline.trials"}, "the registry trial and the sheet's are one node")
sponsor = "Sponsor:beijing immunochina medical science technology"
expect(sponsor in out(trial, "SPONSORED_BY") and sources(sponsor) == {"NCT06852573.json", "cart-pipeline.trials"},
       "the sheet's sponsor merges with the registry's")
drug = "Drug:zm001 injection"
expect(drug in out(trial, "TESTS") and "cart-pipeline.trials" in sources(drug), "the sheet's drug merges with the registry's")
expect("Site:peking union medical college hospital|beijing|beijing|china" in out(trial, "CONDUCTED_AT"),
       "the sheet adds a site the registry record lacks")
internal = "Trial:title:cd19 bcma dual target car t cells in refractory lupus nephritis"
expect(g.nodes[internal].get("org_study_id") == "ICT-LN-002", "an internal trial keeps its own code")
expect(g.nodes[internal].get("status") == "NOT_YET_RECRUITING", "statuses become registry codes")
targets = {v for d in out(internal, "TESTS") for v in out(d, "TARGETS")} | out(internal, "TARGETS")
expect({"Antigen:CD19", "Antigen:BCMA"} <= targets, "a CD19/BCMA product targets CD19 and BCMA (text mining)")
erlangen = "Trial:title:cd19 car t cells for refractory idiopathic inflammatory myopathy"
expect("Sponsor:university hospital erlangen" in out(erlangen, "SPONSORED_BY"), "the second sheet is read")

env = nx.read_graphml(sys.argv[2])
expect(erlangen in env and internal in env, "TRIALGRAPH_PLUGIN_PATH finds the plugin too")
for p in problems: print("FAIL:", p)
print(f"sdk facts: {9 - len(problems)} of 9 hold")
sys.exit(1 if problems else 0)
PY

step "installed beside trialgraph, the plugin is found with no flag"
cmake --install "$tmp/template" --prefix "$tmp/sdk" > /dev/null
"$tg" plugins | grep -q "^trial-sheet 1.0.0" || { echo "FAIL: the plugin installed beside trialgraph is not found"; exit 1; }
echo "sdk: all steps passed"
