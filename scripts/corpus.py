#!/usr/bin/env python3
"""Lint a corpus of real backup-plan documents through the drplan CLI and compare each file's
outcome with an expectations file (what a careful reviewer finds: outcome, error and warning codes).

    scripts/corpus.py --drplan target/debug/drplan --corpus DIR --expect tests/corpus/backup-plans.json

Each file gets a status:
  ok        drplan answers what the expectations say;
  known     drplan answers what the expectations record under "today" (a documented difference:
            drplan is not right about this file yet);
  MISMATCH  anything else, or a file with no expectation, or an expected file that is missing.
A code "pending:<name>" in the expectations stands for a finding whose code is not settled: it is
matched by any one code of that severity beyond the settled ones.
Exit status 1 when any file is a MISMATCH.
"""

import argparse
import json
import os
import subprocess
import sys


def matches(actual, expected):
    settled = {c for c in expected if not c.startswith("pending:")}
    pending = len(expected) - len(settled)
    return settled <= actual and len(actual - settled) == pending


def fmt(codes):
    return ",".join(sorted(codes)) or "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drplan", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--expect", required=True)
    a = ap.parse_args()
    with open(a.expect, encoding="utf-8") as f:
        expect = json.load(f)["files"]
    run = subprocess.run(
        [a.drplan, "lint", "--format", "json", a.corpus],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode not in (0, 1, 2) or not run.stdout:
        print(f"corpus: drplan lint exited {run.returncode}: {run.stderr}", file=sys.stderr)
        return 1
    report = json.loads(run.stdout)
    seen = set()
    rows = []
    for f in report["files"]:
        name = os.path.basename(f["file"])
        if name == "INDEX.md":
            continue
        seen.add(name)
        actual = {
            "outcome": f["outcome"],
            "errors": {i["code"] for i in f["issues"] if i["severity"] == "error"},
            "warnings": {i["code"] for i in f["issues"] if i["severity"] == "warning"},
        }
        e = expect.get(name)
        if e is None:
            rows.append(("MISMATCH", name, actual, "no expectation for this file"))
            continue

        def same(want):
            return (
                actual["outcome"] == e["outcome"]
                and matches(actual["errors"], want["errors"])
                and matches(actual["warnings"], want["warnings"])
            )

        if same(e):
            rows.append(("ok", name, actual, ""))
        elif "today" in e and same(e["today"]):
            rows.append(("known", name, actual, f"expected E:{fmt(e['errors'])} W:{fmt(e['warnings'])}"))
        else:
            want = f"expected {e['outcome']} E:{fmt(e['errors'])} W:{fmt(e['warnings'])}"
            rows.append(("MISMATCH", name, actual, want))
    for name in sorted(set(expect) - seen):
        rows.append(("MISMATCH", name, {"outcome": "missing", "errors": set(), "warnings": set()}, "expected file not in the corpus"))
    for status, name, actual, why in rows:
        line = f"{status:8} {name[:90]:90} {actual['outcome']:14} E:{fmt(actual['errors'])} W:{fmt(actual['warnings'])}"
        print(line + (f"  ({why})" if why else ""))
    bad = sum(r[0] == "MISMATCH" for r in rows)
    known = sum(r[0] == "known" for r in rows)
    read = sum(r[2]["outcome"] == "read" for r in rows)
    none = sum(r[2]["outcome"] == "no_backup_plan" for r in rows)
    print(f"corpus: {read} read, {none} with no backup plan, {known} known differences")
    print(f"corpus: {len(rows) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
