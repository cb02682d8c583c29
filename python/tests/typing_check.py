"""Checked by `mypy --strict` in `make test`: the stubs describe the package."""
from typing import Any, Dict

import drplan


def tour() -> str:
    workload: Dict[str, Any] = {"name": "x", "components": [{"kind": "compute", "name": "w", "instance_count": 1}]}
    try:
        out = drplan.assess_strategies(workload, {"targets": {}})
        est = drplan.estimate_recovery(workload, {"strategy": "warm_standby", "standby_scale": 0.5})
        return f"{out['recommendation']} {est['strategy']} {drplan.__version__}"
    except drplan.DrplanError as e:
        code: str = e.code
        return code + str(len(e.issues))


def notebook() -> float:
    """The notebook helpers are typed: frames are DataFrames, plots return Axes, wrap a Result."""
    import pandas as pd
    from matplotlib.axes import Axes

    from drplan import frames, plots
    from drplan.display import Result, wrap

    runs = drplan.schedule_runs("cron(0 5 ? * * *)", "Europe/Berlin", "2026-03-27T00:00:00Z", None, 3)
    df: pd.DataFrame = frames.runs_frame(runs)
    shown: Result = wrap(runs)
    html: str = shown._repr_html_()
    result = drplan.apply_retention(["2024-05-01T12:00:00Z"], {"keep_last": 1}, "restic-0.14", "2024-05-02T00:00:00Z")
    ax: Axes = plots.plot_retention({"restic": result}, ["2024-05-01T12:00:00Z"])
    return float(len(df)) + len(html) + len(ax.get_lines())
