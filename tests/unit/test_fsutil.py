"""fsutil.py: writing where the user pointed, atomically, never leaving a half-written or emptied file."""

from __future__ import annotations

import os
import signal

import pytest

from conftest import write
from workplan_cli.fsutil import signals_held


def test_atomic_write_failure_midway_leaves_original_and_no_temporary(tmp_path, monkeypatch):

    from workplan_cli.errors import PathError
    from workplan_cli.fsutil import write_atomic

    target = write(tmp_path, "site.html", "the published page\n")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PathError, match="No space left on device"):
        write_atomic(target, "x" * 1_000_000)
    assert target.read_text(encoding="utf-8") == "the published page\n"
    assert [p.name for p in tmp_path.iterdir()] == ["site.html"]


def test_atomic_write_interrupted_leaves_original(tmp_path, monkeypatch):

    from workplan_cli.fsutil import write_atomic

    target = write(tmp_path, "plan.yaml", "kind: committee-plan\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "kind: committee-plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_signal_held_waits_for_the_block_then_is_delivered():
    """A Ctrl-C that lands while the workers are forked (validate) waits for the block to end, then interrupts as usual."""
    happened = []
    previous = signal.signal(signal.SIGINT, lambda *_: happened.append("interrupted"))
    try:
        with signals_held([signal.SIGINT, signal.SIGTERM]):
            os.kill(os.getpid(), signal.SIGINT)
            happened.append("forked")
        happened.append("after")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert happened == ["forked", "interrupted", "after"]
