#!/usr/bin/python3
"""Page-plugin benchmark: documents/s, MB/s and peak memory of `trialgraph extract` over trial pages.

usage: bench/bench_pages.py [--pages N] [--trialgraph build/trialgraph] [RECORDS_DIR]

Renders N pages from the real v2 records (RECORDS_DIR, default ../shared/data/v2json or
examples/ctgov-v2), half as "Basic Information" pages and half as ClinConnect pages, laid out as the
seed pages are (tests/consumers/page_roundtrip.py), each with a fresh NCT id so the graph grows;
then times their extraction to GraphML.
"""
import argparse, itertools, json, os, resource, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, os.path.join(root, "tests", "consumers"))
import page_roundtrip as render  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--trialgraph", default=os.path.join(root, "build", "trialgraph"))
    ap.add_argument("records", nargs="?")
    a = ap.parse_args()
    folder = a.records or next(p for p in (os.path.join(root, "..", "shared", "data", "v2json"),
                                           os.path.join(root, "examples", "ctgov-v2")) if os.path.isdir(p))
    base = list(render.records([folder]))
    with tempfile.TemporaryDirectory() as tmp:
        pages = os.path.join(tmp, "pages")
        os.makedirs(pages)
        size = 0
        for i, rec in zip(range(a.pages), itertools.cycle(base)):
            rec = json.loads(json.dumps(rec))
            rec["protocolSection"]["identificationModule"]["nctId"] = "NCT%08d" % (90000000 + i)
            text = render.basic_info_page(rec, i % 4 == 1) if i % 2 == 0 else render.clinconnect_page(rec)
            data = text.encode("utf-8")
            size += len(data)
            with open(os.path.join(pages, "%06d.txt" % i), "wb") as fh:
                fh.write(data)
        start = time.perf_counter()
        run = subprocess.run([a.trialgraph, "extract", "-q", pages, "-o", os.path.join(tmp, "g.graphml")],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pages: {a.pages} ({size / 1e6:.1f} MB) from {len(base)} records; exit {run.returncode}")
    print(f"extract -> GraphML: {seconds:.2f} s, {a.pages / seconds:,.0f} documents/s, "
          f"{size / 1e6 / seconds:.1f} MB/s, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
