"""The Python surface itself: the exception class, values JSON cannot hold, the README tour."""
import copy
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import drplan

WORKLOAD = {
    "name": "shop",
    "components": [
        {"kind": "relational_database", "name": "orders", "engine": "aurora_mysql", "size_gib": 200, "instance_hourly_usd": 0.29},
        {"kind": "compute", "name": "web", "instance_count": 4, "instance_hourly_usd": 0.0832},
    ],
}


def test_readme_tour_python_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block is not None
    exec(compile(block.group(1), "README.md", "exec"), {})
    assert capsys.readouterr().out == "pilot_light\n"


def test_error_is_a_value_error_with_code_and_issues() -> None:
    bad = copy.deepcopy(WORKLOAD)
    bad["components"][0]["size_gib"] = "12 parsecs"
    with pytest.raises(ValueError) as info:
        drplan.estimate_recovery(bad, "pilot_light")
    e = info.value
    assert isinstance(e, drplan.DrplanError)
    assert e.code == "invalid_input"
    assert e.issues[0]["code"] == "invalid_unit"
    assert e.issues[0]["path"] == "/components/0/size_gib"
    assert e.issues[0]["input"] == "workload"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_become_null_like_javascript(value: float) -> None:
    bad = copy.deepcopy(WORKLOAD)
    bad["components"][0]["size_gib"] = value
    with pytest.raises(drplan.DrplanError) as info:
        drplan.estimate_recovery(bad, "pilot_light")
    assert info.value.issues[0]["path"] == "/components/0/size_gib"
    assert info.value.issues[0]["code"] == "invalid_type"


def test_values_json_cannot_hold() -> None:
    with pytest.raises(drplan.DrplanError) as info:
        drplan.assess_strategies({**WORKLOAD, "when": object()}, {"targets": {}})
    assert info.value.code == "invalid_json"
    assert info.value.issues[0]["path"] == "/when"
    with pytest.raises(drplan.DrplanError) as info:
        drplan.assess_strategies({1: "x"}, {"targets": {}})
    assert info.value.code == "invalid_json"
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(drplan.DrplanError) as info:
        drplan.assess_strategies(deep, {"targets": {}})
    assert info.value.code == "invalid_json"
    # tuples are lists, huge ints are floats
    out = drplan.estimate_recovery({**WORKLOAD, "components": tuple(WORKLOAD["components"])}, "pilot_light")
    assert out["strategy"] == "pilot_light"


def test_outputs_are_plain_dicts_with_none() -> None:
    out = drplan.estimate_recovery(WORKLOAD, "multi_az_only")
    region = next(e for e in out["estimates"] if e["disruption"] == "region")
    assert region["rto_seconds"] is None and region["covered"] is False
    assert type(out) is dict


@settings(max_examples=60, deadline=None)
@given(
    interval_h=st.floats(min_value=1, max_value=24 * 30),
    extra_h=st.floats(min_value=0, max_value=24 * 30),
)
def test_region_rpo_never_shrinks_when_the_backup_interval_grows(interval_h: float, extra_h: float) -> None:
    def rpo(hours: float) -> float:
        w = {**WORKLOAD, "backups": {"interval_seconds": hours * 3600}}
        out = drplan.estimate_recovery(w, "backup_restore")
        v = next(e for e in out["estimates"] if e["disruption"] == "region")["rpo_seconds"]
        assert v is not None
        return float(v)

    assert rpo(interval_h + extra_h) >= rpo(interval_h)


# apply_retention reads a plain list of int epoch seconds or str timestamps without a JSON value
# per item (the 1M-snapshot fast path); everything else goes the generic way. Both routes must
# give the same answer and the same error.
EPOCH_2020 = 1_577_836_800
RETENTION_POLICY = {"keep_last": 3, "keep_daily": 4, "keep_weekly": 2, "keep_monthly": 2}


def _iso(t: int) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=EPOCH_2020, max_value=EPOCH_2020 + 400 * 86400), max_size=60),
    st.sampled_from(["restic-0.14", "restic-0.16+", "borg-1.2"]),
)
def test_retention_fast_path_matches_the_generic_route(times: list[int], mode: str) -> None:
    now = _iso(EPOCH_2020 + 401 * 86400)
    fast = drplan.apply_retention(times, RETENTION_POLICY, mode, now, "Europe/Berlin")
    generic = drplan.call("apply_retention", [times, RETENTION_POLICY, mode, now, "Europe/Berlin"])
    as_objects = drplan.apply_retention([{"time": t} for t in times], RETENTION_POLICY, mode, now, "Europe/Berlin")
    as_text = drplan.apply_retention(tuple(_iso(t) for t in times), RETENTION_POLICY, mode, now, "Europe/Berlin")
    assert fast == generic == as_objects == as_text
    assert fast["kept_count"] + fast["removed_count"] == len(times)


@pytest.mark.parametrize(
    "bad, path, code",
    [
        ([EPOCH_2020, 10**15], "/1", "out_of_range"),  # past year 9999
        ([EPOCH_2020, True], "/1", "invalid_type"),
        ([EPOCH_2020, "2020-01-01T00:00:00"], "/1", "invalid_value"),  # no offset
        ([EPOCH_2020, None], "/1", "invalid_type"),
        ([EPOCH_2020, 2**70], "/1", "invalid_value"),
    ],
)
def test_retention_bad_items_error_the_same_on_both_routes(bad: list[object], path: str, code: str) -> None:
    now = _iso(EPOCH_2020 + 86400)
    errors = []
    for fn in (
        lambda: drplan.apply_retention(bad, RETENTION_POLICY, "restic-0.16+", now),
        lambda: drplan.call("apply_retention", [bad, RETENTION_POLICY, "restic-0.16+", now, None]),
    ):
        with pytest.raises(drplan.DrplanError) as info:
            fn()
        errors.append((info.value.code, info.value.issues))
    assert errors[0] == errors[1]
    issue = errors[0][1][0]
    assert (issue["input"], issue["path"], issue["code"]) == ("snapshots", path, code)


def test_retention_policy_error_still_reported_with_a_plain_list() -> None:
    with pytest.raises(drplan.DrplanError) as info:
        drplan.apply_retention([EPOCH_2020], {"keep_dayly": 1}, "restic-0.16+", _iso(EPOCH_2020 + 1))
    issue = info.value.issues[0]
    assert (issue["input"], issue["path"], issue["code"]) == ("policy", "/keep_dayly", "unknown_field")


def test_plan_bill_example_runs_and_prints_the_plans_figures(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import runpy
    import sys

    monkeypatch.setattr(sys, "argv", ["plan_bill.py"])
    example = Path(__file__).resolve().parents[1] / "examples" / "plan_bill.py"
    runpy.run_path(str(example), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("get_backup_plan_output: valid\n")
    # Daily at 03:00 New York: the worst gap is 25 h (the autumn DST change) + 1 h window + 1 h job,
    # + 1 h copy lag for a Region loss; nothing leaves the account.
    assert re.search(r"^  az +1 d 3 h ", out, re.M)
    assert re.search(r"^  region +1 d 4 h ", out, re.M)
    assert "region: backup_interval 1 d 1 h [derived]" in out
    assert re.search(r"^  account_compromise +unbounded", out, re.M)
    assert "steady from 2027-01-02T00:00:00Z (366 d after the start)" in out
    assert "steady-state bill: $91.31/month from month 4" in out


# Nesting: drplan's own limit (64 levels, the argument itself being level 1) decides before any
# parser limit, with the same code and path at any depth; tests/js/api.test.mjs runs the same
# cases and expects the same answers.
def _nested(depth: int) -> dict:
    # workload (1) → components (2) → [0] (3) → size_gib (4 …): depth - 3 lists at size_gib
    v: object = 1
    for _ in range(depth - 3):
        v = [v]
    w = copy.deepcopy(WORKLOAD)
    w["components"][0]["size_gib"] = v
    return w


_TOO_DEEP = ("too_deep", "/components/0/size_gib" + "/0" * 61)


@pytest.mark.parametrize(
    ("depth", "want"),
    [
        (60, ("invalid_type", "/components/0/size_gib")),
        (64, ("invalid_type", "/components/0/size_gib")),
        (65, _TOO_DEEP),
        (128, _TOO_DEEP),
        (200, _TOO_DEEP),
        (10_000, _TOO_DEEP),
    ],
)
def test_nesting_gives_one_error_at_any_depth(depth: int, want: tuple[str, str]) -> None:
    with pytest.raises(drplan.DrplanError) as info:
        drplan.estimate_recovery(_nested(depth), "pilot_light")
    e = info.value
    assert (e.issues[0]["code"], e.issues[0]["path"], e.issues[0]["input"]) == (*want, "workload")
    if depth > 64:
        assert e.code == "invalid_json"
        assert str(e) == "invalid_json: workload is nested more than 64 levels deep"
        assert e.issues[0]["path"].count("/") == 64


def test_deep_objects_and_cycles_are_too_deep_at_the_first_container_past_level_64() -> None:
    deep: dict = {}
    for _ in range(200):
        deep = {"a/b": deep}
    with pytest.raises(drplan.DrplanError) as info:
        drplan.estimate_recovery(deep, "pilot_light")
    assert (info.value.issues[0]["code"], info.value.issues[0]["path"]) == ("too_deep", "/a~1b" * 64)
    cyclic: list = []
    cyclic.append(cyclic)
    with pytest.raises(drplan.DrplanError) as info:
        drplan.estimate_recovery(cyclic, "pilot_light")
    assert (info.value.issues[0]["code"], info.value.issues[0]["path"]) == ("too_deep", "/0" * 64)
    two = {"name": "x", "components": [[_nested(70)], _nested(70)]}
    with pytest.raises(drplan.DrplanError) as info:
        drplan.estimate_recovery(two, "pilot_light")
    assert (info.value.issues[0]["code"], info.value.issues[0]["path"]) == (
        "too_deep",
        "/components/0/0/components/0/size_gib" + "/0" * 58,
    )


# Whole-number floats: JS cannot tell 4.0 from 4 or -0.0 from 0, so they are integers on every
# surface (tests/js/api.test.mjs runs the same cases).
def _runs(limit: object, opts: object = None) -> dict:
    return drplan.schedule_runs("cron(0 5 ? * * *)", "Europe/Berlin", "2026-03-27T00:00:00Z", None, limit, opts)


def test_whole_number_floats_and_negative_zero_are_integers() -> None:
    got = _runs(4.0, {"start_window_minutes": 60.0, "completion_window_minutes": 180.0})
    assert len(got["runs"]) == 4
    assert got == _runs(4, {"start_window_minutes": 60, "completion_window_minutes": 180})


@pytest.mark.parametrize(
    ("limit", "code", "message"),
    [
        (4.5, "invalid_type", "invalid type: floating point `4.5`, expected u64"),
        (-0.0, "out_of_range", "limit 0 is out of range 1-100000"),
        (-1.0, "invalid_value", "invalid value: integer `-1`, expected u64"),
    ],
)
def test_a_fraction_is_still_refused(limit: float, code: str, message: str) -> None:
    with pytest.raises(drplan.DrplanError) as info:
        _runs(limit)
    i = info.value.issues[0]
    assert (info.value.code, i["code"], i["path"], i["input"], i["message"]) == ("invalid_input", code, "", "limit", message)
