"""drplan.read_estate on a folder of AWS CLI exports, and its resources as a DataFrame."""
import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import drplan
from conftest import ROOT

EXPORTS = ROOT / "cli" / "tests" / "fixtures" / "estate"


def documents(**extra: Dict[str, Any]) -> List[Dict[str, Any]]:
    docs: List[Dict[str, Any]] = []
    for i, p in enumerate(sorted(EXPORTS.glob("*.json"))):
        text = p.read_text()
        # text and decoded values read alike
        doc: Dict[str, Any] = {"name": p.name, "content": text if i % 2 else json.loads(text)}
        doc.update(extra.get(p.stem, {}))
        docs.append(doc)
    return docs


def test_read_estate_merges_the_folder() -> None:
    r = drplan.read_estate(documents(**{"region-settings": {"region": "eu-west-1"}}), {"account": "111122223333"})
    assert len(r["documents"]) == 18
    assert all(d["shape"] for d in r["documents"])
    e = r["estate"]
    by_arn = {x["arn"]: x for x in e["resources"]}
    assert len(by_arn) == len(e["resources"]) == 9
    vol = by_arn["arn:aws:ec2:eu-west-1:111122223333:volume/vol-0aaa1111bbbb2222c"]
    assert vol["size_gib"] == 100.0  # the volume's Size wins over its recovery point's 60 GiB
    assert vol["tags"] == {"backup": "daily", "team": "payments"}
    assert by_arn["arn:aws:dynamodb:eu-west-1:111122223333:table/sessions"]["native"]["point_in_time_recovery"] is True
    assert {p["id"] for p in e["plans"]} == {"0b1c2d3e-1111-4222-8333-444455556666", "p-backup1234/org-daily"}
    assert len(e["opt_in"]) == 7 and all(o["region"] == "eu-west-1" for o in e["opt_in"])
    assert [i["code"] for i in r["issues"]] == ["policy_content"]


def test_read_estate_reports_unknown_shapes_and_budget() -> None:
    r = drplan.read_estate([{"name": "jobs.json", "content": {"BackupJobs": []}}])
    assert [(i["code"], i["path"], i["input"]) for i in r["issues"]] == [("unknown_shape", "/0/content", "documents")]
    with pytest.raises(drplan.DrplanError) as e:
        drplan.read_estate([{"name": "x", "content": {}}] * 10_001)
    assert e.value.code == "over_budget"


def test_estate_resources_frame() -> None:
    pytest.importorskip("pandas")
    from drplan import frames

    r = drplan.read_estate(documents(), {"account": "111122223333"})
    f = frames.estate_resources_frame(r)
    assert len(f) == len(r["estate"]["resources"]) == 9
    assert f["resource_type"].dtype == "category"
    assert str(f["automated_backup_retention_days"].dtype) == "Int64"
    for row, res in zip(f.itertuples(), r["estate"]["resources"]):
        assert row.arn == res["arn"]
        if res["size_gib"] is None:
            assert row.size_gib != row.size_gib  # NaN
        else:
            assert row.size_gib == res["size_gib"]
    orders = f.set_index("arn").loc["arn:aws:rds:eu-west-1:111122223333:db:orders"]
    assert orders["automated_backup_retention_days"] == 7 and bool(orders["multi_az"]) is True
    assert f.equals(frames.estate_resources_frame(r["estate"]))
