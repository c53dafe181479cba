#!/usr/bin/env python3
"""Example audit script: run `morgue audit --json` on an index, group the findings by check,
list near-duplicate groups, and exit with morgue's status (0 clean, 1 findings, 2 error).

    morgue-index --index /tmp/idx sample-corpus
    scripts/audit_example.py /tmp/idx
"""
import json
import subprocess
import sys
from collections import Counter


def main() -> int:
    index = sys.argv[1] if len(sys.argv) > 1 else ".morgue"
    morgue = "morgue"
    proc = subprocess.run([morgue, "--index", index, "audit", "--json"], capture_output=True, text=True)
    if proc.returncode == 2:
        print(proc.stderr.strip(), file=sys.stderr)
        return 2
    findings, summary = [], None
    for line in proc.stdout.splitlines():
        message = json.loads(line)
        if message["type"] == "finding":
            findings.append(message["data"])
        elif message["type"] == "summary":
            summary = message["data"]
    assert summary is not None and summary["findings"] == len(findings)
    for check, n in sorted(Counter(f["check"] for f in findings).items()):
        print(f"{check:18} {n}")
    for f in findings:
        if f["check"] == "near-duplicates":
            group = f["group"]
            print(f"original {group['original']['path']}")
            for copy in group["copies"]:
                print(f"  {copy['similarity']:.2f} {copy['path']}")
    print("clean" if summary["clean"] else f"{summary['findings']} findings")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
