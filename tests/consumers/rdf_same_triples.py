#!/usr/bin/python3
"""Parses Turtle with rdflib and compares it with serdi's N-Triples of the same file: same triples."""
import sys
import rdflib

ttl = rdflib.Graph().parse(sys.argv[1], format="turtle")
nt = rdflib.Graph().parse(sys.argv[2], format="nt")
only_ttl, only_nt = len(ttl - nt), len(nt - ttl)
print(f"rdflib: {len(ttl)} triples from Turtle, {len(nt)} from N-Triples, {only_ttl}+{only_nt} differ")
trials = list(ttl.query("""
    PREFIX schema: <http://schema.org/>
    SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a schema:MedicalTrial ; schema:sponsor ?s . }"""))
print(f"rdflib: {trials[0][0]} trials with a sponsor")
sys.exit(0 if only_ttl == only_nt == 0 and len(ttl) > 0 and int(trials[0][0]) > 0 else 1)
