"""The JSON Schema of the instrument YAML format, and its errors in words a coach can act on.

The schema (``schemas/instrument.schema.json``, draft 2020-12) checks the shape of one file:
keys, types, kinds, code patterns. Rules spanning several places live in
``eclaire.core.instrument_checks``. Both return :class:`Finding` objects, which name a place in
the document by its data path; the loader turns that path into a line and column.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

__all__ = ["DataPath", "Finding", "format_path", "instrument_schema", "schema_findings"]

DataPath = tuple[str | int, ...]
"""Keys and list positions from the top of the document, e.g. ``("dimensions", 0, "items", 2)``."""


@dataclass(frozen=True)
class Finding:
    """One problem, located by data path (the loader adds file, line and column)."""

    path: DataPath
    message: str
    at_key: bool = False
    """Point at the key of the last path step rather than at its value."""
    first: DataPath | None = None
    """For a duplicate: where the first occurrence is."""


_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys to values",
    "array": "a list",
    "null": "nothing",
}

_BOOL_HINT = (
    " (YAML reads unquoted yes, no, on, off, true and false as true/false: put the value in quotes)"
)


@lru_cache(maxsize=1)
def instrument_schema() -> dict[str, Any]:
    """The instrument JSON Schema, as a dictionary."""
    ref = resources.files("eclaire.core").joinpath("schemas", "instrument.schema.json")
    schema: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(instrument_schema())


def format_path(path: DataPath) -> str:
    """``("dimensions", 0, "items", 2, "scale")`` -> ``dimensions[0].items[2].scale``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "top level"


def show(value: Any) -> str:
    """A short description of a YAML value, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def schema_findings(data: Any) -> list[Finding]:
    """Every schema violation in ``data`` (a parsed YAML document), in document order."""
    out: list[Finding] = []
    for error in _validator().iter_errors(data):
        out.extend(_translate(error))
    return out


def _translate(error: ValidationError) -> list[Finding]:
    path: DataPath = tuple(error.absolute_path)
    if "propertyNames" in error.schema_path:
        return [Finding((*path, str(error.instance)), _key_message(error), at_key=True)]
    if error.validator == "required":
        return _missing_keys(error, path)
    if error.validator == "additionalProperties":
        return _unknown_keys(error, path)
    return [Finding(path, f"{format_path(path)}: {_value_message(error, path)}")]


def _schema_of(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _key_message(error: ValidationError) -> str:
    what = _schema_of(error).get("description", "key")
    return f"key {show(error.instance)} is not a valid {what}"


def _missing_keys(error: ValidationError, path: DataPath) -> list[Finding]:
    present = error.instance if isinstance(error.instance, dict) else {}
    return [
        Finding(path, f"{format_path(path)}: the required key '{key}' is missing")
        for key in cast(list[str], error.validator_value)
        if key not in present
    ]


def _unknown_keys(error: ValidationError, path: DataPath) -> list[Finding]:
    allowed = list(_schema_of(error).get("properties", {}))
    out = []
    for key in cast(dict[Any, Any], error.instance):
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = (
            f"{format_path(path)}: unknown key {show(key)} "
            f"({hint}allowed here: {', '.join(allowed)})"
        )
        out.append(Finding((*path, key), message, at_key=True))
    return out


def _value_message(error: ValidationError, path: DataPath) -> str:
    value, rule, schema = error.instance, error.validator, _schema_of(error)
    limit = cast(Any, error.validator_value)
    if rule == "type":
        return _type_message(value, str(limit))
    if rule == "enum":
        allowed = ", ".join(str(v) for v in limit)
        hint = _kind_hint(value) if path and path[-1] == "kind" else ""
        return f"{show(value)} is not one of: {allowed}{hint}"
    if rule == "pattern":
        return f"{show(value)} is not a valid {schema.get('description', 'value')}"
    if rule in ("minItems", "minProperties", "minLength"):
        return "must not be empty"
    if rule == "minimum":
        return f"{show(value)} is too small (at least {limit})"
    if rule == "maximum":
        return f"{show(value)} is too large (at most {limit})"
    if rule == "maxLength":
        return f"{show(value)} is too long (at most {limit} characters)"
    if rule == "uniqueItems":
        return "lists the same value twice"
    return error.message


def _type_message(value: Any, expected: str) -> str:
    message = f"expected {_TYPE_WORDS.get(expected, expected)}, found {show(value)}"
    if isinstance(value, bool) and expected == "string":
        message += _BOOL_HINT
    elif isinstance(value, int | float) and expected == "string":
        message += " (put it in quotes)"
    elif value is None:
        message += " (the value after ':' is empty)"
    return message


def _kind_hint(value: Any) -> str:
    if value in ("choice", "ranking", "text"):
        return " (choice, ranking and text questions go under the top-level 'questions:')"
    if value in ("likert", "frequency", "interface"):
        return " (scored items go in a dimension's 'items:')"
    return ""
