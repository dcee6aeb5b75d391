#!/usr/bin/python3
"""Scales the real ClinicalTrials.gov v2 records to any number of studies, as one NDJSON file.

usage: bench/generate_ndjson.py STUDIES OUT.ndjson [RECORDS_DIR]

Each output study is a real record (cycled in file-name order) with
  - a fresh NCT id (NCT9xxxxxxx, never a real one);
  - its sponsors, sites and interventions renamed to variants ("Mayo Clinic S17") drawn from skewed
    pools that grow with the number of studies (see Namer), so the graph grows as the registry's does.
Conditions, texts and everything else are the record's own, so text mining sees real prose.
The output is deterministic for a given STUDIES and RECORDS_DIR.

Fast enough for the whole registry's size: each record is serialised once as a template with holes
for the names it varies; a copy is a join of literal pieces and names (about 200 MB/s).
"""
import json, os, random, re, sys

MARK = "\x00%d\x00"
MARK_RE = re.compile(r"\\u0000(\d+)\\u0000")  # how json.dumps writes MARK


def records(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                doc = json.load(f)
            if isinstance(doc, dict) and isinstance(doc.get("protocolSection"), dict):
                yield doc


class Template:
    """A record serialised once, with numbered holes where the generator puts names."""

    def __init__(self, record):
        self.kinds = []       # per hole: "nct", "sponsor", "site", "drug"
        self.originals = []   # per hole: the record's own value
        p = record["protocolSection"]
        self._hole(p.setdefault("identificationModule", {}), "nctId", "nct")
        sponsors = p.get("sponsorCollaboratorsModule", {})
        if isinstance(sponsors.get("leadSponsor"), dict):
            self._hole(sponsors["leadSponsor"], "name", "sponsor")
        for c in sponsors.get("collaborators", []) or []:
            self._hole(c, "name", "sponsor")
        for loc in p.get("contactsLocationsModule", {}).get("locations", []) or []:
            self._hole(loc, "facility", "site")
        arms = p.get("armsInterventionsModule", {})
        for iv in arms.get("interventions", []) or []:
            self._hole(iv, "name", "drug")
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        parts = MARK_RE.split(text)
        self.literals = parts[0::2]
        self.holes = [int(h) for h in parts[1::2]]

    def _hole(self, obj, field, kind):
        if not isinstance(obj, dict) or not isinstance(obj.get(field), str):
            return
        self.originals.append(obj[field])
        obj[field] = MARK % len(self.kinds)
        self.kinds.append(kind)

    def render(self, values):
        out = [self.literals[0]]
        for hole, literal in zip(self.holes, self.literals[1:]):
            out.append(values[hole])
            out.append(literal)
        return "".join(out)


def escape(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


class Namer:
    """Picks the variant of a name for one copy. Each name of a base record gets a pool of variants
    that grows with the number of copies of that record, sized so that at the registry's scale
    (600,000 studies) there are about 50,000 sponsors, 600,000 sites and 250,000 products."""

    def __init__(self, copies_per_record, seed=20261122):
        self.rng = random.Random(seed)
        self.pools = {"sponsor": max(1, copies_per_record // 20), "site": max(1, copies_per_record // 6),
                      "drug": max(1, copies_per_record // 4)}

    def skewed(self, size):
        # Pareto-like: small variant numbers are common (large centres, big sponsors), large ones rare.
        return min(size - 1, int(size * self.rng.random() ** 2))

    def name(self, kind, original):
        if kind == "sponsor" and self.rng.random() < 0.1:
            return escape(original)  # the big sponsors run trials under their own name
        if kind == "drug" and self.rng.random() < 0.3:
            return escape(original)  # generic drugs (placebo, cyclophosphamide) recur as they are
        variant = self.skewed(self.pools[kind])
        return escape(original if variant == 0 else f"{original} {kind[0].upper()}{variant}")


def generate(studies, out_path, folder):
    templates = [Template(r) for r in records(folder)]
    if not templates:
        sys.exit(f"no v2 study records in {folder}")
    namer = Namer(max(1, studies // len(templates)))
    with open(out_path, "w", encoding="utf-8") as out:
        for i in range(studies):
            t = templates[i % len(templates)]
            values = []
            for kind, original in zip(t.kinds, t.originals):
                values.append("NCT%08d" % (90000000 + i) if kind == "nct" else namer.name(kind, original))
            line = t.render(values) + "\n"
            out.write(line)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    studies, out_path = int(sys.argv[1]), sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[3] if len(sys.argv) == 4 else next(
        p for p in (os.path.join(here, "..", "..", "shared", "data", "v2json"),
                    os.path.join(here, "..", "examples", "ctgov-v2")) if os.path.isdir(p))
    generate(studies, out_path, folder)


if __name__ == "__main__":
    main()
