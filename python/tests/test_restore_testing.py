"""Restore testing documents, their simulation against a backup plan, and measured restores."""
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drplan

PLAN = """{"BackupPlan": {"BackupPlanName": "prod", "Rules": [
  {"RuleName": "daily", "TargetBackupVaultName": "prod-vault", "ScheduleExpression": "cron(0 5 ? * * *)",
   "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 35}}]}}"""

RESOURCES = [
    {"id": "db", "arn": "arn:aws:rds:us-east-1:111122223333:db:orders", "size_gib": 100, "tags": {"env": "prod"}},
    {"id": "table", "arn": "arn:aws:dynamodb:us-east-1:111122223333:table/t", "size_gib": 10},
]


def rt_document(expr: str = "cron(0 12 ? * * *)", days: int = 7, algorithm: str = "LATEST_WITHIN_WINDOW") -> dict[str, Any]:
    return {
        "RestoreTestingPlan": {
            "RestoreTestingPlanName": "tests",
            "ScheduleExpression": expr,
            "RecoveryPointSelection": {
                "Algorithm": algorithm,
                "IncludeVaults": ["*"],
                "RecoveryPointTypes": ["SNAPSHOT"],
                "SelectionWindowDays": days,
            },
        }
    }


def test_lint_points_into_the_document() -> None:
    doc = rt_document()
    doc["RestoreTestingPlan"]["StartWindowHours"] = 500
    report = drplan.lint_restore_testing_plan(doc)
    assert report["parsed"]["shape"] == "create_restore_testing_plan_input"
    [issue] = report["issues"]
    assert (issue["code"], issue["path"]) == ("start_window_hours_out_of_range", "/RestoreTestingPlan/StartWindowHours")


def test_export_round_trips() -> None:
    parsed = drplan.parse_restore_testing_plan(rt_document())
    plan = parsed["plans"][0]
    plan.pop("source")
    out = drplan.export_restore_testing_plan(plan, None, "cloudformation_yaml")
    back = drplan.parse_restore_testing_plan(out["documents"][0]["text"])
    again = back["plans"][0]
    again.pop("source")
    assert again == plan


def test_simulation_picks_and_prices() -> None:
    t = drplan.parse_restore_testing_plan(rt_document())["plans"][0]
    sel = {"name": "tables", "protected_resource_type": "DynamoDB", "protected_resource_arns": ["*"],
           "iam_role_arn": "arn:aws:iam::111122223333:role/r"}
    sim = drplan.simulate_restore_testing({"plan": t, "selections": [sel]}, PLAN, RESOURCES,
                                          {"start": "2026-01-01T00:00:00Z", "horizon_days": 10})
    assert sim["coverage"]["ever_tested"] == 1
    assert sim["coverage"]["never_tested"] == {"not_selected": 1}
    table = next(r for r in sim["resources"] if r["resource_id"] == "table")
    assert table["tests"] == 10
    line = next(l for l in sim["cost"]["lines"] if l["key"] == "backup.dynamodb.restore_warm_gb")
    assert line["quantity"] == 100 and line["usd"] == pytest.approx(15.0)
    test_line = next(l for l in sim["cost"]["lines"] if l["key"] == "backup.restore_testing.test")
    assert test_line["usd"] is None and test_line["unpriced"]


@settings(max_examples=15, deadline=None)
@given(narrow=st.integers(1, 10), extra=st.integers(0, 10), seed=st.integers(0, 2**32))
def test_random_picks_stay_in_the_window(narrow: int, extra: int, seed: int) -> None:
    sel = {"name": "all", "protected_resource_type": "RDS", "protected_resource_arns": ["*"],
           "iam_role_arn": "arn:aws:iam::111122223333:role/r"}
    for days in (narrow, narrow + extra):
        t = drplan.parse_restore_testing_plan(rt_document(days=days, algorithm="RANDOM_WITHIN_WINDOW"))["plans"][0]
        sim = drplan.simulate_restore_testing({"plan": t, "selections": [sel]}, PLAN, RESOURCES,
                                              {"start": "2026-01-01T00:00:00Z", "horizon_days": 20, "seed": seed})
        for run in sim["runs"]:
            for p in run["picks"]:
                assert 0 <= p["point_age_seconds"] <= days * 86400


def test_measured_restores_feed_the_rto() -> None:
    jobs = {"RestoreJobs": [
        {"ResourceType": "RDS", "Status": "COMPLETED", "CreationDate": "2026-01-01T00:00:00Z",
         "CompletionDate": "2026-01-01T01:00:00Z", "BackupSizeInBytes": 107374182400},
    ]}
    m = drplan.measure_restores(jobs)
    [rds] = m["by_type"]
    assert rds["duration_seconds"]["p50"] == 3600
    workload = {"name": "w", "components": [
        {"kind": "relational_database", "name": "orders", "engine": "rds_postgresql", "size_gib": 100,
         "instance_hourly_usd": 0.3}], "measured_restores": m}
    est = drplan.estimate_recovery(workload, "backup_restore")

    def walk(v: object) -> list[dict[str, Any]]:
        if isinstance(v, dict):
            found = [v] if v.get("name") == "restore_data" and "basis" in v else []
            return found + [t for x in v.values() for t in walk(x)]
        if isinstance(v, list):
            return [t for x in v for t in walk(x)]
        return []

    terms = walk(est)
    assert terms, "a restore term"
    for t in terms:
        assert t["basis"] == "measured"
        assert t["seconds"] == pytest.approx(3600)
