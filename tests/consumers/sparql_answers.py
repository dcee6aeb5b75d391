#!/usr/bin/python3
"""Runs every NN-id.rq of a folder and checks that its answer equals NN-id.tsv beside it
(header = the query's variables; unbound = empty field; literals by their lexical form).

usage: sparql_answers.py rdflib FILE.ttl QUERY_DIR
       sparql_answers.py endpoint URL QUERY_DIR [--graph IRI]
"""
import glob
import json
import os
import sys
import urllib.parse
import urllib.request


def rdflib_runner(path):
    import rdflib
    graph = rdflib.Graph().parse(path, format="turtle")
    print(f"rdflib: {len(graph)} triples from {os.path.basename(path)}")

    def run(query):
        result = graph.query(query)
        header = [str(v) for v in result.vars]
        rows = [["" if term is None else str(term) for term in row] for row in result]
        return header, rows
    return run


def endpoint_runner(url, graph_iri):
    def run(query):
        params = {"query": query, "format": "application/sparql-results+json"}
        if graph_iri:
            params["default-graph-uri"] = graph_iri
        request = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
        header = answer["head"]["vars"]
        rows = [[b[v]["value"] if v in b else "" for v in header] for b in answer["results"]["bindings"]]
        return header, rows
    return run


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n").split("\t") for line in f]
    return lines[0], lines[1:]


def main():
    mode, target, query_dir = sys.argv[1:4]
    graph_iri = sys.argv[sys.argv.index("--graph") + 1] if "--graph" in sys.argv else None
    run = rdflib_runner(target) if mode == "rdflib" else endpoint_runner(target, graph_iri)
    queries = sorted(glob.glob(os.path.join(query_dir, "[0-9][0-9]-*.rq")))
    failed = 0
    for path in queries:
        name = os.path.basename(path)[:-3]
        with open(path, encoding="utf-8") as f:
            header, rows = run(f.read())
        want_header, want_rows = read_tsv(path[:-3] + ".tsv")
        if header != want_header or rows != want_rows:
            failed += 1
            print(f"{mode}: {name}: answer differs\n  got      {header} {rows}\n  expected {want_header} {want_rows}")
        else:
            print(f"{mode}: {name}: {len(rows)} rows as expected")
    if not queries:
        print(f"{mode}: no queries in {query_dir}")
    sys.exit(1 if failed or not queries else 0)


if __name__ == "__main__":
    main()
