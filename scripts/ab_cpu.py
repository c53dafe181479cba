#!/usr/bin/env python3
"""CPU time (user + sys of the child, from wait4) of whole `morgue` processes, two builds
alternating, median of N: the before/after measure of BENCHMARKS.md. With --wall, the
wall-clock time instead: what a user waits for (a facet counts on every core, so this is
less than the CPU time).

usage: ab_cpu.py [--wall] N "BIN_A [ARGS]" INDEX_A "BIN_B [ARGS]" INDEX_B QUERIES

QUERIES is a file of one command per line (`facets person oil`, `search "interest rates"`),
split like a shell would (shlex); each runs as `BIN --index INDEX COMMAND...`, stdout and
stderr discarded. Prints one line per command: median CPU ms of A and of B, and the exit
statuses (1 = nothing found is normal for a query that matches nothing).
"""
import os
import shlex
import statistics
import sys
import time


def run(argv, wall=False):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start if wall else usage.ru_utime + usage.ru_stime
    return seconds * 1000, os.waitstatus_to_exitcode(status)


def main():
    args = sys.argv[1:]
    wall = args[:1] == ["--wall"]
    args = args[1:] if wall else args
    if len(args) != 6:
        sys.exit(__doc__)
    n = int(args[0])
    bin_a, index_a, bin_b, index_b, queries = args[1:]
    for line in open(queries, encoding="utf-8").read().splitlines():
        if not line.strip():
            continue
        command = shlex.split(line)
        a, b = [], []
        for _ in range(n):
            ms, status_a = run(shlex.split(bin_a) + ["--index", index_a] + command, wall)
            a.append(ms)
            ms, status_b = run(shlex.split(bin_b) + ["--index", index_b] + command, wall)
            b.append(ms)
        print(f"{line:40s} A {statistics.median(a):7.1f}  B {statistics.median(b):7.1f}  "
              f"exit {status_a} {status_b}", flush=True)


if __name__ == "__main__":
    main()
