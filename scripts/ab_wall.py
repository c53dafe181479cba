#!/usr/bin/env python3
"""Wall-clock time of whole `morgue` processes, two builds alternating, median of N: what a
user waits for (the counting threads of a facet run on every core, so this is less than the
CPU time `ab_cpu.py` reports). Same arguments as ab_cpu.py:

usage: ab_wall.py N "BIN_A [ARGS]" INDEX_A "BIN_B [ARGS]" INDEX_B QUERIES
"""
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000, done.returncode


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    bin_a, index_a, bin_b, index_b, queries = sys.argv[2:]
    for line in open(queries, encoding="utf-8").read().splitlines():
        if not line.strip():
            continue
        command = shlex.split(line)
        a, b = [], []
        for _ in range(n):
            ms, status_a = run(shlex.split(bin_a) + ["--index", index_a] + command)
            a.append(ms)
            ms, status_b = run(shlex.split(bin_b) + ["--index", index_b] + command)
            b.append(ms)
        print(f"{line:40s} A {statistics.median(a):7.1f}  B {statistics.median(b):7.1f}  "
              f"exit {status_a} {status_b}", flush=True)


if __name__ == "__main__":
    main()
