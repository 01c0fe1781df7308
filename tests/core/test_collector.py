"""``collector``: the inputs and outputs out of the collector's sight during the analysis, the
collector paused for a block, and given back as it was each time."""

from __future__ import annotations

import gc

import pytest

from eclaire.core.collector import collector_paused, freeze_outputs, frozen_inputs


def test_freezes_then_gives_everything_back():
    if gc.get_freeze_count():
        pytest.skip("something in this process froze objects already")
    before = [object()]
    with frozen_inputs():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert gc.is_tracked(before)


def _collected(obj) -> bool:
    """Whether the collector sees ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


def test_leaves_an_earlier_freeze_alone():
    earlier = [object()]
    gc.freeze()
    try:
        with frozen_inputs():
            assert not _collected(earlier)
        # A frozen object may die meanwhile and lower the count by one; unfreezing would empty it.
        assert gc.get_freeze_count() > 0
        assert not _collected(earlier)
    finally:
        gc.unfreeze()


def test_leaves_a_disabled_collector_alone():
    gc.disable()
    try:
        with frozen_inputs():
            assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_unfreezes_when_the_analysis_fails():
    try:
        with frozen_inputs():
            raise ValueError("bad input")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0


def test_outputs_are_frozen_only_inside_a_freeze_of_ours():
    if gc.get_freeze_count():
        pytest.skip("something in this process froze objects already")
    freeze_outputs()
    assert gc.get_freeze_count() == 0  # outside: nothing
    with frozen_inputs():
        output = [object()]
        assert _collected(output)
        freeze_outputs()
        assert not _collected(output)
    assert gc.get_freeze_count() == 0  # given back with the inputs
    assert _collected(output)


def test_outputs_are_left_alone_under_a_freeze_of_someone_else():
    gc.freeze()
    try:
        with frozen_inputs():
            output = [object()]
            freeze_outputs()
            assert _collected(output)
    finally:
        gc.unfreeze()


def test_paused_then_given_back_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("bad input")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
