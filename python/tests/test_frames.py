"""drplan.frames: each frame against the dict result it was built from (live calls on golden inputs)."""
import json
from typing import Any, Dict, List, Tuple

import pytest

import pandas as pd

import drplan
from drplan import frames
from conftest import GOLDEN


def live(case: str) -> Tuple[List[Any], Dict[str, Any]]:
    doc = json.loads((GOLDEN / case / "input.json").read_text())
    return doc["args"], drplan.call(doc["function"], doc["args"])


def test_runs_frame_utc_local_and_dst_fold() -> None:
    _, r = live("schedule/new-york-fall-back-hourly")
    f = frames.runs_frame(r)
    assert len(f) == len(r["runs"]) == 5
    assert str(f["utc"].dtype) == "datetime64[ns, UTC]"
    assert str(f["local"].dt.tz) == "America/New_York"
    assert f["dst"].dtype == "category"
    # every run's instant and local wall clock (with its offset) equals the dict's strings
    for row, run in zip(f.itertuples(), r["runs"]):
        assert row.utc == pd.Timestamp(run["utc"])
        assert row.local.isoformat() == run["local"]
    # 01:00 happens twice on 2026-11-01: the run is at the first (EDT, -04:00), then 02:00 is EST
    fold = f[f["dst"] == "fold_first_occurrence"]
    assert len(fold) == 1 and fold["local"].iloc[0].isoformat() == "2026-11-01T01:00:00-04:00"
    assert f["local"].iloc[3].utcoffset() == pd.Timedelta(hours=-5)
    assert f["start_window_end_utc"].isna().all()


def test_runs_frame_windows() -> None:
    r = drplan.schedule_runs("cron(0 5 ? * * *)", "Europe/Berlin", "2026-03-27T00:00:00Z", None, 4,
                             {"start_window_minutes": 60, "completion_window_minutes": 180})
    f = frames.runs_frame(r)
    assert list(f["start_window_end_utc"]) == [pd.Timestamp(x["start_window_end_utc"]) for x in r["runs"]]
    assert list(f["completion_window_end_utc"]) == [pd.Timestamp(x["completion_window_end_utc"]) for x in r["runs"]]
    assert (f["start_window_end_utc"] - f["utc"]).eq(pd.Timedelta(hours=1)).all()
    # Berlin springs forward on 2026-03-29: 05:00 local moves from 04:00Z to 03:00Z
    assert [t.hour for t in f["utc"]] == [4, 4, 3, 3]
    assert (f["local"].dt.hour == 5).all()


def test_recovery_points_frame_counts_repeats_and_copies() -> None:
    _, sim = live("simulation/copies-two-regions")
    f = frames.recovery_points_frame(sim)
    assert len(f) == len(sim["recovery_points"])
    assert f["count"].sum() == sim["point_count"] == 150
    assert set(f["kind"].cat.categories) >= {"backup", "copy"}
    copies = f[f["kind"] == "copy"]
    assert sorted(copies["region"].unique()) == ["eu-central-1", "us-west-2"]
    assert (copies["source_region"] == "us-east-1").all()
    # the second record: 49 incrementals of 2 GiB, one a day, first created day 2 at 05:00 UTC
    row = f.iloc[1]
    rec = sim["recovery_points"][1]
    assert row["count"] == rec["repeat"]["count"] == 49
    assert row["every"] == pd.Timedelta(days=1)
    assert row["created_at"] == pd.Timestamp("2026-01-02T05:00:00Z")
    assert row["deleted_at"] - row["created_at"] == pd.Timedelta(seconds=rec["deleted_at_seconds"] - rec["created_at_seconds"])
    assert not row["full"] and row["size_gib"] == 2.0

    e = frames.recovery_points_frame(sim, expand=True)
    assert len(e) == 150 and (e["count"] == 1).all()
    # GiB stored is the same whichever way it is counted
    assert e["size_gib"].sum() == pytest.approx((f["size_gib"] * f["count"]).sum())
    last = e[(e["kind"] == "backup") & (e["region"] == "us-east-1")]["created_at"].max()
    assert last == pd.Timestamp("2026-02-19T05:00:00Z")  # 50 daily points from 2026-01-01

    with_bases = frames.recovery_points_frame(sim, chain_bases=True)
    assert (with_bases["kind"] == "chain_base").sum() == len(sim["chain_bases"]) == 3


def test_inventory_frame_total_and_by_vault() -> None:
    _, sim = live("simulation/copies-two-regions")
    inv = sim["inventory"]
    t = frames.inventory_frame(sim)
    assert t.index.name == "time" and str(t.index.dtype) == "datetime64[ns, UTC]"
    assert list(t["warm_count"]) == inv["total"]["warm_count"] == [0, 30, 54, 74, 84, 84]
    assert list(t["gib"]) == [w + c for w, c in zip(inv["total"]["warm_gib"], inv["total"]["cold_gib"])]
    assert t.index[1] - t.index[0] == pd.Timedelta(days=10)
    v = frames.inventory_frame(sim, by="vault")
    assert len(v) == len(inv["by_vault"]) * len(inv["sample_seconds"])
    wide = v.pivot_table(index="time", columns="vault", values="count", observed=True)
    assert wide.sum(axis=1).tolist() == t["count"].tolist()
    assert wide["dr-vault"].iloc[-1] == 35
    r = frames.inventory_frame(sim, by="region")
    assert r["region"].dtype == "category" and set(r["region"]) == {"us-east-1", "us-west-2", "eu-central-1"}
    with pytest.raises(ValueError, match="by must be"):
        frames.inventory_frame(sim, by="account")


def test_bill_frame_and_monthly_bill() -> None:
    _, bill = live("cost/cross-region-copy")
    f = frames.bill_frame(bill)
    assert len(f) == sum(len(m["lines"]) for m in bill["months"]) == 2
    assert f["kind"].dtype == "category"
    assert list(f["kind"].cat.categories[:2]) == ["storage_warm", "storage_cold"]
    transfer = f[f["kind"] == "transfer"].iloc[0]
    assert transfer["usd"] == pytest.approx(12.9) and transfer["source_region"] == "us-east-1"
    m = frames.monthly_bill(bill)
    assert list(m.columns) == ["storage_warm", "transfer", "total"]
    assert m.loc[1, "total"] == pytest.approx(bill["horizon_usd"]["total_usd"])
    assert m.loc[1, "storage_warm"] == pytest.approx(28.674657534246577)


def test_monthly_bill_over_a_simulation_by_region() -> None:
    _, sim = live("simulation/copies-two-regions")
    bill = drplan.backup_cost(sim["recovery_points"] + sim["chain_bases"], None, {"horizon_months": 3})
    m = frames.monthly_bill(bill)
    assert list(m.index) == [1, 2, 3]
    for month in bill["months"]:
        row = m.loc[month["month"]]
        for kind in ("storage_warm", "transfer"):
            assert row.get(kind, 0.0) == pytest.approx(month["usd"][f"{kind}_usd"])
        # the components add up to the month's total
        assert row.drop("total").sum() == pytest.approx(month["usd"]["total_usd"])
    by_region = frames.monthly_bill(bill, by="region")
    assert set(by_region.columns) == {"us-east-1", "us-west-2", "eu-central-1", "total"}
    assert by_region.drop(columns="total").sum(axis=1).tolist() == pytest.approx(m["total"].tolist())
    by_vault = frames.monthly_bill(bill, by="vault")
    assert "dr-vault" in by_vault.columns


def test_retention_frame_kept_removed_reasons() -> None:
    args, r = live("retention/e1-borg-sequential-rules")
    f = frames.retention_frame(r, args[0])
    assert len(f) == 5 and f["kept"].sum() == r["kept_count"] == 4
    assert list(f.index[~f["kept"]]) == r["removed"] == [0]
    assert f.loc[0, "time"] == pd.Timestamp("2024-05-01T12:00:00Z")
    assert list(f["rule"])[1:] == ["daily", "daily", "last", "last"]
    assert f.loc[4, "reasons"] == "secondly #1"
    without = frames.retention_frame(r)
    assert pd.isna(without.loc[0, "time"]) and without.loc[1, "time"] == f.loc[1, "time"]


def test_retention_frame_aws_lifecycle_storage() -> None:
    args, r = live("retention/e12-aws-lifecycle-cold-and-expiry")
    f = frames.retention_frame(r, args[0])
    assert pd.isna(f.loc[0, "storage"]) and list(f["storage"].iloc[1:]) == ["cold", "warm"]
    assert f.loc[1, "delete_at"] == pd.Timestamp("2024-06-29T05:00:00Z")
    assert f.loc[2, "move_to_cold_storage_at"] == pd.Timestamp("2024-06-09T05:00:00Z")
    # epoch seconds work as snapshots too
    epochs = [int(pd.Timestamp(s).timestamp()) for s in args[0]]
    r2 = drplan.apply_retention(epochs, args[1], args[2], args[3], args[4])
    f2 = frames.retention_frame(r2, epochs)
    assert list(f2["time"]) == list(f["time"]) and list(f2["kept"]) == list(f["kept"])


def test_footprint_frame() -> None:
    _, r = live("retention/footprint-aws-35d")
    f = frames.footprint_frame(r)
    assert len(f) == len(r["series"]) == 91
    assert f["held"].max() == r["max_held"] == 35
    assert f["held"].iloc[-1] == r["final_held"]
    assert f["elapsed"].iloc[2] == pd.Timedelta(days=2)


def test_migration_frames() -> None:
    _, r = live("migration/onprem-mysql-small-mysqldump")
    f = frames.migration_frame(r)
    assert len(f) == len(r["feasible"]) + len(r["excluded"])
    assert f["feasible"].sum() == 9
    assert f.index[f["recommended"]].tolist() == [r["recommended"]] == ["mysqldump"]
    assert f.loc["mysqldump", "rank"] == 1
    assert f.loc["mysqldump", "downtime"] == pd.Timedelta(seconds=r["feasible"][0]["downtime_seconds"])
    assert pd.isna(f.loc["offline_transfer", "rank"])
    assert f.loc["rds_snapshot_to_aurora", "excluded_because"] == "source_not_rds; target_not_aurora"

    ph = frames.migration_phases_frame(r)
    assert len(ph) == sum(len(p["timeline"]) for p in r["feasible"])
    first = ph[ph["path"] == "mysqldump"]
    assert list(first["phase"]) == ["copy", "cut_over"]
    assert first["end"].max() == pd.Timedelta(seconds=r["feasible"][0]["duration_seconds"])
    assert first["writes_stopped"].all()
    ongoing = ph[(ph["path"] == "mysqldump_binlog") & ~ph["writes_stopped"]]
    assert "copy" in set(ongoing["phase"])

    ex = frames.exclusions_frame(r)
    assert len(ex) == sum(len(p["reasons"]) for p in r["excluded"])
    assert ex["code"].dtype == "category"
    assert set(ex.loc[ex["path"] == "offline_transfer", "code"]) == {"offline_not_needed", "offline_not_enabled"}


def test_strategies_frame_assessment() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    f = frames.strategies_frame(r)
    assert len(f) == sum(len(s["estimates"]) for s in r["strategies"]) == 20
    assert f["disruption"].dtype == "category"
    region = f[f["disruption"] == "region"].set_index("strategy")
    assert region.loc["backup_restore", "rpo"] == pd.Timedelta(seconds=122400)
    assert not region.loc["multi_az_only", "covered"] and pd.isna(region.loc["multi_az_only", "rto"])
    assert region.loc["pilot_light", "rto_target"] == pd.Timedelta(hours=4)
    assert region.loc["pilot_light", "passes"] and not region.loc["backup_restore", "passes"]
    assert f.loc[f["compliant"], "strategy"].unique().tolist() == [
        s["strategy"] for s in r["strategies"] if s["compliant"]
    ]
    assert r["cheapest_compliant"] == "pilot_light"
    assert region.loc["pilot_light", "monthly_usd"] == pytest.approx(
        next(s for s in r["strategies"] if s["strategy"] == "pilot_light")["monthly_cost"]["total_usd"]
    )
    corruption = f[f["disruption"] == "corruption"]
    assert corruption["passes"].isna().all()  # the policy sets no corruption target


def test_strategies_frame_single_estimate() -> None:
    _, r = live("assessment/strategy-estimate-warm-standby")
    f = frames.strategies_frame(r)
    assert len(f) == 4 and (f["strategy"] == "warm_standby").all()
    assert "compliant" not in f.columns
    assert f.set_index("disruption").loc["region", "rto_seconds"] == pytest.approx(
        next(e for e in r["estimates"] if e["disruption"] == "region")["rto_seconds"]
    )


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_pandas(name: str, *a: Any, **k: Any) -> Any:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real(name, *a, **k)

    import importlib

    monkeypatch.setattr(importlib, "import_module", lambda n: no_pandas(n))
    _, r = live("schedule/new-york-fall-back-hourly")
    with pytest.raises(ImportError, match=r"drplan\[pandas\]"):
        frames.runs_frame(r)


def test_strategies_frame_binding_and_automation() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    f = frames.strategies_frame(r)
    for row in f.itertuples():
        s = next(x for x in r["strategies"] if x["strategy"] == row.strategy)
        e = next(x for x in s["estimates"] if x["disruption"] == row.disruption)
        for metric in ("rto", "rpo"):
            b = (e.get("binding") or {}).get(metric) or {}
            for col, key in ((f"{metric}_binding", "component"), (f"{metric}_lever", "lever")):
                got, want = getattr(row, col), b.get(key)
                assert (pd.isna(got) if want is None else got == want), (row.strategy, row.disruption, col)
        a = e.get("automation")
        if a is None:
            assert pd.isna(row.rto_manual) and pd.isna(row.rto_automated)
        else:
            assert row.rto_manual.total_seconds() == pytest.approx(a["rto_seconds_manual"], abs=1e-6)
            assert row.rto_automated.total_seconds() == pytest.approx(a["rto_seconds_automated"], abs=1e-6)
    region = f[f["disruption"] == "region"].set_index("strategy")
    # Region RPO of pilot light is set by the bucket's S3 replication (RTC, 15 min), not the database
    assert region.loc["pilot_light", "rpo_binding"] == "assets"
    assert "Replication Time Control" in region.loc["pilot_light", "rpo_lever"]
    assert region.loc["backup_restore", "rpo_binding"] == "orders"
    # automating escalation, declaration and validation takes pilot light's Region RTO from 52 to 7 min
    assert region.loc["pilot_light", "rto_manual"] == pd.Timedelta(minutes=52, seconds=30)
    assert region.loc["pilot_light", "rto_automated"] == pd.Timedelta(minutes=7, seconds=30)
    assert pd.isna(region.loc["multi_az_only", "rto_binding"])


def test_cost_lines_frame() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    f = frames.cost_lines_frame(r)
    assert len(f) == sum(len(s["monthly_cost"]["items"]) for s in r["strategies"])
    assert f["price_key"].dtype == "category" and f["strategy"].dtype == "category"
    for s in r["strategies"]:
        lines = f[f["strategy"] == s["strategy"]]
        assert lines["usd"].sum() == pytest.approx(s["monthly_cost"]["total_usd"])
        for row, it in zip(lines.itertuples(), s["monthly_cost"]["items"]):
            assert row.item == it["item"] and row.usd == it["usd"]
            assert (pd.isna(row.price_key) if it.get("price_key") is None else row.price_key == it["price_key"])
            if it.get("quantity") is not None:
                assert row.quantity == it["quantity"] and row.rate_usd == it["rate_usd"]
    pilot = f[f["strategy"] == "pilot_light"].set_index("item")
    volume = pilot.loc["Aurora Global Database secondary cluster volume"]
    assert (volume["quantity"], volume["rate_usd"], volume["price_key"]) == (200.0, 0.1, "aurora.storage_gb_month")
    assert volume["usd"] == pytest.approx(20.0)
    transfer = pilot.loc["Aurora backup copy transfer us-east-1 → us-west-2"]
    assert transfer["price_key"] == "transfer.inter_region_gb" and transfer["quantity"] == 150.0


def test_mechanisms_frame() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    f = frames.mechanisms_frame(r)
    assert len(f) == sum(len(m["mechanisms"]) for s in r["strategies"] for m in s["mechanisms"])
    got = set(f.loc[(f["strategy"] == "pilot_light") & (f["component"] == "orders"), "mechanism"])
    assert got == {"automated_backups", "read_replica", "aurora_global_database"}
    assert not f["from_input"].any()  # the workload names no mechanism: all from the presets
