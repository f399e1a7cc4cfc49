"""Python's cyclic garbage collector, switched in one place.

Reading a plan into models, and walking them, allocates hundreds of
thousands of long-lived objects and no reference cycles: the collector finds
nothing, yet its full passes rescan every object and make large plans
superlinear (on 15,000 meetings the lint rules take 5.8 s with it and 3.5 s
without).  A library call pauses it for the call (`collector_paused`); the
command line keeps it off for the whole run (`off_for_the_run`) and freezes
what the run made before Python's last pass at exit (`frozen_at_exit`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def off_for_the_run() -> None:
    """The collector off until the process ends: a command line run is short and makes next to no cyclic garbage.

    Importing the CLI stack, building validators and reading plans allocate
    long-lived objects by the hundred thousand, which the collector would scan
    again and again for nothing (about 20 ms of `workplan validate data/`,
    some 5 % of a run).  Peak memory is the same with it off on every row of
    benchmarks/run.py, up to rendering the 15,000-meeting plan.
    """
    gc.disable()


def frozen_at_exit() -> None:
    """Whatever the run made, kept out of the pass over every generation that Python makes as it exits.

    Python collects once more at exit, collector off or not: a whole-heap scan
    for nothing, 20-40 ms of a short run.
    """
    gc.freeze()
