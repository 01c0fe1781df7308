import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from eclaire.core.instrument_loader import (
    InstrumentError,
    Problem,
    default_instrument_path,
    list_default_instruments,
    load_default_instrument,
    load_instrument,
)
from eclaire.core.instrument_schema import instrument_schema

BFI_YAML = Path(__file__).resolve().parents[1] / "data" / "instruments" / "bfi.yaml"

MINIMUM = """\
id: bfi
version: 1
languages: [en]
scales:
  six: {min: 1, max: 6}
dimensions:
  - code: agreeableness
    name: {en: Agreeableness}
    items:
      - {code: A1, text: {en: "Am indifferent to others."}, scale: six, reverse: true}
"""

BILINGUAL_HEAD = """\
id: demo
version: 1
languages: [fr, en]
scales:
  agree5: {min: 1, max: 5}
  freq5: {min: 1, max: 5}
dimensions:
"""


def problems_of(text: str, name: str = "coherence.yaml") -> tuple[Problem, ...]:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(textwrap.dedent(text), name=name)
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


# -- loading --------------------------------------------------------------------------------------
def test_minimum_shape_loads_with_defaults():
    instrument = load_instrument(MINIMUM)
    item = instrument.item("A1")
    assert instrument.languages == ("en",)
    assert instrument.scales["six"].points == 6
    assert instrument.scales["six"].labels == {}
    assert instrument.dimension("agreeableness").family == "other"
    assert (item.kind, item.scale, item.reverse, item.dimension) == (
        "likert",
        "six",
        True,
        "agreeableness",
    )
    assert item.self_text is None and item.options == ()
    assert instrument.questions == () and instrument.interface_max_units == 5


@pytest.mark.parametrize(
    ("code", "family"),
    [
        ("clarity.roles", "clarity"),
        ("pillar.trust", "pillar"),
        ("external.mirror", "external"),
        ("symptoms", "symptom"),
        ("interface", "interface"),
        ("engagement", "other"),
    ],
)
def test_family_follows_code_prefix_when_not_given(code, family):
    kind = "interface" if family == "interface" else "likert"
    text = MINIMUM.replace("code: agreeableness", f"code: {code}").replace(
        "scale: six,", f"scale: six, kind: {kind},"
    )
    assert load_instrument(text).dimensions[0].family == family


def test_explicit_family_wins_over_code_prefix():
    text = MINIMUM.replace("    name:", "    family: pillar\n    name:")
    assert load_instrument(text).dimensions[0].family == "pillar"


def test_loads_from_path_and_from_path_string(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMUM, encoding="utf-8")
    assert load_instrument(path).id == "bfi"
    assert load_instrument(str(path)).id == "bfi"


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(instrument_schema())


def test_bfi_example_loads_with_psych_keying():
    bfi = load_instrument(BFI_YAML)
    reversed_codes = {i.code for i in bfi.iter_items() if i.reverse}
    assert reversed_codes == {"A1", "C4", "C5", "E1", "E2", "O2", "O5"}
    assert [len(d.items) for d in bfi.dimensions] == [5, 5, 5, 5, 5]
    assert bfi.scales["six"].points == 6


# -- the default instrument -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coherence():
    return load_default_instrument()


def test_default_instruments_are_listed_and_found():
    assert "coherence" in list_default_instruments()
    path = default_instrument_path("coherence")
    assert path.is_file() and path.name == "coherence.yaml"
    assert load_instrument(path).id == "coherence"


def test_unknown_default_instrument_is_a_value_error():
    with pytest.raises(ValueError, match="available: coherence"):
        load_default_instrument("../settings")


def test_default_instrument_has_the_codes_of_the_conventions(coherence):
    expected = {
        "clarity.roles": ["CR1", "CR2", "CR3"],
        "clarity.priorities": ["CP1", "CP2", "CP3"],
        "clarity.constraints": ["CC1", "CC2", "CC3"],
        "clarity.expectations": ["CE1", "CE2", "CE3"],
        "clarity.negotiables": ["CN1", "CN2", "CN3"],
        "pillar.trust": ["PT1", "PT2", "PT3"],
        "pillar.support": ["PS1", "PS2", "PS3"],
        "pillar.autonomy": ["PA1", "PA2", "PA3"],
        "symptoms": [
            "SY_MEETINGS",
            "SY_PRIORITIES",
            "SY_INFO",
            "SY_DECISIONS",
            "SY_ONBOARDING",
            "SY_MISUNDERSTANDINGS",
            "SY_COMPENSATION",
        ],
        "external.mirror": ["EX_CONSISTENT", "EX_PROMISES", "EX_LOST"],
        "interface": ["IF_CONSTRAINTS", "IF_INFO", "IF_PRIORITIES", "IF_TRUST", "IF_COMMITMENTS"],
    }
    assert {d.code: [i.code for i in d.items] for d in coherence.dimensions} == expected
    assert [q.code for q in coherence.questions] == [
        "PRIO",
        "MSG_PROMISE",
        "MSG_NONNEGOTIABLE",
        "MSG_PRIORITY",
        "FIRST_CONVERSATION",
    ]
    assert set(coherence.scales) == {"agree5", "freq5"}


def test_every_clarity_and_pillar_dimension_has_three_items_and_a_reverse_one(coherence):
    by_family = coherence.dimensions_by_family
    dims = by_family["clarity"] + by_family["pillar"]
    assert len(dims) == 8
    for dim in dims:
        assert len(dim.items) >= 3, dim.code
        assert any(i.reverse for i in dim.items), dim.code
        assert {i.scale for i in dim.items} == {"agree5"}


def test_manager_variant_covers_exactly_clarity_and_pillar_items(coherence):
    families = {coherence.dimension(i.dimension).family for i in coherence.self_items}
    assert families == {"clarity", "pillar"}
    assert len(coherence.self_items) == 24


def test_seven_symptoms_are_frequency_items(coherence):
    (symptoms,) = coherence.dimensions_by_family["symptom"]
    assert len(symptoms.items) == 7
    assert {(i.kind, i.scale, i.reverse) for i in symptoms.items} == {("frequency", "freq5", False)}


def test_external_mirror_has_lost_customers_reverse_keyed(coherence):
    assert coherence.item("EX_LOST").reverse
    assert not coherence.item("EX_CONSISTENT").reverse
    assert all(i.not_applicable for i in coherence.dimension("external.mirror").items)


def test_interface_items_are_rated_per_unit(coherence):
    items = coherence.interface_items
    assert len(items) == 5
    assert {(i.kind, i.scale, i.dimension) for i in items} == {("interface", "agree5", "interface")}
    assert coherence.interface_max_units == 5


def test_ranking_offers_six_priorities_and_texts_warn_against_naming(coherence):
    assert coherence.ranking is not None and len(coherence.ranking.options) == 6
    assert len(coherence.text_items) == 4
    for item in coherence.text_items:
        assert item.hint is not None
        assert "personne" in item.hint["fr"].lower() and "not name" in _name_hint(item.hint["en"])


def _name_hint(text: str) -> str:
    return (
        text.lower().replace("never to people", "not name").replace("nobody is named", "not name")
    )


def test_default_instrument_speaks_french_and_english_everywhere(coherence):
    assert coherence.languages == ("fr", "en")
    texts = [coherence.title] + [d.name for d in coherence.dimensions]
    texts += [d.description for d in coherence.dimensions]
    for item in coherence.iter_items():
        texts += [item.text, item.self_text, item.hint, *(o.label for o in item.options)]
    for text in filter(None, texts):
        assert set(text) == {"fr", "en"} and all(v.strip() for v in text.values())
    for scale in coherence.scales.values():
        assert {lang: len(v) for lang, v in scale.labels.items()} == {"fr": 5, "en": 5}


# -- problems, each with its line -------------------------------------------------------------------
def test_unknown_scale_names_line_column_and_declared_scales():
    problem = only_problem(
        BILINGUAL_HEAD
        + """\
  - code: clarity.roles
    name: {fr: Rôles, en: Roles}
    items:
      - code: CR1
        text: {fr: a, en: b}
        scale: agree7
"""
    )
    assert (problem.file, problem.line, problem.column) == ("coherence.yaml", 13, 16)
    assert "'agree7' is not a declared scale (declared: agree5, freq5)" in problem.message
    assert str(problem).startswith("coherence.yaml, line 13, column 16: dimensions[0].items[0]")


def test_missing_language_is_reported_at_the_text():
    problem = only_problem(
        BILINGUAL_HEAD
        + """\
  - code: clarity.roles
    name: {fr: Rôles, en: Roles}
    items:
      - code: CR1
        text:
          fr: Je sais ce que je fais.
        scale: agree5
"""
    )
    assert problem.line == 13
    assert "the 'en' text is missing" in problem.message


def test_language_not_declared_is_reported_at_its_key():
    problem = only_problem(MINIMUM.replace('{en: "Am indifferent to others."}', "{en: a, de: b}"))
    assert problem.line == 10 and "language 'de' is not in languages (en)" in problem.message


def test_duplicate_item_code_points_at_second_and_names_first():
    problem = only_problem(
        BILINGUAL_HEAD
        + """\
  - code: clarity.roles
    name: {fr: Rôles, en: Roles}
    items:
      - {code: CR1, text: {fr: a, en: b}, scale: agree5}
  - code: clarity.priorities
    name: {fr: Priorités, en: Priorities}
    items:
      - {code: CR1, text: {fr: a, en: b}, scale: agree5}
"""
    )
    assert problem.line == 15
    assert "item code 'CR1' is used twice (first at line 11)" in problem.message


def test_duplicate_dimension_code_is_reported():
    text = MINIMUM + MINIMUM.split("dimensions:\n")[1].replace("A1", "A2")
    problem = only_problem(text)
    assert problem.line == 11 and "dimension code 'agreeableness' is used twice" in problem.message


def test_item_code_shared_with_a_question_is_a_duplicate():
    text = MINIMUM + 'questions:\n  - {code: A1, kind: text, text: {en: "Why?"}}\n'
    assert "item code 'A1' is used twice" in only_problem(text).message


def test_yaml_syntax_error_names_the_line():
    problem = only_problem(MINIMUM.replace("    name: {en: Agreeableness}", "    name: {en: Agree"))
    assert problem.line == 9 and problem.message.startswith("not valid YAML")


def test_unquoted_colon_in_a_text_gets_a_quoting_hint():
    problem = only_problem(MINIMUM.replace("{en: Agreeableness}", "\n      en: Note: kind"))
    assert problem.line == 9 and "put in quotes" in problem.message


def test_labels_count_must_match_the_scale_points():
    text = MINIMUM.replace("{min: 1, max: 6}", "{min: 1, max: 6, labels: {en: [a, b, c]}}")
    problem = only_problem(text)
    assert problem.line == 5
    assert "3 labels, but the scale has 6 points" in problem.message


def test_labels_needed_in_every_language_once_given():
    problem = only_problem(
        BILINGUAL_HEAD.replace(
            "{min: 1, max: 5}\n  freq5", "{min: 1, max: 2, labels: {fr: [a, b]}}\n  freq5"
        )
        + "  - {code: d, name: {fr: a, en: b}, items: [{code: X, text: {fr: a, en: b}, scale: agree5}]}\n"
    )
    assert problem.line == 5 and "the 'en' labels are missing" in problem.message


@pytest.mark.parametrize("bounds", ["{min: 6, max: 1}", "{min: 3, max: 3}"])
def test_scale_min_must_be_below_max(bounds):
    problem = only_problem(MINIMUM.replace("{min: 1, max: 6}", bounds))
    assert problem.line == 5 and "must be smaller than max" in problem.message


def test_scale_bounds_must_be_whole_numbers():
    problem = only_problem(MINIMUM.replace("max: 6", "max: 6.5"))
    assert problem.line == 5 and "expected a whole number, found 6.5" in problem.message


def test_two_ranking_questions_are_refused():
    options = "options: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]"
    text = MINIMUM + (
        "questions:\n"
        f"  - {{code: P1, kind: ranking, text: {{en: Rank}}, {options}}}\n"
        f"  - {{code: P2, kind: ranking, text: {{en: Rank again}}, {options}}}\n"
    )
    problem = only_problem(text)
    assert problem.line == 13
    assert "only one ranking question is allowed (first at line 12)" in problem.message


def test_choice_question_needs_options():
    text = MINIMUM + "questions:\n  - {code: Q1, kind: choice, text: {en: Pick}}\n"
    problem = only_problem(text)
    assert problem.line == 12 and "needs at least two options" in problem.message


def test_scored_item_needs_a_scale():
    problem = only_problem(MINIMUM.replace(" scale: six,", ""))
    assert problem.line == 10 and "a likert item needs a scale (declared: six)" in problem.message


def test_interface_dimension_items_need_kind_interface():
    text = MINIMUM.replace("code: agreeableness", "code: interface")
    problem = only_problem(text)
    assert problem.line == 10 and "need 'kind: interface'" in problem.message


def test_interface_item_outside_interface_dimension_is_refused():
    problem = only_problem(MINIMUM.replace("scale: six,", "scale: six, kind: interface,"))
    assert problem.line == 10 and "belongs in a dimension of family interface" in problem.message


def test_code_with_a_colon_is_refused():
    problem = only_problem(MINIMUM.replace("code: A1", "code: 'A:1'"))
    assert (problem.line, problem.column) == (10, 16)
    assert "no ':'" in problem.message


def test_item_code_may_not_take_a_response_column_name():
    problem = only_problem(MINIMUM.replace("code: A1", "code: role"))
    assert problem.line == 10 and "column name of the responses table" in problem.message


def test_unknown_key_suggests_the_close_one():
    problem = only_problem(MINIMUM.replace("reverse: true", "reversed: true"))
    assert (
        problem.line == 10 and "unknown key 'reversed' (did you mean 'reverse'?" in problem.message
    )


def test_wrong_kind_in_a_dimension_points_to_questions():
    problem = only_problem(MINIMUM.replace("scale: six,", "scale: six, kind: text,"))
    assert problem.line == 10 and "go under the top-level 'questions:'" in problem.message


def test_missing_required_key_is_reported_at_its_mapping():
    problem = only_problem(MINIMUM.replace("    name: {en: Agreeableness}\n", ""))
    assert problem.line == 7 and "the required key 'name' is missing" in problem.message


def test_unquoted_no_read_as_false_gets_a_quoting_hint():
    problem = only_problem(MINIMUM.replace('"Am indifferent to others."', "no"))
    assert problem.line == 10 and "put the value in quotes" in problem.message


def test_key_written_twice_is_reported():
    problem = only_problem(MINIMUM.replace("version: 1\n", "version: 1\nversion: 2\n"))
    assert (
        problem.line == 3
        and "the key 'version' appears twice here (first at line 2)" in problem.message
    )


def test_every_problem_is_reported_at_once_in_file_order():
    text = MINIMUM.replace("max: 6", "max: 1").replace("scale: six,", "scale: seven,")
    problems = problems_of(text)
    assert [p.line for p in problems] == [5, 10]


def test_problems_name_the_file_they_come_from(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text(MINIMUM.replace("scale: six,", "scale: seven,"), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(caught.value).startswith("1 problem in team.yaml:")
    assert caught.value.problems[0].file == "team.yaml"


def test_missing_and_empty_files_are_instrument_errors(tmp_path):
    with pytest.raises(InstrumentError, match="file not found"):
        load_instrument(tmp_path / "absent.yaml")
    with pytest.raises(InstrumentError, match="the file is empty"):
        load_instrument("# nothing here\n")


def test_instrument_error_is_a_value_error():
    assert issubclass(InstrumentError, ValueError)


def test_example_of_the_format_documentation_loads():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "instrument.md").read_text("utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    instrument = load_instrument(example)
    assert instrument.dimension("clarity.roles").family == "clarity"
    assert [i.code for i in instrument.self_items] == ["CR1"]


def test_a_bare_word_is_not_mistaken_for_an_instrument():
    with pytest.raises(InstrumentError, match="path to a .yaml file"):
        load_instrument("coherence")


def test_default_instrument_marks_three_key_messages():
    from eclaire.core.instrument_loader import load_default_instrument

    codes = [i.code for i in load_default_instrument().key_message_items]
    assert codes == ["MSG_PROMISE", "MSG_NONNEGOTIABLE", "MSG_PRIORITY"]


def test_key_message_on_a_choice_question_is_refused_at_its_line():
    from eclaire.core.instrument_loader import InstrumentError, load_instrument

    text = """id: t
version: 1
languages: [en]
scales:
  s: {min: 1, max: 5}
dimensions:
  - code: d
    name: {en: D}
    items:
      - {code: A, text: {en: a}, scale: s}
questions:
  - code: Q
    kind: choice
    key_message: true
    text: {en: q}
    options:
      - {code: x, label: {en: x}}
      - {code: y, label: {en: y}}
"""
    import pytest

    with pytest.raises(InstrumentError, match="line 14.*only a text question can be a key message"):
        load_instrument(text)
