#!/usr/bin/python3
"""Extraction benchmark: documents/s, MB/s and peak memory of `trialgraph extract`.

usage: bench/bench_extract.py [--studies N] [--trialgraph build/trialgraph] [RECORDS_DIR]

Builds one NDJSON file of N studies from the real v2 records (RECORDS_DIR, default ../shared/data/v2json
or examples/ctgov-v2), each copy with a fresh NCT id so the graph grows, then times extraction to
GraphML and to Turtle. Also times the floor: reading the file and parsing every line with a JSON parser.
"""
import argparse, itertools, json, os, resource, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def records(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            doc = json.load(open(os.path.join(folder, name), encoding="utf-8"))
            if isinstance(doc, dict) and "protocolSection" in doc:
                yield doc


def make_ndjson(folder, studies, path):
    base = list(records(folder))
    with open(path, "w", encoding="utf-8") as out:
        for i, rec in zip(range(studies), itertools.cycle(base)):
            rec = json.loads(json.dumps(rec))
            rec["protocolSection"].setdefault("identificationModule", {})["nctId"] = "NCT%08d" % (90000000 + i)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return secs, after.ru_maxrss / 1024  # MiB; maxrss is the largest child so far


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--studies", type=int, default=10000)
    ap.add_argument("--trialgraph", default=os.path.join(root, "build", "trialgraph"))
    ap.add_argument("records", nargs="?")
    a = ap.parse_args()
    folder = a.records or next(p for p in (os.path.join(root, "..", "shared", "data", "v2json"),
                                           os.path.join(root, "examples", "ctgov-v2")) if os.path.isdir(p))
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "studies.ndjson")
        make_ndjson(folder, a.studies, data)
        mb = os.path.getsize(data) / 1e6
        print(f"input: {a.studies} studies, {mb:.1f} MB NDJSON (from {os.path.abspath(folder)})")
        start = time.perf_counter()
        with open(data, "rb") as f:
            for line in f:
                json.loads(line)
        floor = time.perf_counter() - start
        print(f"floor  read+parse (Python json)  {floor:6.2f} s  {a.studies / floor:9.0f} docs/s  {mb / floor:7.1f} MB/s")
        for ext in ("graphml", "ttl"):
            secs, rss = timed([a.trialgraph, "extract", "-q", data, "-o", os.path.join(tmp, "g." + ext)])
            print(f"extract -> {ext:8s}              {secs:6.2f} s  {a.studies / secs:9.0f} docs/s  "
                  f"{mb / secs:7.1f} MB/s  peak {rss:7.0f} MiB  ({secs / floor:.1f}x floor)")


if __name__ == "__main__":
    sys.exit(main())
