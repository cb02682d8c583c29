"""pandas DataFrames from drplan results (``pip install 'drplan[pandas]'``).

Each helper takes the dict a drplan function returns and builds a frame column by column: instants
are tz-aware ``datetime64`` (UTC, or the schedule's own zone for local times), durations are
``timedelta64`` beside the raw ``*_seconds`` floats, and names that repeat (Regions, vaults, rules,
cost components, disruptions) are ``category`` columns. Nothing is recomputed: every figure is the
engine's, only reshaped.

==========================  =============================================  =======================
helper                      takes the result of                            one row per
==========================  =============================================  =======================
``runs_frame``              ``schedule_runs``                              run
``recovery_points_frame``   ``simulate_backup_plan``                       record (or point)
``inventory_frame``         ``simulate_backup_plan``                       sample (× vault/Region)
``bill_frame``              ``backup_cost``                                bill line of a month
``monthly_bill``            ``backup_cost``                                month (a column per key)
``retention_frame``         ``apply_retention`` (+ its snapshots)          snapshot
``footprint_frame``         ``retention_footprint``                        sample
``migration_frame``         ``select_migration_path``                      path (feasible or not)
``migration_phases_frame``  ``select_migration_path``                      phase of a feasible path
``exclusions_frame``        ``select_migration_path``                      reason a path is out
``strategies_frame``        ``assess_strategies`` / ``estimate_recovery``  strategy × disruption
``cost_lines_frame``        ``assess_strategies`` / ``estimate_recovery``  cost line of a strategy
``mechanisms_frame``        ``assess_strategies`` / ``estimate_recovery``  strategy × component
``estate_resources_frame``  ``read_estate`` (or its ``estate``)             resource
==========================  =============================================  =======================
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence

from ._optional import require

if TYPE_CHECKING:
    import pandas

__all__ = [
    "bill_frame",
    "cost_lines_frame",
    "estate_resources_frame",
    "exclusions_frame",
    "footprint_frame",
    "inventory_frame",
    "mechanisms_frame",
    "migration_frame",
    "migration_phases_frame",
    "monthly_bill",
    "recovery_points_frame",
    "retention_frame",
    "runs_frame",
    "strategies_frame",
]

Result = Mapping[str, Any]


def _pd() -> Any:
    return require("pandas", "drplan.frames")


def _utc(values: Iterable[Any]) -> "pandas.Series[Any]":
    """RFC 3339 strings (any offset) or None → datetime64[ns, UTC]."""
    pd = _pd()
    out: "pandas.Series[Any]" = pd.Series(pd.to_datetime(list(values), utc=True, format="ISO8601"), dtype="datetime64[ns, UTC]")
    return out


def _at(start: str, seconds: Iterable[Optional[float]]) -> "pandas.Series[Any]":
    """Offsets in seconds from an RFC 3339 start → datetime64[ns, UTC] (None → NaT)."""
    pd = _pd()
    base = pd.Timestamp(start).tz_convert("UTC").as_unit("ns")
    secs = pd.Series([float("nan") if s is None else float(s) for s in seconds], dtype="float64")
    out: "pandas.Series[Any]" = (base + pd.to_timedelta(secs, unit="s")).astype("datetime64[ns, UTC]")
    return out


def _seconds(values: Iterable[Optional[float]]) -> "pandas.Series[Any]":
    pd = _pd()
    secs = pd.Series([float("nan") if s is None else float(s) for s in values], dtype="float64")
    out: "pandas.Series[Any]" = pd.to_timedelta(secs, unit="s").astype("timedelta64[ns]")
    return out


def _cat(values: Iterable[Any], categories: Optional[Sequence[str]] = None) -> "pandas.Series[Any]":
    pd = _pd()
    vals = list(values)
    if categories is None:
        # first-seen order, so a frame lists categories the way the result does
        seen: Dict[Any, None] = {}
        for v in vals:
            if v is not None:
                seen.setdefault(v, None)
        categories = list(seen)
    out: "pandas.Series[Any]" = pd.Series(pd.Categorical(vals, categories=list(categories)))
    return out


def _frame(columns: Dict[str, Any], index: Any = None) -> "pandas.DataFrame":
    pd = _pd()
    cols = {k: (v.reset_index(drop=True) if isinstance(v, pd.Series) else v) for k, v in columns.items()}
    frame = pd.DataFrame(cols)
    if index is not None:
        frame = frame.set_index(index)
    return frame  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------- schedule


def runs_frame(result: Result) -> "pandas.DataFrame":
    """``schedule_runs`` (or :func:`drplan.columns.schedule_runs`, built from its columns without a
    dict per run) → one row per run: ``utc`` (datetime64[ns, UTC]), ``local`` (tz-aware in the
    schedule's zone, so wall-clock fields and DST offsets read as AWS would run them), ``dst``
    (category: how a DST transition moved the run, or missing), and the start and completion window
    ends (UTC, NaT when the plan has no window)."""
    zone = result.get("time_zone") or "UTC"
    if "columns" in result:
        return _runs_from_columns(result["columns"], result["dst_codes"], zone)
    runs: List[Dict[str, Any]] = result["runs"]
    utc = _utc(r["utc"] for r in runs)
    return _frame(
        {
            "utc": utc,
            "local": utc.dt.tz_convert(zone),
            "dst": _cat(r["dst"] for r in runs),
            "start_window_end_utc": _utc(r["start_window_end_utc"] for r in runs),
            "completion_window_end_utc": _utc(r["completion_window_end_utc"] for r in runs),
        }
    )


def _epoch(values: Any, n: int) -> "pandas.Series[Any]":
    """Epoch seconds (any buffer) → datetime64[ns, UTC]; ``None`` → all NaT."""
    pd = _pd()
    np = require("numpy", "drplan.frames")
    if values is None:
        none: "pandas.Series[Any]" = pd.Series(pd.to_datetime([None] * n, utc=True), dtype="datetime64[ns, UTC]")
        return none
    secs = np.asarray(memoryview(values) if not hasattr(values, "dtype") else values, dtype="int64")
    out: "pandas.Series[Any]" = pd.Series(pd.to_datetime(secs, unit="s", utc=True)).astype("datetime64[ns, UTC]")
    return out


def _runs_from_columns(columns: Mapping[str, Any], codes: Sequence[str], zone: str) -> "pandas.DataFrame":
    pd = _pd()
    np = require("numpy", "drplan.frames")
    n = len(columns["utc"])
    utc = _epoch(columns["utc"], n)
    dst_codes = np.asarray(columns["dst"], dtype="int8")
    # the categories a dict result would show: the codes that occur, in first-seen order
    seen = [int(c) for c in pd.unique(dst_codes[dst_codes >= 0])]
    cats = [codes[c] for c in seen]
    remap = np.full(len(codes), -1, dtype="int8")
    for i, c in enumerate(seen):
        remap[c] = i
    dst = pd.Series(pd.Categorical.from_codes(np.where(dst_codes >= 0, remap[np.maximum(dst_codes, 0)], -1), categories=cats))
    return _frame(
        {
            "utc": utc,
            "local": utc.dt.tz_convert(zone),
            "dst": dst,
            "start_window_end_utc": _epoch(columns["start_window_end_utc"], n),
            "completion_window_end_utc": _epoch(columns["completion_window_end_utc"], n),
        }
    )


# -------------------------------------------------------------------------------------------- simulation


def _kind(point: Mapping[str, Any]) -> str:
    if point.get("copy") is not None:
        return "copy"
    return "continuous" if point.get("continuous") else "backup"


def recovery_points_frame(simulation: Result, *, expand: bool = False, chain_bases: bool = False) -> "pandas.DataFrame":
    """``simulate_backup_plan`` → its recovery points.

    The engine stores a regular run of points as one record with ``repeat: {count, every_seconds}``;
    by default the frame keeps one row per record with ``count`` and ``every`` columns (so
    ``frame["count"].sum() == simulation["point_count"]``). ``expand=True`` gives one row per point,
    each instant shifted by ``every``. ``chain_bases=True`` adds the full data an expired chain still
    references (``kind == "chain_base"``; billed, but not a recovery point).

    Columns: ``kind`` (backup, copy, continuous, chain_base), ``resource_id``, ``resource_type``,
    ``region``, ``vault``, ``account`` (categories), ``created_at``, ``cold_at``, ``deleted_at``
    (datetime64[ns, UTC]; NaT when never), ``size_gib``, ``full_size_gib``, ``full``, ``source_region``
    and ``transferred_gib`` for copies, ``count`` and ``every``.
    """
    pd = _pd()
    records: List[Dict[str, Any]] = [dict(p, _kind=_kind(p)) for p in simulation["recovery_points"]]
    if chain_bases:
        records += [dict(p, _kind="chain_base") for p in simulation["chain_bases"]]
    if expand:
        out = []
        for p in records:
            rep = p.get("repeat")
            n, every = (int(rep["count"]), float(rep["every_seconds"])) if rep else (1, 0.0)
            for i in range(n):
                q = dict(p, repeat=None)
                for key in ("created_at_seconds", "cold_at_seconds", "deleted_at_seconds"):
                    if q.get(key) is not None:
                        q[key] = q[key] + i * every
                out.append(q)
        records = out
    start = simulation["start"]
    copy = [p.get("copy") or {} for p in records]
    return _frame(
        {
            "kind": _cat((p["_kind"] for p in records), ["backup", "copy", "continuous", "chain_base"]),
            "resource_id": _cat(p["resource_id"] for p in records),
            "resource_type": _cat(p["resource_type"] for p in records),
            "region": _cat(p["region"] for p in records),
            "vault": _cat(p["vault"] for p in records),
            "account": _cat(p.get("account") for p in records),
            "created_at": _at(start, (p["created_at_seconds"] for p in records)),
            "cold_at": _at(start, (p.get("cold_at_seconds") for p in records)),
            "deleted_at": _at(start, (p.get("deleted_at_seconds") for p in records)),
            "size_gib": pd.Series([float(p["size_gib"]) for p in records], dtype="float64"),
            "full_size_gib": pd.Series([p.get("full_size_gib") for p in records], dtype="float64"),
            "full": pd.Series([bool(p["full"]) for p in records], dtype="bool"),
            "source_region": _cat(c.get("source_region") for c in copy),
            "transferred_gib": pd.Series([c.get("transferred_gib") for c in copy], dtype="float64"),
            "count": pd.Series([int((p.get("repeat") or {}).get("count", 1)) for p in records], dtype="int64"),
            "every": _seconds((p.get("repeat") or {}).get("every_seconds") for p in records),
        }
    )


_INVENTORY = ("warm_count", "cold_count", "warm_gib", "cold_gib")


def inventory_frame(simulation: Result, by: str = "total") -> "pandas.DataFrame":
    """``simulate_backup_plan`` → the sampled inventory (what the vaults hold over time).

    ``by="total"``: indexed by ``time`` (datetime64[ns, UTC]), columns ``warm_count``, ``cold_count``,
    ``warm_gib``, ``cold_gib``, ``count`` and ``gib`` (warm + cold). ``by="vault"`` or ``by="region"``:
    a long frame, one row per sample and vault (or Region), with ``region``, ``vault``, ``account``
    (categories) and ``air_gapped``; pivot it with ``frame.pivot_table(index="time", columns="vault",
    values="gib")``.
    """
    pd = _pd()
    inv = simulation["inventory"]
    times = _at(simulation["start"], inv["sample_seconds"])
    if by == "total":
        groups = [inv["total"]]
    elif by in ("vault", "region"):
        groups = inv["by_" + by]
    else:
        raise ValueError(f"by must be 'total', 'vault' or 'region', not {by!r}")
    n = len(inv["sample_seconds"])
    cols: Dict[str, Any] = {"time": pd.concat([times] * len(groups), ignore_index=True)}
    if by != "total":
        for key in ("region", "vault", "account"):
            cols[key] = _cat(g[key] for g in groups for _ in range(n))
        cols["air_gapped"] = pd.Series([bool(g["air_gapped"]) for g in groups for _ in range(n)], dtype="bool")
    for key in _INVENTORY:
        dtype = "int64" if key.endswith("count") else "float64"
        cols[key] = pd.Series([v for g in groups for v in g[key]], dtype=dtype)
    frame = _frame(cols)
    frame["count"] = frame["warm_count"] + frame["cold_count"]
    frame["gib"] = frame["warm_gib"] + frame["cold_gib"]
    return frame.set_index("time") if by == "total" else frame


# -------------------------------------------------------------------------------------------------- cost

BILL_KINDS = ["storage_warm", "storage_cold", "storage_continuous", "transfer", "early_deletion", "restore"]


def bill_frame(bill: Result) -> "pandas.DataFrame":
    """``backup_cost`` → one row per line of each month's bill: ``month`` (1-based), ``start`` and
    ``end`` (timedelta from the first point's time origin), ``kind`` (category in the bill's
    component order: storage_warm, storage_cold, storage_continuous, transfer, early_deletion,
    restore), ``resource_type``, ``region``, ``vault``, ``account``, ``source_region`` (categories),
    ``quantity``, ``quantity_unit``, ``rate_usd``, ``usd``, ``price_key`` and ``formula``."""
    pd = _pd()
    rows = [(m, line) for m in bill["months"] for line in m["lines"]]
    kinds = list(BILL_KINDS) + sorted({line["kind"] for _, line in rows} - set(BILL_KINDS))
    return _frame(
        {
            "month": pd.Series([m["month"] for m, _ in rows], dtype="int64"),
            "start": _seconds(m["start_seconds"] for m, _ in rows),
            "end": _seconds(m["end_seconds"] for m, _ in rows),
            "kind": _cat((line["kind"] for _, line in rows), kinds),
            "resource_type": _cat(line.get("resource_type") for _, line in rows),
            "region": _cat(line.get("region") for _, line in rows),
            "vault": _cat(line.get("vault") for _, line in rows),
            "account": _cat(line.get("account") for _, line in rows),
            "source_region": _cat(line.get("source_region") for _, line in rows),
            "quantity": pd.Series([line["quantity"] for _, line in rows], dtype="float64"),
            "quantity_unit": _cat(line["quantity_unit"] for _, line in rows),
            "rate_usd": pd.Series([line["rate_usd"] for _, line in rows], dtype="float64"),
            "usd": pd.Series([line["usd"] for _, line in rows], dtype="float64"),
            "price_key": _cat(line["price_key"] for _, line in rows),
            "formula": pd.Series([line["formula"] for _, line in rows], dtype="object"),
        }
    )


def monthly_bill(bill: Result, by: str = "kind") -> "pandas.DataFrame":
    """``backup_cost`` → USD per month (index ``month``, every month of the horizon, even an empty
    one) with one column per value of ``by``: ``"kind"`` (cost component, in the bill's order,
    components that never cost anything left out), ``"vault"``, ``"region"`` or ``"resource_type"``;
    plus ``total``."""
    pd = _pd()
    if by not in ("kind", "vault", "region", "resource_type"):
        raise ValueError(f"by must be 'kind', 'vault', 'region' or 'resource_type', not {by!r}")
    lines = bill_frame(bill)
    months = pd.Index([m["month"] for m in bill["months"]], name="month", dtype="int64")
    table = lines.pivot_table(index="month", columns=by, values="usd", aggfunc="sum", observed=True, fill_value=0.0)
    table = table.reindex(months, fill_value=0.0)
    table = table.loc[:, [c for c in table.columns if (table[c] != 0).any()]]
    table.columns = pd.Index([str(c) for c in table.columns], name=by)
    table["total"] = pd.Series([m["usd"]["total_usd"] for m in bill["months"]], index=months, dtype="float64")
    return table


# --------------------------------------------------------------------------------------------- retention


def _snapshot_time(s: Any) -> Any:
    if isinstance(s, Mapping):
        s = s.get("time")
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        return _pd().Timestamp(s, unit="s", tz="UTC")
    return s


def retention_frame(result: Result, snapshots: Optional[Sequence[Any]] = None) -> "pandas.DataFrame":
    """``apply_retention`` → one row per snapshot, in input order (index ``index``): ``time``
    (datetime64[ns, UTC]), ``kept`` (bool), ``rule`` (category: the first rule that kept it, e.g.
    ``daily``, ``within``, ``lifecycle``; missing when removed), ``reasons`` (every reason's label,
    joined with "; "), ``storage`` (warm/cold, AWS lifecycle only), ``move_to_cold_storage_at`` and
    ``delete_at``.

    The result names removed snapshots by their input index only; pass the ``snapshots`` given to
    ``apply_retention`` to have their times too (without them, removed rows have ``time`` NaT).
    """
    pd = _pd()
    kept = {k["index"]: k for k in result["kept"]}
    n = len(snapshots) if snapshots is not None else max([*kept, *result["removed"]], default=-1) + 1
    order = range(n)
    times: List[Any] = []
    for i in order:
        if snapshots is not None:
            times.append(_snapshot_time(snapshots[i]))
        else:
            times.append(kept[i]["time"] if i in kept else None)
    rules: List[Optional[str]] = []
    reasons: List[Optional[str]] = []
    for i in order:
        k = kept.get(i)
        rules.append(k["reasons"][0]["rule"] if k and k["reasons"] else None)
        reasons.append("; ".join(r["label"] for r in k["reasons"]) if k else None)
    frame = _frame(
        {
            "index": pd.Series(list(order), dtype="int64"),
            "time": _utc(times),
            "kept": pd.Series([i in kept for i in order], dtype="bool"),
            "rule": _cat(rules),
            "reasons": pd.Series(reasons, dtype="object"),
            "storage": _cat((kept[i].get("storage") if i in kept else None for i in order), ["warm", "cold"]),
            "move_to_cold_storage_at": _utc(kept[i].get("move_to_cold_storage_at") if i in kept else None for i in order),
            "delete_at": _utc(kept[i].get("delete_at") if i in kept else None for i in order),
        },
        index="index",
    )
    return frame


def footprint_frame(result: Result) -> "pandas.DataFrame":
    """``retention_footprint`` → the sampled count of snapshots held, indexed by ``time``
    (datetime64[ns, UTC]): ``elapsed`` (timedelta), ``held``, ``cold_held``, ``snapshots_taken``."""
    pd = _pd()
    series = result["series"]
    return _frame(
        {
            "time": _utc(s["time"] for s in series),
            "elapsed": _seconds(s["elapsed_seconds"] for s in series),
            "held": pd.Series([s["held"] for s in series], dtype="int64"),
            "cold_held": pd.Series([s["cold_held"] for s in series], dtype="int64"),
            "snapshots_taken": pd.Series([s["snapshots_taken"] for s in series], dtype="int64"),
        },
        index="time",
    )


# --------------------------------------------------------------------------------------------- migration


def migration_frame(result: Result) -> "pandas.DataFrame":
    """``select_migration_path`` → one row per path, feasible ones first in rank order, indexed by
    ``path``: ``label``, ``feasible``, ``recommended`` (bools), ``rank`` (nullable Int64), ``kind``
    (category), ``downtime`` and ``duration`` (timedelta, NaT for excluded paths), ``effort``,
    ``risk`` (nullable Int64), ``cost_usd``, and ``excluded_because`` (the reason codes, joined)."""
    pd = _pd()
    feasible = list(result["feasible"])
    excluded = list(result["excluded"])
    rows: List[Mapping[str, Any]] = feasible + excluded
    nf = len(feasible)
    return _frame(
        {
            "path": pd.Series([r["path"] for r in rows], dtype="object"),
            "label": pd.Series([r["label"] for r in rows], dtype="object"),
            "feasible": pd.Series([i < nf for i in range(len(rows))], dtype="bool"),
            "recommended": pd.Series([r["path"] == result.get("recommended") for r in rows], dtype="bool"),
            "rank": pd.Series([r["rank"] for r in feasible] + [None] * len(excluded), dtype="Int64"),
            "kind": _cat([r["kind"] for r in feasible] + [None] * len(excluded)),
            "downtime": _seconds([r["downtime_seconds"] for r in feasible] + [None] * len(excluded)),
            "duration": _seconds([r["duration_seconds"] for r in feasible] + [None] * len(excluded)),
            "effort": pd.Series([r["effort"] for r in feasible] + [None] * len(excluded), dtype="Int64"),
            "risk": pd.Series([r["risk"] for r in feasible] + [None] * len(excluded), dtype="Int64"),
            "cost_usd": pd.Series([r["cost"]["total_usd"] for r in feasible] + [None] * len(excluded), dtype="float64"),
            "excluded_because": pd.Series(
                [None] * nf + ["; ".join(x["code"] for x in r["reasons"]) for r in excluded], dtype="object"
            ),
        },
        index="path",
    )


MIGRATION_PHASES = ["schema_conversion", "copy", "catch_up", "cut_over"]


def migration_phases_frame(result: Result) -> "pandas.DataFrame":
    """``select_migration_path`` → one row per phase of each feasible path's timeline: ``path``,
    ``rank``, ``phase`` (category: schema_conversion, copy, catch_up, cut_over), ``start`` and
    ``end`` (timedelta from the start of the migration), ``duration`` and ``writes_stopped``."""
    pd = _pd()
    rows = [(p, ph) for p in result["feasible"] for ph in p["timeline"]]
    phases = MIGRATION_PHASES + sorted({ph["phase"] for _, ph in rows} - set(MIGRATION_PHASES))
    frame = _frame(
        {
            "path": _cat(p["path"] for p, _ in rows),
            "rank": pd.Series([p["rank"] for p, _ in rows], dtype="int64"),
            "phase": _cat((ph["phase"] for _, ph in rows), phases),
            "start": _seconds(ph["start_seconds"] for _, ph in rows),
            "end": _seconds(ph["end_seconds"] for _, ph in rows),
            "writes_stopped": pd.Series([bool(ph["writes_stopped"]) for _, ph in rows], dtype="bool"),
        }
    )
    frame.insert(5, "duration", frame["end"] - frame["start"])
    return frame


def exclusions_frame(result: Result) -> "pandas.DataFrame":
    """``select_migration_path`` → one row per reason a path was excluded: ``path``, ``label``,
    ``code`` (category), ``message`` and ``section`` (the migration.md section it rests on)."""
    rows = [(p, r) for p in result["excluded"] for r in p["reasons"]]
    return _frame(
        {
            "path": _cat(p["path"] for p, _ in rows),
            "label": [p["label"] for p, _ in rows],
            "code": _cat(r["code"] for _, r in rows),
            "message": [r["message"] for _, r in rows],
            "section": [(r.get("reference") or {}).get("section") for _, r in rows],
        }
    )


# -------------------------------------------------------------------------------------------- strategies

DISRUPTIONS = ["az", "region", "corruption", "account_compromise"]


def strategies_frame(result: Result) -> "pandas.DataFrame":
    """``assess_strategies`` (or one ``estimate_recovery``) → one row per strategy × disruption:
    ``strategy``, ``label``, ``disruption`` (categories), ``applicable``, ``covered``, ``rpo`` and
    ``rto`` (timedelta; NaT when not covered), ``rpo_seconds``, ``rto_seconds``, ``mechanism``,
    ``monthly_usd`` (standby cost); what sets each figure: ``rto_binding`` / ``rpo_binding`` (the
    binding component, None when nothing is attributed) and ``rto_lever`` / ``rpo_lever`` (what would
    move it); what automation buys: ``rto_manual`` / ``rto_automated`` (timedelta: the RTO with
    escalation, declaration and validation all by people / all automated; NaT where no step waits
    on people); and for an assessment ``compliant``, ``cost_rank``, the policy's ``rpo_target`` /
    ``rto_target`` (timedelta) and ``passes`` (every check of that disruption passed; missing when
    the policy sets no target for it)."""
    pd = _pd()
    strategies: List[Mapping[str, Any]] = list(result["strategies"]) if "strategies" in result else [result]
    assessed = "strategies" in result
    targets: Mapping[str, Any] = (result.get("policy") or {}).get("targets") or {}
    rows = [(s, e) for s in strategies for e in s["estimates"]]
    disruptions = DISRUPTIONS + sorted({e["disruption"] for _, e in rows} - set(DISRUPTIONS))

    def passes(s: Mapping[str, Any], d: str) -> Optional[bool]:
        checks = [c["pass"] for c in s.get("checks", []) if c["disruption"] == d]
        return all(checks) if checks else None

    cols: Dict[str, Any] = {
        "strategy": _cat(s["strategy"] for s, _ in rows),
        "label": _cat(s.get("label", s["strategy"]) for s, _ in rows),
        "disruption": _cat((e["disruption"] for _, e in rows), disruptions),
        "applicable": pd.Series([bool(e["applicable"]) for _, e in rows], dtype="bool"),
        "covered": pd.Series([bool(e["covered"]) for _, e in rows], dtype="bool"),
        "rpo": _seconds(e.get("rpo_seconds") for _, e in rows),
        "rto": _seconds(e.get("rto_seconds") for _, e in rows),
        "rpo_seconds": pd.Series([e.get("rpo_seconds") for _, e in rows], dtype="float64"),
        "rto_seconds": pd.Series([e.get("rto_seconds") for _, e in rows], dtype="float64"),
        "mechanism": [e.get("mechanism") for _, e in rows],
        "monthly_usd": pd.Series([(s.get("monthly_cost") or {}).get("total_usd") for s, _ in rows], dtype="float64"),
    }
    for metric in ("rto", "rpo"):
        bound = [((e.get("binding") or {}).get(metric) or {}) for _, e in rows]
        cols[f"{metric}_binding"] = _cat(b.get("component") for b in bound)
        cols[f"{metric}_lever"] = [b.get("lever") for b in bound]
    effects = [e.get("automation") or {} for _, e in rows]
    cols["rto_manual"] = _seconds(a.get("rto_seconds_manual") for a in effects)
    cols["rto_automated"] = _seconds(a.get("rto_seconds_automated") for a in effects)
    if assessed:
        cols["compliant"] = pd.Series([bool(s["compliant"]) for s, _ in rows], dtype="bool")
        cols["cost_rank"] = pd.Series([s["cost_rank"] for s, _ in rows], dtype="Int64")
        cols["rpo_target"] = _seconds((targets.get(e["disruption"]) or {}).get("rpo_seconds") for _, e in rows)
        cols["rto_target"] = _seconds((targets.get(e["disruption"]) or {}).get("rto_seconds") for _, e in rows)
        cols["passes"] = pd.Series([passes(s, e["disruption"]) for s, e in rows], dtype="boolean")
    return _frame(cols)


def _strategies(result: Result) -> List[Mapping[str, Any]]:
    return list(result["strategies"]) if "strategies" in result else [result]


def cost_lines_frame(result: Result) -> "pandas.DataFrame":
    """``assess_strategies`` (or one ``estimate_recovery``) → one row per line of each strategy's
    monthly cost: ``strategy`` (category), ``item``, ``component`` (category), ``quantity``,
    ``unit`` (category), ``rate_usd``, ``free_quantity``, ``price_key`` (category; None for an
    unpriced line), ``usd``, ``basis`` (category), ``formula`` and ``source``. The ``usd`` of a
    strategy's lines sum to its ``monthly_cost.total_usd``."""
    pd = _pd()
    rows = [(s, it) for s in _strategies(result) for it in (s.get("monthly_cost") or {}).get("items", [])]

    def num(key: str) -> "pandas.Series[Any]":
        out: "pandas.Series[Any]" = pd.Series([it.get(key) for _, it in rows], dtype="float64")
        return out

    return _frame({
        "strategy": _cat(s["strategy"] for s, _ in rows),
        "item": [it["item"] for _, it in rows],
        "component": _cat(it.get("component") for _, it in rows),
        "quantity": num("quantity"),
        "unit": _cat(it.get("unit") for _, it in rows),
        "rate_usd": num("rate_usd"),
        "free_quantity": num("free_quantity"),
        "price_key": _cat(it.get("price_key") for _, it in rows),
        "usd": num("usd"),
        "basis": _cat(it.get("basis") for _, it in rows),
        "formula": [it.get("formula") for _, it in rows],
        "source": [it.get("source") for _, it in rows],
    })


def mechanisms_frame(result: Result) -> "pandas.DataFrame":
    """``assess_strategies`` (or one ``estimate_recovery``) → one row per strategy × component ×
    mechanism: ``strategy``, ``component``, ``mechanism`` (categories) and ``from_input`` (the
    workload named it, rather than the strategy's preset)."""
    pd = _pd()
    rows = [
        (s["strategy"], m["component"], x, x in m.get("from_input", []))
        for s in _strategies(result)
        for m in s.get("mechanisms") or []
        for x in m["mechanisms"]
    ]
    return _frame({
        "strategy": _cat(r[0] for r in rows),
        "component": _cat(r[1] for r in rows),
        "mechanism": _cat(r[2] for r in rows),
        "from_input": pd.Series([r[3] for r in rows], dtype="bool"),
    })


# ---------------------------------------------------------------------------------------------- estate


def estate_resources_frame(result: Result) -> "pandas.DataFrame":
    """``read_estate`` (or its ``estate``) → one row per resource: ``arn``, ``resource_type``,
    ``account`` and ``region`` (category), ``size_gib`` (float, NaN where the exports give no
    size), ``tags`` (dict), the native protection (``automated_backup_retention_days`` Int64,
    ``point_in_time_recovery`` and ``multi_az`` boolean, ``<NA>`` where the exports do not say;
    ``read_replicas`` and ``global_regions`` lists) and ``source``."""
    pd = _pd()
    estate = result["estate"] if "estate" in result else result
    rs = list(estate["resources"])
    native = [r.get("native") or {} for r in rs]
    return _frame(
        {
            "arn": [r["arn"] for r in rs],
            "resource_type": _cat(r.get("resource_type") for r in rs),
            "account": _cat(r.get("account") for r in rs),
            "region": _cat(r.get("region") for r in rs),
            "size_gib": pd.Series([float("nan") if r.get("size_gib") is None else float(r["size_gib"]) for r in rs], dtype="float64"),
            "tags": [dict(r.get("tags") or {}) for r in rs],
            "automated_backup_retention_days": pd.Series([n.get("automated_backup_retention_days") for n in native], dtype="Int64"),
            "point_in_time_recovery": pd.Series([n.get("point_in_time_recovery") for n in native], dtype="boolean"),
            "multi_az": pd.Series([n.get("multi_az") for n in native], dtype="boolean"),
            "read_replicas": [list(n.get("read_replicas") or []) for n in native],
            "global_regions": [list(n.get("global_regions") or []) for n in native],
            "source": [r.get("source") for r in rs],
        }
    )
