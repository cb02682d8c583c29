"""compare_drill and recovery_runbook from Python: the answers, and errors with code and path."""
import pytest

import drplan

WORKLOAD = {
    "name": "shop",
    "components": [
        {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql", "size_gib": 200, "instance_hourly_usd": 0.29},
        {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832},
        {"kind": "routing", "ttl_seconds": 60},
    ],
}

DRILL = {
    "disruption": "region",
    "phases": {
        "detected": "2026-11-20T09:02:30Z",
        "escalated": "2026-11-20T09:20:00Z",
        "declared": "2026-11-20T09:41:00Z",
        "validated": "2026-11-20T10:05:00Z",
    },
}


def test_compare_drill_adopts_the_people_times() -> None:
    c = drplan.compare_drill(WORKLOAD, "pilot_light", "region", DRILL)
    assert [(i["from_phase"], i["to_phase"]) for i in c["intervals"]] == [
        ("detected", "escalated"),
        ("escalated", "declared"),
        ("declared", "validated"),
    ]
    adopt = {a["path"]: a["value"] for a in c["adopt"]}
    assert adopt["/operations/notify_escalate_seconds"] == 1050
    assert adopt["/operations/declare_seconds"] == 1260
    assert [t["name"] for t in c["not_measured"]] == ["detect"]
    # Estimating again with the adoptions gives the adopted RTO.
    w = {**WORKLOAD, "operations": {"notify_escalate_seconds": 1050, "declare_seconds": 1260}}
    again = drplan.compare_drill(w, "pilot_light", "region", DRILL)
    assert again["intervals"][0]["difference_seconds"] == 0
    assert again["intervals"][1]["difference_seconds"] == 0


def test_compare_drill_refuses_phases_out_of_order() -> None:
    bad = {"disruption": "region", "phases": {**DRILL["phases"], "declared": "2026-11-20T09:10:00Z"}}
    with pytest.raises(drplan.DrplanError) as e:
        drplan.compare_drill(WORKLOAD, "pilot_light", "region", bad)
    assert e.value.code == "invalid_input"
    assert [(i["code"], i["input"], i["path"]) for i in e.value.issues] == [("phase_out_of_order", "drill", "/phases/declared")]


def test_recovery_runbook_markdown() -> None:
    rb = drplan.recovery_runbook(WORKLOAD, "pilot_light", "region")
    assert rb["markdown"].startswith("# Runbook: Region loss — Pilot light\n")
    assert [s["name"] for s in rb["steps"]] == [
        "detect", "notify_escalate", "declare", "promote_replica", "start_compute", "traffic_shift", "validate",
    ]
    with pytest.raises(drplan.DrplanError) as e:
        drplan.recovery_runbook(WORKLOAD, "multi_az_only", "region")
    assert e.value.issues[0]["code"] == "not_covered"
