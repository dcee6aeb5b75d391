#!/usr/bin/python3
"""The Turtle, N-Triples and N-Quads of one run hold the same triples (rdflib), and each N-Quads
graph holds exactly its document's facts: the nodes and relationships whose `sources` in the
GraphML of the same run (read with networkx) name that document.

usage: rdf_formats.py FILE.ttl FILE.nt FILE.nq FILE.graphml
"""
import collections
import json
import sys

import networkx as nx
import rdflib
from rdflib.namespace import RDF, RDFS

TG = rdflib.Namespace("https://w3id.org/trialgraph/vocab#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def expected_from_graphml(path):
    """(label, key) of nodes and (type, from key, to key) of relationships, by source document."""
    g = nx.read_graphml(path, force_multigraph=True)
    nodes, edges = collections.defaultdict(set), collections.defaultdict(set)
    two_sources = None
    for n, data in g.nodes(data=True):
        node = (data["labels"].lstrip(":"), data["key"])
        sources = json.loads(data["sources"])
        for s in sources:
            nodes[s].add(node)
        if len(sources) >= 2 and (two_sources is None or (node[0] == "Trial") > (two_sources[0][0] == "Trial")):
            two_sources = (node, sources)  # a trial read from two formats, when there is one
    for a, b, data in g.edges(data=True):
        for s in json.loads(data["sources"]):
            edges[s].add((data["label"], g.nodes[a]["key"], g.nodes[b]["key"]))
    return nodes, edges, two_sources


def facts_of(graph, key_of):
    """What one RDF graph says: typed keyed nodes, and relationships by their statement nodes."""
    nodes = set()
    for s, key in graph.subject_objects(TG.key):
        for t in graph.objects(s, RDF.type):
            if str(t).startswith(str(TG)):
                nodes.add((str(t)[len(str(TG)):], str(key)))
    edges = set()
    for st, rel_type in graph.subject_objects(TG.relationshipType):
        subject, obj = graph.value(st, RDF.subject), graph.value(st, RDF.object)
        edges.add((str(rel_type), key_of.get(subject), key_of.get(obj)))
    return nodes, edges


def main():
    ttl_path, nt_path, nq_path, graphml_path = sys.argv[1:5]
    ttl = rdflib.Graph().parse(ttl_path, format="turtle")
    nt = rdflib.Graph().parse(nt_path, format="nt")
    quads = rdflib.Dataset()
    quads.parse(nq_path, format="nquads")
    union = rdflib.Graph()
    graphs = [g for g in quads.graphs() if len(g) > 0]  # every quad names a graph: the default one is empty
    for g in graphs:
        for t in g:
            union.add(t)
    check(len(quads.default_context) == 0, "quads without a graph")
    print(f"rdflib: {len(ttl)} triples in Turtle, {len(nt)} in N-Triples, {len(union)} in the union of "
          f"{len(graphs)} N-Quads graphs")
    check(len(ttl) > 0, "no triples")
    check(len(ttl - nt) == 0 and len(nt - ttl) == 0, f"Turtle and N-Triples differ: {len(ttl - nt)}+{len(nt - ttl)}")
    check(len(ttl - union) == 0 and len(union - ttl) == 0,
          f"Turtle and N-Quads differ: {len(ttl - union)}+{len(union - ttl)}")

    key_of = {s: str(k) for s, k in ttl.subject_objects(TG.key)}
    check(len(key_of) == len(set(ttl.subjects(TG.key))), "an IRI carries two keys")
    want_nodes, want_edges, two_sources = expected_from_graphml(graphml_path)
    graph_of = {}
    for g in graphs:
        labels = [str(o) for s, o in g.subject_objects(RDFS.label) if (s, RDF.type, PROV.Entity) in g]
        check(len(labels) == 1 and (g.identifier, RDF.type, PROV.Entity) in g,
              f"graph {g.identifier} does not describe exactly its own document")
        if len(labels) != 1:
            continue
        document = labels[0]
        graph_of[document] = g
        nodes, edges = facts_of(g, key_of)
        check(nodes == want_nodes[document], f"{document}: nodes differ from the GraphML sources: "
              f"{sorted(nodes ^ want_nodes[document])[:5]}")
        check(edges == want_edges[document], f"{document}: relationships differ from the GraphML sources: "
              f"{sorted(edges ^ want_edges[document])[:5]}")
        derived = set(g.objects(None, PROV.wasDerivedFrom))
        check(derived == {g.identifier}, f"{document}: provenance names other documents {derived}")
    check(set(graph_of) == set(want_nodes), "documents with a graph differ from the GraphML's sources")

    # Spot check: a node that two documents state is in both graphs, and only there.
    (label, key), sources = two_sources
    iri = next(s for s, k in key_of.items() if k == key and (s, RDF.type, TG[label]) in ttl)
    holding = sorted(d for d, g in graph_of.items() if (iri, RDF.type, TG[label]) in g)
    print(f"rdflib: {label} {key} ({iri}) is in the graphs of {holding}")
    check(holding == sorted(sources), f"{key} should be in the graphs of {sources}, is in {holding}")
    print("rdf formats:", "FAILED" if failures else "same triples; each graph holds its document's facts")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
