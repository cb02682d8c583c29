"""polars frames (drplan.polars_frames) against the dict results they reshape."""
import json
from datetime import datetime, timezone
from typing import Any

import pytest

import drplan
import drplan.columns as columns
from conftest import GOLDEN

pl = pytest.importorskip("polars")
import drplan.polars_frames as pf  # noqa: E402

NY = ("cron(30 1,2 * * ? *)", "America/New_York", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
WINDOWS = {"start_window_minutes": 120, "completion_window_minutes": 600, "dst_gap": "run_at_transition"}


def _z(t: Any) -> Any:
    return None if t is None else t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("source", ["dicts", "columns"])
def test_runs_frame_is_the_dict_result(source: str) -> None:
    d = drplan.schedule_runs(*NY, 100_000, WINDOWS)
    result = d if source == "dicts" else columns.schedule_runs(*NY, None, WINDOWS)
    f = pf.runs_frame(result)
    assert f.height == len(d["runs"])
    assert f.schema["utc"] == pl.Datetime("us", "UTC")
    assert f.schema["local"] == pl.Datetime("us", "America/New_York")
    assert f.schema["dst"] == pl.Categorical
    rows = f.to_dicts()
    for row, run in zip(rows, d["runs"]):
        assert _z(row["utc"]) == run["utc"]
        assert row["local"].isoformat() == run["local"]
        assert row["dst"] == run["dst"]
        assert _z(row["start_window_end_utc"]) == run["start_window_end_utc"]
        assert _z(row["completion_window_end_utc"]) == run["completion_window_end_utc"]
    plain = pf.runs_frame(columns.schedule_runs("cron(0 * * * ? *)", None, "2026-03-01T00:00:00Z", None, 5))
    assert plain["start_window_end_utc"].null_count() == 5 and plain["dst"].null_count() == 5


PLAN = {
    "name": "daily", "region": "us-east-1", "account": "111122223333",
    "rules": [
        {"name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
         "start_window_minutes": 60, "lifecycle": {"delete_after_days": 35},
         "copy_actions": [{"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr-west",
                           "lifecycle": {"delete_after_days": 35}}]},
        {"name": "monthly", "target_vault_name": "prod", "schedule_expression": "cron(0 5 1 * ? *)",
         "start_window_minutes": 60, "lifecycle": {"move_to_cold_after_days": 30, "delete_after_days": 365}},
    ],
}
VOLUMES = [{"id": f"vol-{i}", "resource_type": "EBS", "region": "us-east-1", "size_gib": 100 * (i + 1), "change_rate": 0.02}
           for i in range(3)]


def _simulation_and_bill() -> Any:
    sim = drplan.simulate_backup_plan(PLAN, VOLUMES, {"start": "2026-01-01T00:00:00Z", "horizon_days": 400})
    assert len(sim["inventory"]["by_vault"]) == 2
    bill = drplan.backup_cost(sim["recovery_points"] + sim["chain_bases"], None, {"horizon_months": 12})
    return sim, bill


def _simulation() -> Any:
    return _simulation_and_bill()[0]


def test_inventory_frames_are_the_dict_result() -> None:
    sim = _simulation()
    inv = sim["inventory"]
    total = pf.inventory_frame(sim)
    assert total["warm_count"].to_list() == inv["total"]["warm_count"]
    assert total["cold_gib"].to_list() == inv["total"]["cold_gib"]
    assert total["gib"].to_list() == [w + c for w, c in zip(inv["total"]["warm_gib"], inv["total"]["cold_gib"])]
    start = datetime.fromisoformat(sim["start"].replace("Z", "+00:00"))
    assert [(t - start).total_seconds() for t in total["time"].to_list()] == [round(s) for s in inv["sample_seconds"]]
    by_vault = pf.inventory_frame(sim, by="vault")
    n = len(inv["sample_seconds"])
    assert by_vault.height == n * len(inv["by_vault"])
    for i, g in enumerate(inv["by_vault"]):
        part = by_vault.slice(i * n, n)
        assert part["vault"].to_list() == [g["vault"]] * n
        assert part["warm_gib"].to_list() == g["warm_gib"]
    assert by_vault.schema["vault"] == pl.Categorical


def test_bill_frames_are_the_dict_result() -> None:
    sim = _simulation()
    bill = _simulation_and_bill()[1]
    lines = pf.bill_frame(bill)
    want = [line for m in bill["months"] for line in m["lines"]]
    assert lines.height == len(want) > 0
    assert lines["usd"].to_list() == [line["usd"] for line in want]
    assert lines["kind"].cast(pl.String).to_list() == [line["kind"] for line in want]
    assert lines["month"].to_list() == [m["month"] for m in bill["months"] for _ in m["lines"]]
    months = pf.monthly_bill(bill)
    assert months["month"].to_list() == [m["month"] for m in bill["months"]]
    assert months["total_usd"].to_list() == [m["usd"]["total_usd"] for m in bill["months"]]
    assert sum(months["total_usd"].to_list()) == pytest.approx(bill["horizon_usd"]["total_usd"])
