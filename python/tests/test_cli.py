"""The `drplan` command line through Python: `python -m drplan`, the console script and
`drplan.cli_main` run the same Rust function as the `drplan` binary (cli/)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import drplan

FIXTURES = Path(__file__).resolve().parents[2] / "cli" / "tests" / "fixtures"


def run(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "drplan", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_python_m_drplan_lint_reports_file_line_col() -> None:
    path = str(FIXTURES / "bad.yaml")
    p = run("lint", path)
    assert p.returncode == 1, p.stderr
    first = p.stdout.splitlines()[0]
    assert first.startswith(f"{path}:17:15: error lifecycle_cold_minimum: ")
    assert "\x1b[" not in p.stdout  # not a terminal: no colour


def test_exit_codes_and_formats() -> None:
    assert run("lint", str(FIXTURES / "clean.json")).returncode == 0
    assert run("lint", str(FIXTURES / "controls.yaml")).returncode == 0
    assert run("lint", str(FIXTURES / "broken.yaml")).returncode == 2
    assert run("lint").returncode == 2
    p = run("lint", "--format", "sarif", str(FIXTURES / "bad.json"))
    log = json.loads(p.stdout)
    assert log["version"] == "2.1.0"
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "lifecycle_cold_minimum")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (10, 57)


def test_stdin_and_version() -> None:
    text = (FIXTURES / "bad.json").read_text()
    p = subprocess.run(
        [sys.executable, "-m", "drplan", "lint", "--format", "json", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 1
    files = json.loads(p.stdout)["files"]
    assert [f["file"] for f in files] == ["-"]
    assert files[0]["error_count"] == 1
    p = run("--version")
    assert p.returncode == 0
    assert p.stdout.strip() == f"drplan {drplan.__version__}"


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / ("drplan.exe" if os.name == "nt" else "drplan")
    assert script.exists(), "pip install ./python installs a drplan console script"
    p = subprocess.run(
        [str(script), "schedule", "cron(0 5 ? * * *)", "--from", "2026-01-01T00:00:00Z", "--count", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[1:] == [
        "2026-01-01T05:00:00Z  2026-01-01T05:00:00+00:00",
        "2026-01-02T05:00:00Z  2026-01-02T05:00:00+00:00",
        "… more runs follow (raise --count)",
    ]


def test_cli_main_in_process(capfd) -> None:  # type: ignore[no-untyped-def]
    code = drplan.cli_main(["drplan", "lint", "--format", "json", str(FIXTURES / "bad.yaml")])
    out = capfd.readouterr().out
    assert code == 1
    issue = json.loads(out)["files"][0]["issues"][0]
    assert (issue["code"], issue["line"], issue["column"]) == ("lifecycle_cold_minimum", 17, 15)
