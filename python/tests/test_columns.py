"""Columns (drplan.columns) against the dict results they stand for."""
import array
import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import pytest

import drplan
import drplan.columns as columns
from conftest import GOLDEN

NY = dict(
    expression="cron(30 1,2 * * ? *)",
    time_zone="America/New_York",
    from_="2026-01-01T00:00:00Z",
    until="2027-01-01T00:00:00Z",
    options={"start_window_minutes": 120, "completion_window_minutes": 600, "dst_gap": "run_at_transition"},
)


def _utc(s: int) -> str:
    return datetime.fromtimestamp(int(s), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(s: int, offset: int) -> str:
    t = datetime.fromtimestamp(int(s), timezone(timedelta(seconds=int(offset))))
    return t.isoformat()


def _rows(out: Dict[str, Any]) -> List[Dict[str, Any]]:
    c = out["columns"]
    codes = out["dst_codes"]
    rows = []
    for i in range(len(c["utc"])):
        rows.append(
            {
                "utc": _utc(c["utc"][i]),
                "local": _local(c["utc"][i], c["offset_seconds"][i]),
                "dst": None if c["dst"][i] < 0 else codes[c["dst"][i]],
                "start_window_end_utc": None if c["start_window_end_utc"] is None else _utc(c["start_window_end_utc"][i]),
                "completion_window_end_utc": None
                if c["completion_window_end_utc"] is None
                else _utc(c["completion_window_end_utc"][i]),
            }
        )
    return rows


@pytest.mark.parametrize("numpy", [False, True])
def test_schedule_columns_are_the_runs(numpy: bool) -> None:
    d = drplan.schedule_runs(NY["expression"], NY["time_zone"], NY["from_"], NY["until"], 100_000, NY["options"])
    c = columns.schedule_runs(NY["expression"], NY["time_zone"], NY["from_"], NY["until"], None, NY["options"], numpy=numpy)
    assert len(d["runs"]) > 700
    assert {r["dst"] for r in d["runs"]} == {None, "fold_first_occurrence", "moved_out_of_gap"}
    assert _rows(c) == d["runs"]
    for key in ("expression", "time_zone", "from", "until", "truncated", "skipped_in_dst_gap", "dst_policy", "windows", "warnings"):
        assert c[key] == d[key], key
    if numpy:
        assert str(c["columns"]["utc"].dtype) == "int64"
    else:
        assert isinstance(c["columns"]["utc"], array.array) and c["columns"]["utc"].typecode == "q"
        assert memoryview(c["columns"]["utc"]).format == "q"


def test_schedule_columns_without_windows_and_truncated() -> None:
    d = drplan.schedule_runs("cron(0 * * * ? *)", None, "2026-03-01T00:00:00Z", None, 50)
    c = columns.schedule_runs("cron(0 * * * ? *)", None, "2026-03-01T00:00:00Z", None, 50, numpy=False)
    assert c["columns"]["start_window_end_utc"] is None and c["columns"]["completion_window_end_utc"] is None
    assert _rows(c) == d["runs"]
    assert c["truncated"] is d["truncated"] is True
    assert c["limit"] == d["limit"] == 50


def test_no_100000_run_ceiling_for_columns() -> None:
    args = ("cron(0/5 * * * ? *)", "UTC", "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")
    with pytest.raises(drplan.DrplanError) as e:
        drplan.schedule_runs(*args, 200_000)
    assert e.value.issues[0]["code"] == "out_of_range"
    c = columns.schedule_runs(*args)
    utc = c["columns"]["utc"]
    assert len(utc) == 3652 * 288 and c["truncated"] is False
    assert utc[1] - utc[0] == 300 and _utc(utc[-1]) == "2035-12-31T23:55:00Z"


def test_columns_budget() -> None:
    with pytest.raises(drplan.DrplanError) as e:
        columns.schedule_runs("cron(* * * * ? *)", None, "2026-01-01T00:00:00Z", limit=10**9)
    assert e.value.code == "over_budget"
    assert [(i["code"], i["input"]) for i in e.value.issues] == [("over_budget", "limit")]


BAD: List[Dict[str, Any]] = [
    dict(expression="cron(0 25 * * ? *)", time_zone=None, from_="2026-01-01T00:00:00Z"),
    dict(expression="cron(0 1 * * ? *)", time_zone="Mars/Olympus", from_="2026-01-01T00:00:00Z"),
    dict(expression="cron(0 1 * * ? *)", time_zone=None, from_="yesterday"),
    dict(expression="cron(0 1 * * ? *)", time_zone=None, from_="2026-01-01T00:00:00Z", until="2025-01-01T00:00:00Z"),
    dict(expression=7, time_zone=3, from_=None, options={"start_window_minutes": 5}),
    dict(expression="cron(0 1 * * ? *)", time_zone=None, from_="2026-01-01T00:00:00Z", options={"nope": 1}),
    dict(expression="cron(0 0 30 2 ? *)", time_zone=None, from_="2026-01-01T00:00:00Z"),
    dict(expression="cron(0 1 * * ? *)", time_zone=None, from_="2026-01-01T00:00:00Z", options=[[[]]] * 1),
    dict(expression="cron(0 1 * * ? *)", time_zone=None, from_="2026-01-01T00:00:00Z", limit=1.5),
]


@pytest.mark.parametrize("args", BAD)
def test_columns_errors_are_schedule_runs_errors(args: Dict[str, Any]) -> None:
    with pytest.raises(drplan.DrplanError) as want:
        drplan.schedule_runs(**args)
    with pytest.raises(drplan.DrplanError) as got:
        columns.schedule_runs(**args)
    assert (got.value.code, str(got.value), got.value.issues) == (want.value.code, str(want.value), want.value.issues)


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


@pytest.mark.parametrize("numpy", [False, True])
def test_inventory_and_bill_columns_are_the_dicts(numpy: bool) -> None:
    sim, bill = _simulation_and_bill()
    inv = sim["inventory"]
    total = columns.inventory(sim, numpy=numpy)
    for key in ("warm_count", "cold_count", "warm_gib", "cold_gib", "sample_seconds"):
        got = inv["total"][key] if key != "sample_seconds" else inv["sample_seconds"]
        assert list(total[key]) == got, key
    start = datetime.fromisoformat(sim["start"].replace("Z", "+00:00"))
    assert [_utc(int(t)) for t in total["time"]][:3] == [
        (start + timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ") for s in inv["sample_seconds"][:3]
    ]
    by_vault = columns.inventory(sim, by="vault", numpy=numpy)["series"]
    assert [(s["vault"], list(s["warm_gib"])) for s in by_vault] == [(g["vault"], g["warm_gib"]) for g in inv["by_vault"]]
    assert any(v > 0 for v in total["warm_gib"])
    if bill is not None:
        months = columns.bill_months(bill, numpy=numpy)
        assert list(months["month"]) == [m["month"] for m in bill["months"]]
        assert list(months["total_usd"]) == [m["usd"]["total_usd"] for m in bill["months"]]
        assert list(months["transfer_usd"]) == [m["usd"]["transfer_usd"] for m in bill["months"]]


def test_runs_frame_from_columns_is_the_frame_from_dicts() -> None:
    pd = pytest.importorskip("pandas")
    import drplan.frames as frames

    d = drplan.schedule_runs(NY["expression"], NY["time_zone"], NY["from_"], NY["until"], 100_000, NY["options"])
    c = columns.schedule_runs(NY["expression"], NY["time_zone"], NY["from_"], NY["until"], None, NY["options"])
    a, b = frames.runs_frame(d), frames.runs_frame(c)
    pd.testing.assert_frame_equal(a, b)
    assert str(b["local"].dtype) == "datetime64[ns, America/New_York]"
    plain = columns.schedule_runs("cron(0 * * * ? *)", None, "2026-03-01T00:00:00Z", None, 48, numpy=False)
    pd.testing.assert_frame_equal(
        frames.runs_frame(plain), frames.runs_frame(drplan.schedule_runs("cron(0 * * * ? *)", None, "2026-03-01T00:00:00Z", None, 48))
    )


def test_typed_answers_keep_the_json_rules() -> None:
    """Answers are built from the typed results without a JSON value: lists stay lists, keys stay
    strings, whole-number floats stay floats, as the JSON text the other surfaces get."""
    out = drplan.schedule_runs("cron(0 1 * * ? *)", "UTC", "2026-01-01T00:00:00Z", None, 2)
    assert json.loads(json.dumps(out)) == out
    assert type(out["limit"]) is int and type(out["runs"]) is list
    for case in sorted(GOLDEN.glob("*/*/input.json"))[:400]:
        data = json.loads(case.read_text())
        try:
            got = drplan.call(data["function"], data["args"])
        except drplan.DrplanError:
            continue
        assert json.loads(json.dumps(got, allow_nan=False)) == got, case.parent.name


def _optional_float(v: Optional[float]) -> float:
    return float("nan") if v is None else v
