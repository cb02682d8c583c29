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
