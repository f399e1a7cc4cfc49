"""validate.py: checking plan files, one after another or in worker processes."""

from __future__ import annotations

import os
import signal

from workplan_cli.validate import _ctrl_c_held


def test_ctrl_c_while_the_workers_are_forked_interrupts_when_they_are():
    """A Ctrl-C that lands while the workers are forked waits for the fork to end, then interrupts as usual."""
    happened = []
    previous = signal.signal(signal.SIGINT, lambda *_: happened.append("interrupted"))
    try:
        with _ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            happened.append("forked")
        happened.append("after")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert happened == ["forked", "interrupted", "after"]
