"""Console-script entry point: answers `workplan --version` before importing the CLI stack."""

from __future__ import annotations

import gc
import os
import sys


def run() -> None:
    # Whatever the terminal's encoding (LANG=C, PYTHONIOENCODING=utf-8:strict),
    # a character it cannot show is written as an escape, never a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"workplan {__version__}\n")
        return
    # A run is short and makes next to no cyclic garbage: importing the CLI
    # stack, building validators and reading plans allocate long-lived objects
    # by the hundred thousand, which the cyclic collector would scan again and
    # again for nothing (about 20 ms of `workplan validate data/`, some 5 % of
    # a run).  It stays off until the process ends; peak memory is the same
    # with it off on every row of benchmarks/run.py, up to rendering the
    # 15,000-meeting plan.
    gc.disable()
    # pydantic looks for plugins (entry points of every installed package) when it
    # builds the first validator: 10-20 ms of a short run, for plugins that have no
    # business in workplan's own validators.  A user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import app_for

    try:
        app_for(sys.argv[1:])()
    finally:
        # Python collects every generation once more as it exits, collector
        # off or not: whatever the run made is frozen out of that last pass
        # (a whole-heap scan for nothing, 20-40 ms of a short run).
        gc.freeze()
