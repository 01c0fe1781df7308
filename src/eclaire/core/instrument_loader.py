"""Load an instrument from YAML, with every problem reported by file, line and column.

The file is composed with PyYAML so that each value keeps its position; the parsed document is
checked against the JSON Schema (``instrument_schema``) and then against the rules the schema
cannot express (``instrument_checks``). Only a document with no problem at all becomes an
:class:`~eclaire.core.instrument.Instrument`; otherwise :class:`InstrumentError` lists them all.

The default instruments ship in ``eclaire/data/instruments/<id>.yaml``.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, cast

import yaml

from eclaire.core.instrument import Dimension, Family, Instrument, Item, ItemKind, Option, Scale
from eclaire.core.instrument_checks import dimension_family, semantic_findings
from eclaire.core.instrument_schema import Finding, schema_findings
from eclaire.core.yaml_lines import DataFileError, Problem, fast_compose, node_at

__all__ = [
    "InstrumentError",
    "Problem",
    "default_instrument_path",
    "list_default_instruments",
    "load_default_instrument",
    "load_instrument",
]

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_TEXT_NAME = "<text>"


class InstrumentError(DataFileError):
    """An instrument file that cannot be used; ``problems`` lists every reason, in file order."""


# -- public API -------------------------------------------------------------------------------
def load_instrument(source: str | Path, *, name: str | None = None) -> Instrument:
    """Load and validate an instrument.

    ``source`` is a :class:`~pathlib.Path`, a string naming a ``.yaml``/``.yml`` file, or the YAML
    text itself. ``name`` is the file name used in messages (default: the file's name, or
    ``<text>``). Raises :class:`InstrumentError` listing every problem found.
    """
    text, display = _read_source(source, name)
    root, data = _parse(text, display)
    if isinstance(data, str) and "\n" not in text.strip():
        message = f"expected the YAML of an instrument or a path to a .yaml file, got {text!r}"
        raise InstrumentError([Problem(display, None, None, message)])
    findings = [*schema_findings(data), *semantic_findings(data)]
    problems = [*_duplicate_keys(root, display), *(_locate(root, f, display) for f in findings)]
    if problems:
        raise InstrumentError(_in_file_order(problems))
    return _build(data)


def list_default_instruments() -> list[str]:
    """Ids of the instruments shipped with Éclaire, e.g. ``["coherence"]``."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in _instruments_dir().iterdir()
        if entry.is_file() and entry.name.endswith(".yaml")
    )


def default_instrument_path(id: str = "coherence") -> Path:
    """The path of a shipped instrument file (the package must be installed as files)."""
    return Path(str(_default_resource(id)))


def load_default_instrument(id: str = "coherence") -> Instrument:
    """Load a shipped instrument by id."""
    resource = _default_resource(id)
    return load_instrument(resource.read_text(encoding="utf-8"), name=resource.name)


def _instruments_dir() -> Traversable:
    return resources.files("eclaire").joinpath("data", "instruments")


def _default_resource(id: str) -> Traversable:
    available = list_default_instruments()
    if not _ID.match(id) or id not in available:
        raise ValueError(f"no default instrument {id!r} (available: {', '.join(available)})")
    return _instruments_dir().joinpath(f"{id}.yaml")


# -- reading and parsing ----------------------------------------------------------------------
def _read_source(source: str | Path, name: str | None) -> tuple[str, str]:
    if not isinstance(source, Path) and not _looks_like_path(source):
        return source, name or _TEXT_NAME
    path = Path(source)
    display = name or path.name
    try:
        return path.read_text(encoding="utf-8"), display
    except FileNotFoundError:
        message = f"file not found: {path}"
    except UnicodeDecodeError as exc:
        message = f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8"
    except OSError as exc:
        message = f"the file cannot be read: {exc.strerror or exc}"
    raise InstrumentError([Problem(display, None, None, message)])


def _looks_like_path(text: str) -> bool:
    if "\n" in text:
        return False
    if text.strip().lower().endswith((".yaml", ".yml")):
        return True
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _parse(text: str, display: str) -> tuple[yaml.Node, Any]:
    fast = fast_compose(text)
    if fast is not None:
        return fast
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise InstrumentError([_syntax_problem(exc, display)]) from exc
    except yaml.YAMLError as exc:
        raise InstrumentError([Problem(display, None, None, f"not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    if root is None:
        raise InstrumentError([Problem(display, None, None, "the file is empty")])
    return root, data


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "syntax error"
    message = f"not valid YAML: {problem}"
    context = exc.context_mark
    if exc.context and context is not None and mark is not None and context.line != mark.line:
        message += f" ({exc.context}, line {context.line + 1})"
    if "'\\t'" in problem:
        message += "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        message += "; check the indentation, and put in quotes any text that contains ': '"
    if mark is None:
        return Problem(display, None, None, message)
    return Problem(display, mark.line + 1, mark.column + 1, message)


# -- positions --------------------------------------------------------------------------------
def _duplicate_keys(root: yaml.Node, display: str) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; a coach should hear about it."""
    problems, stack, visited = [], [root], set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        if not isinstance(node, yaml.MappingNode):
            continue
        first: dict[str, yaml.Node] = {}
        for key, value in node.value:
            stack.append(value)
            if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                continue
            if key.value in first:
                line = first[key.value].start_mark.line + 1
                message = f"the key '{key.value}' appears twice here (first at line {line})"
                problems.append(_problem_at(key, message, display))
            else:
                first[key.value] = key
    return problems


def _locate(root: yaml.Node, finding: Finding, display: str) -> Problem:
    message = finding.message
    if finding.first is not None:
        first = node_at(root, finding.first)
        message += f" (first at line {first.start_mark.line + 1})"
    return _problem_at(node_at(root, finding.path, finding.at_key), message, display)


def _problem_at(node: yaml.Node, message: str, display: str) -> Problem:
    mark = node.start_mark
    return Problem(display, mark.line + 1, mark.column + 1, message)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line or 0, p.column or 0))


# -- building ---------------------------------------------------------------------------------
def _build(data: dict[str, Any]) -> Instrument:
    interface = data.get("interface") or {}
    return Instrument(
        id=data["id"],
        version=data["version"],
        languages=tuple(data["languages"]),
        scales={code: _build_scale(code, raw) for code, raw in data["scales"].items()},
        dimensions=tuple(_build_dimension(raw) for raw in data["dimensions"]),
        questions=tuple(_build_item(raw, None) for raw in data.get("questions") or ()),
        title=_text(data.get("title")),
        interface_max_units=interface.get("max_units", Instrument.interface_max_units),
    )


def _build_scale(code: str, raw: dict[str, Any]) -> Scale:
    labels = {lang: tuple(names) for lang, names in (raw.get("labels") or {}).items()}
    return Scale(code=code, min=raw["min"], max=raw["max"], labels=labels)


def _build_dimension(raw: dict[str, Any]) -> Dimension:
    code = raw["code"]
    return Dimension(
        code=code,
        name=dict(raw["name"]),
        family=cast(Family, dimension_family(raw)),
        items=tuple(_build_item(item, code) for item in raw["items"]),
        description=_text(raw.get("description")),
    )


def _build_item(raw: dict[str, Any], dimension: str | None) -> Item:
    options = tuple(Option(code=o["code"], label=dict(o["label"])) for o in raw.get("options", ()))
    return Item(
        code=raw["code"],
        text=dict(raw["text"]),
        kind=cast(ItemKind, raw.get("kind", "likert")),
        scale=raw.get("scale"),
        reverse=raw.get("reverse", False),
        dimension=dimension,
        not_applicable=raw.get("not_applicable", False),
        self_text=_text(raw.get("self")),
        options=options,
        hint=_text(raw.get("hint")),
        key_message=raw.get("key_message", False),
    )


def _text(value: dict[str, str] | None) -> dict[str, str] | None:
    return dict(value) if value else None
