"""Entry point of ``depot-app``, ``python main.py`` and ``python -m depot_app``."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (the desk window when no command is given)."""
    from depot_app.cli import main as cli_main

    return cli_main(argv)
