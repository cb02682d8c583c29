"""The hostile-input campaign, Python surface: every case of tests/hostile/cases.json (written by
tests/hostile/generate.py) runs in its own Python process (hostile_case.py) under a guard — an
address-space limit of 1 GiB (resource.setrlimit) and 10 s — and must give the case's answer: the
same error code, issue code, path and input as Rust and Node, or success. A process that dies or
exceeds the guard fails the case, and so does an error message over 1,000 characters."""
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "hostile" / "cases.json").read_text())["cases"]
CHILD = Path(__file__).resolve().parent / "hostile_case.py"
GIB = 1024 ** 3


def _guard() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def test_corpus_is_current() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "hostile" / "generate.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_corpus_covers_every_item() -> None:
    assert sorted({c["item"] for c in CASES}) == list(range(1, 14))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile(case: dict) -> None:
    try:
        r = subprocess.run([sys.executable, str(CHILD), case["name"]], capture_output=True, text=True,
                           timeout=10, preexec_fn=_guard)
    except subprocess.TimeoutExpired:
        pytest.fail("over the guard's 10 s")
    line = next((x for x in r.stdout.splitlines() if x.startswith("HOSTILE_RESULT ")), None)
    assert line is not None, f"the process died ({r.returncode}): {r.stderr.strip().splitlines()[-1:]}"
    got = json.loads(line[len("HOSTILE_RESULT "):])
    if "error" in case["expect"]:
        e = case["expect"]["error"]
        assert [got["ok"], got.get("code"), got.get("issue"), got.get("path"), got.get("input")] == [
            False, e["code"], e["issue"], e["path"], e["input"]], got
        assert got["message_len"] <= 1000
    else:
        assert got["ok"], got
        w = case["expect"].get("has_issue")
        if w:
            assert [w["code"], w["path"]] in got["issues"], got["issues"]
        for x in case["expect"].get("has_issues", []):
            assert [x["code"], x["path"]] in got["issues"], got["issues"]
