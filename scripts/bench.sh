#!/usr/bin/env bash
# Side-by-side benchmark of morgue against a raw tantivy loop and SQLite FTS5, on one corpus,
# in one run, with a warm page cache. Writes OUT/results.md and OUT/results.json.
#
#   scripts/bench.sh CORPUS OUT [--runs N] [--no-criterion]
#   scripts/bench.sh --smoke OUT        # 200 generated articles, 2 query runs (a few seconds
#                                       # after the build; checks the kit works, not speed)
#
# CORPUS is a folder of .txt articles, e.g. made by
#   cargo run --release --example gen_corpus -- --count 200000 --seed 1 --out /tmp/corpus
# The 1%-changed incremental step edits every 100th file of CORPUS in place and restores the
# originals afterwards (their mtimes change).
#
# Needs: cargo, python3 (sqlite3 module with FTS5), GNU time (/usr/bin/time, Debian package
# `time`) and hyperfine (Debian package `hyperfine`); without hyperfine a shell loop is used.
set -euo pipefail

usage() { sed -n '2,16p' "$0" >&2; exit 2; }

SMOKE=0
RUNS=20
CRITERION=1
POSITIONAL=()
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1; shift ;;
        --runs) RUNS="$2"; shift 2 ;;
        --no-criterion) CRITERION=0; shift ;;
        -h|--help) usage ;;
        *) POSITIONAL+=("$1"); shift ;;
    esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$SMOKE" = 1 ]; then
    [ ${#POSITIONAL[@]} -eq 1 ] || usage
    OUT="${POSITIONAL[0]}"
    CORPUS="$OUT/corpus"
    RUNS=2
    CRITERION=0
else
    [ ${#POSITIONAL[@]} -eq 2 ] || usage
    CORPUS="${POSITIONAL[0]}"
    OUT="${POSITIONAL[1]}"
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "building release binaries and examples"
(cd "$ROOT" && cargo build --release --quiet --bins --examples)
BIN="$ROOT/target/release"
RAW="$BIN/examples/raw_tantivy"
FTS="python3 $ROOT/scripts/fts5_bench.py"

if [ "$SMOKE" = 1 ]; then
    rm -rf "$CORPUS"
    "$BIN/examples/gen_corpus" --count 200 --seed 7 --near-dups 5 --out "$CORPUS" > "$OUT/gen.json"
fi
[ -d "$CORPUS" ] || { echo "bench.sh: $CORPUS is not a folder" >&2; exit 2; }
CORPUS="$(cd "$CORPUS" && pwd)"

TIME=/usr/bin/time
if ! "$TIME" -v true 2>/dev/null; then
    echo "bench.sh: GNU time is needed (apt-get install time)" >&2
    exit 2
fi

# measure NAME CMD...: runs CMD under GNU time; stdout -> OUT/NAME.json, time -> OUT/NAME.time
measure() {
    local name="$1"; shift
    log "$name: $*"
    "$TIME" -v -o "$OUT/$name.time" "$@" > "$OUT/$name.json"
}

log "warming the page cache ($CORPUS)"
find "$CORPUS" -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null
du -sb --apparent-size "$CORPUS" | cut -f1 > "$OUT/corpus.bytes"
find "$CORPUS" -type f -name '*.txt' | wc -l > "$OUT/corpus.files"

rm -rf "$OUT/morgue-index" "$OUT/raw-index" "$OUT/fts5.db"
measure index-morgue "$BIN/morgue-index" --full --json --quiet --index "$OUT/morgue-index" "$CORPUS"
measure index-raw "$RAW" index "$CORPUS" "$OUT/raw-index"
measure index-fts5 $FTS index "$CORPUS" "$OUT/fts5.db"
for name in morgue-index raw-index; do du -sb "$OUT/$name" | cut -f1 > "$OUT/$name.bytes"; done
stat -c %s "$OUT/fts5.db" > "$OUT/fts5.db.bytes"

measure incr-unchanged "$BIN/morgue-index" --json --quiet --index "$OUT/morgue-index" "$CORPUS"
log "editing 1% of the files (every 100th, backups in $OUT/edit-backup)"
python3 - "$CORPUS" "$OUT/edit-backup" > "$OUT/edited.count" <<'PY'
import os, shutil, sys
corpus, backup = sys.argv[1], sys.argv[2]
files = []
for d, dirs, names in os.walk(corpus):
    dirs.sort()
    files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".txt")]
files.sort()
shutil.rmtree(backup, ignore_errors=True)
edited = files[::100]
for i, path in enumerate(edited):
    keep = os.path.join(backup, f"{i:07d}.txt")
    os.makedirs(backup, exist_ok=True)
    shutil.copy2(path, keep)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n\nCorrection: an earlier version of this article misstated a figure.\n")
with open(os.path.join(backup, "paths"), "w") as fh:
    fh.write("\n".join(edited))
print(len(edited))
PY
measure incr-1pct "$BIN/morgue-index" --json --quiet --index "$OUT/morgue-index" "$CORPUS"
python3 - "$OUT/edit-backup" <<'PY'
import os, shutil, sys
backup = sys.argv[1]
paths = open(os.path.join(backup, "paths")).read().split("\n")
for i, path in enumerate(p for p in paths if p):
    shutil.copy2(os.path.join(backup, f"{i:07d}.txt"), path)
shutil.rmtree(backup)
PY

# The query set: name|morgue arguments|FTS5 query (empty: no equivalent).
QUERIES=(
    'frequent|search officials|officials'
    'medium|search venezuela|venezuela'
    'rare|search petean|petean'
    'phrase|search "\"trade war\""|"trade war"'
    'and|search "iran AND sanctions"|iran AND sanctions'
    'or3|search "brexit OR tariffs OR venezuela"|brexit OR tariffs OR venezuela'
    'fielded|search "person:pompeo topic:iran" --from 2019-01-01 --to 2019-12-31|'
    'count|count "topic:covid-19"|'
    'facet|facets person "topic:iran" --top 10|'
)
: > "$OUT/queries.tsv"
for entry in "${QUERIES[@]}"; do
    IFS='|' read -r name margs fq <<< "$entry"
    printf '%s\t%s\t%s\n' "$name" "$margs" "$fq" >> "$OUT/queries.tsv"
    cmd="$BIN/morgue --index $OUT/morgue-index $margs"
    log "query $name: morgue $margs"
    if command -v hyperfine > /dev/null; then
        hyperfine --style none --shell=none --ignore-failure --warmup 2 --runs "$RUNS" \
            --export-json "$OUT/q-$name.hyperfine.json" -- "$cmd" > /dev/null
    else
        python3 - "$RUNS" "$cmd" > "$OUT/q-$name.hyperfine.json" <<'PY'
import json, shlex, subprocess, sys, time
runs, cmd = int(sys.argv[1]), shlex.split(sys.argv[2])
for _ in range(2):
    subprocess.run(cmd, stdout=subprocess.DEVNULL)
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(json.dumps({"results": [{"command": sys.argv[2], "times": times}]}))
PY
    fi
    eval "$BIN/morgue --index '$OUT/morgue-index' --json $margs" > "$OUT/q-$name.morgue.json" || true
    if [ -n "$fq" ]; then
        $FTS query "$OUT/fts5.db" "$fq" --repeat "$RUNS" > "$OUT/q-$name.fts5.json"
        "$RAW" query "$OUT/raw-index" "$fq" --repeat "$RUNS" > "$OUT/q-$name.raw.json"
    fi
done

if [ "$CRITERION" = 1 ]; then
    log "criterion: in-process morgue vs raw tantivy"
    rm -rf "$ROOT/target/criterion/morgue" "$ROOT/target/criterion/raw"
    (cd "$ROOT" && MORGUE_BENCH_INDEX="$OUT/morgue-index" RAW_BENCH_INDEX="$OUT/raw-index" \
        cargo bench --quiet --bench search -- --warm-up-time 1 --measurement-time 3 --noplot \
        > "$OUT/criterion.txt" 2>&1) || log "criterion failed (see $OUT/criterion.txt)"
    mkdir -p "$OUT/criterion"
    for group in morgue raw; do
        [ -d "$ROOT/target/criterion/$group" ] && cp -r "$ROOT/target/criterion/$group" "$OUT/criterion/"
    done
fi

log "writing $OUT/results.md and $OUT/results.json"
python3 - "$OUT" "$RUNS" "$SMOKE" "$ROOT" <<'PY'
import glob, json, os, platform, re, statistics, subprocess, sys, time

out, runs, smoke, root = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]

def read(name):
    with open(os.path.join(out, name)) as fh:
        return fh.read().strip()

def gnu_time(name):
    text = read(name + ".time")
    def field(label):
        m = re.search(re.escape(label) + r": (.*)", text)
        return m.group(1).strip() if m else None
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(p) for p in wall.split(":")]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    return {
        "wall_s": round(seconds, 3),
        "cpu_s": round(float(field("User time (seconds)")) + float(field("System time (seconds)")), 3),
        "peak_rss_mb": round(int(field("Maximum resident set size (kbytes)")) / 1024, 1),
        "exit": int(field("Exit status")),
    }

corpus_bytes = int(read("corpus.bytes"))
corpus_files = int(read("corpus.files"))
mb = corpus_bytes / 1e6
indexing = {}
for key, sizefile in [("morgue", "morgue-index.bytes"), ("raw", "raw-index.bytes"), ("fts5", "fts5.db.bytes")]:
    t = gnu_time("index-" + key)
    t["mb_per_s"] = round(mb / t["wall_s"], 2) if t["wall_s"] else None
    t["index_mb"] = round(int(read(sizefile)) / 1e6, 1)
    t["report"] = json.loads(read("index-" + key + ".json"))
    indexing[key] = t
incremental = {k: gnu_time(k) for k in ["incr-unchanged", "incr-1pct"]}
for k in incremental:
    incremental[k]["report"] = json.loads(read(k + ".json"))

def pct(values, p):
    values = sorted(values)
    return values[round((len(values) - 1) * p)]

queries = []
for line in read("queries.tsv").splitlines():
    name, margs, fq = (line.split("\t") + ["", ""])[:3]
    h = json.load(open(os.path.join(out, f"q-{name}.hyperfine.json")))["results"][0]
    times = [t * 1e3 for t in h["times"]]
    row = {"name": name, "morgue_args": margs, "fts5_query": fq or None,
           "process_median_ms": round(statistics.median(times), 2), "process_p95_ms": round(pct(times, 0.95), 2)}
    try:
        m = json.load(open(os.path.join(out, f"q-{name}.morgue.json")))
        row["morgue_hits"] = m.get("total_hits", m.get("count", m.get("articles")))
    except (OSError, ValueError):
        row["morgue_hits"] = None
    for key in ["raw", "fts5"]:
        path = os.path.join(out, f"q-{name}.{key}.json")
        if os.path.exists(path):
            r = json.load(open(path))
            row[key] = {"median_ms": r["median_ms"], "p95_ms": r["p95_ms"], "hits": r["total_hits"]}
    crit = {}
    for group in ["morgue", "raw"]:
        for variant in [name, name + "-no-snippets"]:
            est = os.path.join(out, "criterion", group, variant, "new", "estimates.json")
            if os.path.exists(est):
                e = json.load(open(est))
                crit[f"{group}/{variant}"] = round(e["median"]["point_estimate"] / 1e6, 4)
    row["criterion_median_ms"] = crit
    queries.append(row)

def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

def mem_gb():
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)

git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                     cwd=root).stdout.strip()
m, r, f = indexing["morgue"], indexing["raw"], indexing["fts5"]
full = m["wall_s"]
memory_budget_mb = 256
targets = {
    "throughput_vs_raw": {"value": round(m["mb_per_s"] / r["mb_per_s"], 3), "target": ">= 0.8"},
    "throughput_vs_fts5": {"value": round(m["mb_per_s"] / f["mb_per_s"], 3), "target": ">= 3"},
    "peak_rss_mb": {"value": m["peak_rss_mb"], "target": f"<= {memory_budget_mb + 200}"},
    "index_size_vs_raw": {"value": round(m["index_mb"] / r["index_mb"], 3), "target": "<= 1.5"},
    "process_median_max_ms": {"value": max(q["process_median_ms"] for q in queries), "target": "< 20"},
    "unchanged_rerun_vs_full": {"value": round(incremental["incr-unchanged"]["wall_s"] / full, 4), "target": "< 0.05"},
}
targets["throughput_vs_raw"]["met"] = targets["throughput_vs_raw"]["value"] >= 0.8
targets["throughput_vs_fts5"]["met"] = targets["throughput_vs_fts5"]["value"] >= 3
targets["peak_rss_mb"]["met"] = m["peak_rss_mb"] <= memory_budget_mb + 200
targets["index_size_vs_raw"]["met"] = targets["index_size_vs_raw"]["value"] <= 1.5
targets["process_median_max_ms"]["met"] = targets["process_median_max_ms"]["value"] < 20
targets["unchanged_rerun_vs_full"]["met"] = targets["unchanged_rerun_vs_full"]["value"] < 0.05

result = {
    "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    "smoke": smoke,
    "git": git,
    "machine": {"nproc": os.cpu_count(), "memory_gb": mem_gb(), "cpu": cpu_model(), "kernel": platform.release()},
    "corpus": {"files": corpus_files, "bytes": corpus_bytes},
    "runs": runs,
    "indexing": indexing,
    "incremental": incremental,
    "queries": queries,
    "targets": targets,
}
with open(os.path.join(out, "results.json"), "w") as fh:
    json.dump(result, fh, indent=2)

L = []
L.append(f"# morgue benchmark — {result['date']}{' (SMOKE RUN: not a measurement)' if smoke else ''}\n")
mc = result["machine"]
L.append(f"Machine: {mc['nproc']} cores, {mc['memory_gb']} GB, {mc['cpu']}, Linux {mc['kernel']}. Commit {git}.  ")
L.append(f"Corpus: {corpus_files:,} files, {mb:,.1f} MB. Query runs: {runs} per query.\n")
L.append("## Indexing (full build, warm page cache)\n")
L.append("| engine | wall s | CPU s | MB/s | peak RSS MB | index MB |")
L.append("|---|---:|---:|---:|---:|---:|")
for key, label in [("morgue", "morgue-index (all extraction)"), ("raw", "raw tantivy"), ("fts5", "SQLite FTS5")]:
    t = indexing[key]
    L.append(f"| {label} | {t['wall_s']:.2f} | {t['cpu_s']:.2f} | {t['mb_per_s']:.2f} | {t['peak_rss_mb']:.0f} | {t['index_mb']:.1f} |")
L.append("\n## Incremental re-runs of morgue-index\n")
L.append("| run | wall s | CPU s | peak RSS MB | vs full build |")
L.append("|---|---:|---:|---:|---:|")
L.append(f"| full build | {full:.2f} | {m['cpu_s']:.2f} | {m['peak_rss_mb']:.0f} | 100% |")
for k, label in [("incr-unchanged", "unchanged"), ("incr-1pct", "1% of files changed")]:
    t = incremental[k]
    rep = t["report"]
    L.append(f"| {label} (updated {rep.get('updated', 0)}, unchanged {rep.get('unchanged', 0)}) | {t['wall_s']:.2f} | {t['cpu_s']:.2f} | {t['peak_rss_mb']:.0f} | {100 * t['wall_s'] / full:.1f}% |")
L.append("\n## Queries\n")
L.append("Whole `morgue` process (open index, search, print top 10 with snippets), and in-process times: "
         "raw tantivy and FTS5 from their own `--repeat` loops, criterion medians for morgue/raw.\n")
L.append("| query | morgue hits | process median ms | process p95 ms | morgue in-proc ms (no snippets) | raw in-proc median / p95 ms (hits) | FTS5 bm25 median / p95 ms (hits) |")
L.append("|---|---:|---:|---:|---:|---:|---:|")
for q in queries:
    c = q["criterion_median_ms"]
    mo = c.get(f"morgue/{q['name']}")
    mn = c.get(f"morgue/{q['name']}-no-snippets")
    inproc = f"{mo} ({mn})" if mo is not None else "–"
    raw = q.get("raw"); fts = q.get("fts5")
    rawc = c.get(f"raw/{q['name']}")
    raws = f"{raw['median_ms']:.3f} / {raw['p95_ms']:.3f} ({raw['hits']})" if raw else "n/a"
    if raw and rawc is not None:
        raws += f", criterion {rawc}"
    ftss = f"{fts['median_ms']:.3f} / {fts['p95_ms']:.3f} ({fts['hits']})" if fts else "n/a"
    L.append(f"| {q['name']}: `morgue {q['morgue_args']}` | {q['morgue_hits']} | {q['process_median_ms']:.2f} | {q['process_p95_ms']:.2f} | {inproc} | {raws} | {ftss} |")
L.append("\n## Targets (issue 6)\n")
L.append("| target | value | goal | met |")
L.append("|---|---:|---|---|")
for k, t in targets.items():
    L.append(f"| {k} | {t['value']} | {t['target']} | {'yes' if t['met'] else '**no**'} |")
with open(os.path.join(out, "results.md"), "w") as fh:
    fh.write("\n".join(L) + "\n")
print("\n".join(L))
PY
