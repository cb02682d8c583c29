"""The shared golden vectors, run against the Python package."""
import json

import pytest

import drplan
from conftest import GOLDEN, diff

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.json").exists())


def test_there_are_golden_vectors() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    case = json.loads((GOLDEN / name / "input.json").read_text())
    expected = json.loads((GOLDEN / name / "expected.json").read_text())
    fn = getattr(drplan, case["function"], None)
    try:
        got = fn(*case["args"]) if fn is not None and callable(fn) else drplan.call(case["function"], case["args"])
    except drplan.DrplanError as e:
        message = str(e).split(": ", 1)[1]
        got = {"error": {"code": e.code, "message": message, "issues": e.issues}}
    d = diff(got, expected)
    assert d == [], "\n".join(d[:10])
