#!/usr/bin/python3
"""Renders registry v2 records as the two page layouts and checks the page plugins read them back.

usage: page_roundtrip.py TRIALGRAPH V2_DIR_OR_FILE... [--limit N]

Each record becomes a "Basic Information" page and a ClinConnect page laid out as the seed pages are
(conditions run together on one line for every other record, as seed 001 writes them). The pages
are extracted, and so are the records; for every trial the page graph must hold what the layout
carries:
  Basic Information: status, phase, enrollment, start/completion dates, design, ages, sex; every
    sponsor with its role; every tested drug with its arms; every arm; every site with its status;
    every disease the record's conditions name that the v2 graph reaches through the lexicon.
  ClinConnect: status, sex; the lead sponsor; every site without a facility ("City, State, Country").
Prints one line per difference and a summary; exits 1 on any difference.
"""
import json, os, subprocess, sys, tempfile
import networkx as nx

BLURBS = {
    "Basic Information": "Get a concise snapshot of the trial, including recruitment status, study phase, enrollment targets, and key timeline milestones.",
    "Brief Summary": "Review the sponsor-provided synopsis that highlights what the study is about and why it is being conducted.",
    "Detailed Description": "Dive into the extended narrative that explains the scientific background, objectives, and procedures in greater depth.",
    "Conditions": "See the medical conditions and disease areas that this research is targeting or investigating.",
    "Study Design": "Understand how the trial is structured, including allocation methods, masking strategies, primary purpose, and other design elements.",
    "Study Groups": "Review each arm or cohort in the study, along with the interventions and objectives associated with them.",
    "Interventions": "Learn about the drugs, procedures, or behavioral strategies being tested and how they are applied within this trial.",
    "Eligibility Criteria": "Check the participation requirements, including inclusion and exclusion rules, age limits, and whether healthy volunteers are accepted.",
    "Sponsors": "Meet the organizations funding or collaborating on the study and learn about their roles.",
    "Locations": "Explore where the study is taking place and check the recruitment status at each participating site.",
}


def g(d, *path, default=""):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def records(paths):
    for path in paths:
        files = [os.path.join(path, f) for f in sorted(os.listdir(path))] if os.path.isdir(path) else [path]
        for f in files:
            if not f.endswith(".json"):
                continue
            with open(f, encoding="utf-8") as fh:
                data = json.load(fh)
            for r in data if isinstance(data, list) else data.get("studies", [data]):
                if g(r, "protocolSection", "identificationModule", "nctId"):
                    yield r


def section(out, heading, *paragraphs):
    out.append(heading)
    if heading in BLURBS:
        out.append(BLURBS[heading])
    out.extend(p for p in paragraphs if p != "")


def basic_info_page(r, run_together):
    p = r["protocolSection"]
    out = [g(p, "identificationModule", "briefTitle"), "NCT ID: " + g(p, "identificationModule", "nctId"),
           "Last Updated: " + g(p, "statusModule", "lastUpdatePostDateStruct", "date")]
    basic = []
    for label, value in [("Recruitment Status", g(p, "statusModule", "overallStatus")),
                         ("Clinical Phase", " ".join(g(p, "designModule", "phases", default=[]))),
                         ("Total Enrollment", f'{g(p, "designModule", "enrollmentInfo", "count")} participants'
                          if g(p, "designModule", "enrollmentInfo", "count") != "" else ""),
                         ("Study Classification", g(p, "designModule", "studyType")),
                         ("Study Start Date", g(p, "statusModule", "startDateStruct", "date")),
                         ("Study Completion Date", g(p, "statusModule", "completionDateStruct", "date"))]:
        if value:
            basic += [label, value]
    section(out, "Basic Information", *basic)
    section(out, "Brief Summary", g(p, "descriptionModule", "briefSummary"))
    section(out, "Detailed Description", g(p, "descriptionModule", "detailedDescription"))
    conditions = g(p, "conditionsModule", "conditions", default=[])
    section(out, "Conditions", *([" ".join(conditions)] if run_together and conditions else conditions))
    design = []
    for label, path in [("Allocation Method", ("allocation",)), ("Intervention Model", ("interventionModel",)),
                        ("Primary Study Purpose", ("primaryPurpose",)), ("Blinding Strategy", ("maskingInfo", "masking"))]:
        value = g(p, "designModule", "designInfo", *path)
        if value:
            design += [label, value]
    section(out, "Study Design", *design)
    interventions = g(p, "armsInterventionsModule", "interventions", default=[])
    by_name = {iv.get("name", ""): iv for iv in interventions}
    groups = []
    for arm in g(p, "armsInterventionsModule", "armGroups", default=[]):
        groups += [arm.get("label", ""), arm.get("description", ""), "Group Type " + arm.get("type", "")]
        for name in arm.get("interventionNames", []):
            name = name.split(": ", 1)[1] if ": " in name else name
            iv = by_name.get(name, {})
            groups += [name, "Intervention Type " + iv.get("type", ""), iv.get("description", "")]
    section(out, "Study Groups", *groups)
    ivs = []
    for iv in interventions:
        ivs += [iv.get("name", ""), iv.get("description", ""), "Intervention Type " + iv.get("type", "")]
    section(out, "Interventions", *ivs)
    e = g(p, "eligibilityModule")
    elig = [g(e, "eligibilityCriteria")]
    for label, value in [("Minimum Eligible Age", g(e, "minimumAge")), ("Maximum Eligible Age", g(e, "maximumAge")),
                         ("Eligible Sex", g(e, "sex"))]:
        if value:
            elig += [label, value]
    section(out, "Eligibility Criteria", *elig)
    sponsors = []
    lead = g(p, "sponsorCollaboratorsModule", "leadSponsor")
    sponsors += [g(lead, "name"), g(lead, "class"), "Sponsor Role lead"]
    for c in g(p, "sponsorCollaboratorsModule", "collaborators", default=[]):
        sponsors += [c.get("name", ""), c.get("class", ""), "Sponsor Role collaborator"]
    section(out, "Sponsors", *sponsors)
    locs = []
    for loc in g(p, "contactsLocationsModule", "locations", default=[]):
        locs += [loc.get("facility", ""), f'{loc.get("city", "")}, {loc.get("state", "")}, {loc.get("country", "")}',
                 ("Site Status " + loc.get("status", "")).strip()]
    section(out, "Locations", *locs)
    # Blank lines between every line, as on the seed pages; a value's own blank lines stay.
    return "\n\n".join(x.strip() for x in out) + "\n"


def clinconnect_page(r):
    p = r["protocolSection"]
    lead = g(p, "sponsorCollaboratorsModule", "leadSponsor", "name")
    out = ["ClinConnect ClinConnect Logo", "Search / Trial " + g(p, "identificationModule", "nctId"),
           g(p, "identificationModule", "briefTitle"), f"Launched by {lead.upper()} · Jul 23, 2025" if lead else "",
           "Trial Information", "Current as of November 14, 2025", g(p, "statusModule", "overallStatus").replace("_", " ").title(),
           "Keywords", "ClinConnect Summary", g(p, "descriptionModule", "briefSummary"),
           "Gender", g(p, "eligibilityModule", "sex"), "Eligibility criteria"]
    out += ["- • " + l for l in g(p, "eligibilityModule", "eligibilityCriteria").splitlines() if l.strip()]
    out += [f"About {lead}", f"{lead} is a sponsor." if lead else "", "Locations"]
    for loc in g(p, "contactsLocationsModule", "locations", default=[]):
        out.append(f'{loc.get("city", "")}, {loc.get("state", "")}, {loc.get("country", "")}')
    out += ["Patients applied", "Timeline", "First submit", "Trial launched", "Trial updated",
            "Estimated completion", "Not reported"]
    return "\n".join(x for x in out if x != "") + "\n"


LEXICON_MESH = set()


def load_lexicon(source_dir):
    with open(os.path.join(source_dir, "core", "lexicons", "diseases.json"), encoding="utf-8") as fh:
        for entry in json.load(fh)["entries"]:
            if entry.get("mesh_id"):
                LEXICON_MESH.add(entry["mesh_id"])


def load(tg, inputs, out):
    subprocess.run([tg, "extract", "-q", *inputs, "-o", out], check=False)
    return nx.read_graphml(out)


def by_label(graph, label):
    return {d.get("key"): (n, d) for n, d in graph.nodes(data=True) if f":{label}" in d.get("labels", "")}


def out_edges(graph, node, rel, label):
    return {graph.nodes[b].get("key"): d for _, b, d in graph.out_edges(node, data=True)
            if d.get("label") == rel and f":{label}" in graph.nodes[b].get("labels", "")}


def compare(v2, page, layout, problems):
    v2_trials, page_trials = by_label(v2, "Trial"), by_label(page, "Trial")
    v2_sites = by_label(v2, "Site")
    props = ["status", "sex"] if layout == "clinconnect" else [
        "status", "phase", "enrollment", "study_type", "start_date", "completion_date", "last_updated",
        "allocation", "intervention_model", "purpose", "masking", "min_age", "max_age", "sex"]
    checked = 0
    for key, (vn, vd) in v2_trials.items():
        if key not in page_trials:
            problems.append(f"{layout} {key}: no trial node")
            continue
        pn, pd = page_trials[key]
        checked += 1
        miss = lambda what: problems.append(f"{layout} {key}: {what}")
        for p in props:
            if str(vd.get(p, "")) != str(pd.get(p, "")):
                miss(f"{p} {vd.get(p)!r} read as {pd.get(p)!r}")
        v_sp, p_sp = out_edges(v2, vn, "SPONSORED_BY", "Sponsor"), out_edges(page, pn, "SPONSORED_BY", "Sponsor")
        for s, d in v_sp.items():
            if layout == "clinconnect" and d.get("role") != "lead":
                continue
            if s not in p_sp or p_sp[s].get("role") != d.get("role"):
                miss(f"sponsor {s} ({d.get('role')})")
        v_sites, p_sites = out_edges(v2, vn, "CONDUCTED_AT", "Site"), out_edges(page, pn, "CONDUCTED_AT", "Site")
        for s, d in v_sites.items():
            if v2_sites[s][1].get("state", "").count(",") > 1:
                continue  # a state of several commas cannot be told apart in one "City, State, Country" line
            if layout == "clinconnect":
                s = "|" + s.split("|", 1)[1]
            if s not in p_sites:
                miss(f"site {s}")
            elif layout == "basic" and d.get("status", "") != p_sites[s].get("status", ""):
                miss(f"site {s} status {d.get('status')!r} read as {p_sites[s].get('status')!r}")
        if layout == "clinconnect":
            continue
        v_drugs, p_drugs = out_edges(v2, vn, "TESTS", "Drug"), out_edges(page, pn, "TESTS", "Drug")
        for s, d in v_drugs.items():
            if s not in p_drugs:
                miss(f"tested drug {s}")
            elif d.get("arms", "") != p_drugs[s].get("arms", ""):
                miss(f"drug {s} arms {d.get('arms')} read as {p_drugs[s].get('arms')}")
        if set(out_edges(v2, vn, "HAS_ARM", "Arm")) != set(out_edges(page, pn, "HAS_ARM", "Arm")):
            miss(f"arms {sorted(out_edges(v2, vn, 'HAS_ARM', 'Arm'))} read as {sorted(out_edges(page, pn, 'HAS_ARM', 'Arm'))}")
        # Diseases the lexicon knows among the record's conditions: a page has no MeSH coding of its
        # own, so only the lexicon can name them, split or not.
        v_dis = {k for k, d in out_edges(v2, vn, "STUDIES", "Disease").items()
                 if d.get("section") == "conditions" and k in LEXICON_MESH}
        p_dis = set(out_edges(page, pn, "STUDIES", "Disease"))
        for k in v_dis - p_dis:
            miss(f"studied disease {k}")
    return checked


def main():
    args = sys.argv[1:]
    limit = None
    if "--limit" in args:
        i = args.index("--limit")
        limit = int(args[i + 1])
        del args[i:i + 2]
    tg, inputs = args[0], args[1:]
    load_lexicon(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    recs = list(records(inputs))[:limit]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("basic", "clinconnect"):
            os.makedirs(f"{tmp}/{layout}")
        os.makedirs(f"{tmp}/v2")
        for i, r in enumerate(recs):
            nct = r["protocolSection"]["identificationModule"]["nctId"]
            with open(f"{tmp}/v2/{nct}.json", "w", encoding="utf-8") as fh:
                json.dump(r, fh)
            with open(f"{tmp}/basic/{nct}.txt", "w", encoding="utf-8") as fh:
                fh.write(basic_info_page(r, run_together=i % 2 == 1))
            with open(f"{tmp}/clinconnect/{nct}.txt", "w", encoding="utf-8") as fh:
                fh.write(clinconnect_page(r))
        v2 = load(tg, [f"{tmp}/v2"], f"{tmp}/v2.graphml")
        checked = 0
        for layout in ("basic", "clinconnect"):
            checked += compare(v2, load(tg, [f"{tmp}/{layout}"], f"{tmp}/{layout}.graphml"), layout, problems)
    for p in problems:
        print(p)
    print(f"page round trip: {len(recs)} records as two layouts, {checked} trials compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
