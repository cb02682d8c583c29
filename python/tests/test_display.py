"""drplan.plots and drplan.display: the charts hold the expected artists, the HTML the expected rows."""
import html
import json
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import to_hex

import drplan
from drplan import plots
from drplan.display import Assessment, Bill, Footprint, Lint, Migration, Retention, Schedule, Simulation, wrap
from conftest import GOLDEN


def live(case: str) -> Tuple[List[Any], Dict[str, Any]]:
    doc = json.loads((GOLDEN / case / "input.json").read_text())
    return doc["args"], drplan.call(doc["function"], doc["args"])


@pytest.fixture(autouse=True)
def close_figures() -> Any:
    yield
    plt.close("all")


def bars(ax: Any) -> List[Any]:
    return [p for c in ax.containers for p in c.patches]


def test_plot_inventory_stacks_warm_and_cold_and_marks_the_steady_state() -> None:
    _, sim = live("simulation/monthly-cold-365")
    ax = plots.plot_inventory(sim)
    fills = ax.collections
    assert len(fills) == 2  # warm, cold
    assert [to_hex(f.get_facecolor()[0]) for f in fills] == ["#93a8e6", "#9bd4df"]
    labels = ax.get_legend_handles_labels()[1]
    assert labels[:2] == ["warm GiB", "cold GiB"]
    # the top of the stack at the last sample is the inventory's warm + cold GiB there
    inv = sim["inventory"]["total"]
    top = fills[1].get_paths()[0].vertices[:, 1].max()
    assert top == pytest.approx(max(w + c for w, c in zip(inv["warm_gib"], inv["cold_gib"])))
    assert ("steady state" in labels) == bool(sim["inventory"]["steady_state"]["reached"])
    assert ax.get_ylabel() == "GiB held"


def test_plot_bill_stacks_components_with_web_demo_colours() -> None:
    _, sim = live("simulation/copies-two-regions")
    bill = drplan.backup_cost(sim["recovery_points"] + sim["chain_bases"], None, {"horizon_months": 4})
    ax = plots.plot_bill(bill)
    labels = ax.get_legend_handles_labels()[1]
    assert labels[:2] == ["warm storage", "copy transfer"]
    assert len(ax.containers) == 2 and all(len(c.patches) == 4 for c in ax.containers)
    assert to_hex(ax.containers[0].patches[0].get_facecolor()) == "#1e40af"
    assert to_hex(ax.containers[1].patches[0].get_facecolor()) == "#c2410c"
    # each month's stack reaches that month's total
    for i, month in enumerate(bill["months"]):
        top = ax.containers[-1].patches[i]
        assert top.get_y() + top.get_height() == pytest.approx(month["usd"]["total_usd"])
    assert ax.get_xlabel() == "month" and ax.get_ylabel() == "USD"


def test_plot_strategies_rpo_window_phases_and_targets() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    ax = plots.plot_strategies(r, "region")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [s["label"] for s in reversed(r["strategies"])]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "RPO window (data lost)" in legend and "RTO target" in legend and "RPO target" in legend
    hatched = [p for p in bars(ax) if p.get_hatch()]
    covered_with_rpo = [e for s in r["strategies"] for e in s["estimates"]
                        if e["disruption"] == "region" and e["covered"] and e["rpo_seconds"] > 0]
    assert len(hatched) == len(covered_with_rpo)
    assert all(p.get_width() < 0 for p in hatched)  # left of the disaster
    phases = [p for p in bars(ax) if not p.get_hatch()]
    assert len(phases) == sum(len(e["timeline"]) for e in covered_with_rpo)
    texts = [t.get_text() for t in ax.texts]
    assert "not covered" in texts  # Multi-AZ only has no Region recovery
    assert any(t.startswith("RTO 52 min") for t in texts)


def test_plot_retention_single_and_compared() -> None:
    args, borg = live("retention/e1-borg-sequential-rules")
    ax = plots.plot_retention(borg, args[0])
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert lanes == ["daily (2)", "last (2)", "removed (1)"]
    restic = drplan.apply_retention(args[0], args[1], "restic-0.14", args[3], args[4])
    ax = plots.plot_retention({"borg 1.2": borg, "restic 0.14": restic}, args[0])
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert lanes == [f"borg 1.2 ({borg['kept_count']} kept)", f"restic 0.14 ({restic['kept_count']} kept)"]
    assert borg["kept_count"] != restic["kept_count"]  # the point of comparing
    kept_dots = ax.collections[0].get_offsets()
    assert len(kept_dots) == borg["kept_count"]


def test_plot_footprint_and_migration() -> None:
    _, fp = live("retention/footprint-aws-35d")
    ax = plots.plot_footprint(fp)
    line = ax.get_lines()[0]
    assert max(line.get_ydata()) == fp["max_held"]
    assert any(t.startswith("steady: 35–35") for t in ax.get_legend_handles_labels()[1])

    _, mig = live("migration/onprem-mysql-small-mysqldump")
    ax = plots.plot_migration(mig)
    ticks = ax.get_yticklabels()
    assert ticks[-1].get_text() == "1. mysqldump" and ticks[-1].get_fontweight() == "bold"
    assert len(bars(ax)) == sum(len(p["timeline"]) for p in mig["feasible"])
    labels = ax.get_legend_handles_labels()[1]
    assert labels[:2] == ["copy", "cut-over"] and "catch-up" in labels
    copy = next(p for p in bars(ax) if to_hex(p.get_facecolor()) == "#1d4ed8")
    assert copy.get_width() == pytest.approx(mig["feasible"][0]["timeline"][0]["end_seconds"] / 60)


def test_a_chart_saves_to_png(tmp_path: Path) -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    ax = plots.plot_strategies(r, "region")
    out = tmp_path / "strategies.png"
    ax.figure.savefig(out, dpi=80)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


def test_wrap_picks_the_kind_and_keeps_the_dict() -> None:
    cases = {
        "schedule/new-york-fall-back-hourly": Schedule,
        "simulation/copies-two-regions": Simulation,
        "cost/cross-region-copy": Bill,
        "retention/e1-borg-sequential-rules": Retention,
        "retention/footprint-aws-35d": Footprint,
        "migration/onprem-mysql-small-mysqldump": Migration,
        "assessment/strategy-assess-region-targets": Assessment,
        "assessment/strategy-estimate-warm-standby": Assessment,
        "backup/get-output-lint": Lint,
    }
    for case, cls in cases.items():
        _, r = live(case)
        w = wrap(r)
        assert type(w) is cls, case
        assert w == r and json.dumps(w) == json.dumps(r)
        assert w._repr_html_().count("<table>") >= 1 or cls is Lint


def test_html_shows_the_figures() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    page = wrap(r)._repr_html_()
    # the first table: a header row and one row per strategy (the second names what sets each figure)
    assert page.split("</table>")[0].count("<tr>") == 1 + len(r["strategies"])
    # pilot light's monthly cost in its row (the recommendation no longer quotes it: some prices are missing)
    assert "Pilot light" in page and '<td class="num">264.72</td>' in page
    _, sim = live("simulation/copies-two-regions")
    page = wrap(sim)._repr_html_()
    assert "150 recovery points" in page
    assert page.count("<tr>") == 1 + sum(len(x["rpo"]) for x in sim["resources"])
    _, bill = live("cost/cross-region-copy")
    page = wrap(bill)._repr_html_()
    assert "$41.57 over 1 months" in page and "transfer" in page
    # values are escaped
    page = wrap({"x": "<script>"})._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_html_cuts_long_tables() -> None:
    r = drplan.schedule_runs("cron(0 * ? * * *)", None, "2026-01-01T00:00:00Z", None, 100)
    page = wrap(r)._repr_html_()
    assert page.count("<tr>") == 1 + 20 + 1 and "80 more rows" in page


def test_wrapped_frame_and_plot() -> None:
    args, r = live("retention/e1-borg-sequential-rules")
    w = wrap(r, snapshots=args[0])
    assert list(w.frame()["kept"]) == [False, True, True, True, True]
    assert w.plot().get_title(loc="left") == "Snapshots kept"
    with pytest.raises(TypeError, match="snapshots"):
        wrap(r).plot()
    _, mig = live("migration/onprem-mysql-small-mysqldump")
    m = wrap(mig)
    assert isinstance(m, Migration) and len(m.phases()) > len(m.frame()[m.frame()["feasible"]])
    with pytest.raises(TypeError, match="no chart"):
        wrap({"parsed": {}, "valid": True, "issues": []}).plot()


def test_readme_notebook_example_runs() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "drplan.display" in b]
    assert len(blocks) == 1
    scope: Dict[str, Any] = {}
    exec(compile(blocks[0], "README.md", "exec"), scope)
    monthly = scope["bill"].monthly()
    assert monthly.loc[12, "storage_warm"] == pytest.approx(42.0) and monthly.loc[12, "total"] == pytest.approx(42.0)
    assert "warm storage" in [t.get_text() for t in scope["ax"].get_legend().get_texts()]


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_matplotlib(name: str, *a: Any) -> Any:
        if name.split(".")[0] == "matplotlib":
            raise ImportError(f"No module named {name!r}")
        return real(name, *a)

    monkeypatch.setattr(importlib, "import_module", no_matplotlib)
    _, bill = live("cost/cross-region-copy")
    with pytest.raises(ImportError, match=r"drplan\[plot\]"):
        plots.plot_bill(bill)
    assert "<table>" in wrap(bill)._repr_html_()  # rich display needs neither pandas nor matplotlib


def test_assessment_html_names_binding_components_and_levers() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    a = Assessment(r)
    out = a._repr_html_()
    assert "What sets each figure" in out
    pilot = next(s for s in r["strategies"] if s["strategy"] == "pilot_light")
    b = next(e for e in pilot["estimates"] if e["disruption"] == "region")["binding"]["rpo"]
    assert b["component"] == "assets"
    # the row: strategy, figure, binding component, lever (escaped as the table escapes values)
    assert f"<td>{html.escape(b['component'])}</td><td>{html.escape(b['lever'])}</td>" in out
    assert list(a.cost_lines()["usd"]) == [it["usd"] for s in r["strategies"] for it in s["monthly_cost"]["items"]]
    assert len(a.mechanisms()) == sum(len(m["mechanisms"]) for s in r["strategies"] for m in s["mechanisms"])


def test_plot_strategies_names_what_sets_each_figure() -> None:
    _, r = live("assessment/strategy-assess-region-targets")
    ax = plots.plot_strategies(r, "region")
    texts = [t.get_text() for t in ax.texts]
    # pilot light: Region RTO mostly people time, Region RPO set by the bucket's RTC bound
    assert "RTO 52 min, RPO 15 min\nRTO set by people time; RPO set by assets" in texts
    # backup & restore: the database restored from copied backups sets the RPO
    assert any(t.startswith("RTO 1 h 53 min, RPO 1 d 10 h\n") and t.endswith("RPO set by orders") for t in texts)
