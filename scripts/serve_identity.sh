#!/bin/bash
# Search/count/facets JSON for 374 query variants into OUTDIR, to compare two builds with `diff -r`
# (outputs must stay byte-identical when only the cost of a query changes).
# usage: scripts/serve_identity.sh BIN INDEX OUTDIR : writes one JSON file per command (search, facets, count variants)
BIN=$1; IDX=$2; OUT=$3; mkdir -p $OUT; n=0
run() { n=$((n+1)); "$BIN" -i "$IDX" "$@" > $OUT/$n.json 2>&1; echo "$? $*" >> $OUT/index.txt; }
Q=("oil" "election" "bank rates" "\"central bank\"" "minister AND talks" "government OR parliament" "trade -china" "prices" "court ruling" "export*" "strike workers union" "energy" "vote" "year:2019 economy" "iran" "brexit tariffs" "covid" "*" "mueller report" "vote OR election" "minister" "trade")
for q in "${Q[@]}"; do
  run search --json -n 20 -- "$q"
  run search --json -n 20 --offset 20 --sort date -- "$q"
  run search --json -n 100 --offset 500 --sort date -- "$q"
  run search --json -n 20 --sort date-asc -- "$q"
  run search --json -n 20 --from 2018 --to 2020 -- "$q"
  run search --json -n 20 --offset 20 --sort date --from 2019-03 -- "$q"
  run count --json -- "$q"
  for f in topic dateline source author section layout year person; do run facets $f --json --top 8 -- "$q"; done
  run facets topic --json --top 0 --from 2018 --to 2019 -- "$q"
  run facets dateline --json --top 50 --from 2020 -- "$q"
done
