"""Type stubs for the native module (checked by mypy.stubtest against the built extension)."""

from typing import Any, Dict, List, Mapping, Sequence, Union

__all__ = ["DrplanError", "__version__", "assess_strategies", "call", "estimate_recovery", "human_duration"]
__version__: str

class DrplanError(ValueError):
    code: str
    issues: List[Dict[str, Any]]

def assess_strategies(workload: Mapping[str, Any], policy: Mapping[str, Any]) -> Dict[str, Any]: ...
def estimate_recovery(workload: Mapping[str, Any], strategy: Union[str, Mapping[str, Any]]) -> Dict[str, Any]: ...
def call(function: str, args: Sequence[Any]) -> Any: ...
def human_duration(seconds: float) -> str: ...
