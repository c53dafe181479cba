#!/usr/bin/env python3
"""Growth curve of issue 20: index prefixes of ONE generated corpus (so every size holds the
same kind of text) and tabulate, per size, indexing time per article, CPU, peak memory split
into anonymous and file-backed parts, index size, and each query class's CPU and wall time.

The corpus comes from `examples/gen_corpus.rs` (`DIR/shard-NNN/`, 1,000 articles a folder;
every article a pure function of seed and number, so a prefix of a 2M corpus is the 200k
corpus of the same seed). A prefix of N articles is a folder of symlinks to the first N/1000
shards (the walk follows symlinks), so no text is copied.

    cargo build --release --bins --example gen_corpus
    target/release/examples/gen_corpus --count 2000000 --seed 7 --out /work/big/c2m
    scripts/growth.py --corpus /work/big/c2m --work /work/big --sizes 200000,1000000,2000000 \
        --json growth.json

Memory is sampled from /proc/PID/status every 0.2 s: VmHWM (peak resident), and the largest
RssAnon (heap: what the writer budget bounds) and RssFile (mapped segment files: page cache
the kernel may drop) seen. Queries run as whole `morgue` processes (scripts/bench_queries.py's
classes), median of --runs after --warmup, CPU = user + system of the process.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_queries  # noqa: E402


def prefix_root(corpus, work, size):
    """A folder of symlinks to the shards holding the first `size` articles."""
    shards = sorted(
        (d for d in os.listdir(corpus) if d.startswith("shard-")),
        key=lambda d: int(d.split("-", 1)[1]),
    )
    need = -(-size // 1000)
    if need > len(shards):
        raise SystemExit(f"{corpus} holds {len(shards)} shards, {need} needed for {size} articles")
    root = os.path.join(work, f"prefix-{size}")
    os.makedirs(root, exist_ok=True)
    for shard in shards[:need]:
        link = os.path.join(root, shard)
        if not os.path.islink(link):
            os.symlink(os.path.join(os.path.abspath(corpus), shard), link)
    return root


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def index(binary, root, index_dir):
    """Runs morgue-index; returns wall s, CPU s and peak memory in MB."""
    peaks = {"VmHWM:": 0, "RssAnon:": 0, "RssFile:": 0}
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "--quiet", "--index", index_dir, root], stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for key in peaks:
                peaks[key] = max(peaks[key], status_kb(proc.pid, key))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"morgue-index failed on {root}")
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(max(peaks["VmHWM:"], usage.ru_maxrss) / 1024),
        "peak_anon_mb": round(peaks["RssAnon:"] / 1024),
        "peak_file_mb": round(peaks["RssFile:"] / 1024),
    }


def dir_mb(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(dirpath, name))
    return round(total / 1e6)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="a gen_corpus output folder")
    ap.add_argument("--work", required=True, help="where prefixes and indexes go")
    ap.add_argument("--sizes", default="200000,1000000,2000000")
    ap.add_argument("--bin-dir", default="target/release")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reuse", action="store_true", help="keep an existing index of a size")
    ap.add_argument("--json")
    a = ap.parse_args()
    morgue = os.path.join(a.bin_dir, "morgue")
    morgue_index = os.path.join(a.bin_dir, "morgue-index")
    queries = [q for q in bench_queries.QUERIES if "oil" not in q[0] and "interest rates" not in q[0]]
    results = []
    for size in (int(s) for s in a.sizes.split(",")):
        root = prefix_root(a.corpus, a.work, size)
        index_dir = os.path.join(a.work, f"index-{size}")
        if a.reuse and os.path.exists(os.path.join(index_dir, "meta.json")):
            build = None
        else:
            subprocess.run(["rm", "-rf", index_dir], check=True)
            build = index(morgue_index, root, index_dir)
        row = {"articles": size, "build": build, "index_mb": dir_mb(index_dir), "queries": {}}
        for name, args in queries:
            for _ in range(a.warmup):
                bench_queries.run(morgue, index_dir, args)
            cpu, wall = [], []
            for _ in range(a.runs):
                cpu.append(bench_queries.run(morgue, index_dir, args, cpu=True))
                wall.append(bench_queries.run(morgue, index_dir, args))
            row["queries"][name] = {"cpu_ms": statistics.median(cpu), "wall_ms": statistics.median(wall)}
        results.append(row)
        print(json.dumps(row), flush=True)
    print("\n| articles | build wall s | CPU ms / article | peak RSS MB (anon / file) | index MB |")
    print("|---:|---:|---:|---|---:|")
    for row in results:
        b = row["build"]
        if b:
            per = 1e3 * b["cpu_s"] / row["articles"]
            print(f"| {row['articles']:,} | {b['wall_s']} | {per:.2f} | {b['peak_rss_mb']} ({b['peak_anon_mb']} / "
                  f"{b['peak_file_mb']}) | {row['index_mb']:,} |")
        else:
            print(f"| {row['articles']:,} | (reused) | | | {row['index_mb']:,} |")
    names = [name for name, _ in queries]
    print("\n| query (CPU ms / wall ms, median) | " + " | ".join(f"{r['articles']:,}" for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    for name in names:
        cells = [f"{r['queries'][name]['cpu_ms']:.1f} / {r['queries'][name]['wall_ms']:.1f}" for r in results]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
