"""Time drplan.apply_retention through Python on the input of core/benches/retention.rs.

    make python && .venv/bin/python benches/python_retention.py

Input: 1,000,000 snapshots, one every 300 s from 1420070400 = 2015-01-01T00:00:00Z, as a list
of int epoch seconds (and, in a second row, as RFC 3339 strings); policy last 24 / daily 7 /
weekly 5 / monthly 12 / yearly 5; now = one second after the newest snapshot. Best of 3
wall-clock runs (time.perf_counter) of the whole call: reading the list, the engine, and
building the Python result (kept, and the removed input indices).
"""
import time
from datetime import datetime, timezone

import drplan

START = 1_420_070_400
N = 1_000_000
STEP = 300
POLICY = {"keep_last": 24, "keep_daily": 7, "keep_weekly": 5, "keep_monthly": 12, "keep_yearly": 5}


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    ints = [START + i * STEP for i in range(N)]
    now = datetime.fromtimestamp(ints[-1] + 1, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    texts = [datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for t in ints]
    rows = [
        ("restic-0.14", "epoch ints", ints, None),
        ("restic-0.16+", "epoch ints", ints, None),
        ("borg-1.2", "epoch ints", ints, "UTC"),
        ("borg-1.2", "RFC 3339 strings", texts, "UTC"),
    ]
    print("| mode | input | best of 3 | kept |")
    print("|---|---|---|---|")
    for mode, label, snaps, tz in rows:
        secs, out = best_of(3, lambda: drplan.apply_retention(snaps, POLICY, mode, now, tz))
        print(f"| {mode} | {label} | {secs * 1000:,.0f} ms | {out['kept_count']} |")


if __name__ == "__main__":
    main()
