#!/bin/bash
# usage: scripts/serve_classes_callgrind.sh BIN INDEX
# One line per request of the load_serve mix: instructions (callgrind) of its CLI twin, a whole
# `morgue` process (about 3.7 M of it is starting the process and opening the index).
BIN=$1; IDX=$2
Q=("oil" "election" "bank rates" "\"central bank\"" "minister AND talks" "government OR parliament" "trade -china" "title:market" "police protest" "company shares profit" "year:2019 economy" "prices" "storm damage" "court ruling" "football" "inflation" "export*" "strike workers union" "energy" "vote")
for i in $(seq 0 19); do q=${Q[$i]}
  case $((i%10)) in
  0|1|2|3|4|5) args=(search --json -n 20 -- "$q"); cls=search;;
  6) args=(search --json -n 20 --offset 20 --sort date -- "$q"); cls=date;;
  7) args=(search --json -n 20 --from 2018 --to 2020 -- "$q"); cls=range;;
  8) args=(count --json -- "$q"); cls=count;;
  *) args=(facets topic --json --top 8 -- "$q"); cls=facets;; esac
  out=/tmp/cgcli-$$-$i.out
  valgrind --tool=callgrind --callgrind-out-file=$out "$BIN" -i "$IDX" "${args[@]}" >/dev/null 2>&1
  ir=$(grep -m1 '^summary:' $out | awk '{print $2}'); [ -z "$ir" ] && ir=$(grep -m1 '^totals:' $out | awk '{print $2}')
  printf "%-6s %-28s %12s\n" "$cls" "$q" "$ir"; rm -f $out
done
