#!/bin/bash
# The serve mix of examples/load_serve.rs (its 20 requests, each REPEAT times) under callgrind:
# instructions of the server over a fixed request list, which a busy shared machine does not disturb.
# Needs valgrind, curl, python3. Read the total with `callgrind_annotate OUTFILE.1 | head -25`.
# usage: scripts/serve_mix_callgrind.sh BIN INDEX OUTFILE [REPEAT]
# Runs `BIN serve` under callgrind, warms each of the 20 load_serve requests once, zeroes the
# counters, sends the fixed mix (request(i) for i in 0..20*REPEAT, as load_serve builds it),
# dumps and stops the server.
BIN=$1; IDX=$2; OUT=$3; REP=${4:-8}
PORT=$((20000 + RANDOM % 20000))
valgrind --tool=callgrind --callgrind-out-file=$OUT "$BIN" --index "$IDX" serve --addr 127.0.0.1:$PORT >/dev/null 2>&1 &
VPID=$!
for k in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/stats" && break; sleep 1; done
Q=("oil" "election" "bank rates" "\"central bank\"" "minister AND talks" "government OR parliament" "trade -china" "title:market" "police protest" "company shares profit" "year:2019 economy" "prices" "storm damage" "court ruling" "football" "inflation" "export*" "strike workers union" "energy" "vote")
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
req() { local i=$1; local q=$(enc "${Q[$((i%20))]}"); case $((i%10)) in
  0|1|2|3|4|5) echo "/api/search?q=$q&n=20";;
  6) echo "/api/search?q=$q&n=20&offset=20&sort=date";;
  7) echo "/api/search?q=$q&n=20&from=2018&to=2020";;
  8) echo "/api/count?q=$q";;
  *) echo "/api/facets?field=topic&q=$q&top=8";; esac; }
URLS=(); for i in $(seq 0 $((20*REP-1))); do URLS+=("http://127.0.0.1:$PORT$(req $i)"); done
for i in $(seq 0 19); do curl -s -o /dev/null "${URLS[$i]}"; done
callgrind_control -z $VPID >/dev/null
for u in "${URLS[@]}"; do curl -s -o /dev/null "$u"; done
callgrind_control -d $VPID >/dev/null
sleep 1
kill $VPID; wait $VPID 2>/dev/null
