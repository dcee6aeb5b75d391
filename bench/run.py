#!/usr/bin/python3
"""The scale benchmark: trialgraph extract on the registry's bulk format at growing sizes.

usage: bench/run.py [--sizes 10000,100000,600000] [--jobs 1,2] [--formats graphml,turtle,neo4j-csv]
                    [--repeat N] [--settle S] [--data DIR] [--out DIR] [--build DIR] [--markdown FILE]

For each size it generates (once, cached in --data) one NDJSON file of that many studies scaled from
the real records (bench/generate_ndjson.py), measures the floor on it (reading it: `cat > /dev/null`;
parsing every record with simdjson alone), then runs `trialgraph extract -q -j J FILE -o OUT` for each
format and J, and reports wall time, studies/s, MB/s, peak memory (the child's maxrss) and the time
as a multiple of the parse floor. Outputs go to --out (default DATA/out) and are removed after each
run. With --markdown, the table is also written as Markdown.

With --repeat N each run is made N times: the table gives the median time, its range, and the
highest peak. A machine's noise (a VM's neighbours) can be larger than a change; one run says little.

The writing floor: for each format, writing as many bytes as its output had, 1 MiB at a time from
memory, then fsync, into --out, as trialgraph writes its outputs. On a VM whose host hands out
memory lazily, fresh page-cache pages cost more than the formatting does, and pages freed a moment
ago cost less: each such write waits --settle seconds (default 30) after the last one freed its
pages, so it pays what the tool's own writing pays after a minute of extracting.

The input should sit in the page cache (or on tmpfs): when reading it runs at disk speed, the runs
measure the disk, and the script says so.
"""
import argparse, os, platform, shutil, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
EXT = {"graphml": "g.graphml", "turtle": "g.ttl", "neo4j-csv": "neo4j"}


def run(cmd, out=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err}")
    return secs, usage.ru_maxrss / 1024


def spread(times):
    """The range of several runs' seconds, or nothing for one run."""
    return f"{min(times):.2f}-{max(times):.2f}" if len(times) > 1 else ""


def output_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def write_floor(path, size):
    """Seconds to write `size` bytes to a new file at `path`, 1 MiB at a time, and fsync it."""
    block = b"x" * (1 << 20)
    start = time.perf_counter()
    with open(path, "wb", buffering=0) as f:
        left = size
        while left > 0:
            left -= f.write(block if left >= len(block) else block[:left])
        os.fsync(f.fileno())
    secs = time.perf_counter() - start
    os.remove(path)
    return secs


def ensure_data(size, data_dir):
    path = os.path.join(data_dir, f"studies-{size}.ndjson")
    if not os.path.exists(path):
        print(f"generating {size} studies ...", flush=True)
        tmp = path + ".part"
        subprocess.run(["/usr/bin/python3", os.path.join(here, "generate_ndjson.py"), str(size), tmp], check=True)
        os.rename(tmp, path)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,600000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--formats", default="graphml,turtle,neo4j-csv")
    ap.add_argument("--data", default=os.path.join(root, "build", "bench-data"))
    ap.add_argument("--out", help="where the outputs are written (default: DATA/out)")
    ap.add_argument("--build", default=os.path.join(root, "build"))
    ap.add_argument("--repeat", type=int, default=1, help="runs of each cell; the median is reported")
    ap.add_argument("--settle", type=float, default=30, help="seconds before each writing floor")
    ap.add_argument("--markdown")
    a = ap.parse_args()
    if a.repeat < 1:
        sys.exit("--repeat must be at least 1")
    tg = os.path.join(a.build, "trialgraph")
    floor_tool = os.path.join(a.build, "bench", "trialgraph_bench_json_floor")
    for tool in (tg, floor_tool):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: build first (scripts/build.sh)")
    os.makedirs(a.data, exist_ok=True)
    out_dir = a.out or os.path.join(a.data, "out")
    rows = []
    cores = os.cpu_count()
    print(f"machine: {cores} cores, {platform.processor() or platform.machine()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
    for size in [int(s) for s in a.sizes.split(",")]:
        data = ensure_data(size, a.data)
        mb = os.path.getsize(data) / 1e6
        run(["cat", data])  # warm the page cache
        cat_secs, _ = run(["cat", data])
        parse = subprocess.run([floor_tool, data, "simdjson-dom"], check=True, capture_output=True, text=True)
        parse_secs = float(parse.stdout.split()[1])
        print(f"\n{size} studies, {mb:.0f} MB: cat {cat_secs:.2f} s ({mb / cat_secs:.0f} MB/s); "
              f"simdjson parse {parse_secs:.2f} s ({size / parse_secs:.0f} studies/s)", flush=True)
        if mb / cat_secs < 1000:
            print(f"  warning: reading the input runs at {mb / cat_secs:.0f} MB/s, the disk's speed: it does not stay "
                  "in the page cache, and the times below include reading it from disk", flush=True)
        rows.append((size, mb, "floor: cat > /dev/null", "", [cat_secs], None, None))
        rows.append((size, mb, "floor: simdjson parse", "1", [parse_secs], None, None))
        written = {}
        for fmt in a.formats.split(","):
            for jobs in a.jobs.split(","):
                times, peak = [], 0
                for _ in range(a.repeat):
                    shutil.rmtree(out_dir, ignore_errors=True)
                    os.makedirs(out_dir)
                    target = os.path.join(out_dir, EXT[fmt])
                    cmd = [tg, "extract", "-q", "-j", jobs, data, "-o", target]
                    if fmt == "neo4j-csv":
                        cmd += ["--format", "neo4j-csv"]
                    secs, rss = run(cmd)
                    times.append(secs)
                    peak = max(peak, rss)
                    written[fmt] = output_bytes(target)
                secs = statistics.median(times)
                rows.append((size, mb, f"extract -> {fmt}", jobs, times, peak, secs / parse_secs))
                shown = f" ({spread(times)})" if len(times) > 1 else ""
                print(f"  {fmt:10s} -j{jobs}: {secs:7.2f} s{shown} {size / secs:8.0f} studies/s {mb / secs:6.1f} MB/s "
                      f"peak {peak:6.0f} MiB  {secs / parse_secs:5.1f}x parse floor", flush=True)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        for fmt, size_bytes in written.items():
            time.sleep(a.settle)
            secs = write_floor(os.path.join(out_dir, "floor"), size_bytes)
            rows.append((size, mb, f"floor: writing {size_bytes / 1e6:,.0f} MB ({fmt}'s output)", "", [secs], None, None))
            print(f"  writing floor for {fmt}: {size_bytes / 1e6:,.0f} MB in {secs:.2f} s "
                  f"({size_bytes / 1e6 / secs:,.0f} MB/s)", flush=True)
        shutil.rmtree(out_dir, ignore_errors=True)
    table = ["| studies | MB | run | -j | seconds | range | studies/s | MB/s | peak MiB | x parse floor |",
             "|---:|---:|---|---:|---:|---|---:|---:|---:|---:|"]
    for size, mb, what, jobs, times, rss, multiple in rows:
        secs = statistics.median(times)
        table.append(f"| {size:,} | {mb:,.0f} | {what} | {jobs} | {secs:.2f} | {spread(times)} | {size / secs:,.0f} | "
                     f"{mb / secs:,.0f} | {'' if rss is None else f'{rss:,.0f}'} | "
                     f"{'' if multiple is None else f'{multiple:.1f}'} |")
    print("\n" + "\n".join(table))
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(f"Machine: {cores} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
                    f"{time.strftime('%Y-%m-%d')}\n\n" + "\n".join(table) + "\n")


if __name__ == "__main__":
    main()
