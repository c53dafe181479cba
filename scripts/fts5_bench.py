#!/usr/bin/env python3
"""SQLite FTS5 baseline for morgue's benchmarks (Python's sqlite3 module, no other deps).

    fts5_bench.py index CORPUS DB            # one transaction, title + body, porter stemming
    fts5_bench.py query DB QUERY [--repeat N]  # bm25()-ranked top 10 + total count

Files are read in sorted order; the first non-empty line is the title and the rest the body,
like the raw tantivy baseline. Each mode prints one JSON object with timings on stdout.
Queries use FTS5 syntax (AND/OR/"phrase"); the bench script passes the same queries it gives
morgue, rewritten where the two syntaxes differ.
"""

import json
import os
import resource
import sqlite3
import sys
import time


def files_under(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".txt"):
                out.append(os.path.join(dirpath, name))
    return out


def index(corpus, db_path):
    started = time.perf_counter()
    if os.path.exists(db_path):
        os.remove(db_path)
    files = files_under(corpus)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(path UNINDEXED, title, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    total = 0

    def rows():
        nonlocal total
        for path in files:
            with open(path, "rb") as fh:
                raw = fh.read()
            total += len(raw)
            text = raw.decode("utf-8", errors="replace").lstrip()
            title, _, body = text.partition("\n")
            yield (path, title.strip(), body)

    with con:  # one transaction
        con.executemany("INSERT INTO articles(path, title, body) VALUES (?, ?, ?)", rows())
    con.close()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "files": len(files),
                "bytes": total,
                "seconds": round(seconds, 3),
                "mb_per_s": round(total / 1e6 / seconds, 2),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
                "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                "index_bytes": os.path.getsize(db_path),
            }
        )
    )


def query(db_path, text, repeat):
    started = time.perf_counter()
    con = sqlite3.connect(db_path)
    open_ms = (time.perf_counter() - started) * 1e3
    times = []
    total = 0
    top = None
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        # Title weighted 2.5 over body, as in morgue's schema.
        rows = con.execute(
            "SELECT path, title, bm25(articles, 0.0, 2.5, 1.0) AS score FROM articles "
            "WHERE articles MATCH ? ORDER BY score LIMIT 10",
            (text,),
        ).fetchall()
        total = con.execute("SELECT count(*) FROM articles WHERE articles MATCH ?", (text,)).fetchone()[0]
        times.append((time.perf_counter() - t) * 1e3)
        top = rows[0][1] if rows else None
    times.sort()

    def pct(p):
        return times[round((len(times) - 1) * p)]

    print(
        json.dumps(
            {
                "query": text,
                "total_hits": total,
                "open_ms": round(open_ms, 3),
                "runs": len(times),
                "median_ms": round(pct(0.5), 4),
                "p95_ms": round(pct(0.95), 4),
                "min_ms": round(times[0], 4),
                "top_title": top,
            }
        )
    )


def main(argv):
    if len(argv) == 4 and argv[1] == "index":
        index(argv[2], argv[3])
    elif len(argv) >= 4 and argv[1] == "query":
        repeat = 1
        if len(argv) == 6 and argv[4] == "--repeat":
            repeat = int(argv[5])
        query(argv[2], argv[3], repeat)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
