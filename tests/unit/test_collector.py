"""Python's cyclic garbage collector (collector.py): paused for a block and put back as it was, even when the
block raises."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from workplan_cli.collector import collector_paused


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The collector as it was before the test, whatever the test leaves it as."""
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("before", [True, False])
def test_the_collector_is_off_inside_and_as_it_was_after(collector_restored, before):
    gc.enable() if before else gc.disable()
    with collector_paused():
        assert gc.isenabled() is False
    assert gc.isenabled() is before


@pytest.mark.parametrize("before", [True, False])
def test_the_collector_is_as_it_was_after_the_block_raises(collector_restored, before):
    gc.enable() if before else gc.disable()
    with pytest.raises(KeyError, match="'inside'"), collector_paused():
        assert gc.isenabled() is False
        raise KeyError("inside")
    assert gc.isenabled() is before


def test_pauses_nest(collector_restored):
    gc.enable()
    with collector_paused():
        with collector_paused():
            assert gc.isenabled() is False
        assert gc.isenabled() is False
    assert gc.isenabled() is True
