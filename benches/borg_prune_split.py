#!/usr/bin/python3
"""Time borg 1.2's own prune_split on the input of core/benches/retention.rs and check that
drplan's borg-1.2 mode keeps the same archives.

Run with Debian's interpreter (it has the `borg` package, 1.2.4):

    /usr/bin/python3 benches/borg_prune_split.py            # time + compare with drplan
    /usr/bin/python3 benches/borg_prune_split.py --no-drplan

Input (identical to core/benches/retention.rs): 1,000,000 snapshots, one every 300 s from
1420070400 = 2015-01-01T00:00:00Z; policy --keep-last 24 --keep-daily 7 --keep-weekly 5
--keep-monthly 12 --keep-yearly 5; prune host TZ=UTC (bench case "borg-1.2 UTC").

What is timed: the rule loop of borg's do_prune (borg/archiver.py 1.2.4), i.e. one
prune_split(archives, rule, n, kept_because) call per rule in PRUNING_PATTERNS order
(secondly = --keep-last, hourly, daily, weekly, monthly, yearly) with a shared kept_because
dict. Each prune_split sorts the archives itself and formats every visited archive's period
with to_localtime().strftime(), as borg does. Building the archive stand-ins (borg would read
them from the manifest) is not timed. Best of 3 wall-clock runs.

drplan side: `cargo run --release -p drplan --example retention_cli` on the same snapshots
(integer epoch seconds), mode borg-1.2, time_zone UTC; kept timestamps compared as multisets.
Set CARGO_TARGET_DIR as usual; DRPLAN_RETENTION_CLI=/path/to/binary skips cargo.
"""
import argparse
import json
import os
import subprocess
import sys
import time

os.environ["TZ"] = "UTC"  # borg buckets in the prune process's local zone (retention.md §5)
time.tzset()

from datetime import datetime, timezone  # noqa: E402

import borg  # noqa: E402
from borg.helpers.misc import PRUNING_PATTERNS, prune_split  # noqa: E402

START = 1_420_070_400  # 2015-01-01T00:00:00Z, as core/benches/retention.rs
STEP = 300
N = 1_000_000
NOW = 1_720_000_000  # the bench's `now` (unused by count rules)
POLICY = {"keep_last": 24, "keep_daily": 7, "keep_weekly": 5, "keep_monthly": 12, "keep_yearly": 5}
# borg: --keep-last is --keep-secondly (archiver.py: `secondly` ← keep_last or keep_secondly)
RULE_OF = {"keep_last": "secondly", "keep_daily": "daily", "keep_weekly": "weekly",
           "keep_monthly": "monthly", "keep_yearly": "yearly"}


class Archive:
    """Stand-in for borg's ArchiveInfo: prune_split reads only .ts and .id."""
    __slots__ = ("id", "ts")

    def __init__(self, i, ts):
        self.id = i
        self.ts = ts


def build(n):
    return [Archive(i, datetime.fromtimestamp(START + STEP * i, tz=timezone.utc)) for i in range(n)]


def borg_prune(archives):
    kept_because = {}
    keep = []
    nums = {RULE_OF[k]: v for k, v in POLICY.items()}
    for rule in PRUNING_PATTERNS.keys():  # borg's own order
        num = nums.get(rule)
        if num:
            keep += prune_split(archives, rule, num, kept_because)
    return keep


def drplan_kept(n):
    case = {"snapshots": [START + STEP * i for i in range(n)], "policy": POLICY,
            "mode": "borg-1.2", "now": NOW, "time_zone": "UTC"}
    exe = os.environ.get("DRPLAN_RETENTION_CLI")
    cmd = [exe] if exe else ["cargo", "run", "--quiet", "--release", "-p", "drplan",
                             "--example", "retention_cli"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(cmd, input=json.dumps(case).encode(), stdout=subprocess.PIPE, check=True,
                         cwd=root).stdout
    res = json.loads(out)
    if "error" in res:
        raise SystemExit("drplan error: %s" % res["error"])
    return sorted(k["time"] for k in res["kept"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-drplan", action="store_true", help="skip the comparison with drplan")
    ap.add_argument("-n", type=int, default=N)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    archives = build(a.n)
    best = None
    keep = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        keep = borg_prune(archives)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print("borg %s prune_split, %d archives, 5 rules: best of %d = %.1f ms, kept %d"
          % (borg.__version__, a.n, a.runs, best * 1e3, len(keep)))
    if a.no_drplan:
        return 0
    borg_times = sorted(datetime.fromtimestamp(START + STEP * k.id, tz=timezone.utc)
                        .strftime("%Y-%m-%dT%H:%M:%SZ") for k in keep)
    mine = drplan_kept(a.n)
    same = borg_times == mine
    print("drplan borg-1.2 kept %d; same kept set as borg: %s" % (len(mine), same))
    if not same:
        only_b = sorted(set(borg_times) - set(mine))[:10]
        only_d = sorted(set(mine) - set(borg_times))[:10]
        print("only borg: %s\nonly drplan: %s" % (only_b, only_d))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
