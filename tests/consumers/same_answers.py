"""The dozen questions give the same rows in Cypher (examples/neo4j/queries/*.csv) and in SPARQL
(examples/sparql/*.tsv), so that a user moving between Neo4j and a triple store gets one answer.
usage: same_answers.py CYPHER_DIR SPARQL_DIR"""
import csv
import glob
import os
import sys

cypher_dir, sparql_dir = sys.argv[1], sys.argv[2]
failures = 0
answers = sorted(glob.glob(os.path.join(cypher_dir, "*.csv")))
for cypher in answers:
    name = os.path.basename(cypher)[:-4]
    sparql = os.path.join(sparql_dir, name + ".tsv")
    if not os.path.exists(sparql):
        print(f"FAIL {name}: no SPARQL answer")
        failures += 1
        continue
    with open(cypher, newline="") as f:
        a = list(csv.reader(f))
    with open(sparql, newline="") as f:
        b = list(csv.reader(f, delimiter="\t"))
    if a == b:
        print(f"ok   {name}: {len(a) - 1} rows in both")
    else:
        print(f"FAIL {name}: Cypher and SPARQL answers differ\n  cypher {a[:3]}\n  sparql {b[:3]}")
        failures += 1
if len(answers) < 12:
    print(f"FAIL only {len(answers)} answers")
    failures += 1
sys.exit(1 if failures else 0)
