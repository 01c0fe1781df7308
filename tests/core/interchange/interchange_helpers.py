"""Helpers for the interchange tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eclaire.core.interchange import ImportProblems, Problem

UNIT_IDS = frozenset({"DIR", "DCO", "ADV", "SUP", "ROANNE", "MACON"})


def problems_of(read: Callable[[], object]) -> list[Problem]:
    """The problems a read raises (the test fails if it raises none)."""
    with pytest.raises(ImportProblems) as caught:
        read()
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]
