#!/usr/bin/python3
"""Checks a neo4j-csv folder against the rules of `neo4j-admin database import full` (Neo4j 5) and
against the GraphML of the same run (networkx): the same nodes, relationships and property values.

Rules: the files and options are those of the folder's neo4j-admin-import.sh; every file has a
header; a node file has exactly one :ID(space); a relationship file has :START_ID(space),
:END_ID(space) and :TYPE, whose spaces are node ID spaces; column types are ones neo4j-admin knows;
parsed with the command's delimiter and quote, every row has as many fields as its header, and a
field holds a line break only with --multiline-fields=true; ids are unique per space; every start
and end id exists in its space; booleans, longs and doubles parse.

usage: neo4j_csv_check.py DIR [FILE.graphml]
"""
import collections
import csv
import json
import os
import re
import shlex
import sys

TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
         "localtime", "time", "localdatetime", "datetime", "duration"}
failures = []


def fail(message):
    if len(failures) < 30:
        print("FAIL:", message)
    failures.append(message)


def import_options(folder):
    """The neo4j-admin arguments of the folder's import script."""
    with open(os.path.join(folder, "neo4j-admin-import.sh"), encoding="utf-8") as f:
        line = next(l for l in f if "neo4j-admin database import full" in l)
    words = shlex.split(line[line.index("neo4j-admin"):].replace('"$@"', ""))
    assert words[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"], words[:5]
    options = {"files": [], "delimiter": ",", "array-delimiter": ";", "quote": '"', "multiline-fields": "false"}
    for w in words[5:]:
        name, _, value = w[2:].partition("=")
        if name in ("nodes", "relationships"):
            group, _, path = value.partition("=")
            options["files"].append((name, group, os.path.join(folder, path)))
        else:
            options[name] = value
    d = options["array-delimiter"]
    options["array-delimiter"] = chr(int(d[2:], 16)) if d.startswith("U+") else d
    return options


def parse_header(cell):
    """'name:type' -> (name, type, is_array); ':ID(Trial)' -> ('', 'ID', 'Trial')."""
    m = re.fullmatch(r"([^:]*):(ID|START_ID|END_ID)\(([^)]+)\)", cell)
    if m:
        return m.group(1), m.group(2), m.group(3)
    name, _, kind = cell.partition(":")
    if cell in (":LABEL", ":TYPE"):
        return "", kind, None
    kind = kind or "string"
    array = kind.endswith("[]")
    if kind.rstrip("[]").lower() not in TYPES:
        fail(f"{cell}: unknown type")
    return name, kind, array


def typed(value, kind, array_delimiter):
    if value == "":
        return None
    base, array = kind.rstrip("[]"), kind.endswith("[]")
    items = value.split(array_delimiter) if array else [value]
    out = []
    for item in items:
        if base == "boolean" and item not in ("true", "false"):
            raise ValueError(f"not a boolean: {item!r}")
        out.append(int(item) if base == "long" else float(item) if base == "double"
                   else item == "true" if base == "boolean" else item)
    return out if array else out[0]


def read_file(path, options):
    multiline = options["multiline-fields"] == "true"
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=options["delimiter"],
                           quotechar=options["quote"], doublequote=True, strict=True))
    if not rows:
        fail(f"{path}: no header")
        return [], []
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body, 2):
        if len(row) != len(header):
            fail(f"{os.path.basename(path)} row {i}: {len(row)} fields, header has {len(header)}")
        if not multiline and any("\n" in v or "\r" in v for v in row):
            fail(f"{os.path.basename(path)} row {i}: a line break without --multiline-fields=true")
    return header, body


def check(folder, graphml):
    options = import_options(folder)
    listed = {os.path.basename(p) for _, _, p in options["files"]}
    present = {f for f in os.listdir(folder) if f.endswith(".csv")}
    if listed != present:
        fail(f"files not in the command: {present - listed}; missing: {listed - present}")
    ids = collections.defaultdict(dict)   # space -> id -> properties
    rels = []                             # (type, start space, start, end space, end, properties)
    adelim = options["array-delimiter"]
    for kind, group, path in [f for f in options["files"] if f[0] == "nodes"] + \
                              [f for f in options["files"] if f[0] == "relationships"]:
        header, body = read_file(path, options)
        cols = [parse_header(c) for c in header]
        name = os.path.basename(path)
        if kind == "nodes":
            id_cols = [i for i, c in enumerate(cols) if c[1] == "ID"]
            if len(id_cols) != 1:
                fail(f"{name}: {len(id_cols)} :ID columns")
                continue
            space = cols[id_cols[0]][2]
            for row in body:
                props = row_properties(name, cols, row, adelim)
                props[cols[id_cols[0]][0] or "id"] = row[id_cols[0]]
                labels = [row[i] for i, c in enumerate(cols) if c[1] == "LABEL"] or [group]
                if row[id_cols[0]] in ids[space]:
                    fail(f"{name}: id {row[id_cols[0]]!r} twice in space {space}")
                props[":LABEL"] = labels[0] or group
                ids[space][row[id_cols[0]]] = props
        else:
            where = {c[1]: (i, c[2]) for i, c in enumerate(cols) if c[1] in ("START_ID", "END_ID", "TYPE")}
            if set(where) != {"START_ID", "END_ID", "TYPE"}:
                fail(f"{name}: needs :START_ID(space), :END_ID(space) and :TYPE, has {header}")
                continue
            (si, sspace), (ei, espace), (ti, _) = where["START_ID"], where["END_ID"], where["TYPE"]
            for space in (sspace, espace):
                if space not in ids:
                    fail(f"{name}: ID space {space} has no node file")
            for row in body:
                if row[si] not in ids.get(sspace, {}) or row[ei] not in ids.get(espace, {}):
                    fail(f"{name}: {row[si]!r} -> {row[ei]!r}: an end is not a node")
                if row[ti] != group:
                    fail(f"{name}: type {row[ti]} in a file named for {group}")
                rels.append((row[ti], sspace, row[si], espace, row[ei], row_properties(name, cols, row, adelim)))
    nodes = sum(len(v) for v in ids.values())
    print(f"neo4j csv: {len(options['files'])} files, {nodes} nodes in {len(ids)} ID spaces, "
          f"{len(rels)} relationships; array delimiter {options['array-delimiter']!r}, "
          f"multiline {options['multiline-fields']}")
    if graphml:
        compare_with_graphml(graphml, ids, rels)


def row_properties(name, cols, row, adelim):
    props = {}
    for (prop, kind, extra), value in zip(cols, row):
        if kind in ("ID", "START_ID", "END_ID", "LABEL", "TYPE"):
            continue
        try:
            v = typed(value, kind + ("[]" if extra and not kind.endswith("[]") else ""), adelim)
        except ValueError as e:
            fail(f"{name}: column {prop}: {e}")
            continue
        if v is not None:
            props[prop] = v
    return props


def graphml_value(value, csv_value):
    """A GraphML property as the CSV column holds it: JSON lists in strings become lists."""
    if isinstance(csv_value, list):
        if isinstance(value, str) and value.startswith("["):
            try:
                return json.loads(value)
            except ValueError:
                pass
        return [str(value) if not isinstance(value, bool) else str(value).lower()]
    if isinstance(csv_value, float) and not isinstance(value, bool):
        return float(value)
    return value


def compare_with_graphml(path, ids, rels):
    import networkx as nx
    g = nx.read_graphml(path, force_multigraph=True)
    want_nodes = {}
    for _, data in g.nodes(data=True):
        want_nodes[(data["labels"].lstrip(":"), data["key"])] = data
    got_nodes = {(space, key): props for space, members in ids.items() for key, props in members.items()}
    if set(want_nodes) != set(got_nodes):
        fail(f"nodes differ from the GraphML: {sorted(set(want_nodes) ^ set(got_nodes))[:5]}")
    for node, props in got_nodes.items():
        want = {k: v for k, v in want_nodes.get(node, {}).items() if k not in ("labels", "key")}
        got = {k: v for k, v in props.items() if k not in ("key", ":LABEL")}
        if set(want) != set(got) or any(graphml_value(want[k], got[k]) != got[k] for k in got):
            fail(f"node {node}: properties differ from the GraphML")
    want_rels = {}
    for a, b, data in g.edges(data=True):
        want_rels[(data["label"], g.nodes[a]["labels"].lstrip(":"), g.nodes[a]["key"],
                   g.nodes[b]["labels"].lstrip(":"), g.nodes[b]["key"])] = data
    got_rels = {r[:5]: r[5] for r in rels}
    if len(got_rels) != len(rels) or set(want_rels) != set(got_rels):
        fail(f"relationships differ from the GraphML: {sorted(set(want_rels) ^ set(got_rels))[:3]}")
    for rel, props in got_rels.items():
        want = {k: v for k, v in want_rels.get(rel, {}).items() if k not in ("label", "id")}
        if set(want) != set(props) or any(graphml_value(want[k], props[k]) != props[k] for k in props):
            fail(f"relationship {rel}: properties differ from the GraphML {want} {props}")


if __name__ == "__main__":
    check(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print("neo4j csv:", f"{len(failures)} problems" if failures else "every neo4j-admin rule holds; same graph as the GraphML")
    sys.exit(1 if failures else 0)
