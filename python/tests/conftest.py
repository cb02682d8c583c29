import json
import math
from pathlib import Path
from typing import Any, List

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


def diff(a: Any, b: Any, path: str = "", out: "List[str] | None" = None) -> List[str]:
    """Compare like the Rust golden runner: floats to 12 significant digits, the rest exactly."""
    out = [] if out is None else out
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool) and not isinstance(b, bool):
        tol = 1e-12 * max(abs(a), abs(b), 1.0)
        if not abs(a - b) <= tol or math.isnan(a) or math.isnan(b):
            out.append(f"{path}: {a} != {b}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}/{i}", out)
    elif isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: present on one side only")
            else:
                diff(a[k], b[k], f"{path}/{k}", out)
    elif a != b or type(a) is not type(b) and not (isinstance(a, num) and isinstance(b, num)):
        out.append(f"{path}: {json.dumps(a)} != {json.dumps(b)}")
    return out
