"""Callbacks that take a published figure out of the result when the auditor hides it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _pop(mapping: dict[str, Any], key: str) -> Callable[[], None]:
    def hide() -> None:
        mapping.pop(key, None)

    return hide


def _update(entry: dict[str, Any], **values: Any) -> Callable[[], None]:
    def hide() -> None:
        entry.update(values)

    return hide


def _remove(items: list[Any], item: Any) -> Callable[[], None]:
    def hide() -> None:
        if item in items:
            items.remove(item)

    return hide
