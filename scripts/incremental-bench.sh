#!/usr/bin/env bash
# Full build vs unchanged re-run vs 1%-changed re-run of morgue-index on one corpus, as
# ratios measured in one run (issue 4). Edits every 100th file in place (appends a line)
# and restores the originals at the end.
#
#   scripts/incremental-bench.sh CORPUS [INDEX_DIR]
#
# CORPUS: a folder of .txt articles, e.g.
#   cargo run --release --example gen_corpus -- --count 200000 --seed 7 --out /tmp/c200k
set -euo pipefail
corpus=${1:?usage: scripts/incremental-bench.sh CORPUS [INDEX_DIR]}
index=${2:-$(mktemp -d)/index}
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && cargo build --release --quiet --bin morgue-index)
bin="$root/target/release/morgue-index"

run() { # label, extra args -> prints "label seconds json"
    local label=$1; shift
    local start end
    start=$(date +%s.%N)
    "$bin" "$corpus" --index "$index" --json --quiet "$@" > "$index.$label.json"
    end=$(date +%s.%N)
    python3 - "$label" "$start" "$end" "$index.$label.json" <<'PY'
import json, sys
label, start, end, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
s = json.load(open(path))
print(f"{label}\t{end - start:.2f}\t{s['added']}\t{s['updated']}\t{s['unchanged']}\t{s['articles']}")
PY
}

mkdir -p "$(dirname "$index")"
find "$corpus" -name '*.txt' | sort > "$index.files"
echo -e "run\tseconds\tadded\tupdated\tunchanged\tarticles" > "$index.table"
run full --full >> "$index.table"
run unchanged >> "$index.table"
backup=$(mktemp -d)
awk 'NR % 100 == 0' "$index.files" | while read -r f; do
    mkdir -p "$backup/$(dirname "$f")"; cp -p "$f" "$backup/$f"; echo "Late edit." >> "$f"
done
run changed-1pct >> "$index.table"
(cd "$backup" && find . -type f -name '*.txt' | while read -r f; do cp -p "$f" "/${f#./}"; done)
rm -rf "$backup"
python3 - "$index.table" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
full = float(rows[0][1])
print("| run | wall s | added | updated | unchanged | articles | vs full build |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {100 * float(r[1]) / full:.1f}% |")
PY
