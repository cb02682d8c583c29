"""drplan: disaster-recovery planning.

The functions are the Rust core's, unchanged: dicts in, dicts out, identical to the Rust crate
and the WebAssembly package. Errors raise :class:`DrplanError` (a ``ValueError``) with ``.code``
(stable string) and ``.issues`` (list of dicts with ``severity``, ``code``, ``input``, ``path``
(a JSON pointer into that input), ``message`` and ``hint``).
"""

from ._native import (
    DrplanError,
    __version__,
    apply_retention,
    assess_strategies,
    backup_cost,
    call,
    cheapest_s3_lifecycle,
    check_controls,
    cron_summary,
    default_price_book,
    estimate_recovery,
    export_backup_plan,
    human_duration,
    lint_backup_plan,
    optimize_cold_transition,
    parse_backup_plan,
    parse_retention_flags,
    price_book,
    retention_footprint,
    s3_lifecycle_cost,
    schedule_runs,
    select_migration_path,
    simulate_backup_plan,
    translate_retention,
    validate_backup_plan,
)

__all__ = [
    "DrplanError",
    "__version__",
    "apply_retention",
    "assess_strategies",
    "backup_cost",
    "call",
    "cheapest_s3_lifecycle",
    "check_controls",
    "cron_summary",
    "default_price_book",
    "estimate_recovery",
    "export_backup_plan",
    "human_duration",
    "lint_backup_plan",
    "optimize_cold_transition",
    "parse_backup_plan",
    "parse_retention_flags",
    "price_book",
    "retention_footprint",
    "s3_lifecycle_cost",
    "schedule_runs",
    "select_migration_path",
    "simulate_backup_plan",
    "translate_retention",
    "validate_backup_plan",
]
