#!/bin/sh
# Ranking quality on the classic test collections (issue 17): builds the release binaries and
# runs ../shared/corpora/ir/ir_eval.py on CISI, Cranfield and MED in morgue's default mode and
# with --any, then once more with --feedback (RM3) through a wrapper that adds the flag to
# every `morgue search`. Usage: scripts/ir_eval.sh [BIN_DIR]  (default: build target/release)
set -eu
cd "$(dirname "$0")/.."
IR=../shared/corpora/ir
[ -d "$IR" ] || { echo "skipping: $IR is not here" >&2; exit 0; }
if [ $# -ge 1 ]; then BIN=$(cd "$1" && pwd); else cargo build --release --bins; BIN=$(pwd)/target/release; fi
WRAP=$(mktemp -d)
trap 'rm -rf "$WRAP"' EXIT
printf '#!/bin/sh\nif [ "$1" = search ]; then shift; exec "%s/morgue" search --feedback "$@"; fi\nexec "%s/morgue" "$@"\n' "$BIN" "$BIN" > "$WRAP/morgue"
chmod +x "$WRAP/morgue"
ln -s "$BIN/morgue-index" "$WRAP/morgue-index"
for c in cisi cran med; do
    python3 "$IR/ir_eval.py" "$IR/$c" --bin "$BIN" --mode both
    python3 "$IR/ir_eval.py" "$IR/$c" --bin "$WRAP" --mode any | sed -n 's/^morgue --any  /morgue --feedback/p'
done
