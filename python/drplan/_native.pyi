"""Type stubs for the native module (checked by mypy.stubtest against the built extension)."""

from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

__all__ = ["DrplanError", "__version__", "assess_strategies", "call", "estimate_recovery", "human_duration", "select_migration_path", "schedule_runs", "cron_summary", "parse_backup_plan", "validate_backup_plan", "lint_backup_plan", "export_backup_plan", "apply_retention", "parse_retention_flags", "retention_footprint"]
__version__: str

class DrplanError(ValueError):
    code: str
    issues: List[Dict[str, Any]]

def assess_strategies(workload: Mapping[str, Any], policy: Mapping[str, Any]) -> Dict[str, Any]: ...
def estimate_recovery(workload: Mapping[str, Any], strategy: Union[str, Mapping[str, Any]]) -> Dict[str, Any]: ...
def call(function: str, args: Sequence[Any]) -> Any: ...
def human_duration(seconds: float) -> str: ...
def select_migration_path(scenario: Mapping[str, Any]) -> Dict[str, Any]: ...
def schedule_runs(
    expression: str,
    time_zone: Optional[str],
    from_: str,
    until: Optional[str] = None,
    limit: Optional[int] = None,
    options: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]: ...
def cron_summary(
    expression: str, time_zone: Optional[str], from_: str, options: Optional[Mapping[str, Any]] = None
) -> Dict[str, Any]: ...
def parse_backup_plan(document: Union[str, Mapping[str, Any]]) -> Dict[str, Any]: ...
def validate_backup_plan(
    plan: Mapping[str, Any],
    vaults: Optional[Sequence[Mapping[str, Any]]] = None,
    selections: Optional[Sequence[Mapping[str, Any]]] = None,
) -> List[Dict[str, Any]]: ...
def lint_backup_plan(document: Union[str, Mapping[str, Any]]) -> Dict[str, Any]: ...
def export_backup_plan(plan: Mapping[str, Any], shape: str) -> Dict[str, Any]: ...
def apply_retention(
    snapshots: Sequence[Any],
    policy: Mapping[str, Any],
    mode: str,
    now: Union[str, int],
    time_zone: Optional[str] = None,
) -> Dict[str, Any]: ...
def parse_retention_flags(text: str, dialect: str) -> Dict[str, Any]: ...
def retention_footprint(
    cadence: Mapping[str, Any],
    policy: Mapping[str, Any],
    mode: str,
    start: Union[str, int],
    horizon: Union[str, float],
    time_zone: Optional[str] = None,
) -> Dict[str, Any]: ...
