"""polars DataFrames from drplan results (``pip install 'drplan[polars]'``; pandas not needed).

The same frames as :mod:`drplan.frames`, the polars way: instants are ``Datetime("us", "UTC")``
(local times ``Datetime("us", zone)``), names that repeat are ``Categorical``, missing values are
null. Built from columns (:mod:`drplan.columns`), never a dict per row for schedule runs.

==========================  =============================================  =======================
helper                      takes the result of                            one row per
==========================  =============================================  =======================
``runs_frame``              ``schedule_runs`` / ``columns.schedule_runs``  run
``inventory_frame``         ``simulate_backup_plan``                       sample (× vault/Region)
``bill_frame``              ``backup_cost``                                bill line of a month
``monthly_bill``            ``backup_cost``                                month
==========================  =============================================  =======================
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional

from . import columns as _columns
from ._optional import require

if TYPE_CHECKING:
    import polars

__all__ = ["bill_frame", "inventory_frame", "monthly_bill", "runs_frame"]

Result = Mapping[str, Any]


def _pl() -> Any:
    return require("polars", "drplan.polars_frames")


def _instants(pl: Any, name: str, seconds: Any, n: int) -> Any:
    """Epoch seconds (a buffer or list; None = all null) → Datetime("us", "UTC")."""
    if seconds is None:
        return pl.Series(name, [None] * n, dtype=pl.Datetime("us", "UTC"))
    s = pl.Series(name, list(seconds) if not hasattr(seconds, "dtype") else seconds, dtype=pl.Int64)
    return (s * 1_000_000).cast(pl.Datetime("us", "UTC"))


def _utc_strings(pl: Any, name: str, values: List[Optional[str]]) -> Any:
    s = pl.Series(name, values, dtype=pl.String)
    return s.str.to_datetime("%Y-%m-%dT%H:%M:%S%#z", time_unit="us", time_zone="UTC", strict=True)


def runs_frame(result: Result) -> "polars.DataFrame":
    """``schedule_runs`` or ``columns.schedule_runs`` → one row per run: ``utc``, ``local`` (in the
    schedule's zone), ``dst`` (Categorical, null when DST did not move the run),
    ``start_window_end_utc``, ``completion_window_end_utc`` (null without windows)."""
    pl = _pl()
    zone = result.get("time_zone") or "UTC"
    if "columns" not in result:
        # a dict result: its instants are the columns' (same runs, same windows)
        runs = result["runs"]
        utc = _utc_strings(pl, "utc", [r["utc"] for r in runs])
        cols = {
            "utc": utc,
            "dst": pl.Series("dst", [r["dst"] for r in runs], dtype=pl.String),
            "start_window_end_utc": _utc_strings(pl, "start_window_end_utc", [r["start_window_end_utc"] for r in runs]),
            "completion_window_end_utc": _utc_strings(
                pl, "completion_window_end_utc", [r["completion_window_end_utc"] for r in runs]
            ),
        }
    else:
        c = result["columns"]
        n = len(c["utc"])
        codes = list(result["dst_codes"])
        dst = [None if k < 0 else codes[k] for k in c["dst"]]
        cols = {
            "utc": _instants(pl, "utc", c["utc"], n),
            "dst": pl.Series("dst", dst, dtype=pl.String),
            "start_window_end_utc": _instants(pl, "start_window_end_utc", c["start_window_end_utc"], n),
            "completion_window_end_utc": _instants(pl, "completion_window_end_utc", c["completion_window_end_utc"], n),
        }
    frame = pl.DataFrame(cols).with_columns(
        pl.col("utc").dt.convert_time_zone(zone).alias("local"),
        pl.col("dst").cast(pl.Categorical),
    )
    return frame.select("utc", "local", "dst", "start_window_end_utc", "completion_window_end_utc")  # type: ignore[no-any-return]


def inventory_frame(simulation: Result, by: str = "total") -> "polars.DataFrame":
    """``simulate_backup_plan`` → the sampled inventory: ``time`` and ``warm_count``,
    ``cold_count`` (Int64), ``warm_gib``, ``cold_gib`` (Float64), ``count`` and ``gib``; with
    ``by="vault"`` or ``"region"`` one row per sample and vault (or Region) with ``vault``,
    ``region``, ``account`` (Categorical) and ``air_gapped``."""
    pl = _pl()
    cols = _columns.inventory(simulation, by=by, numpy=False)
    n = len(cols["time"])
    groups: List[Dict[str, Any]] = [cols] if by == "total" else cols["series"]
    frames = []
    for g in groups:
        data: Dict[str, Any] = {"time": _instants(pl, "time", cols["time"], n)}
        if by != "total":
            for key in ("region", "vault", "account"):
                data[key] = pl.Series(key, [g[key]] * n, dtype=pl.String)
            data["air_gapped"] = pl.Series("air_gapped", [g["air_gapped"]] * n, dtype=pl.Boolean)
        data["warm_count"] = pl.Series("warm_count", g["warm_count"], dtype=pl.Int64)
        data["cold_count"] = pl.Series("cold_count", g["cold_count"], dtype=pl.Int64)
        data["warm_gib"] = pl.Series("warm_gib", g["warm_gib"], dtype=pl.Float64)
        data["cold_gib"] = pl.Series("cold_gib", g["cold_gib"], dtype=pl.Float64)
        frames.append(pl.DataFrame(data))
    schema = {"time": pl.Datetime("us", "UTC"), "warm_count": pl.Int64, "cold_count": pl.Int64,
              "warm_gib": pl.Float64, "cold_gib": pl.Float64}
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    if by != "total":
        frame = frame.with_columns(pl.col(k).cast(pl.Categorical) for k in ("region", "vault", "account"))
    return frame.with_columns(  # type: ignore[no-any-return]
        (pl.col("warm_count") + pl.col("cold_count")).alias("count"),
        (pl.col("warm_gib") + pl.col("cold_gib")).alias("gib"),
    )


def bill_frame(bill: Result) -> "polars.DataFrame":
    """``backup_cost`` → one row per line of each month's bill: ``month``, ``kind``,
    ``resource_type``, ``region``, ``vault``, ``account``, ``source_region``, ``quantity_unit``,
    ``price_key`` (Categorical), ``quantity``, ``rate_usd``, ``usd`` (Float64) and ``formula``."""
    pl = _pl()
    rows = [(m, line) for m in bill["months"] for line in bill_lines(m)]
    cats = ("kind", "resource_type", "region", "vault", "account", "source_region", "quantity_unit", "price_key")
    data: Dict[str, Any] = {"month": pl.Series("month", [m["month"] for m, _ in rows], dtype=pl.Int64)}
    for key in cats:
        data[key] = pl.Series(key, [line.get(key) for _, line in rows], dtype=pl.String)
    for key in ("quantity", "rate_usd", "usd"):
        data[key] = pl.Series(key, [line[key] for _, line in rows], dtype=pl.Float64)
    data["formula"] = pl.Series("formula", [line["formula"] for _, line in rows], dtype=pl.String)
    return pl.DataFrame(data).with_columns(pl.col(k).cast(pl.Categorical) for k in cats)  # type: ignore[no-any-return]


def bill_lines(month: Mapping[str, Any]) -> List[Mapping[str, Any]]:
    lines: List[Mapping[str, Any]] = month["lines"]
    return lines


def monthly_bill(bill: Result) -> "polars.DataFrame":
    """``backup_cost`` → one row per month (every month of the horizon): ``month``,
    ``start_seconds``, ``end_seconds`` and the month's USD figures (``storage_warm_usd`` …
    ``total_usd``), from :func:`drplan.columns.bill_months`."""
    pl = _pl()
    cols = _columns.bill_months(bill, numpy=False)
    return pl.DataFrame(  # type: ignore[no-any-return]
        {k: pl.Series(k, list(v), dtype=pl.Int64 if k == "month" else pl.Float64) for k, v in cols.items()}
    )
