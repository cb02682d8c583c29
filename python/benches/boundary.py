"""What the Python boundary costs: three calls through Python against the typed Rust engine.

    make python && .venv/bin/python python/benches/boundary.py [--repeat 3]

Runs the typed side (``cargo run -p drplan --profile ci --example typed_engine``, the same profile
``make python`` builds the extension with) on the same inputs, then the Python side, best of
``--repeat`` wall-clock runs each (time.perf_counter), and prints one Markdown table:

* ``schedule_runs``: an hourly cron over 10 years in UTC (87,648 runs) as dicts, and
  ``drplan.columns.schedule_runs`` (epoch arrays); croniter (when installed) iterating the same runs.
* ``simulate_backup_plan`` + ``backup_cost``: 1,000 EBS volumes under a daily rule (35 days, a copy
  to a second Region) and a monthly rule (cold after 30 days, kept a year), 365 days; the bill over
  12 months from the simulation's records (``recovery_points + chain_bases``; in Rust
  ``Simulation::cost_records``).
* ``apply_retention``: 1,000,000 snapshots (epoch ints, one every 300 s), restic 0.14 policy
  last 24 / daily 7 / weekly 5 / monthly 12 / yearly 5.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Tuple

import drplan

ROOT = Path(__file__).resolve().parents[2]

CRON = {"expression": "cron(0 * * * ? *)", "time_zone": "UTC", "from": "2026-01-01T00:00:00Z",
        "until": "2036-01-01T00:00:00Z", "limit": 100_000}

COPY = [{"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-west",
         "lifecycle": {"delete_after_days": 35}}]
PLAN = {
    "name": "fleet", "region": "us-east-1", "account": "111122223333",
    "rules": [
        {"name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
         "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35}, "copy_actions": COPY},
        {"name": "monthly", "target_vault_name": "prod", "schedule_expression": "cron(0 5 1 * ? *)",
         "start_window_minutes": 60, "lifecycle": {"move_to_cold_after_days": 30, "delete_after_days": 365}},
    ],
}
RESOURCES = [{"id": f"vol-{i:05d}", "resource_type": "EBS", "region": "us-east-1", "size_gib": 50 + i % 200,
              "change_rate": 0.02} for i in range(1000)]
SIM_OPTIONS = {"start": "2026-01-01T00:00:00Z", "horizon_days": 365}
COST_OPTIONS = {"horizon_months": 12}

START, N, STEP = 1_420_070_400, 1_000_000, 300
POLICY = {"keep_last": 24, "keep_daily": 7, "keep_weekly": 5, "keep_monthly": 12, "keep_yearly": 5}


def best(repeat: int, fn: Callable[[], Any]) -> Tuple[float, Any]:
    out = fn()
    secs = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        secs = min(secs, time.perf_counter() - t0)
    return secs, out


def typed(repeat: int, snapshots: list, now: str) -> Dict[str, Any]:
    inputs = {
        "repeat": repeat,
        "cron": CRON,
        "simulation": {"plan": PLAN, "resources": RESOURCES, "options": SIM_OPTIONS, "cost_options": COST_OPTIONS},
        "retention": {"snapshots": snapshots, "policy": POLICY, "mode": "restic-0.14", "now": now},
    }
    run = subprocess.run(
        ["cargo", "run", "-q", "-p", "drplan", "--profile", "ci", "--example", "typed_engine"],
        input=json.dumps(inputs), capture_output=True, text=True, cwd=ROOT, check=True,
    )
    out: Dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return out


def croniter_runs(repeat: int) -> Tuple[float, int] | None:
    try:
        from croniter import croniter
    except ImportError:
        return None
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    until = datetime(2036, 1, 1, tzinfo=timezone.utc)

    def expand() -> int:
        it = croniter("0 * * * *", start, ret_type=datetime)
        n = 0
        # croniter's first run is strictly after `start`; drplan's includes it
        t = start
        while t < until:
            n += 1
            t = it.get_next(datetime)
        return n

    return best(repeat, expand)


def measure(repeat: int, snapshots: list, now: str) -> Dict[str, Any]:
    """The Python side: seconds per call (best of ``repeat``) and what each call found."""
    c = CRON
    out: Dict[str, Any] = {}
    out["schedule_runs_s"], runs = best(
        repeat, lambda: drplan.schedule_runs(c["expression"], c["time_zone"], c["from"], c["until"], c["limit"])
    )
    out["runs"] = len(runs["runs"])
    try:
        import drplan.columns as columns
    except ImportError:  # a build from before the columns
        columns = None
    if columns is not None:
        out["schedule_run_columns_s"], cols = best(
            repeat, lambda: columns.schedule_runs(c["expression"], c["time_zone"], c["from"], c["until"])
        )
        out["column_runs"] = len(cols["columns"]["utc"])

    def sim_and_cost() -> Any:
        sim = drplan.simulate_backup_plan(PLAN, RESOURCES, SIM_OPTIONS)
        return drplan.backup_cost(sim["recovery_points"] + sim["chain_bases"], None, COST_OPTIONS)

    out["simulate_and_cost_s"], bill = best(repeat, sim_and_cost)
    out["total_usd"] = bill["horizon_usd"]["total_usd"]
    out["apply_retention_s"], kept = best(repeat, lambda: drplan.apply_retention(snapshots, POLICY, "restic-0.14", now))
    out["kept"] = kept["kept_count"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", help="another Python whose drplan is the build to compare with (a 'before' column)")
    ap.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    repeat = args.repeat

    snapshots = [START + i * STEP for i in range(N)]
    now = datetime.fromtimestamp(snapshots[-1] + 1, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if args.measure_only:
        print(json.dumps(measure(repeat, snapshots, now)))
        return
    rust = typed(repeat, snapshots, now)
    before: Dict[str, Any] = {}
    if args.before:
        run = subprocess.run([args.before, __file__, "--measure-only", "--repeat", str(repeat)],
                             capture_output=True, text=True, check=True)
        before = json.loads(run.stdout.strip().splitlines()[-1])
    py = measure(repeat, snapshots, now)
    assert py["runs"] == rust["runs"] == py["column_runs"] == rust["column_runs"]
    assert abs(py["total_usd"] - rust["total_usd"]) <= 1e-6 * abs(rust["total_usd"])
    assert py["kept"] == rust["kept"]
    cron_it = croniter_runs(repeat)

    def ms(x: Any) -> str:
        return "—" if x is None else f"{x * 1000:,.1f} ms"

    def row(name: str, key: str, native: float, note: str = "") -> None:
        b = before.get(key)
        ratio_b = "—" if b is None else f"{b / native:.2f}×"
        print(f"| {name} | {ms(b)} | {ratio_b} | {ms(py[key])} | {py[key] / native:.2f}× | {ms(native)} | {note} |")

    print(f"typed engine: {json.dumps(rust)}")
    print(f"through Python: {json.dumps(py)}")
    if before:
        print(f"before: {json.dumps(before)}")
    print("| call | before | before ÷ typed | after | after ÷ typed | typed Rust | note |")
    print("|---|---|---|---|---|---|---|")
    note = ""
    if cron_it is not None:
        note = f"croniter {cron_it[0] * 1000:,.0f} ms ({cron_it[1]:,} runs): {cron_it[0] / py['schedule_runs_s']:.0f}× drplan dicts"
    row(f"`schedule_runs` hourly 10 y ({rust['runs']:,} runs, dicts)", "schedule_runs_s", rust["schedule_runs_s"], note)
    note = f"÷ typed columns ({ms(rust['schedule_run_columns_s'])}): {py['schedule_run_columns_s'] / rust['schedule_run_columns_s']:.2f}×"
    if cron_it is not None:
        note += f"; croniter ÷ this: {cron_it[0] / py['schedule_run_columns_s']:.0f}×"
    row("`columns.schedule_runs`, same runs (int64 arrays)", "schedule_run_columns_s", rust["schedule_runs_s"], note)
    row(f"`simulate_backup_plan` + `backup_cost`, 1,000 resources ({rust['cost_records']:,} records)",
        "simulate_and_cost_s", rust["simulate_and_cost_s"])
    row("`apply_retention` 1M snapshots (epoch ints)", "apply_retention_s", rust["apply_retention_s"])


if __name__ == "__main__":
    main()
