"""The shared golden vectors, run against the Python package."""
import collections
import json

import pytest

import drplan
from conftest import GOLDEN, diff



def _discover() -> tuple[list[str], list[str]]:
    """Cases at tests/golden/<module>/<case>/ (module: the core module owning the function), and
    everything found at another depth."""
    cases: list[str] = []
    misplaced: list[str] = []
    for module in sorted(GOLDEN.iterdir()):
        if not module.is_dir():
            misplaced.append(f"{module.name}: a file beside the module folders")
            continue
        if (module / "input.json").exists() or (module / "expected.json").exists():
            misplaced.append(f"{module.name}: a case directly under tests/golden (move it to tests/golden/<module>/<case>/)")
            continue
        found = 0
        for case in sorted(module.iterdir()):
            if not case.is_dir() or not (case / "input.json").is_file():
                misplaced.append(f"{module.name}/{case.name}: not a case folder (tests/golden/<module>/<case>/input.json)")
                continue
            misplaced.extend(f"{module.name}/{case.name}/{p.name}: a folder inside a case" for p in case.iterdir() if p.is_dir())
            found += 1
            cases.append(f"{module.name}/{case.name}")
        if found == 0:
            misplaced.append(f"{module.name}: a module folder without cases")
    return cases, misplaced


CASES, MISPLACED = _discover()


def test_every_case_is_at_module_and_case_depth() -> None:
    assert MISPLACED == []


def test_there_are_golden_vectors() -> None:
    assert CASES, "no golden vectors found"
    per_module = collections.Counter(name.split("/")[0] for name in CASES)
    print(f"{len(CASES)} golden cases: " + ", ".join(f"{m} {n}" for m, n in sorted(per_module.items())))


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
