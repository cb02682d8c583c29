"""drplan.estate: a partition's rows equal the core's, and a Dask run on a local cluster of two
worker processes equals the single-process run row for row."""
import json
import math
import random
from typing import Any, Dict, List

import pytest

import pandas as pd

import drplan
from drplan import estate
from conftest import GOLDEN

PLANS: List[Dict[str, Any]] = json.loads((GOLDEN / "estate" / "small-org" / "input.json").read_text())["args"][0]["plans"]
OPT_IN = [{"region": "eu-west-1", "resource_type": "EFS", "opted_in": False}]


def resources(n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        acct = rng.choice(["111111111111", "333333333333"])
        region = rng.choice(["us-east-1", "eu-west-1", "ap-south-1"])
        kind = rng.choice(["vol", "fs", "db"])
        arn = {
            "vol": f"arn:aws:ec2:{region}:{acct}:volume/vol-{i}",
            "fs": f"arn:aws:elasticfilesystem:{region}:{acct}:file-system/fs-{i}",
            "db": f"arn:aws:rds:{region}:{acct}:db:db-{i}",
        }[kind]
        rows.append(
            {
                "arn": arn,
                "size_gib": float(rng.choice([10, 100, 500])) if rng.random() < 0.9 else None,
                "change_rate": rng.choice([0.01, 0.02]),
                "tag:backup": rng.choice(["daily", None]),
                "tag:team": rng.choice(["a", "b", "c"]),
                "automated_backup_retention_days": 7 if kind == "db" else None,
            }
        )
    return pd.DataFrame(rows)


def test_partition_rows_equal_the_core() -> None:
    df = resources(60)
    out = estate.evaluate_partition(df, PLANS, opt_in=OPT_IN)
    assert list(out.columns) == list(estate.COLUMNS)
    assert len(out) == len(df)
    core = drplan.evaluate_estate(
        {"plans": PLANS, "resources": estate.resources_from_frame(df), "opt_in": OPT_IN}, None, {"tag_keys": ["team"]}
    )
    for row, x in zip(out.itertuples(), core["resources"]):
        assert row.arn == x["arn"]
        assert row.protected == x["protected"]
        assert row.plans == ",".join(p["plan_id"] for p in x["plans"])
        m = x["monthly_usd"]
        assert (math.isnan(row.monthly_usd) and m is None) or row.monthly_usd == m
        az = x["rpo"][0]["worst_seconds"]
        assert (math.isnan(row.rpo_az_seconds) and az is None) or row.rpo_az_seconds == az
    # A roll-up is a groupby on the rows: the core's totals and per-tag figures.
    t = core["totals"]
    assert int(out["protected"].sum()) == t["protected"]
    assert out["monthly_usd"].sum() == pytest.approx(t["monthly_usd"], rel=1e-12)
    by_team = out.assign(team=df["tag:team"]).groupby("team")["monthly_usd"].sum()
    for v in core["by_tag"][0]["values"]:
        assert by_team[v["key"]] == pytest.approx(v["monthly_usd"], rel=1e-12, abs=1e-12)
    # Missing sizes are named, never silent.
    assert set(out.loc[df["size_gib"].isna(), "size_basis"]) == {"planning_default"}


def test_dask_on_a_local_cluster_equals_single_process() -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    df = resources(400, seed=11)
    single = estate.evaluate_partition(df, PLANS, opt_in=OPT_IN)
    ddf = dd.from_pandas(df, npartitions=4)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            got = estate.evaluate_dask(ddf, PLANS, opt_in=OPT_IN).compute()
    pd.testing.assert_frame_equal(got, single)
    assert single["protected"].any() and not single["protected"].all()
