#!/usr/bin/python3
"""Checks, independently of the C++ mapping, that every registry record's facts are in a GraphML graph.

usage: check_v2_facts.py GRAPH.graphml RECORD.json|FOLDER ...

For each v2 study: its Trial node (by nct_id) exists, and from it lead sponsor and collaborators
(SPONSORED_BY with role), conditions (STUDIES), interventions (TESTS) and location facilities
(CONDUCTED_AT) are reached, matched by the source's own strings (node name or aliases).
"""
import glob, json, os, sys
import networkx as nx


def studies(path):
    files = sorted(glob.glob(os.path.join(path, "**", "*.json"), recursive=True)) if os.path.isdir(path) else [path]
    for f in files:
        doc = json.load(open(f, encoding="utf-8"))
        items = doc if isinstance(doc, list) else doc.get("studies", [doc])
        for s in items:
            if isinstance(s, dict) and isinstance(s.get("protocolSection"), dict):
                yield f, s


def names(data):
    out = {str(data.get("name", "")).strip().lower()}
    raw = data.get("aliases")
    if raw:
        out |= {a.strip().lower() for a in json.loads(raw)}
    return out


def main(argv):
    g = nx.read_graphml(argv[1], force_multigraph=True)
    trial_by_nct = {d.get("nct_id"): n for n, d in g.nodes(data=True) if d.get("labels") == ":Trial"}
    checked = missing = 0

    def expect(ok, what):
        nonlocal checked, missing
        checked += 1
        if not ok:
            missing += 1
            if missing <= 30:
                print("missing:", what)

    for path in argv[2:]:
        for f, s in studies(path):
            p = s["protocolSection"]
            nct = p["identificationModule"]["nctId"]
            t = trial_by_nct.get(nct)
            expect(t is not None, f"{f}: Trial {nct}")
            if t is None:
                continue
            out = {}
            for _, v, d in g.out_edges(t, data=True):
                out.setdefault(d["label"], []).append((g.nodes[v], d))

            def linked(rel, text, field=None, **props):
                text = text.strip().lower()
                for node, edge in out.get(rel, []):
                    value = names(node) | ({str(node.get(field, "")).strip().lower()} if field else set())
                    if text in value and all(edge.get(k) == v for k, v in props.items()):
                        return True
                return False

            sc = p.get("sponsorCollaboratorsModule", {})
            if "leadSponsor" in sc:
                expect(linked("SPONSORED_BY", sc["leadSponsor"]["name"], role="lead"), f"{nct} lead sponsor {sc['leadSponsor']['name']!r}")
            for c in sc.get("collaborators", []):
                expect(linked("SPONSORED_BY", c["name"]), f"{nct} collaborator {c['name']!r}")
            for c in p.get("conditionsModule", {}).get("conditions", []):
                expect(linked("STUDIES", c), f"{nct} condition {c!r}")
            for i in p.get("armsInterventionsModule", {}).get("interventions", []):
                expect(linked("TESTS", i["name"]), f"{nct} intervention {i['name']!r}")
            locs = p.get("contactsLocationsModule", {})
            for loc in locs.get("locations", locs.get("locations_nested", [])):
                if loc.get("facility"):
                    expect(linked("CONDUCTED_AT", loc["facility"], field="facility"), f"{nct} site {loc['facility']!r}")
    print(f"v2 facts: {checked - missing}/{checked} found")
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
