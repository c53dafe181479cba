#!/usr/bin/env python3
"""Whole-process query timings for the growth curve and before/after comparisons.

Runs each query class of issue 20 as a whole `morgue` process against one index, for one or
more `morgue` binaries, interleaved (binary A, binary B, A, B, ...) so that a busy shared
machine slows both alike. Prints a markdown table of median and minimum milliseconds per
binary and writes the raw times as JSON.

    scripts/bench_queries.py --index /tmp/i200k --runs 15 \
        --bin before=/tmp/morgue-before --bin after=target/release/morgue --json out.json
"""
import argparse
import json
import os
import statistics
import subprocess
import time

# (name, morgue arguments): the query classes of issue 20.
QUERIES = [
    ("stats", ["stats"]),
    ("facet person *", ["facets", "person", "*", "--top", "10"]),
    ("facet topic *", ["facets", "topic", "*", "--top", "10"]),
    ("facet dateline *", ["facets", "dateline", "*", "--top", "10"]),
    ("facet person topic:iran", ["facets", "person", "topic:iran", "--top", "10"]),
    ("facet person officials", ["facets", "person", "officials", "--top", "10"]),
    ("phrase \"trade war\"", ["search", '"trade war"']),
    ("term officials", ["search", "officials"]),
    ("and iran AND sanctions", ["search", "iran AND sanctions"]),
    ("histogram month *", ["histogram", "*", "--by", "month"]),
    ("count topic:covid-19", ["count", "topic:covid-19"]),
    # Aggregates over a word in most of the archive.
    ("histogram month officials", ["histogram", "officials", "--by", "month"]),
    ("facet topic officials", ["facets", "topic", "officials", "--top", "10"]),
    ("facet dateline officials", ["facets", "dateline", "officials", "--top", "10"]),
    ("newest officials", ["search", "officials", "--sort", "date"]),
    # Query classes on a corpus of Reuters-21578 sentences (../shared/bench/gen_corpus.py).
    ("phrase \"interest rates\"", ["search", '"interest rates"']),
    ("term oil", ["search", "oil"]),
    ("and oil AND prices", ["search", "oil AND prices"]),
    # Unions of three words (issue 20's OR-of-3 class), with the boolean parser and as --any.
    ("or3 iran OR tariffs OR brexit", ["search", "iran OR tariffs OR brexit"]),
    ("or3 officials OR government OR minister", ["search", "officials OR government OR minister"]),
    ("or3 --any venezuela maduro guaido", ["search", "--any", "venezuela maduro guaido"]),
    ("or3 oil OR gas OR opec", ["search", "oil OR gas OR opec"]),
    # Unions of two words: about as frequent (ranked in full), and one much rarer (pruned).
    ("or2 officials OR government", ["search", "officials OR government"]),
    ("or2 officials OR maduro", ["search", "officials OR maduro"]),
]


def run(binary, index, args, cpu=False):
    """Wall milliseconds of one process, or with `cpu` its user + system CPU milliseconds
    (all threads), which a loaded machine disturbs far less."""
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "--index", index] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1e3
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{binary} {' '.join(args)} failed: {stderr.decode()[:300]}")
    return (usage.ru_utime + usage.ru_stime) * 1e3 if cpu else elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--bin", action="append", required=True, help="label=path of a morgue binary")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--only", help="comma-separated query names to run")
    ap.add_argument("--cpu", action="store_true", help="CPU ms (user + system) instead of wall ms")
    ap.add_argument("--json")
    a = ap.parse_args()
    bins = [b.split("=", 1) for b in a.bin]
    queries = [q for q in QUERIES if not a.only or q[0] in a.only.split(",")]
    times = {name: {label: [] for label, _ in bins} for name, _ in queries}
    for name, args in queries:
        for _ in range(a.warmup):
            for _, path in bins:
                run(path, a.index, args, a.cpu)
        for _ in range(a.runs):
            for label, path in bins:
                times[name][label].append(run(path, a.index, args, a.cpu))
    labels = [label for label, _ in bins]
    unit = "CPU ms" if a.cpu else "ms"
    print("| query | " + " | ".join(f"{l} median / min {unit}" for l in labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for name, _ in queries:
        cells = [f"{statistics.median(times[name][l]):.1f} / {min(times[name][l]):.1f}" for l in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"index": a.index, "runs": a.runs, "cpu": a.cpu, "times_ms": times}, fh, indent=1)


if __name__ == "__main__":
    main()
