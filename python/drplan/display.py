"""Rich display of drplan results in Jupyter: ``wrap(result)``.

``wrap`` returns the same dict (a ``dict`` subclass: every key, ``json.dumps``, equality unchanged)
that Jupyter renders as a short HTML summary and table (``_repr_html_``, no extra dependency), with
``frame()`` (pandas, ``drplan[pandas]``) and, where the result has a natural chart, ``plot()``
(matplotlib, ``drplan[plot]``)::

    from drplan.display import wrap
    sim = wrap(drplan.simulate_backup_plan(plan, resources, options))
    sim            # an HTML table of RPO per resource and disruption
    sim.frame()    # recovery points as a DataFrame
    sim.plot()     # inventory over time

The kind of result is recognised by its keys: schedule runs, a plan simulation, a bill, a
retention decision, a retention footprint, a migration choice, a strategy assessment or estimate,
a lint report. Anything else gets a generic table of its top-level fields.
"""
from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Type

from . import frames, plots

if TYPE_CHECKING:
    import pandas
    from matplotlib.axes import Axes

__all__ = [
    "Assessment",
    "Bill",
    "Footprint",
    "Lint",
    "Migration",
    "Result",
    "Retention",
    "Schedule",
    "Simulation",
    "wrap",
]

MAX_ROWS = 20

# web-demo/style.css
_CSS = (
    "<style>.drplan{font-family:system-ui,sans-serif;color:#1b1f24;font-size:13px}"
    ".drplan h4{margin:.2em 0 .4em;color:#1e40af;font-size:14px}"
    ".drplan table{border-collapse:collapse;margin:.3em 0}"
    ".drplan th{background:#e8eefc;color:#1b1f24;text-align:left;padding:3px 8px;border-bottom:1px solid #aab3bd}"
    ".drplan td{padding:3px 8px;border-bottom:1px solid #d5dae0;font-variant-numeric:tabular-nums}"
    ".drplan td.num{text-align:right}.drplan .ok{color:#166534;font-weight:600}"
    ".drplan .fail{color:#b42318;font-weight:600}.drplan .warn{color:#8a5300}"
    ".drplan .muted{color:#59636e}</style>"
)


def _cell(v: Any) -> str:
    if v is None:
        return '<td class="muted">—</td>'
    if isinstance(v, bool):
        return f'<td class="{"ok" if v else "fail"}">{"yes" if v else "no"}</td>'
    if isinstance(v, float):
        return f'<td class="num">{v:,.2f}</td>'
    if isinstance(v, int):
        return f'<td class="num">{v:,}</td>'
    if isinstance(v, (dict, list)):
        v = json.dumps(v)
    return f"<td>{html.escape(str(v))}</td>"


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]], max_rows: int = MAX_ROWS) -> str:
    """A small HTML table (values escaped), cut after ``max_rows`` rows with a count of the rest."""
    rows = list(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in r) + "</tr>" for r in rows[:max_rows])
    more = (
        f'<tr><td class="muted" colspan="{len(header)}">… {len(rows) - max_rows:,} more rows</td></tr>'
        if len(rows) > max_rows
        else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}{more}</tbody></table>"


def _box(title: str, *parts: str) -> str:
    return f'{_CSS}<div class="drplan"><h4>{html.escape(title)}</h4>{"".join(parts)}</div>'


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{html.escape(text)}</p>' if cls else f"<p>{html.escape(text)}</p>"


def _issues(issues: Sequence[Mapping[str, Any]]) -> str:
    if not issues:
        return ""
    return html_table(
        ["severity", "code", "path", "message"],
        [(i.get("severity"), i.get("code"), i.get("path"), i.get("message")) for i in issues],
    )


class Result(Dict[str, Any]):
    """A drplan result dict with a rich display. Subclasses add ``frame()`` and ``plot()``."""

    title = "drplan result"

    def __init__(self, result: Mapping[str, Any], **context: Any) -> None:
        super().__init__(result)
        self._context = context

    def _repr_html_(self) -> str:
        rows = [(k, v if not isinstance(v, (dict, list)) else f"{type(v).__name__} of {len(v)}") for k, v in self.items()]
        return _box(self.title, html_table(["field", "value"], rows, max_rows=60))

    def frame(self) -> "pandas.DataFrame":
        raise TypeError(f"{type(self).__name__} has no DataFrame view")

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        raise TypeError(f"{type(self).__name__} has no chart")


class Schedule(Result):
    """``schedule_runs``: the runs (UTC and local) and DST moves."""

    title = "Schedule runs"

    def _repr_html_(self) -> str:
        runs = self["runs"]
        head = f"{self['expression']} in {self.get('time_zone') or 'UTC'}: {len(runs):,} runs" + (
            " (truncated)" if self.get("truncated") else ""
        )
        skipped = self.get("skipped_in_dst_gap") or []
        return _box(
            self.title,
            _p(head),
            html_table(["utc", "local", "dst"], [(r["utc"], r["local"], r["dst"]) for r in runs]),
            _p(f"{len(skipped)} local time(s) skipped in a DST gap", "warn") if skipped else "",
        )

    def frame(self) -> "pandas.DataFrame":
        return frames.runs_frame(self)


class Simulation(Result):
    """``simulate_backup_plan``: RPO per resource and disruption, the steady state, the points."""

    title = "Backup plan simulation"

    def _repr_html_(self) -> str:
        steady = self["inventory"]["steady_state"]
        rows = [
            (r["resource_id"], r["resource_type"], x["disruption"], x["worst"], x["covered"], x["mechanism"])
            for r in self["resources"]
            for x in r["rpo"]
        ]
        return _box(
            f"{self.title}: {self.get('plan_name') or 'plan'}",
            _p(f"{self['point_count']:,} recovery points from {self['start']} over "
               f"{self['horizon_seconds'] / 86400:,.0f} days"),
            html_table(["resource", "type", "disruption", "worst RPO", "covered", "mechanism"], rows),
            _p(steady["message"], "ok" if steady.get("reached") else "warn"),
            _issues(self.get("plan_issues") or []),
        )

    def frame(self, expand: bool = False) -> "pandas.DataFrame":
        return frames.recovery_points_frame(self, expand=expand)

    def inventory(self, by: str = "total") -> "pandas.DataFrame":
        return frames.inventory_frame(self, by=by)

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        return plots.plot_inventory(self, ax=ax)


class Bill(Result):
    """``backup_cost``: the bill by month and component."""

    title = "Backup bill"

    def _repr_html_(self) -> str:
        usd = self["horizon_usd"]
        comps = [(k.removesuffix("_usd").replace("_", " "), v) for k, v in usd.items() if k != "total_usd" and v]
        ss = self.get("steady_state") or {}
        steady = (
            f"steady state: ${ss['monthly_usd']:,.2f}/month from month {ss['from_month']}"
            if ss.get("reached")
            else str(ss.get("explanation") or "no steady state")
        )
        months = [(m["month"], m["usd"]["total_usd"]) for m in self["months"]]
        return _box(
            f"{self.title}: ${usd['total_usd']:,.2f} over {self['horizon_months']} months",
            html_table(["component", "USD over the horizon"], comps),
            _p(steady, "ok" if ss.get("reached") else "muted"),
            html_table(["month", "total USD"], months, max_rows=12),
            _issues(self.get("issues") or []),
        )

    def frame(self) -> "pandas.DataFrame":
        return frames.bill_frame(self)

    def monthly(self, by: str = "kind") -> "pandas.DataFrame":
        return frames.monthly_bill(self, by=by)

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        return plots.plot_bill(self, ax=ax)


class Retention(Result):
    """``apply_retention``: kept (with the rules that kept each) and removed. Give ``snapshots=`` to
    :func:`wrap` for the removed snapshots' times and for ``plot``."""

    title = "Retention"

    def _repr_html_(self) -> str:
        kept = self["kept"]
        rows = [(k["index"], k["time"], ", ".join(r["label"] for r in k["reasons"]), k.get("storage")) for k in kept]
        return _box(
            f"{self.title} ({self['mode']}): {self['kept_count']:,} kept, {self['removed_count']:,} removed",
            html_table(["index", "time", "kept by", "storage"], rows),
        )

    def frame(self) -> "pandas.DataFrame":
        return frames.retention_frame(self, self._context.get("snapshots"))

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        snapshots = self._context.get("snapshots")
        if snapshots is None:
            raise TypeError("plot needs the snapshots: wrap(result, snapshots=the list given to apply_retention)")
        return plots.plot_retention(self, snapshots, ax=ax)


class Footprint(Result):
    """``retention_footprint``: snapshots held over time and the steady state."""

    title = "Retention footprint"

    def _repr_html_(self) -> str:
        ss = self.get("steady_state") or {}
        return _box(
            f"{self.title} ({self['mode']})",
            html_table(
                ["snapshots taken", "max held", "held at the end", "steady from", "steady held"],
                [(self["snapshots_taken"], self["max_held"], self["final_held"], ss.get("from"),
                  f"{ss['min_held']}–{ss['max_held']}" if ss else None)],
            ),
        )

    def frame(self) -> "pandas.DataFrame":
        return frames.footprint_frame(self)

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        return plots.plot_footprint(self, ax=ax)


class Migration(Result):
    """``select_migration_path``: feasible paths ranked, excluded ones with reasons."""

    title = "Migration paths"

    def _repr_html_(self) -> str:
        feasible = [
            (p["rank"], p["label"], p["downtime"], p["duration"], p["effort"], p["risk"])
            for p in self["feasible"]
        ]
        excluded = [(p["label"], "; ".join(r["message"] for r in p["reasons"])) for p in self["excluded"]]
        rec = self.get("recommended")
        why = next((p.get("why") for p in self["feasible"] if p["path"] == rec), None)
        return _box(
            self.title,
            _p(why or f"recommended: {rec}" if rec else "no feasible path", "ok" if rec else "fail"),
            html_table(["rank", "path", "downtime", "duration", "effort", "risk"], feasible),
            _p(f"{len(excluded)} excluded", "muted"),
            html_table(["path", "why not"], excluded, max_rows=8),
        )

    def frame(self) -> "pandas.DataFrame":
        return frames.migration_frame(self)

    def phases(self) -> "pandas.DataFrame":
        return frames.migration_phases_frame(self)

    def exclusions(self) -> "pandas.DataFrame":
        return frames.exclusions_frame(self)

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        return plots.plot_migration(self, ax=ax)


class Assessment(Result):
    """``assess_strategies`` or ``estimate_recovery``: RTO/RPO per strategy and disruption."""

    title = "DR strategies"

    def _repr_html_(self) -> str:
        strategies = self["strategies"] if "strategies" in self else [self]
        disruptions = [e["disruption"] for e in strategies[0]["estimates"]] if strategies else []
        header = ["strategy", "$/month"] + [d.replace("_", " ") + " RTO / RPO" for d in disruptions]
        if "strategies" in self:
            header.insert(1, "compliant")
        rows = []
        for s in strategies:
            cells: List[Any] = [s.get("label") or s["strategy"]]
            if "strategies" in self:
                cells.append(s["compliant"])
            cells.append((s.get("monthly_cost") or {}).get("total_usd"))
            for e in s["estimates"]:
                cells.append(f"{e['rto']} / {e['rpo']}" if e["covered"] else "not covered")
            rows.append(cells)
        rec = self.get("recommendation")
        # What sets each figure: the binding component and the lever, per strategy and disruption.
        binding = [
            [s.get("label") or s["strategy"], f"{e['disruption'].replace('_', ' ')} {metric.upper()}", b["component"], b["lever"]]
            for s in strategies
            for e in s["estimates"]
            for metric in ("rto", "rpo")
            for b in [(e.get("binding") or {}).get(metric)]
            if b
        ]
        why = _p("What sets each figure, and what would move it:") + html_table(["strategy", "figure", "set by", "lever"], binding) if binding else ""
        return _box(self.title, _p(rec) if rec else "", html_table(header, rows), why)

    def frame(self) -> "pandas.DataFrame":
        return frames.strategies_frame(self)

    def cost_lines(self) -> "pandas.DataFrame":
        return frames.cost_lines_frame(self)

    def mechanisms(self) -> "pandas.DataFrame":
        return frames.mechanisms_frame(self)

    def plot(self, ax: Optional["Axes"] = None, disruption: str = "region") -> "Axes":
        return plots.plot_strategies(self, disruption=disruption, ax=ax)


class Lint(Result):
    """``lint_backup_plan``: the shape read, valid or not, and the issues."""

    title = "Backup plan lint"

    def _repr_html_(self) -> str:
        parsed = self.get("parsed") or {}
        verdict = "valid" if self.get("valid") else "INVALID"
        return _box(
            f"{self.title}: {parsed.get('shape', '?')}, {verdict}",
            _issues(self.get("issues") or []) or _p("no issues", "ok"),
        )


_KINDS: List[Tuple[Tuple[str, ...], Type[Result]]] = [
    (("runs", "dst_policy"), Schedule),
    (("recovery_points", "inventory"), Simulation),
    (("months", "horizon_usd"), Bill),
    (("kept", "removed"), Retention),
    (("series", "max_held"), Footprint),
    (("feasible", "excluded"), Migration),
    (("strategies", "policy"), Assessment),
    (("estimates", "strategy"), Assessment),
    (("parsed", "valid"), Lint),
]


def wrap(result: Mapping[str, Any], **context: Any) -> Result:
    """The result as a :class:`Result` of its kind (``Simulation``, ``Bill``, …), for rich display,
    ``frame()`` and ``plot()``. ``context`` passes what the result alone lacks (``snapshots=`` for a
    retention result)."""
    for keys, cls in _KINDS:
        if all(k in result for k in keys):
            return cls(result, **context)
    return Result(result, **context)
