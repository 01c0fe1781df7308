"""YAML data files whose every problem names its file, line and column.

A small helper for the data files a coach may edit (lever rules, conversation guides): the text
is composed with PyYAML so that each value keeps its position, checked against a JSON Schema, and
every problem found (syntax, duplicate key, schema, or a rule the caller checks itself) is turned
into a :class:`Problem` pointing at the line of the offending value. ``DataFileError`` lists them
all at once. The instrument loader (``instrument_loader``) follows the same approach with its own
richer messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

__all__ = [
    "DataFileError",
    "DataPath",
    "Problem",
    "YamlDocument",
    "fast_compose",
    "format_path",
    "node_at",
    "parse_yaml",
]

_FastLoader = getattr(yaml, "CSafeLoader", None)

DataPath = tuple[str | int, ...]
"""Keys and list positions from the top of the document, e.g. ``("rules", 2, "thresholds")``."""


@dataclass(frozen=True)
class Problem:
    """One problem in a data file. ``line`` and ``column`` count from 1."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class DataFileError(ValueError):
    """A data file that cannot be used; ``problems`` lists every reason, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line or 0, p.column or 0))
        )
        count = len(self.problems)
        files = ", ".join(dict.fromkeys(p.file for p in self.problems)) or "the file"
        header = f"{count} problem{'s' if count != 1 else ''} in {files}"
        super().__init__("\n".join([header + ":", *(f"  {p}" for p in self.problems)]))


def format_path(path: DataPath) -> str:
    """``("rules", 0, "thresholds")`` -> ``rules[0].thresholds``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "top level"


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document with its node tree, to point problems at lines."""

    file: str
    root: yaml.Node
    data: Any

    def problem(self, path: DataPath, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at the value (or the key) found at ``path``."""
        mark = self._node_at(path, at_key).start_mark
        return Problem(self.file, mark.line + 1, mark.column + 1, message)

    def schema_problems(self, validator: Draft202012Validator) -> list[Problem]:
        """Every schema violation, located, with a message a coach can act on."""
        return [self._schema_problem(e) for e in validator.iter_errors(self.data)]

    def duplicate_keys(self) -> list[Problem]:
        """PyYAML keeps the last of two equal keys silently; the editor should hear about it."""
        problems, stack = [], [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            if not isinstance(node, yaml.MappingNode):
                continue
            first: dict[str, int] = {}
            for key, value in node.value:
                stack.append(value)
                if key.value in first:
                    message = (
                        f"the key '{key.value}' appears twice (first at line {first[key.value]})"
                    )
                    mark = key.start_mark
                    problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))
                else:
                    first[key.value] = key.start_mark.line + 1
        return problems

    def _node_at(self, path: DataPath, at_key: bool) -> yaml.Node:
        return node_at(self.root, path, at_key)

    def _schema_problem(self, error: ValidationError) -> Problem:
        path: DataPath = tuple(error.absolute_path)
        where = format_path(path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted((error.schema or {}).get("properties", {}))  # type: ignore[union-attr]
            unknown = [k for k in error.instance if k not in allowed]
            key = unknown[0] if unknown else None
            message = f"{where}: unknown key '{key}' (allowed here: {', '.join(allowed)})"
            return self.problem((*path, str(key)), message, at_key=True)
        return self.problem(path, f"{where}: {error.message}")


def fast_compose(text: str) -> tuple[yaml.Node, Any] | None:
    """The node tree and data of a well-formed, non-empty document by libyaml's parser, or None.

    libyaml (when PyYAML was built with it) composes the same nodes at the same lines and
    columns as the Python parser, ten times faster; ``tests/core/test_yaml_lines.py`` compares
    both on every data file. A document it refuses, or an empty one, gets None: the caller
    parses it again with the Python parser, whose messages are the ones a coach reads."""
    if _FastLoader is None:
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
        return None if root is None else (root, loader.construct_document(root))
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document; a syntax error or an empty file raises :class:`DataFileError`."""
    fast = fast_compose(text)
    if fast is not None:
        return YamlDocument(file, *fast)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"not valid YAML: {exc.problem or 'syntax error'}"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise DataFileError([Problem(file, line, column, message)]) from exc
    except yaml.YAMLError as exc:
        raise DataFileError([Problem(file, None, None, f"not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    if root is None:
        raise DataFileError([Problem(file, None, None, "the file is empty")])
    return YamlDocument(file, root, data)


def node_at(root: yaml.Node, path: DataPath, at_key: bool = False) -> yaml.Node:
    """The node at ``path`` (its key with ``at_key``), or the deepest node found on the way."""
    node = root
    for depth, step in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in reversed(node.value) if p[0].value == str(step)), None)
            if pair is None:
                return node
            node = pair[0] if at_key and depth == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return node
            node = node.value[step]
        else:
            return node
    return node
