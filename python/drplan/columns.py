"""Long series as columns: one array per field instead of one dict per item.

``schedule_runs`` lists its runs as dicts (five keys each) and stops at 100,000; for a long
expansion (a five-minute cron over ten years is a million runs) :func:`schedule_runs` here returns
the same answer as columns, with no 100,000-run ceiling (the core's columns budget, 8,388,608 runs,
bounds the memory). :func:`inventory` and :func:`bill_months` give the simulation's inventory series
and the bill's months as columns.

A column is a ``numpy.ndarray`` when numpy is installed (``numpy=None``, the default, or
``numpy=True``), else an ``array.array`` (``numpy=False``, or numpy missing): both expose the
buffer protocol, so ``numpy.frombuffer``, ``memoryview`` and pandas read them without a copy.
Instants are seconds since the Unix epoch (UTC, ``int64``); ``None`` entries in an optional
float series are NaN.
"""
from __future__ import annotations

import array
import importlib
from typing import Any, Dict, Mapping, Optional, Sequence

from . import _native

__all__ = ["bill_months", "inventory", "schedule_runs"]

Column = Any  # numpy.ndarray or array.array


def _numpy(want: Optional[bool]) -> Any:
    if want is False:
        return None
    try:
        return importlib.import_module("numpy")
    except ImportError:
        if want:
            raise ImportError("numpy=True needs numpy: pip install numpy") from None
        return None


def _column(values: "array.array[Any]", np: Any) -> Column:
    if np is None:
        return values
    return np.frombuffer(values, dtype=np.dtype(values.typecode))  # a view: no copy


def schedule_runs(
    expression: str,
    time_zone: Optional[str],
    from_: str,
    until: Optional[str] = None,
    limit: Optional[int] = None,
    options: Optional[Mapping[str, Any]] = None,
    *,
    numpy: Optional[bool] = None,
) -> Dict[str, Any]:
    """:func:`drplan.schedule_runs` as columns: the same arguments, answers and errors, but no
    100,000-run ceiling and ``limit`` optional (without it, every run before ``until``).

    The result has ``schedule_runs``' keys except ``runs``; ``columns`` holds, one entry per run:
    ``utc`` (epoch seconds, int64), ``offset_seconds`` (the zone's UTC offset at the run, int32:
    local wall time = ``utc + offset_seconds``), ``dst`` (int8: −1 when DST did not move the run,
    else an index into ``dst_codes``, the names ``schedule_runs`` gives), and
    ``start_window_end_utc`` / ``completion_window_end_utc`` (epoch seconds, or ``None`` when no
    window was asked for)."""
    out: Dict[str, Any] = _native.schedule_run_columns(expression, time_zone, from_, until, limit, options)
    np = _numpy(numpy)
    if np is not None:
        out["columns"] = {k: (None if v is None else _column(v, np)) for k, v in out["columns"].items()}
    return out


def _floats(values: Sequence[Optional[float]], np: Any) -> Column:
    data = array.array("d", (float("nan") if v is None else float(v) for v in values))
    return _column(data, np)


def _ints(values: Sequence[int], np: Any) -> Column:
    return _column(array.array("q", values), np)


def inventory(simulation: Mapping[str, Any], by: str = "total", *, numpy: Optional[bool] = None) -> Dict[str, Any]:
    """A ``simulate_backup_plan`` result's inventory as columns: ``sample_seconds`` (float64, from
    the simulation's start), ``time`` (epoch seconds, int64) and, for ``by="total"``, the total's
    ``warm_count``, ``cold_count`` (int64), ``warm_gib``, ``cold_gib`` (float64); for ``by="vault"``
    or ``"region"``, ``series``: one such dict per vault (or Region) with its ``vault``, ``region``,
    ``account`` and ``air_gapped``."""
    from datetime import datetime

    np = _numpy(numpy)
    inv = simulation["inventory"]
    start = datetime.fromisoformat(simulation["start"].replace("Z", "+00:00")).timestamp()
    seconds = inv["sample_seconds"]

    def series(g: Mapping[str, Any]) -> Dict[str, Any]:
        return {
            "warm_count": _ints(g["warm_count"], np),
            "cold_count": _ints(g["cold_count"], np),
            "warm_gib": _floats(g["warm_gib"], np),
            "cold_gib": _floats(g["cold_gib"], np),
        }

    out: Dict[str, Any] = {
        "sample_seconds": _floats(seconds, np),
        "time": _ints([int(round(start + s)) for s in seconds], np),
    }
    if by == "total":
        out.update(series(inv["total"]))
    elif by in ("vault", "region"):
        out["series"] = [
            dict(series(g), vault=g["vault"], region=g["region"], account=g["account"], air_gapped=bool(g["air_gapped"]))
            for g in inv["by_" + by]
        ]
    else:
        raise ValueError(f"by must be 'total', 'vault' or 'region', not {by!r}")
    return out


_BILL_USD = (
    "storage_warm_usd",
    "storage_cold_usd",
    "storage_continuous_usd",
    "transfer_usd",
    "early_deletion_usd",
    "restore_usd",
    "total_usd",
)


def bill_months(bill: Mapping[str, Any], *, numpy: Optional[bool] = None) -> Dict[str, Column]:
    """A ``backup_cost`` result's months as columns: ``month`` (1-based, int64), ``start_seconds``,
    ``end_seconds`` and every USD figure of the month's ``usd`` (float64), one entry per month."""
    np = _numpy(numpy)
    months = bill["months"]
    out: Dict[str, Column] = {
        "month": _ints([m["month"] for m in months], np),
        "start_seconds": _floats([m["start_seconds"] for m in months], np),
        "end_seconds": _floats([m["end_seconds"] for m in months], np),
    }
    keys = list(months[0]["usd"]) if months else list(_BILL_USD)
    for key in keys:
        out[key] = _floats([m["usd"].get(key) for m in months], np)
    return out
