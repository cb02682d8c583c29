"""``python -m drplan`` and the ``drplan`` console script: the command line of the Rust binary.

Both call ``drplan._native.cli_main``, the same Rust function as ``cargo install --path cli``
gives, so the two installs answer alike (``drplan lint``, ``drplan schedule``, ``drplan simulate``).
"""

import sys
from typing import List, Optional

from ._native import cli_main


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    # The Rust side writes to the process's own streams: flush Python's buffers first.
    sys.stdout.flush()
    sys.stderr.flush()
    return cli_main(["drplan", *args])


if __name__ == "__main__":
    sys.exit(main())
