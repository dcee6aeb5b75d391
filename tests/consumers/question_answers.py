#!/usr/bin/python3
"""The dozen questions of examples/sparql (and examples/neo4j/queries) answered with networkx over
the GraphML, independently of any query engine. Compares with the committed answer files, or
writes them with --write.

usage: question_answers.py GRAPHML ANSWER_DIR [--write]
"""
import collections
import csv
import os
import sys

import networkx as nx


class TrialGraph:
    def __init__(self, path):
        self.g = nx.read_graphml(path, force_multigraph=True)

    def label(self, n):
        return self.g.nodes[n]["labels"].lstrip(":")

    def prop(self, n, name):
        return self.g.nodes[n].get(name)

    def nodes(self, label):
        return [n for n in self.g if self.label(n) == label]

    def out(self, n, rel_type, label=None, **props):
        """Targets of n's relationships of rel_type (each once), optionally by end label and edge properties."""
        seen = []
        for _, m, data in self.g.out_edges(n, data=True):
            if data.get("label") != rel_type or (label and self.label(m) != label):
                continue
            if all(data.get(k) == v for k, v in props.items()) and m not in seen:
                seen.append(m)
        return seen

    def targets_of_tested_drugs(self, trial):
        return {a for d in self.out(trial, "TESTS", "Drug") for a in self.out(d, "TARGETS", "Antigen")}

    def is_cart(self, trial):
        return bool(self.targets_of_tested_drugs(trial))


def top(rows, n):
    return rows[:n]


def desc_then(key_count, *rest):
    return lambda row: (-row[key_count],) + tuple(row[i] for i in rest)


def q01(tg):
    rows = set()
    for t in tg.nodes("Trial"):
        cd19 = any(tg.prop(a, "key") == "CD19" for a in tg.targets_of_tested_drugs(t))
        leukemia = any("Leukemia" in (tg.prop(d, "name") or "") for d in tg.out(t, "STUDIES", "Disease"))
        if cd19 and leukemia:
            rows.add((tg.prop(t, "key"), tg.prop(t, "title")))
    return ["trial", "title"], sorted(rows)


def q02(tg):
    trials = collections.defaultdict(set)
    for t in tg.nodes("Trial"):
        if tg.is_cart(t):
            for s in tg.out(t, "SPONSORED_BY", "Sponsor", role="lead"):
                trials[s].add(t)
    rows = [(tg.prop(s, "name"), len(ts)) for s, ts in trials.items()]
    return ["sponsor", "trials"], top(sorted(rows, key=lambda r: (-r[1], r[0])), 10)


def q03(tg):
    trials = collections.defaultdict(set)
    for t in tg.nodes("Trial"):
        for s in tg.out(t, "CONDUCTED_AT", "Site"):
            trials[s].add(t)
    rows = [(tg.prop(s, "name"), tg.prop(s, "country"), len(ts), tg.prop(s, "key"))
            for s, ts in trials.items() if len(ts) >= 2]
    rows.sort(key=lambda r: (-r[2], r[0], r[1] or "", r[3]))
    return ["site", "country", "trials"], [r[:3] for r in top(rows, 10)]


def q04(tg):
    rows = set()
    for a in tg.nodes("Antigen"):
        drugs = [d for d, _ in tg.g.in_edges(a) if tg.label(d) == "Drug" and a in tg.out(d, "TARGETS", "Antigen")]
        for x in drugs:
            for y in drugs:
                if tg.prop(x, "key") < tg.prop(y, "key"):
                    rows.add((tg.prop(a, "key"), tg.prop(x, "name"), tg.prop(y, "name")))
    return ["antigen", "drug_a", "drug_b"], top(sorted(rows), 15)


def q05(tg):
    trials = collections.defaultdict(set)
    for t in tg.nodes("Trial"):
        for a in tg.targets_of_tested_drugs(t):
            trials[a].add(t)
    rows = [(tg.prop(a, "key"), len(ts)) for a, ts in trials.items()]
    return ["antigen", "trials"], sorted(rows, key=lambda r: (-r[1], r[0]))


def q06(tg):
    trials = collections.defaultdict(set)
    for t in tg.nodes("Trial"):
        for d in tg.out(t, "STUDIES", "Disease"):
            trials[d].add(t)
    rows = [(tg.prop(d, "name"), len(ts)) for d, ts in trials.items()]
    return ["disease", "trials"], top(sorted(rows, key=lambda r: (-r[1], r[0])), 10)


def q07(tg):
    counts = collections.Counter(tg.prop(t, "status") for t in tg.nodes("Trial") if tg.prop(t, "status") is not None)
    return ["status", "trials"], sorted(counts.items(), key=lambda r: (-r[1], r[0]))


def q08(tg):
    counts = collections.Counter(tg.prop(s, "country") for s in tg.nodes("Site") if tg.prop(s, "country") is not None)
    return ["country", "sites"], top(sorted(counts.items(), key=lambda r: (-r[1], r[0])), 10)


def q09(tg):
    rows = set()
    for t in tg.nodes("Trial"):
        if any("Lupus" in (tg.prop(d, "name") or "") for d in tg.out(t, "STUDIES", "Disease")):
            antigens = tg.targets_of_tested_drugs(t)
            for a in antigens:
                rows.add((tg.prop(t, "key"), tg.prop(a, "key")))
            if not antigens:
                rows.add((tg.prop(t, "key"), None))
    return ["trial", "antigen"], sorted(rows, key=lambda r: (r[0], r[1] or ""))


def sponsors_of(tg, t):
    return tg.out(t, "SPONSORED_BY", "Sponsor")


def biggest_sponsor(tg):
    trials = collections.Counter()
    for t in tg.nodes("Trial"):
        for s in sponsors_of(tg, t):
            trials[s] += 1
    return min(trials, key=lambda s: (-trials[s], tg.prop(s, "name")))


def q10(tg):
    big = biggest_sponsor(tg)
    shared = collections.defaultdict(set)
    for t in tg.nodes("Trial"):
        sponsors = sponsors_of(tg, t)
        if big in sponsors:
            for s in sponsors:
                if s != big:
                    shared[s].add(t)
    rows = [(tg.prop(s, "name"), len(ts)) for s, ts in shared.items()]
    return ["sponsor", "shared_trials"], sorted(rows, key=lambda r: (-r[1], r[0]))


def q11(tg):
    rows = [(tg.prop(t, "key"), int(tg.prop(t, "enrollment"))) for t in tg.nodes("Trial")
            if tg.prop(t, "status") == "RECRUITING" and tg.prop(t, "enrollment") is not None]
    return ["trial", "enrollment"], top(sorted(rows, key=lambda r: (-r[1], r[0])), 10)


def q12(tg):
    rows = [(tg.prop(d, "name"), len(tg.out(d, "TARGETS", "Antigen"))) for d in tg.nodes("Drug")]
    return ["drug", "antigens"], sorted([r for r in rows if r[1] >= 2], key=lambda r: (-r[1], r[0]))


QUESTIONS = {
    "01-antigen-in-disease": q01, "02-sponsors-by-cart-trials": q02, "03-shared-sites": q03,
    "04-drugs-sharing-targets": q04, "05-antigens-by-trials": q05, "06-top-diseases": q06,
    "07-trials-by-status": q07, "08-countries-by-sites": q08, "09-lupus-trials-with-targets": q09,
    "10-collaborations": q10, "11-largest-recruiting": q11, "12-multi-antigen-drugs": q12,
}


def cell(v):
    return "" if v is None else str(v)


def as_tsv(header, rows):
    return [list(header)] + [[cell(v) for v in row] for row in rows]


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def main():
    graphml, answer_dir = sys.argv[1], sys.argv[2]
    write = "--write" in sys.argv
    tg = TrialGraph(graphml)
    print(f"biggest sponsor (question 10): {tg.prop(biggest_sponsor(tg), 'name')}")
    bad = 0
    for qid, question in QUESTIONS.items():
        header, rows = question(tg)
        table = as_tsv(header, rows)
        path = os.path.join(answer_dir, qid + ".tsv")
        if write:
            with open(path, "w", encoding="utf-8") as f:
                f.writelines("\t".join(r) + "\n" for r in table)
        elif read_tsv(path) != table:
            bad += 1
            print(f"{qid}: networkx gives {table}\n  committed {read_tsv(path)}")
        if not rows:
            bad += 1
            print(f"{qid}: no rows")
        print(f"{qid}: {len(rows)} rows")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
