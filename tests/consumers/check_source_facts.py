#!/usr/bin/python3
"""Checks, independently of the C++ readers, that every source record's facts are in a GraphML graph.

usage: check_source_facts.py [--one-trial-per-nct-id] GRAPH.graphml FILE|FOLDER ...

Reads each registry file with Python's own parsers: v2 JSON (protocolSection), classic v1 JSON
(ProtocolSection, FullStudiesResponse), legacy XML (<clinical_study>), and CSV/TSV search exports.
For each record: its Trial node (by nct_id) exists, and from it the lead sponsor and collaborators
(SPONSORED_BY, the lead with role lead), conditions (STUDIES), interventions (TESTS) and location
facilities (CONDUCTED_AT) are reached, matched by the source's own strings (node name or aliases).
Prints one line per format with the facts found, and the first missing ones. With
--one-trial-per-nct-id, the graph must hold exactly one Trial node per distinct NCT id read.
"""
import csv, glob, io, json, os, re, sys
import xml.etree.ElementTree as ET
import networkx as nx

csv.field_size_limit(1 << 30)


# Each reader yields (file, record) where record is a plain dict:
# nct, lead, collaborators, conditions, interventions, facilities, places (CSV location strings).
def record(nct, lead=None, collaborators=(), conditions=(), interventions=(), facilities=(), places=()):
    return dict(nct=nct, lead=lead, collaborators=list(collaborators), conditions=list(conditions),
                interventions=list(interventions), facilities=list(facilities), places=list(places))


def v2_records(f, doc):
    items = doc if isinstance(doc, list) else doc.get("studies", [doc])
    for s in items:
        p = s.get("protocolSection") if isinstance(s, dict) else None
        if not isinstance(p, dict):
            continue
        sc = p.get("sponsorCollaboratorsModule", {})
        locs = p.get("contactsLocationsModule", {})
        yield record(p["identificationModule"]["nctId"], sc.get("leadSponsor", {}).get("name"),
                     [c["name"] for c in sc.get("collaborators", [])],
                     p.get("conditionsModule", {}).get("conditions", []),
                     [i["name"] for i in p.get("armsInterventionsModule", {}).get("interventions", [])],
                     [l["facility"] for l in locs.get("locations", locs.get("locations_nested", [])) if l.get("facility")])


def v1_records(f, doc):
    if "FullStudiesResponse" in doc:
        studies = [s["Study"] for s in doc["FullStudiesResponse"].get("FullStudies", [])]
    else:
        studies = [doc["Study"]]
    for s in studies:
        p = s["ProtocolSection"]
        sc = p.get("SponsorCollaboratorsModule", {})
        ai = p.get("ArmsInterventionsModule", {})
        locs = p.get("ContactsLocationsModule", {}).get("LocationList", {}).get("Location", [])
        yield record(p["IdentificationModule"]["NCTId"], sc.get("LeadSponsor", {}).get("LeadSponsorName"),
                     [c["CollaboratorName"] for c in sc.get("CollaboratorList", {}).get("Collaborator", [])],
                     p.get("ConditionsModule", {}).get("ConditionList", {}).get("Condition", []),
                     [i["InterventionName"] for i in ai.get("InterventionList", {}).get("Intervention", [])],
                     [l["LocationFacility"] for l in locs if l.get("LocationFacility")])


def xml_records(f):
    s = ET.parse(f).getroot()
    txt = lambda e: (e.text or "").strip() if e is not None else ""
    yield record(txt(s.find("id_info/nct_id")), txt(s.find("sponsors/lead_sponsor/agency")),
                 [txt(c.find("agency")) for c in s.findall("sponsors/collaborator")],
                 [txt(c) for c in s.findall("condition")],
                 [txt(i.find("intervention_name")) for i in s.findall("intervention")],
                 [txt(l.find("facility/name")) for l in s.findall("location") if txt(l.find("facility/name"))])


def table_records(f):
    text = open(f, encoding="utf-8-sig", newline="").read()
    tsv = f.endswith(".tsv")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t" if tsv else ",",
                          quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    if "NCT Number" not in (rows.fieldnames or []):
        return  # a manifest or another table, not a search export
    split = lambda v: [x.strip() for x in (v or "").split("|") if x.strip() and x.strip() != "null"]
    for r in rows:
        if "Sponsor/Collaborators" in r:
            sponsors = split(r["Sponsor/Collaborators"])
        else:
            sponsors = split(r.get("Sponsor")) + split(r.get("Collaborators"))
        interventions = [i.split(": ", 1)[1] if ": " in i else i for i in split(r.get("Interventions"))]
        yield record(r["NCT Number"], sponsors[0] if sponsors else None, sponsors[1:], split(r.get("Conditions")),
                     interventions, places=split(r.get("Locations")))


def records(path):
    files = sorted(glob.glob(os.path.join(path, "**", "*"), recursive=True)) if os.path.isdir(path) else [path]
    for f in files:
        if f.endswith(".json"):
            doc = json.load(open(f, encoding="utf-8"))
            v1 = isinstance(doc, dict) and ("FullStudiesResponse" in doc or "Study" in doc)
            for r in (v1_records(f, doc) if v1 else v2_records(f, doc)):
                yield ("v1" if v1 else "v2"), f, r
        elif f.endswith(".xml"):
            for r in xml_records(f):
                yield "xml", f, r
        elif f.endswith(".csv") or f.endswith(".tsv"):
            for r in table_records(f):
                yield "csv/tsv", f, r


def names(data):
    out = {str(data.get("name", "")).strip().lower()}
    raw = data.get("aliases")
    if raw:
        out |= {a.strip().lower() for a in json.loads(raw)}
    return out


def place_of(site):
    return ", ".join(site[k] for k in ("facility", "city", "state", "country") if site.get(k))


def folded(text):
    """Letters and digits only, as merge keys compare places ("H.U. 12 de Octubre,, Madrid")."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def main(argv):
    exact = "--one-trial-per-nct-id" in argv
    argv = [a for a in argv if a != "--one-trial-per-nct-id"]
    g = nx.read_graphml(argv[1], force_multigraph=True)
    trial_by_nct = {d.get("nct_id"): n for n, d in g.nodes(data=True) if d.get("labels") == ":Trial"}
    counts, missing_lines, ncts = {}, [], set()

    def expect(fmt, ok, what):
        c = counts.setdefault(fmt, [0, 0])
        c[0] += 1
        if not ok:
            c[1] += 1
            missing_lines.append(f"missing ({fmt}): {what}")

    for path in argv[2:]:
        for fmt, f, r in records(path):
            nct = r["nct"]
            ncts.add(nct)
            t = trial_by_nct.get(nct)
            expect(fmt, t is not None, f"{f}: Trial {nct}")
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

            if r["lead"]:
                expect(fmt, linked("SPONSORED_BY", r["lead"], role="lead"), f"{nct} lead sponsor {r['lead']!r}")
            for c in r["collaborators"]:
                expect(fmt, linked("SPONSORED_BY", c), f"{nct} collaborator {c!r}")
            for c in r["conditions"]:
                expect(fmt, linked("STUDIES", c), f"{nct} condition {c!r}")
            for i in r["interventions"]:
                expect(fmt, linked("TESTS", i), f"{nct} intervention {i!r}")
            for fac in r["facilities"]:
                expect(fmt, linked("CONDUCTED_AT", fac, field="facility"), f"{nct} site {fac!r}")
            # A search export's "facility, city, state, country": a linked site spells it back.
            # (Merged with the same site from another document, the node may spell it that one's way.)
            sites = {folded(place_of(node)) for node, _ in out.get("CONDUCTED_AT", [])}
            for place in r["places"]:
                expect(fmt, folded(place) in sites, f"{nct} location {place!r}")
    for line in missing_lines[:30]:
        print(line)
    for fmt, (checked, missing) in sorted(counts.items()):
        print(f"{fmt} facts: {checked - missing}/{checked} found")
    checked_all = sum(c[0] for c in counts.values())
    trials = sum(1 for _, d in g.nodes(data=True) if d.get("labels") == ":Trial")
    print(f"Trial nodes: {trials}; distinct NCT ids read: {len(ncts)}")
    wrong_count = exact and trials != len(ncts)
    return 1 if missing_lines or checked_all == 0 or wrong_count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
