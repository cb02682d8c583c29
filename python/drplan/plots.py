"""matplotlib charts of drplan results (``pip install 'drplan[plot]'``), drawn like the web demo.

Each function takes the dict a drplan function returns, draws on ``ax`` (a new figure when it is
None) and returns the Axes, the way ``DataFrame.plot`` does. Colours are the web demo's
(``web-demo/style.css`` and the tabs' ``chart.js``), so a chart in a notebook reads like the same
chart in the browser.

=====================  =====================================  ==============================================
function               takes the result of                    draws
=====================  =====================================  ==============================================
``plot_inventory``     ``simulate_backup_plan``               GiB held over time, warm and cold stacked,
                                                              the steady state marked
``plot_bill``          ``backup_cost``                        the monthly bill stacked by component
``plot_strategies``    ``assess_strategies``                  per strategy, the RPO window (left of the
                                                              disaster) and the recovery phases (right)
``plot_retention``     ``apply_retention`` (one or several)   which snapshots each rule (or mode) keeps
``plot_footprint``     ``retention_footprint``                snapshots held over time, the steady state
``plot_migration``     ``select_migration_path``              each feasible path's phases, writes stopped
=====================  =====================================  ==============================================
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._optional import require

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "BILL_COLORS",
    "MIGRATION_COLORS",
    "RETENTION_COLORS",
    "plot_bill",
    "plot_footprint",
    "plot_inventory",
    "plot_migration",
    "plot_retention",
    "plot_strategies",
]

Result = Mapping[str, Any]

# web-demo/style.css
ACCENT = "#1e40af"
TEXT = "#1b1f24"
MUTED = "#59636e"
GRID = "#e5e8ec"
OK = "#166534"
FAIL = "#b42318"
WARM_FILL, WARM_EDGE = "#93a8e6", ACCENT
COLD_FILL, COLD_EDGE = "#9bd4df", "#0e7490"
STEADY_FILL = "#dcfce7"
RPO_FILL, RPO_EDGE = "#fde2e2", "#e58a8a"
REMOVED = "#b8c0c8"

# web-demo/backup/simulate.js COST_KINDS: stacking order, label, colour
BILL_COLORS: Dict[str, Tuple[str, str]] = {
    "storage_warm": ("warm storage", "#1e40af"),
    "storage_cold": ("cold storage", "#0e7490"),
    "storage_continuous": ("continuous backup", "#7c3aed"),
    "transfer": ("copy transfer", "#c2410c"),
    "early_deletion": ("early deletion", "#b42318"),
    "restore": ("restores", "#64748b"),
}

# web-demo/migration/chart.js MIGRATION_PHASES
MIGRATION_COLORS: Dict[str, Tuple[str, str]] = {
    "schema_conversion": ("schema conversion", "#7c3aed"),
    "copy": ("copy", "#1d4ed8"),
    "catch_up": ("catch-up", "#0e7490"),
    "cut_over": ("cut-over", "#b45309"),
}

# web-demo/retention/chart.js RULES
RETENTION_COLORS: Dict[str, str] = {
    "last": "#1e40af",
    "secondly": "#4338ca",
    "minutely": "#6d28d9",
    "hourly": "#7c3aed",
    "daily": "#0e7490",
    "weekly": "#15803d",
    "monthly": "#a16207",
    "yearly": "#c2410c",
    "within": "#047857",
    "within_hourly": "#047857",
    "within_daily": "#047857",
    "within_weekly": "#047857",
    "within_monthly": "#047857",
    "within_yearly": "#047857",
    "tags": "#be185d",
    "lifecycle": "#1e40af",
    "oldest": "#9333ea",
}

# web-demo/strategies/chart.js PHASE_COLORS
PHASE_COLORS: Dict[str, str] = {
    "detect": "#475569",
    "notify_escalate": "#64748b",
    "declare": "#334155",
    "deploy_infrastructure": "#7c3aed",
    "restore_data": "#1d4ed8",
    "failover": "#0e7490",
    "promote_replica": "#0e7490",
    "start_compute": "#b45309",
    "scale_out": "#a16207",
    "traffic_shift": "#15803d",
    "validate": "#0f766e",
}
FALLBACK = ["#9333ea", "#be185d", "#4d7c0f", "#0369a1", "#c2410c"]


def _plt() -> Any:
    return require("matplotlib.pyplot", "drplan.plots")


def _axes(ax: Optional["Axes"], size: Tuple[float, float]) -> "Axes":
    if ax is not None:
        return ax
    _, new = _plt().subplots(figsize=size, layout="constrained")
    return new  # type: ignore[no-any-return]


def _style(ax: "Axes", title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", color=TEXT)
    ax.set_xlabel(xlabel, color=MUTED)
    ax.set_ylabel(ylabel, color=MUTED)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#aab3bd")
    ax.tick_params(colors=MUTED, labelsize=9)
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _legend(ax: "Axes", **kw: Any) -> None:
    ax.legend(frameon=False, fontsize=9, labelcolor=TEXT, **kw)


def _hours_unit(max_seconds: float) -> Tuple[float, str]:
    if max_seconds >= 3 * 86400:
        return 86400.0, "days"
    if max_seconds >= 3 * 3600:
        return 3600.0, "hours"
    return 60.0, "minutes"


# -------------------------------------------------------------------------------------------- simulation


def plot_inventory(simulation: Result, ax: Optional["Axes"] = None) -> "Axes":
    """GiB the vaults hold over the simulated horizon: warm and cold stacked (web demo colours),
    the steady state as a dashed green line with its label."""
    from .frames import inventory_frame

    frame = inventory_frame(simulation)
    ax = _axes(ax, (9, 3.6))
    x = frame.index.to_series().dt.tz_convert(None)  # matplotlib dates are naive UTC
    ax.stackplot(
        x,
        frame["warm_gib"],
        frame["cold_gib"],
        labels=["warm GiB", "cold GiB"],
        colors=[WARM_FILL, COLD_FILL],
        edgecolor=[WARM_EDGE, COLD_EDGE],
        linewidth=1,
    )
    steady = simulation["inventory"]["steady_state"]
    if steady.get("reached") and steady.get("at"):
        pd = require("pandas", "drplan.plots")
        at = pd.Timestamp(steady["at"]).tz_convert(None)
        ax.axvline(at, color=OK, linestyle=(0, (4, 3)), linewidth=1.5, label="steady state")
        ax.annotate("steady", (at, 1), xycoords=("data", "axes fraction"), xytext=(4, -12),
                    textcoords="offset points", color=OK, fontsize=9, fontweight="bold")
    ax.set_ylim(bottom=0)
    ax.margins(x=0)
    _style(ax, f"Inventory of {simulation.get('plan_name') or 'the plan'}", "time (UTC)", "GiB held")
    _legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


# -------------------------------------------------------------------------------------------------- cost


def plot_bill(bill: Result, ax: Optional["Axes"] = None) -> "Axes":
    """The monthly bill stacked by component (warm, cold, continuous, transfer, early deletion,
    restores), with the steady-state monthly figure as a dashed line when the bill settles."""
    months = bill["months"]
    ax = _axes(ax, (9, 3.6))
    x = [m["month"] for m in months]
    bottom = [0.0] * len(months)
    for kind, (label, color) in BILL_COLORS.items():
        values = [float(m["usd"].get(f"{kind}_usd", 0.0)) for m in months]
        if not any(values):
            continue
        ax.bar(x, values, bottom=bottom, color=color, label=label, width=0.8, alpha=0.9)
        bottom = [b + v for b, v in zip(bottom, values)]
    ss = bill.get("steady_state") or {}
    if ss.get("reached") and ss.get("monthly_usd") is not None:
        ax.axhline(ss["monthly_usd"], color=OK, linestyle=(0, (4, 3)), linewidth=1.5,
                   label=f"steady ${ss['monthly_usd']:,.2f}/month from month {ss['from_month']}")
    ax.set_xlim(0.4, max(x, default=1) + 0.6)
    _style(ax, f"Monthly bill (total ${bill['horizon_usd']['total_usd']:,.2f} over {bill['horizon_months']} months)",
           "month", "USD")
    _legend(ax, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


# -------------------------------------------------------------------------------------------- strategies


_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000]


def _step(longest: float) -> float:
    """The smallest round step that divides ``longest`` seconds into at most 4 ticks."""
    return float(next((s for s in _STEPS if longest / s <= 4), _STEPS[-1] * (longest // (_STEPS[-1] * 4) + 1)))


def _tick(seconds: float) -> str:
    for size, name in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)} {name}"
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


def plot_strategies(result: Result, disruption: str = "region", ax: Optional["Axes"] = None) -> "Axes":
    """One row per strategy for one disruption, like the web demo's timeline: the RPO window
    hatched to the left of the disaster (data lost), the recovery phases to the right (time to
    recover), the policy's targets as red dashed lines; beside each row its RTO and RPO and what sets
    them (the binding component, or people time). The two sides have their own scales (an RPO
    of a day beside an RTO of minutes); the axis labels are durations. Accepts
    ``assess_strategies`` or one ``estimate_recovery`` result."""
    strategies: List[Mapping[str, Any]] = list(result["strategies"]) if "strategies" in result else [result]
    targets = ((result.get("policy") or {}).get("targets") or {}).get(disruption) or {}
    rows = [(s, next((e for e in s["estimates"] if e["disruption"] == disruption), None)) for s in strategies]
    shown = [e for _, e in rows if e is not None and e["covered"]]
    max_rto = max([float(e["rto_seconds"] or 0) for e in shown] + [float(targets.get("rto_seconds") or 0), 60.0])
    max_rpo = max([float(e["rpo_seconds"] or 0) for e in shown] + [float(targets.get("rpo_seconds") or 0), 60.0])
    rto_step, rpo_step = _step(max_rto), _step(max_rpo)
    rto_max = max(rto_step, -(-max_rto // rto_step) * rto_step)
    rpo_max = max(rpo_step, -(-max_rpo // rpo_step) * rpo_step)

    def xr(t: float) -> float:
        return t / rto_max

    def xl(t: float) -> float:
        return -0.6 * t / rpo_max

    ax = _axes(ax, (9, 0.75 * len(rows) + 1.9))
    colors: Dict[str, str] = {}
    fallback = iter(FALLBACK * 10)
    legend: Dict[str, Any] = {}
    labels: List[str] = []
    for i, (s, est) in enumerate(rows):
        y = float(len(rows) - 1 - i)
        labels.append(str(s.get("label") or s["strategy"]))
        if est is None or not est["covered"]:
            why = "not applicable" if est is not None and not est["applicable"] else "not covered"
            ax.text(0.02, y, why, va="center", color=FAIL, fontsize=9, style="italic")
            continue
        rpo = float(est["rpo_seconds"] or 0)
        if rpo > 0:
            bar = ax.barh(y, xl(rpo), left=0, height=0.55, color=RPO_FILL, edgecolor=RPO_EDGE, hatch="////",
                          linewidth=1)
            legend.setdefault("RPO window (data lost)", bar)
        tracks = sorted({t["track"] for t in est["timeline"]})
        h = 0.55 / max(len(tracks), 1)
        for t in est["timeline"]:
            name = t["name"]
            if name not in colors:
                colors[name] = PHASE_COLORS.get(name) or next(fallback)
            lane = tracks.index(t["track"])
            start, end = xr(float(t["start_seconds"])), xr(float(t["end_seconds"]))
            bar = ax.barh(y + 0.275 - h * (lane + 0.5), end - start, left=start, height=h * 0.9, color=colors[name])
            legend.setdefault(name.replace("_", " "), bar)
        # what sets each figure: the binding component (or people time) of the RTO and the RPO
        binding = est.get("binding") or {}
        set_by = [f"{m.upper()} set by {(binding.get(m) or {}).get('component') or 'people time'}"
               for m in ("rto", "rpo") if binding.get(m)]
        ax.text(xr(float(est["rto_seconds"] or 0)) + 0.015, y,
                f"RTO {est['rto']}, RPO {est['rpo']}" + (f"\n{'; '.join(set_by)}" if set_by else ""),
                va="center", fontsize=8.5, color=MUTED)
    ax.axvline(0, color=TEXT, linewidth=1.5)
    if targets.get("rto_seconds") is not None:
        legend["RTO target"] = ax.axvline(xr(float(targets["rto_seconds"])), color=FAIL, linestyle=(0, (4, 3)),
                                          linewidth=1.25)
    if targets.get("rpo_seconds") is not None:
        legend["RPO target"] = ax.axvline(xl(float(targets["rpo_seconds"])), color=FAIL, linestyle=(0, (4, 3)),
                                          linewidth=1.25)
    ticks = [xl(t) for t in _frange(rpo_step, rpo_max, rpo_step)][::-1] + [0.0]
    ticks += [xr(t) for t in _frange(rto_step, rto_max, rto_step)]
    names = [f"−{_tick(t)}" for t in _frange(rpo_step, rpo_max, rpo_step)][::-1] + ["disaster"]
    names += [_tick(t) for t in _frange(rto_step, rto_max, rto_step)]
    ax.set_xticks(ticks, names)
    ax.set_yticks(range(len(rows)), list(reversed(labels)))
    ax.set_xlim(-0.65, 1.45)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    _style(ax, f"Recovery timeline: {disruption.replace('_', ' ')}", "← data lost (RPO)      time to recover (RTO) →", "")
    ax.grid(False, axis="y")
    ax.legend(list(legend.values()), list(legend), frameon=False, fontsize=8.5, labelcolor=TEXT,
              loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=4)
    return ax


def _frange(step: float, stop: float, by: float) -> List[float]:
    out: List[float] = []
    t = step
    while t <= stop + 1e-9:
        out.append(t)
        t += by
    return out


# --------------------------------------------------------------------------------------------- retention


def plot_retention(
    results: Union[Result, Mapping[str, Result]],
    snapshots: Sequence[Any],
    ax: Optional["Axes"] = None,
) -> "Axes":
    """Which snapshots are kept, on a time axis.

    One ``apply_retention`` result: one lane per rule that kept something (the rule's colour from the
    web demo) and a grey lane of removed snapshots. A mapping of label → result (the same snapshots
    under several modes or policies): one lane per label, kept ticks in the accent colour, removed in
    grey, each lane's kept count on its right.
    """
    from .frames import retention_frame

    single = "kept" in results
    ax = _axes(ax, (9, 2.8 if single else 0.55 * len(results) + 1.6))
    lanes: List[Tuple[str, Any, Any]] = []  # (label, times, colour) per lane, top to bottom
    if single:
        frame = retention_frame(results, snapshots)
        for rule in frame["rule"].cat.categories:
            times = frame.loc[frame["rule"] == rule, "time"]
            lanes.append((str(rule), times, RETENTION_COLORS.get(str(rule), ACCENT)))
        lanes.append(("removed", frame.loc[~frame["kept"], "time"], REMOVED))
    else:
        for label, result in results.items():
            frame = retention_frame(result, snapshots)
            lanes.append((f"{label}", frame.loc[frame["kept"], "time"], ACCENT))
            lanes.append(("", frame.loc[~frame["kept"], "time"], REMOVED))
    ticks: List[float] = []
    names: List[str] = []
    y = 0.0
    for label, times, color in lanes:
        if single or label:
            y -= 1
            ticks.append(y)
            names.append(label + (f" ({len(times)})" if single else f" ({len(times)} kept)"))
        x = times.dt.tz_convert(None)
        removed = color == REMOVED
        ax.scatter(x, [y] * len(x), marker="|", s=120 if not removed else 80, color=color,
                   linewidths=2.5 if not removed else 1.5, label="removed" if removed else label)
    ax.set_yticks(ticks, names)
    ax.set_ylim(y - 0.7, -0.3)
    _style(ax, "Snapshots kept" if single else "Snapshots kept, compared", "snapshot time (UTC)", "")
    ax.grid(False, axis="y")
    return ax


def plot_footprint(result: Result, ax: Optional["Axes"] = None) -> "Axes":
    """Snapshots held over time (the accent line, cold ones shaded) and the steady-state band."""
    from .frames import footprint_frame

    pd = require("pandas", "drplan.plots")
    frame = footprint_frame(result)
    ax = _axes(ax, (9, 3.2))
    x = frame.index.to_series().dt.tz_convert(None)
    ax.step(x, frame["held"], where="post", color=ACCENT, linewidth=1.6, label="held")
    if frame["cold_held"].any():
        ax.fill_between(x, frame["cold_held"], step="post", color=COLD_FILL, edgecolor=COLD_EDGE, label="cold")
    ss = result.get("steady_state")
    if ss and ss.get("from"):
        ax.axvspan(pd.Timestamp(ss["from"]).tz_convert(None), x.iloc[-1], color=STEADY_FILL, alpha=0.8,
                   label=f"steady: {ss['min_held']}–{ss['max_held']} held")
    ax.set_ylim(bottom=0)
    ax.margins(x=0)
    _style(ax, f"Footprint ({result['mode']})", "time (UTC)", "snapshots held")
    _legend(ax, loc="lower right")
    return ax


# --------------------------------------------------------------------------------------------- migration


def plot_migration(result: Result, ax: Optional["Axes"] = None) -> "Axes":
    """Each feasible path (rank order, the recommended one on top and in bold): its phases as
    coloured segments (schema conversion, copy, catch-up, cut-over), a dark edge where writes are
    stopped."""
    paths = list(result["feasible"])
    longest = max([float(ph["end_seconds"]) for p in paths for ph in p["timeline"]] + [60.0])
    unit, unit_name = _hours_unit(longest)
    ax = _axes(ax, (9, 0.5 * len(paths) + 1.6))
    seen: set[str] = set()
    for i, p in enumerate(paths):
        y = len(paths) - 1 - i
        for ph in p["timeline"]:
            label, color = MIGRATION_COLORS.get(ph["phase"], (ph["phase"].replace("_", " "), "#475569"))
            start, end = float(ph["start_seconds"]) / unit, float(ph["end_seconds"]) / unit
            ax.barh(y, end - start, left=start, height=0.6, color=color,
                    edgecolor="#7f1d1d" if ph["writes_stopped"] else "none", linewidth=1.2,
                    label=label if label not in seen else None)
            seen.add(label)
        ax.text(float(p["duration_seconds"]) / unit + longest / unit * 0.01, y, f"downtime {p['downtime']}",
                va="center", fontsize=8.5, color=MUTED)
    ax.set_yticks(range(len(paths)), [f"{p['rank']}. {p['path']}" for p in reversed(paths)])
    for tick, p in zip(ax.get_yticklabels(), list(reversed(paths))):
        if p["path"] == result.get("recommended"):
            tick.set_fontweight("bold")
    ax.set_xlim(0, longest / unit * 1.3)
    _style(ax, "Migration paths (dark edge: writes stopped)", unit_name, "")
    ax.grid(False, axis="y")
    _legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4)
    return ax
