"""The JSON Schema of the result, bundled from one fragment per section, and its validation.

Fragments live in ``eclaire/core/schemas/result/<section>.json``; ``docs/result.schema.json`` is
the bundle, kept in step by a test.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

__all__ = ["SECTIONS", "bundled_schema", "validate_result", "ResultSchemaError"]

SECTIONS: dict[str, str] = {
    "reliability": "reliability",
    "units": "units",
    "agreement": "agreement",
    "interfaces": "interfaces",
    "perception_gaps": "perception_gaps",
    "priorities": "priorities",
    "symptoms": "symptoms",
    "messages": "messages",
    "coherence_index": "coherence_index",
    "trend": "trend",
    "levers": "levers",
}
"""Result key → fragment file name (without ``.json``)."""

NULLABLE = {"messages"}
"""Sections that are ``null`` when they do not apply (no key-message question, messages off)."""

INTERVAL = {
    "type": "array",
    "description": "95% interval [low, high]; null bounds where n is too small to compute one.",
    "minItems": 2,
    "maxItems": 2,
    "items": {"type": ["number", "null"]},
}


class ResultSchemaError(ValueError):
    """A result does not match docs/result.schema.json (a bug in the analysis, never user input)."""


def _fragment(name: str) -> dict[str, Any]:
    text = (
        resources.files("eclaire.core")
        .joinpath("schemas", "result", f"{name}.json")
        .read_text("utf-8")
    )
    fragment = json.loads(text)
    fragment.pop("$schema", None)
    return fragment


def _top_level() -> dict[str, Any]:
    return {
        "schema_version": {"const": 1},
        "generator": {"type": "string"},
        "n_responses": {"type": "integer", "minimum": 0},
        "n_self_assessments": {"type": "integer", "minimum": 0},
        "min_group": {"type": "integer", "minimum": 3},
        "instrument": {"type": "object", "required": ["id", "version"]},
        "dimensions": {
            "type": "array",
            "items": {"type": "object", "required": ["code", "family", "name"]},
        },
        "tree": {
            "type": "array",
            "items": {"type": "object", "required": ["unit_id", "name", "parent_id", "depth"]},
        },
    }


PRIVACY = {
    "type": "object",
    "description": "What the disclosure auditor checked and what the suppression cost "
    "(docs/privacy.md).",
    "required": ["audited_figures", "hidden_by_audit", "information_loss"],
    "additionalProperties": False,
    "properties": {
        "audited_figures": {"type": "integer", "minimum": 0},
        "hidden_by_audit": {"type": "integer", "minimum": 0},
        "information_loss": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Share of respondents in a group of at least 2k people whose "
            "result is hidden (unit roll-up, segment level, interface raters).",
        },
    },
}
OPTIONAL = {"privacy": PRIVACY}
"""Top-level keys a result may lack (results written before they existed)."""


@lru_cache(maxsize=1)
def bundled_schema() -> dict[str, Any]:
    properties = _top_level()
    defs: dict[str, Any] = {"interval": INTERVAL}
    for key, name in SECTIONS.items():
        fragment = _fragment(name)
        defs.update(fragment.pop("$defs", {}))
        properties[key] = {"anyOf": [{"type": "null"}, fragment]} if key in NULLABLE else fragment
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Éclaire diagnostic result",
        "type": "object",
        "required": list(properties),
        "properties": {**properties, **OPTIONAL},
        "$defs": defs,
    }


def validate_result(result: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(bundled_schema())
    errors = sorted(validator.iter_errors(result), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise ResultSchemaError(
            f"result does not match its schema at {where}: {first.message} "
            f"({len(errors)} problem(s))"
        )


def schema_document() -> str:
    """The text of docs/result.schema.json."""
    return json.dumps(bundled_schema(), ensure_ascii=False, indent=2) + "\n"
