"""Auditor: figures registered with their respondents; leaks found, the least hidden, fail closed."""

from __future__ import annotations

import numpy as np
import pytest

from eclaire.core.privacy.auditor import Auditor, DisclosureError
from eclaire.core.privacy.loss import information_loss


def _tree_auditor() -> Auditor:
    auditor = Auditor(30, 5)
    auditor.add("unit", "dim:x", np.arange(30), nested=True)
    return auditor


def test_a_safe_result_passes():
    auditor = _tree_auditor()
    auditor.add("newcomers", "dim:x", [np.arange(11), np.arange(11, 30)])
    assert auditor.audit() == []


def test_overlapping_cuts_are_caught_and_the_smaller_one_hidden():
    auditor = _tree_auditor()
    hidden: list[str] = []
    auditor.add("newcomers", "dim:x", np.arange(11), hide=lambda: hidden.append("newcomers"))
    auditor.add("juniors", "dim:x", np.arange(10), hide=lambda: hidden.append("juniors"))
    [leak] = auditor.audit()
    assert leak.size == 1 and set(leak.figures) == {"newcomers", "juniors"}
    assert auditor.protect() == ["juniors"] and hidden == ["juniors"]
    assert auditor.audit() == []


def test_channels_never_combine():
    auditor = Auditor(12, 5)
    auditor.add("a", "dim:x", np.arange(12), nested=True)
    auditor.add("b", "dim:y", np.arange(11), nested=True)  # one person skipped dimension y
    assert auditor.audit() == []


def test_fails_closed_when_nothing_involved_can_be_hidden():
    auditor = _tree_auditor()
    auditor.add("sub", "dim:x", np.arange(27), nested=True)
    with pytest.raises(DisclosureError, match="3 respondents"):
        auditor.protect()


def test_statements_need_k_people():
    auditor = Auditor(10, 5)
    removed: list[str] = []
    auditor.add_statement("side", 2, hide=lambda: removed.append("side"))
    assert [leak.size for leak in auditor.audit()] == [2]
    assert auditor.protect() == ["side"] and removed == ["side"]


def test_rejects_bad_registrations():
    auditor = Auditor(5, 3)
    with pytest.raises(ValueError, match="outside"):
        auditor.add("x", "c", np.array([7]))
    with pytest.raises(ValueError, match="moments"):
        auditor.add("x", "c", np.array([1]), moments=("mean",))
    with pytest.raises(ValueError, match="at least 3"):
        Auditor(5, 2)


def test_information_loss_counts_people_of_hidden_groups_of_2k_or_more():
    big, small = np.arange(12), np.arange(12, 16)
    assert information_loss(40, [big, small], 5) == pytest.approx(12 / 40)
    assert information_loss(40, [small], 5) == 0.0
