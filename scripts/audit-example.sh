#!/usr/bin/env bash
# Example audit script: index sample-corpus, run every audit check, and branch on the
# exit status (0 clean, 1 findings, 2 error). Needs jq. Run from the repository root:
#   scripts/audit-example.sh [ROOT] [INDEX]
set -euo pipefail
root=${1:-sample-corpus}
index=${2:-$(mktemp -d)/index}
morgue_index=${MORGUE_INDEX_BIN:-morgue-index}
morgue=${MORGUE_BIN:-morgue}

"$morgue_index" --quiet --index "$index" "$root"

status=0
"$morgue" --index "$index" audit --json > "$index.audit.jsonl" || status=$?
if [ "$status" -eq 2 ]; then
  echo "audit failed to run" >&2
  exit 2
fi

# Findings per check, from the closing summary message.
jq -r 'select(.type == "summary") | .data.by_check | to_entries[] | "\(.key)\t\(.value)"' "$index.audit.jsonl"

# Near-duplicate groups: the original, then each copy with its similarity.
jq -r 'select(.type == "finding" and .data.check == "near-duplicates") | .data.group
       | "original: \(.original.path)", (.copies[] | "  copy (\(.similarity)): \(.path)")' "$index.audit.jsonl"

if [ "$status" -eq 0 ]; then echo "archive is clean"; else echo "archive has findings"; fi
exit "$status"
