"""Half of the sections in a forked child: the same result as in one process, errors raised
again in the parent, a dead child reported, nothing forked where it must not be."""

from __future__ import annotations

import json
import os
import pickle
import threading
import time

import numpy as np
import pytest

from eclaire.core import analyze
from eclaire.core.analysis import disclosure, lanes
from eclaire.core.analysis.analyze import analyze_audited
from eclaire.core.analysis.forked import ForkedError, _cgroup_cpus, can_fork, start_forked
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.privacy.auditor import DisclosureError
from eclaire.core.privacy.tree import suppress_tree

from .planted import planted

needs_fork = pytest.mark.skipif(not can_fork(), reason="forking is off on this machine")


@needs_fork
def test_the_childs_value_comes_back_even_when_larger_than_a_pipe():
    with start_forked(lambda: (os.getpid(), b"x" * 5_000_000)) as wait:
        pid, big = wait()
    assert pid != os.getpid()
    assert big == b"x" * 5_000_000


@needs_fork
def test_an_error_in_the_child_is_raised_again_in_the_parent():
    def fails() -> None:
        raise DisclosureError("channel 'x': a group of 2 respondents is isolated")

    with start_forked(fails) as wait, pytest.raises(DisclosureError, match="group of 2"):
        wait()


@needs_fork
def test_an_error_that_cannot_be_pickled_comes_back_as_its_traceback():
    class Local(Exception):  # a local class cannot be pickled
        pass

    def fails() -> None:
        raise Local("bad unit tree")

    with start_forked(fails) as wait, pytest.raises(ForkedError, match="bad unit tree"):
        wait()


@needs_fork
def test_a_value_that_cannot_be_sent_is_reported(capfd):
    unsendable = {"rules": {"ok": 1}, "lock": threading.Lock()}
    with start_forked(lambda: unsendable) as wait, pytest.raises(ForkedError, match="without"):
        wait()
    assert "pickle" in capfd.readouterr().err  # the child said why on the error stream


@needs_fork
def test_a_child_that_dies_is_reported():
    with start_forked(lambda: os._exit(9)) as wait, pytest.raises(ForkedError, match="status 9"):
        wait()


@needs_fork
def test_a_parent_that_fails_leaves_no_child_behind():
    """The parent's own part raises before it waits: the child (here still computing, with
    more to send than a pipe holds) is killed and reaped, not left running or as a zombie."""
    started = time.monotonic()
    slow = start_forked(lambda: time.sleep(30) or b"x" * 5_000_000)
    with pytest.raises(ValueError, match="the message section failed"), slow as wait:
        child = wait.pid  # type: ignore[attr-defined]
        raise ValueError("the message section failed")
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # gone, and reaped (a zombie would still take signal 0)


def test_one_process_when_asked():
    assert not can_fork(1)


def test_tree_rules_survive_pickling():
    """The tree rules a forked child computed are sent back to the parent's audit."""
    rules = suppress_tree(
        {"ALL": None, "A": "ALL", "B": "ALL", "C": "ALL"}, {"A": 9, "B": 7, "C": 2}, k=5
    )
    again = pickle.loads(pickle.dumps(rules))
    assert again == rules
    with pytest.raises(TypeError):
        again.counts["A"] = 1  # type: ignore[index]  # read-only again


@needs_fork
@pytest.mark.parametrize(("seed", "messages"), [(1, False), (3, False), (1, True)])
def test_forked_sections_give_the_same_result_as_one_process(monkeypatch, seed, messages):
    """Without the message section, three sections run in the child; with it, every other."""
    sample, _ctx = planted(seed)
    instrument = load_default_instrument()
    forks: list[int] = []

    def counted(work):
        forks.append(1)
        return start_forked(work)

    def run(processes: int) -> str:
        result = analyze(
            instrument,
            sample.units,
            sample.responses,
            declared_priorities=sample.truth["declared_priorities"],
            messages=messages,
            processes=processes,
        )
        return json.dumps(result, ensure_ascii=False)

    monkeypatch.setattr(lanes, "start_forked", counted)
    monkeypatch.setattr(lanes, "FORK_FROM", 0)
    forked = run(2)
    assert forks == [1]
    alone = run(1)
    assert forks == [1]
    assert forked == alone
    assert bool(json.loads(forked)["messages"]) is messages
    assert '"hidden"' in forked or '"suppressed"' in forked  # the audit had work to do


def test_small_campaigns_are_not_forked(monkeypatch):
    sample, _ctx = planted(2)
    responses = sample.responses.iloc[: lanes.FORK_FROM - 1]
    monkeypatch.setattr(lanes, "start_forked", lambda work: pytest.fail("forked"))
    analyze(load_default_instrument(), sample.units, responses, messages=False)


@needs_fork
@pytest.mark.parametrize("messages", [False, True])
def test_what_the_audit_hides_in_the_child_reaches_the_result(monkeypatch, messages):
    """A figure isolating one person, registered with the others: the audit hides it wherever
    it runs, and the hiding (here a mark on a unit) is in the result the parent returns."""
    sample, _ctx = planted(2)
    real = disclosure.register_result

    def with_a_leak(ctx, result):
        auditor = real(ctx, result)
        unit = next(iter(result["units"]))

        def hide() -> None:
            result["units"][unit]["marked_by_the_audit"] = True

        auditor.add("test/one-person", "test:one-person", np.array([0]), hide=hide)
        return auditor

    monkeypatch.setattr(disclosure, "register_result", with_a_leak)
    monkeypatch.setattr(lanes, "FORK_FROM", 0)

    def run(processes: int) -> dict:
        return analyze(
            load_default_instrument(),
            sample.units,
            sample.responses,
            messages=messages,
            processes=processes,
        )

    forked, alone = run(2), run(1)
    for result in (forked, alone):
        assert result["privacy"]["hidden_by_audit"] == 1
        assert next(iter(result["units"].values()))["marked_by_the_audit"] is True
    assert json.dumps(forked) == json.dumps(alone)


class _Rebuilt(Exception):
    """Pickles, but cannot be rebuilt from its pickle (its constructor takes other arguments)."""

    def __init__(self, unit: str, n: int) -> None:
        super().__init__(f"unit {unit}: {n} people")


@needs_fork
def test_an_error_that_cannot_be_rebuilt_comes_back_as_its_traceback():
    def fails() -> None:
        raise _Rebuilt("U007", 2)

    with start_forked(fails) as wait, pytest.raises(ForkedError, match="unit U007: 2 people"):
        wait()


@needs_fork
def test_an_error_says_where_it_happened():
    def fails() -> None:
        raise ValueError("bad answers")

    with start_forked(fails) as wait, pytest.raises(ValueError) as raised:
        wait()
    assert "In the process computing part of the analysis" in raised.value.__notes__[0]
    assert "fails" in raised.value.__notes__[0]  # the child's own frames


@pytest.mark.parametrize(
    ("text", "cpus"), [("max 100000\n", float("inf")), ("100000 100000\n", 1.0), ("", "inf")]
)
def test_a_control_groups_cpu_quota_is_read(tmp_path, text, cpus):
    path = tmp_path / "cpu.max"
    path.write_text(text, encoding="ascii")
    assert _cgroup_cpus(str(path)) == float(cpus)
    assert _cgroup_cpus(str(tmp_path / "none")) == float("inf")


@needs_fork
def test_a_forked_result_passes_the_audit_of_all_its_figures(monkeypatch):
    """The result put together from both processes, registered whole again: nothing isolated."""
    sample, _ctx = planted(1)
    monkeypatch.setattr(lanes, "FORK_FROM", 0)
    result, auditor = analyze_audited(
        load_default_instrument(),
        sample.units,
        sample.responses,
        declared_priorities=sample.truth["declared_priorities"],
        processes=2,
    )
    assert result["messages"]["contradictions"]
    assert auditor.audit() == []
