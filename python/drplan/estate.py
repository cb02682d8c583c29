"""An estate of any size, one partition at a time (``pip install 'drplan[dask]'`` for Dask).

``evaluate_partition`` evaluates the resources of one pandas DataFrame against the plans with the
core's ``evaluate_estate`` and returns one row per resource; ``evaluate_dask`` maps it over the
partitions of a Dask DataFrame with ``dask.dataframe.map_partitions`` (Dask schedules the
partitions; nothing here does). A resource's row depends only on the resource and the plans, so a
partitioned run equals a single-process one row for row. Each partition simulates the plans'
schedule groups it meets (a few per plan, type and Region); roll-ups are a ``groupby`` on the
result.

Input columns (one row per resource): ``arn`` (required), and when known ``resource_type``,
``account``, ``region``, ``size_gib``, ``change_rate``, ``tags`` (a dict or its JSON text) and
``tag:<key>`` columns, ``automated_backup_retention_days``, ``point_in_time_recovery``,
``multi_az``. Missing values (None/NaN) are left out, so the core applies its named defaults.

Output columns: see ``COLUMNS``. RPOs are seconds (NaN: not covered or unknown); ``plans`` is the
plan ids joined with ``,``; ``why`` the reasons joined with ``; ``.
"""
from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence

from . import _native
from ._optional import require

if TYPE_CHECKING:
    import pandas

__all__ = ["COLUMNS", "evaluate_partition", "evaluate_dask", "resources_from_frame"]

#: Rows the core returns per call (``MAX_ROWS`` of ``evaluate_estate``); larger partitions are
#: evaluated in chunks of this size.
CHUNK = 100_000

_DISRUPTIONS = ("az", "region", "corruption", "account_compromise")

#: Output columns and their dtypes.
COLUMNS: Dict[str, str] = {
    "arn": "object",
    "resource_type": "object",
    "account": "object",
    "region": "object",
    "protected": "bool",
    "unprotected_reason": "object",
    "plans": "object",
    "plan_count": "int64",
    "size_gib": "float64",
    "size_basis": "object",
    "monthly_usd": "float64",
    "extra_monthly_usd": "float64",
    **{f"rpo_{d}_seconds": "float64" for d in _DISRUPTIONS},
    "why": "object",
}

_NATIVE = ("automated_backup_retention_days", "point_in_time_recovery", "multi_az")


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, (dict, list, tuple)) else False
    except (ImportError, TypeError, ValueError):
        return False


def _plain(v: Any) -> Any:
    """numpy scalars as Python values (the core reads JSON-like values)."""
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, (str, bytes)) else v


def resources_from_frame(df: "pandas.DataFrame") -> List[Dict[str, Any]]:
    """The rows of ``df`` as ``evaluate_estate`` resources (missing values left out)."""
    cols = list(df.columns)
    tag_cols = [c for c in cols if isinstance(c, str) and c.startswith("tag:")]
    out: List[Dict[str, Any]] = []
    for rec in df.to_dict("records"):
        r: Dict[str, Any] = {"arn": str(rec["arn"])}
        for k in ("resource_type", "account", "region"):
            v = rec.get(k)
            if not _missing(v):
                r[k] = str(v)
        for k in ("size_gib", "change_rate"):
            v = rec.get(k)
            if not _missing(v):
                r[k] = _plain(v)
        tags: Dict[str, str] = {}
        t = rec.get("tags")
        if isinstance(t, str) and t:
            t = json.loads(t)
        if isinstance(t, Mapping):
            tags.update({str(k): str(v) for k, v in t.items()})
        for c in tag_cols:
            v = rec.get(c)
            if not _missing(v):
                tags[c[4:]] = str(v)
        if tags:
            r["tags"] = tags
        native = {k: _plain(rec[k]) for k in _NATIVE if k in rec and not _missing(rec[k])}
        if "point_in_time_recovery" in native:
            native["point_in_time_recovery"] = bool(native["point_in_time_recovery"])
        if "multi_az" in native:
            native["multi_az"] = bool(native["multi_az"])
        if "automated_backup_retention_days" in native:
            native["automated_backup_retention_days"] = int(native["automated_backup_retention_days"])
        if native:
            r["native"] = native
        out.append(r)
    return out


def _row(x: Mapping[str, Any]) -> Dict[str, Any]:
    rpo = {d["disruption"]: d.get("worst_seconds") for d in x["rpo"]}
    monthly = x.get("monthly_usd")
    row: Dict[str, Any] = {
        "arn": x["arn"],
        "resource_type": x["resource_type"],
        "account": x["account"],
        "region": x["region"],
        "protected": bool(x["protected"]),
        "unprotected_reason": x.get("unprotected_reason"),
        "plans": ",".join(p["plan_id"] for p in x["plans"]),
        "plan_count": len(x["plans"]),
        "size_gib": float(x["size_gib"]),
        "size_basis": x["size_basis"],
        "monthly_usd": float("nan") if monthly is None else float(monthly),
        "extra_monthly_usd": float(x["extra_monthly_usd"]),
        "why": "; ".join(x["why"]),
    }
    for d in _DISRUPTIONS:
        v = rpo.get(d)
        row[f"rpo_{d}_seconds"] = float("nan") if v is None else float(v)
    return row


def _frame(rows: List[Dict[str, Any]]) -> "pandas.DataFrame":
    pd = require("pandas", "drplan.estate")
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return df.astype(COLUMNS)  # type: ignore[no-any-return]


def evaluate_partition(
    df: "pandas.DataFrame",
    plans: Sequence[Mapping[str, Any]],
    options: Optional[Mapping[str, Any]] = None,
    *,
    book: Optional[Mapping[str, Any]] = None,
    opt_in: Optional[Sequence[Mapping[str, Any]]] = None,
) -> "pandas.DataFrame":
    """One row per resource of ``df`` (same order, index kept): the plans that select it, why
    none does, its worst RPO per disruption and its monthly bill, from ``evaluate_estate``."""
    opts = dict(options or {})
    opts["summary_only"] = False
    opts.pop("tag_keys", None)
    resources = resources_from_frame(df)
    rows: List[Dict[str, Any]] = []
    for start in range(0, len(resources), CHUNK):
        estate = {
            "plans": list(plans),
            "resources": resources[start : start + CHUNK],
            "opt_in": list(opt_in or []),
        }
        out = _native.evaluate_estate(estate, book, opts)
        rows.extend(_row(x) for x in out["resources"])
    frame = _frame(rows)
    frame.index = df.index
    return frame


def evaluate_dask(
    ddf: Any,
    plans: Sequence[Mapping[str, Any]],
    options: Optional[Mapping[str, Any]] = None,
    *,
    book: Optional[Mapping[str, Any]] = None,
    opt_in: Optional[Sequence[Mapping[str, Any]]] = None,
) -> Any:
    """``evaluate_partition`` over every partition of the Dask DataFrame ``ddf``
    (``dask.dataframe.map_partitions``): lazy; call ``.compute()`` or write it out."""
    require("dask.dataframe", "drplan.estate.evaluate_dask")
    meta = _frame([])
    return ddf.map_partitions(
        evaluate_partition,
        list(plans),
        dict(options or {}),
        book=book,
        opt_in=list(opt_in or []),
        meta=meta,
    )
