"""Fixtures of the survey tests: a small organization with an open campaign (default instrument)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from survey_helpers import Org, build_org


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture
def org(db: Any) -> Org:
    return build_org()
