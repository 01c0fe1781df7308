"""Rules of the instrument format that a JSON Schema cannot express.

Scale references, unique codes, every text in every declared language, label counts, one ranking
question at most, options where a question needs them, interface items in the interface dimension.
The checks read the parsed YAML defensively: they skip what the schema already rejects, so that
one run reports every problem of a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eclaire.core.instrument_schema import DataPath, Finding, format_path, show

__all__ = ["RESERVED_COLUMNS", "dimension_family", "semantic_findings"]

RESERVED_COLUMNS = frozenset(
    {"unit_id", "role", "tenure_band", "contract", "customer_facing", "language", "self"}
)
"""Column names of the responses table that an item code must not take."""

_FAMILY_PREFIXES = {
    "clarity": "clarity",
    "pillar": "pillar",
    "pillars": "pillar",
    "external": "external",
    "symptom": "symptom",
    "symptoms": "symptom",
    "interface": "interface",
    "interfaces": "interface",
}

Node = dict[str, Any]


def dimension_family(dim: Node) -> str:
    """The explicit ``family`` of a dimension, or the one its code prefix implies."""
    family = dim.get("family")
    if isinstance(family, str):
        return family
    code = dim.get("code")
    prefix = code.split(".", 1)[0] if isinstance(code, str) else ""
    return _FAMILY_PREFIXES.get(prefix, "other")


def semantic_findings(data: Any) -> list[Finding]:
    """Every cross-reference problem in a parsed instrument document."""
    if not isinstance(data, dict):
        return []
    languages = [lang for lang in _list(data.get("languages")) if isinstance(lang, str)]
    scales = _dict(data.get("scales"))
    return [
        *_check_scales(scales, languages),
        *_check_texts(data, languages),
        *_check_codes(data),
        *_check_dimension_items(data, scales),
        *_check_questions(data),
    ]


# -- walking the document ---------------------------------------------------------------------
def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> Node:
    return value if isinstance(value, dict) else {}


def _dimensions(data: Node) -> Iterator[tuple[DataPath, Node]]:
    for i, dim in enumerate(_list(data.get("dimensions"))):
        if isinstance(dim, dict):
            yield ("dimensions", i), dim


def _dimension_items(data: Node) -> Iterator[tuple[DataPath, Node, Node]]:
    for dim_path, dim in _dimensions(data):
        for j, item in enumerate(_list(dim.get("items"))):
            if isinstance(item, dict):
                yield (*dim_path, "items", j), item, dim


def _questions(data: Node) -> Iterator[tuple[DataPath, Node]]:
    for i, question in enumerate(_list(data.get("questions"))):
        if isinstance(question, dict):
            yield ("questions", i), question


def _all_items(data: Node) -> Iterator[tuple[DataPath, Node]]:
    for path, item, _dim in _dimension_items(data):
        yield path, item
    yield from _questions(data)


def _options(item_path: DataPath, item: Node) -> Iterator[tuple[DataPath, Node]]:
    for k, option in enumerate(_list(item.get("options"))):
        if isinstance(option, dict):
            yield (*item_path, "options", k), option


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _declared(names: Iterable[Any]) -> str:
    listed = ", ".join(str(name) for name in names)
    return f"declared: {listed}" if listed else "none declared"


# -- scales -----------------------------------------------------------------------------------
def _check_scales(scales: Node, languages: list[str]) -> Iterator[Finding]:
    for code, scale in scales.items():
        if not isinstance(scale, dict):
            continue
        path: DataPath = ("scales", code)
        low, high = scale.get("min"), scale.get("max")
        if not (type(low) is int and type(high) is int):
            continue
        if low >= high:
            yield Finding(
                path, f"{format_path(path)}: min ({low}) must be smaller than max ({high})"
            )
            continue
        labels = scale.get("labels")
        if isinstance(labels, dict) and labels:
            yield from _check_labels((*path, "labels"), labels, high - low + 1, languages)


def _check_labels(
    path: DataPath, labels: Node, points: int, languages: list[str]
) -> Iterator[Finding]:
    yield from _check_languages(path, labels, languages, "labels")
    for lang, names in labels.items():
        if isinstance(names, list) and len(names) != points:
            yield Finding(
                (*path, lang),
                f"{format_path((*path, lang))}: {_count(len(names), 'label')}, but the scale has "
                f"{points} points, so it needs {points} labels",
            )


# -- texts ------------------------------------------------------------------------------------
def _text_maps(data: Node) -> Iterator[tuple[DataPath, Node]]:
    candidates: list[tuple[DataPath, Any]] = [(("title",), data.get("title"))]
    for path, dim in _dimensions(data):
        candidates += [((*path, key), dim.get(key)) for key in ("name", "description")]
    for path, item in _all_items(data):
        candidates += [((*path, key), item.get(key)) for key in ("text", "self", "hint")]
        candidates += [((*p, "label"), opt.get("label")) for p, opt in _options(path, item)]
    for path, value in candidates:
        if isinstance(value, dict):
            yield path, value


def _check_texts(data: Node, languages: list[str]) -> Iterator[Finding]:
    for path, text in _text_maps(data):
        yield from _check_languages(path, text, languages, "text")


def _check_languages(
    path: DataPath, mapping: Node, languages: list[str], what: str
) -> Iterator[Finding]:
    if not languages:
        return
    where, verb = format_path(path), "are" if what.endswith("s") else "is"
    for lang in languages:
        if lang not in mapping:
            yield Finding(
                path,
                f"{where}: the '{lang}' {what} {verb} missing (languages: {', '.join(languages)})",
            )
    for key in mapping:
        if isinstance(key, str) and key not in languages:
            yield Finding(
                (*path, key),
                f"{where}: language '{key}' is not in languages ({', '.join(languages)})",
                at_key=True,
            )


# -- codes ------------------------------------------------------------------------------------
def _check_codes(data: Node) -> Iterator[Finding]:
    dims = (((*p, "code"), d.get("code")) for p, d in _dimensions(data))
    yield from _duplicates(dims, "dimension code")
    items = [((*p, "code"), it.get("code")) for p, it in _all_items(data)]
    yield from _duplicates(items, "item code")
    for path, code in items:
        if code in RESERVED_COLUMNS:
            yield Finding(
                path,
                f"{format_path(path)}: {show(code)} is a column name of the responses table "
                "and cannot be an item code",
            )
    for item_path, item in _all_items(data):
        options = (((*p, "code"), o.get("code")) for p, o in _options(item_path, item))
        yield from _duplicates(options, "option code")


def _duplicates(entries: Iterable[tuple[DataPath, Any]], what: str) -> Iterator[Finding]:
    seen: dict[str, DataPath] = {}
    for path, code in entries:
        if not isinstance(code, str):
            continue
        if code in seen:
            yield Finding(
                path, f"{format_path(path)}: {what} {show(code)} is used twice", first=seen[code]
            )
        else:
            seen[code] = path


# -- items and questions ----------------------------------------------------------------------
def _check_dimension_items(data: Node, scales: Node) -> Iterator[Finding]:
    for path, item, dim in _dimension_items(data):
        yield from _check_scale_reference(path, item, scales)
        yield from _check_interface_kind(path, item, dimension_family(dim))


def _check_scale_reference(path: DataPath, item: Node, scales: Node) -> Iterator[Finding]:
    scale = item.get("scale")
    kind = item.get("kind", "likert")
    if kind not in ("likert", "frequency", "interface"):
        return  # the schema reports the kind
    if scale is None:
        yield Finding(
            path, f"{format_path(path)}: a {kind} item needs a scale ({_declared(scales)})"
        )
    elif isinstance(scale, str) and scale not in scales:
        where = format_path((*path, "scale"))
        yield Finding(
            (*path, "scale"),
            f"{where} {show(scale)} is not a declared scale ({_declared(scales)})",
        )


def _check_interface_kind(path: DataPath, item: Node, family: str) -> Iterator[Finding]:
    kind = item.get("kind", "likert")
    where = (*path, "kind") if "kind" in item else path
    if family == "interface" and kind != "interface":
        yield Finding(
            where,
            f"{format_path(path)}: items of an interface dimension are rated per unit and "
            f"need 'kind: interface' (found {kind})",
        )
    elif kind == "interface" and family != "interface":
        yield Finding(
            where,
            f"{format_path(path)}: an interface item belongs in a dimension of family interface "
            f"(this dimension's family is {family})",
        )


def _check_questions(data: Node) -> Iterator[Finding]:
    rankings = [path for path, q in _questions(data) if q.get("kind") == "ranking"]
    for path in rankings[1:]:
        yield Finding(
            path, f"{format_path(path)}: only one ranking question is allowed", first=rankings[0]
        )
    for path, question in _questions(data):
        kind, options = question.get("kind"), question.get("options")
        if kind in ("choice", "ranking") and len(_list(options)) < 2:
            yield Finding(
                path, f"{format_path(path)}: a {kind} question needs at least two options"
            )
        elif kind == "text" and options is not None:
            yield Finding(
                (*path, "options"),
                f"{format_path(path)}: a text question takes no options",
                at_key=True,
            )
        if question.get("key_message") and kind != "text":
            yield Finding(
                (*path, "key_message"),
                f"{format_path(path)}: only a text question can be a key message",
                at_key=True,
            )
