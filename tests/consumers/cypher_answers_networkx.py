#!/usr/bin/python3
"""Recompute the answers of examples/neo4j/queries/*.cypher with networkx over the GraphML, and
compare them with the committed NN-id.csv files: an answer is checked by a second, independent
implementation (no Cypher involved), not only by the engine that produced it.

usage: cypher_answers_networkx.py GRAPH.graphml QUERIES_DIR
"""
import csv
import json
import sys

import networkx as nx


def load(path):
    g = nx.read_graphml(path)
    nodes = {}
    for n, d in g.nodes(data=True):
        d = dict(d)
        d["label"] = d["labels"].lstrip(":")
        nodes[n] = d
    edges = [(u, v, d.get("label"), d) for u, v, d in g.edges(data=True)]
    return nodes, edges


def out(edges, typ):
    res = {}
    for u, v, t, d in edges:
        if t == typ:
            res.setdefault(u, []).append((v, d))
    return res


def key_nulls_last(v):
    return (v is None, v if v is not None else "")


def answers(nodes, edges):
    tests, targets, studies = out(edges, "TESTS"), out(edges, "TARGETS"), out(edges, "STUDIES")
    sponsored, conducted = out(edges, "SPONSORED_BY"), out(edges, "CONDUCTED_AT")
    N = nodes
    trials = [n for n in N if N[n]["label"] == "Trial"]

    def antigens_of_trial(t):
        return {a for d, _ in tests.get(t, []) for a, _ in targets.get(d, []) if N[a]["label"] == "Antigen"}

    r = {}
    # 01
    rows = set()
    for t in trials:
        if any(N[a]["key"] == "CD19" for a in antigens_of_trial(t)) and any(
                N[d]["label"] == "Disease" and "Leukemia" in N[d]["name"] for d, _ in studies.get(t, [])):
            rows.add((N[t]["key"], N[t].get("title")))
    r["01"] = sorted(rows)
    # 02
    count = {}
    for t in trials:
        if not antigens_of_trial(t):
            continue
        for s, d in sponsored.get(t, []):
            if d.get("role") == "lead":
                count.setdefault(s, set()).add(t)
    r["02"] = [(N[s]["name"], len(ts)) for s, ts in sorted(count.items(), key=lambda x: (-len(x[1]), N[x[0]]["name"], N[x[0]]["key"]))][:10]
    # 03
    count = {}
    for t in trials:
        for s, _ in conducted.get(t, []):
            count.setdefault(s, set()).add(t)
    shared = [(s, len(ts)) for s, ts in count.items() if len(ts) >= 2]
    shared.sort(key=lambda x: (-x[1], N[x[0]]["name"], N[x[0]]["key"]))
    r["03"] = [(N[s]["name"], N[s].get("country"), n) for s, n in shared[:10]]
    # 04
    by_antigen = {}
    for d, ts in targets.items():
        for a, _ in ts:
            by_antigen.setdefault(a, set()).add(d)
    rows = []
    for a, ds in by_antigen.items():
        for x in ds:
            for y in ds:
                if N[x]["label"] == "Drug" and N[y]["label"] == "Drug" and N[x]["key"] < N[y]["key"]:
                    rows.append((N[a]["key"], N[x]["name"], N[y]["name"], N[x]["key"], N[y]["key"]))
    r["04"] = [row[:3] for row in sorted(rows)[:15]]
    # 05
    count = {}
    for t in trials:
        for a in antigens_of_trial(t):
            count.setdefault(N[a]["key"], set()).add(t)
    r["05"] = sorted(((a, len(ts)) for a, ts in count.items()), key=lambda x: (-x[1], x[0]))
    # 06
    count = {}
    for t in trials:
        for d, _ in studies.get(t, []):
            if N[d]["label"] == "Disease":
                count.setdefault(d, set()).add(t)
    top = sorted(count.items(), key=lambda x: (-len(x[1]), N[x[0]]["name"], N[x[0]]["key"]))[:10]
    r["06"] = [(N[d]["name"], len(ts)) for d, ts in top]
    # 07
    count = {}
    for t in trials:
        s = N[t].get("status")
        if s is not None:
            count[s] = count.get(s, 0) + 1
    r["07"] = sorted(count.items(), key=lambda x: (-x[1], key_nulls_last(x[0])))
    # 08
    count = {}
    for n in N:
        if N[n]["label"] == "Site":
            c = N[n].get("country")
            count[c] = count.get(c, 0) + 1
    r["08"] = sorted(count.items(), key=lambda x: (-x[1], key_nulls_last(x[0])))[:10]
    # 09
    rows = set()
    for t in trials:
        if any(N[d]["label"] == "Disease" and "Lupus" in N[d]["name"] for d, _ in studies.get(t, [])):
            ants = {N[a]["key"] for a in antigens_of_trial(t)}
            for a in ants or {None}:
                rows.add((N[t]["key"], a))
    r["09"] = sorted(rows, key=lambda x: (x[0], key_nulls_last(x[1])))
    # 10
    big = next(n for n in N if N[n]["label"] == "Sponsor" and N[n]["key"] == "national cancer institute nci")
    count = {}
    for t in trials:
        ss = [s for s, _ in sponsored.get(t, [])]
        if big in ss:
            for s in ss:
                if s != big:
                    count.setdefault(s, set()).add(t)
    r["10"] = [(N[s]["name"], len(ts)) for s, ts in sorted(count.items(), key=lambda x: (-len(x[1]), N[x[0]]["name"], N[x[0]]["key"]))]
    # 11
    rows = [(N[t]["key"], N[t]["enrollment"]) for t in trials
            if N[t].get("status") == "RECRUITING" and N[t].get("enrollment") is not None]
    r["11"] = sorted(rows, key=lambda x: (-x[1], x[0]))[:10]
    # 12
    count = {}
    for d, ts in targets.items():
        if N[d]["label"] == "Drug":
            count[d] = len({a for a, _ in ts if N[a]["label"] == "Antigen"})
    multi = sorted(((d, n) for d, n in count.items() if n >= 2), key=lambda x: (-x[1], N[x[0]]["name"], N[x[0]]["key"]))
    r["12"] = [(N[d]["name"], n) for d, n in multi]
    return r


def as_text(row):
    return ["" if v is None else str(v) for v in row]


def main(graph, queries_dir):
    import glob
    import os
    nodes, edges = load(graph)
    expected = answers(nodes, edges)
    failures = 0
    files = sorted(glob.glob(os.path.join(queries_dir, "*.csv")))
    for path in files:
        number = os.path.basename(path)[:2]
        with open(path, newline="", encoding="utf-8") as f:
            committed = list(csv.reader(f))[1:]
        want = [as_text(row) for row in expected[number]]
        if committed != want:
            failures += 1
            print(f"FAIL {os.path.basename(path)}: networkx says")
            for row in want:
                print("   ", row)
        elif not want:
            failures += 1
            print(f"FAIL {os.path.basename(path)}: no rows")
        else:
            print(f"ok   {os.path.basename(path)} ({len(want)} rows)")
    if len(files) != len(expected):
        failures += 1
        print(f"FAIL {len(files)} answer files for {len(expected)} questions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
