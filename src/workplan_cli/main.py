"""Console-script entry point: answers `workplan --version` before importing the CLI stack."""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"workplan {__version__}\n")
        return
    from .cli import app

    app()
