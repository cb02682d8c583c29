"""drplan: disaster-recovery planning.

The functions are the Rust core's, unchanged: dicts in, dicts out, identical to the Rust crate
and the WebAssembly package. Errors raise :class:`DrplanError` (a ``ValueError``) with ``.code``
(stable string) and ``.issues`` (list of dicts with ``severity``, ``code``, ``input``, ``path``
(a JSON pointer into that input), ``message`` and ``hint``).
"""

from ._native import DrplanError, __version__, assess_strategies, call, estimate_recovery, human_duration, select_migration_path

__all__ = [
    "DrplanError",
    "__version__",
    "assess_strategies",
    "call",
    "estimate_recovery",
    "human_duration",
    "select_migration_path",
]
