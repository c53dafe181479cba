#!/usr/bin/env python3
"""Search latency A/B: two `morgue` binaries, each on its own index, query by query.

Runs a fixed query set (`morgue search QUERY -n 10 --json`) as whole processes, interleaved
(A, B, A, B, ...) so that a busy shared machine slows both alike, and prints per query the
median wall and CPU (user + sys) milliseconds of each binary and their ratio B/A, then the
geometric mean of the ratios. Each binary needs an index written by its own `morgue-index`
(schema versions differ across releases), built from the same corpus.

With --callgrind it also runs each query once per binary under `valgrind --tool=callgrind`
(on one CPU, so the search pool is the calling thread and every instruction has a caller)
and prints instruction counts, which repeat to within a fraction of a percent on a noisy
machine: the total, and the share of each phase of the process (loader and runtime
start-up, argument parsing, schema/knowledge loading, opening the index, the search with
its hits and snippets, JSON output).

    scripts/latency_ab.py --a base=/tmp/morgue-base:/tmp/idx-base \\
        --b new=target/release/morgue:/tmp/idx-new --runs 21 --callgrind

Queries run against Reuters-21578 (`../shared/corpora/reuters21578/articles`) in
BENCHMARKS.md; --query NAME=TEXT (repeatable) replaces the set.
"""
import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# (class, query text): one or two of each shape `morgue search` treats differently.
QUERIES = [
    ("term", "dividend"),
    ("term", "grain"),
    ("two words", "oil prices"),
    ("two words", "interest rates"),
    ("three words", "opec output ceiling"),
    ("three words", "trade deficit japan"),
    ("question", "what did the central bank say about interest rates"),
    ("phrase", '"interest rates"'),
    ("boolean OR", "merger OR acquisition OR takeover"),
    ("field", "title:oil AND prices"),
]

# Phases of a `morgue search` process, as callgrind names the functions (inclusive counts).
# Several names per phase: the base and the new binary name some functions differently.
PHASES = [
    ("args", ["morgue::cli::command", "clap_builder::builder::command::Command::get_matches_from"]),
    ("knowledge", ["morgue::schema::Knowledge::load_with"]),
    ("open index", ["morgue::cmd::Context::open"]),
    ("search", ["morgue::search::search"]),
    ("output", ["morgue::output::search", "morgue::output::render"]),
]


def run_once(binary, index, query):
    """Wall and CPU milliseconds of one whole `morgue search` process."""
    args = [binary, "--index", index, "search", query, "-n", "10", "--json"]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1e3
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{binary} search {query!r} exited {proc.returncode}: {proc.stderr.read()[:300]}")
    proc.stderr.close()
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3


def callgrind(binary, index, query, workdir):
    """Total instructions and the inclusive instructions of each phase, under callgrind."""
    out = os.path.join(workdir, "cg.out")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "--index", index,
           "search", query, "-n", "10", "--json"]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0"] + cmd
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--auto=no", out],
                          capture_output=True, text=True, check=True).stdout
    os.remove(out)
    total = 0
    inclusive = {}
    line_re = re.compile(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$")
    for line in text.splitlines():
        m = line_re.match(line)
        if not m:
            continue
        count = int(m.group(1).replace(",", ""))
        rest = m.group(2)
        if rest.startswith("PROGRAM TOTALS"):
            total = count
            continue
        # "file:function [object]"; a function also has lines for code inlined from other
        # files, each a part of it: the largest is the function's own inclusive count.
        if " [" in rest:
            rest = rest[: rest.rfind(" [")]
        function = rest.split(":", 1)[-1]
        inclusive[function] = max(inclusive.get(function, 0), count)
    phases = {"total": total}
    for phase, names in PHASES:
        phases[phase] = max((inclusive.get(n, 0) for n in names), default=0)
    # `args` counts clap's command building and matching, which main runs before cmd::run.
    phases["start-up and exit"] = total - inclusive.get("morgue::main", total)
    return phases


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", required=True, help="LABEL=BINARY:INDEX (the baseline)")
    ap.add_argument("--b", required=True, help="LABEL=BINARY:INDEX (the candidate)")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--query", action="append", help="NAME=TEXT, repeatable (replaces the set)")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions per query")
    ap.add_argument("--no-timing", action="store_true", help="only the callgrind counts")
    ap.add_argument("--json", help="write raw times and counts here")
    a = ap.parse_args()

    sides = []
    for spec in (a.a, a.b):
        label, rest = spec.split("=", 1)
        binary, index = rest.rsplit(":", 1)
        sides.append((label, binary, index))
    queries = [tuple(q.split("=", 1)) for q in a.query] if a.query else QUERIES
    (la, _, _), (lb, _, _) = sides
    raw = {"sides": sides, "queries": queries, "times": {}, "callgrind": {}}

    if not a.no_timing:
        for _ in range(a.warmup):
            for _, query in queries:
                for _, binary, index in sides:
                    run_once(binary, index, query)
        times = {(q, label): [] for _, q in queries for label, _, _ in sides}
        for r in range(a.runs):
            for _, query in queries:
                # Alternate which binary goes first, so neither always follows the other.
                order = sides if r % 2 == 0 else sides[::-1]
                for label, binary, index in order:
                    times[(query, label)].append(run_once(binary, index, query))
        print(f"Whole processes, {a.runs} interleaved runs each (median ms; ratio = {lb}/{la}):\n")
        print(f"| class | query | {la} wall | {lb} wall | ratio | {la} CPU | {lb} CPU | ratio |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        wall_ratios, cpu_ratios = [], []
        for cls, query in queries:
            med = {}
            for label, _, _ in sides:
                ts = times[(query, label)]
                med[label] = (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
            wr, cr = med[lb][0] / med[la][0], med[lb][1] / max(med[la][1], 1e-9)
            wall_ratios.append(wr)
            cpu_ratios.append(cr)
            print(f"| {cls} | `{query}` | {med[la][0]:.2f} | {med[lb][0]:.2f} | {wr:.3f} "
                  f"| {med[la][1]:.2f} | {med[lb][1]:.2f} | {cr:.3f} |")
            raw["times"][query] = {label: times[(query, label)] for label, _, _ in sides}
        print(f"\ngeometric mean ratio {lb}/{la}: wall {geomean(wall_ratios):.3f}, CPU {geomean(cpu_ratios):.3f}\n")

    if a.callgrind:
        if not shutil.which("valgrind"):
            raise SystemExit("valgrind is not installed")
        names = ["total", "start-up and exit"] + [p for p, _ in PHASES]
        print(f"Instructions (callgrind, one CPU; thousands; {la} -> {lb}):\n")
        print("| class | query | " + " | ".join(names) + " |")
        print("|---|---|" + "---:|" * len(names))
        ratios = []
        with tempfile.TemporaryDirectory() as work:
            for cls, query in queries:
                counts = {label: callgrind(binary, index, query, work) for label, binary, index in sides}
                cells = [f"{counts[la][n] / 1e3:,.0f} → {counts[lb][n] / 1e3:,.0f}" for n in names]
                ratios.append(counts[lb]["total"] / counts[la]["total"])
                print(f"| {cls} | `{query}` | " + " | ".join(cells) + " |")
                raw["callgrind"][query] = counts
        print(f"\ngeometric mean instruction ratio {lb}/{la}: {geomean(ratios):.3f}")

    if a.json:
        with open(a.json, "w") as fh:
            json.dump(raw, fh, indent=1, default=str)


if __name__ == "__main__":
    sys.exit(main())
