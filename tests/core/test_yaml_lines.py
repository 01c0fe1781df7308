"""libyaml's parser, the fast path of the data files, gives what the Python parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eclaire.core.yaml_lines import DataFileError, fast_compose, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    p for folder in ("src/eclaire", "tests/data") for p in (ROOT / folder).rglob("*.yaml")
)


def _python(text: str) -> tuple[yaml.Node, object]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        return root, loader.construct_document(root)
    finally:
        loader.dispose()


def _nodes(node: yaml.Node) -> list[tuple[object, ...]]:
    """Every node with its kind, tag, value and both marks (line and column), in order."""
    out: list[tuple[object, ...]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        start, end = n.start_mark, n.end_mark
        value = n.value if isinstance(n, yaml.ScalarNode) else None
        out.append((type(n).__name__, n.tag, value, start.line, start.column, end.line, end.column))
        if isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in reversed(n.value) for x in reversed(pair))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))
    return out


def test_libyaml_is_there() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: the data files are read ten times slower"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_nodes_marks_and_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = fast_compose(text)
    assert fast is not None
    root, data = _python(text)
    assert fast[1] == data
    assert _nodes(fast[0]) == _nodes(root)


def test_accented_lines_keep_their_columns() -> None:
    text = "titre: « Écoute »\nliste:\n  - élément\n  - clé: « valeur »\n"
    fast = fast_compose(text)
    assert fast is not None
    assert _nodes(fast[0]) == _nodes(_python(text)[0])


@pytest.mark.parametrize(
    "text",
    ["a: [1, 2\nb: 3\n", "a: b: c\n", "a:\n\t- 1\n", "- a\nb: c\n"],
    ids=["unclosed", "mapping-in-value", "tab", "mixed"],
)
def test_a_refused_file_gets_the_python_parser_message(text: str) -> None:
    assert fast_compose(text) is None
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, "rules.yaml")
    (problem,) = caught.value.problems
    assert problem.file == "rules.yaml" and problem.line is not None
    assert problem.message.startswith("not valid YAML: ")
    try:
        _python(text)
    except yaml.MarkedYAMLError as exc:
        assert problem.message == f"not valid YAML: {exc.problem}"
    else:  # pragma: no cover - the case above must be refused by both parsers
        pytest.fail("the Python parser accepted it")


def test_an_empty_file_is_still_refused() -> None:
    assert fast_compose("") is None and fast_compose("# only a comment\n") is None
    with pytest.raises(DataFileError, match="the file is empty"):
        parse_yaml("", "rules.yaml")
