"""The lever recommender, its rules file, the first conversation and the closing questions."""

from __future__ import annotations

import copy
import json
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from analysis.schema_fragments import fragment_schema
from jsonschema import Draft202012Validator
from levers_samples import sample_and_result
from scipy import stats

from eclaire.core.conversation import (
    closing_questions,
    first_conversation,
    load_guide,
    load_guides,
)
from eclaire.core.levers import recommend
from eclaire.core.levers.evaluation import Scores, score_recommendations
from eclaire.core.levers.rules import default_rules, load_rules
from eclaire.core.levers.section import levers_section
from eclaire.core.yaml_lines import DataFileError

SEEDS = (1, 2, 3, 4, 5)


@pytest.fixture(scope="module")
def planted_runs():
    return [sample_and_result(40, seed) for seed in SEEDS]


@pytest.fixture(scope="module")
def seed3():
    return sample_and_result(40, 3)


def _units_of(recs):
    return {(r.lever, r.target.kind, r.target.unit_ids) for r in recs}


# -- finding the planted problems -------------------------------------------------------------
@pytest.mark.slow
def test_finds_planted_problems_with_the_right_lever_and_target(planted_runs):
    scores = Scores()
    for sample, result in planted_runs:
        score_recommendations(recommend(result), sample.truth, result, scores)
    # The calibrated rules (a 20 % false discovery rate across the organization) find less on
    # this generator than the uncalibrated ones did (0.988 / 0.900), which also recommended
    # 1.7 levers per coherent organization: bench/levers.py reports both generators.
    assert scores.recall >= 0.75, scores.missed
    assert scores.precision >= 0.8, scores.false_positives
    for lever in ("individual_coaching", "team_coaching", "mediation"):
        assert scores.lever_recall(lever) >= 0.6, (lever, scores.missed)


@pytest.mark.slow
def test_meets_the_targets_on_sample_seeds_the_rules_were_not_tuned_on():
    """Held-out seeds of ``eclaire sample`` (the rules were tuned on seeds 1-7): recall 0.9 for
    each lever, precision 0.85, nothing on the coherent unit. Team coaching falls short: 0.833,
    its two misses planted priority disagreements (seed 101, and seed 104 whose permutation p
    of 0.0052 misses the false discovery rate); the order test that found them had no valid
    p-value and was taken out of the rule (docs/levers.md)."""
    scores = Scores()
    for seed in (101, 102, 103, 104):
        sample, result = sample_and_result(40, seed)
        score_recommendations(recommend(result), sample.truth, result, scores)
    for lever in ("individual_coaching", "mediation"):
        assert scores.lever_recall(lever) >= 0.9, (lever, scores.missed)
    assert scores.lever_recall("team_coaching") >= 0.8, scores.missed
    assert all(m.endswith("priority_disagreement") for m in scores.missed), scores.missed
    assert scores.precision >= 0.85, scores.false_positives
    assert scores.coherent_hits == 0


@pytest.mark.slow
def test_recommends_nothing_on_the_coherent_unit(planted_runs):
    for sample, result in planted_runs:
        coherent = sample.truth["patterns"]["coherent_unit"]["unit_id"]
        scores = score_recommendations(recommend(result), sample.truth, result)
        assert scores.coherent_hits == 0, coherent


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_recommends_nothing_in_a_coherent_organization(seed):
    _, result = sample_and_result(40, seed, "all_coherent")
    assert recommend(result) == []
    section = levers_section(result)
    assert section["first_conversation"] is None
    assert len(section["closing_questions"]["fr"]) == 3


def test_manager_gap_goes_to_individual_coaching_of_that_manager(seed3):
    sample, result = seed3
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    rec = next(
        r for r in recommend(result) if r.target.unit_ids == (unit,) and r.target.kind == "manager"
    )
    assert rec.lever == "individual_coaching"
    figures = rec.evidence[0].figures
    assert len(figures) >= 4 and all(f.n and f.ci95 and f.ci95[0] > 0 for f in figures)
    assert rec.watch and rec.watch[0].direction == "down"


def test_tense_interface_becomes_mediation_between_units_of_its_two_sides(seed3):
    sample, result = seed3
    truth = sample.truth["patterns"]["tense_interface"]
    sides = set(truth["from_units"]), set(truth["to_units"])
    mediations = [
        r
        for r in recommend(result)
        if r.lever == "mediation" and r.evidence[0].pattern.startswith("interface")
    ]
    tense = [r for r in mediations if set(r.target.unit_ids) & sides[0]]
    assert tense
    assert all(set(r.target.unit_ids) & sides[1] for r in tense)
    assert all(e.p_adjusted is not None and e.p_adjusted <= 0.2 for e in tense[0].evidence)


def test_ranks_are_consecutive_and_scores_descend(seed3):
    recs = recommend(seed3[1])
    assert [r.rank for r in recs] == list(range(1, len(recs) + 1))
    assert all(a.score >= b.score for a, b in zip(recs, recs[1:], strict=False))


# -- privacy and evidence ---------------------------------------------------------------------
def test_no_rule_fires_on_a_suppressed_unit(seed3):
    sample, result = seed3
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    hidden = copy.deepcopy(result)
    hidden["units"][unit] = {
        "n": hidden["units"][unit]["n"],
        "suppressed": True,
        "reason": "complementary",
    }
    assert not any(unit in r.target.unit_ids for r in recommend(hidden))


def test_no_rule_fires_on_suppressed_interfaces(seed3):
    hidden = copy.deepcopy(seed3[1])
    for entry in hidden["interfaces"]:
        entry.update(suppressed=True)
    patterns = {e.pattern for r in recommend(hidden) for e in r.evidence}
    assert not {p for p in patterns if p.startswith("interface")}


def test_a_gap_inside_the_team_prediction_interval_does_not_fire(seed3):
    sample, result = seed3
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    wide = copy.deepcopy(result)
    gaps = wide["perception_gaps"]
    for row in gaps["managers"] + gaps.get("families", []):
        if row["unit_id"] == unit:
            row["team_pi95"] = [row["team"] - 6.0, row["team"] + 6.0]
            df = row["n_team"] - 1  # the prediction t of the widened interval
            row["p_above"] = float(stats.t.sf(row["gap"] / (6.0 / stats.t.ppf(0.975, df)), df))
    assert any(r["unit_id"] == unit for r in gaps["families"])
    assert not [
        r for r in recommend(wide) if r.target.kind == "manager" and r.target.unit_ids == (unit,)
    ]


# -- overrides --------------------------------------------------------------------------------
def test_overrides_change_a_threshold_for_one_call(seed3):
    sample, result = seed3
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    strict = recommend(result, overrides={"manager_clarity_gap.min_gap": 3.5})
    assert ("individual_coaching", "manager", (unit,)) not in _units_of(strict)
    assert ("individual_coaching", "manager", (unit,)) in _units_of(recommend(result))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"manager_clarity_gap.min_gapp": 1.0}, "unknown key"),
        ({"manager_clarity_gap.min_gap": -1}, "between 0 and 4"),
        ({"manager_clarity_gap.min_dimensions": 2.5}, "whole number"),
        ({"ranking.size": "high"}, "finite number"),
    ],
)
def test_rejects_bad_overrides_with_a_clear_message(seed3, overrides, message):
    with pytest.raises(ValueError, match=message):
        recommend(seed3[1], overrides=overrides)


def test_every_override_key_is_documented():
    text = (Path(__file__).resolve().parents[2] / "docs" / "levers.md").read_text("utf-8")
    for key in default_rules().override_keys():
        assert f"`{key}`" in text, key


def test_rejects_an_unknown_language(seed3):
    with pytest.raises(ValueError, match="lang"):
        recommend(seed3[1], lang="de")


# -- the rules file ---------------------------------------------------------------------------
def _rules_text(rule: str) -> str:
    head = resources.files("eclaire").joinpath("data", "levers.yaml").read_text("utf-8")
    return head.split("\nrules:\n")[0] + "\nrules:\n" + textwrap.dedent(rule)


def _problems(rule: str):
    with pytest.raises(DataFileError) as caught:
        load_rules(_rules_text(rule), name="levers.yaml")
    return caught.value.problems


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


GOOD_RULE = """\
  - id: weak
    pattern: interface_weak
    target: pair
    lever: mediation
    guide: mediation_interface
    thresholds: {max_score: 2.5}
    text: {fr: "Lien faible.", en: "Weak link."}
    watch: {fr: "la note", en: "the rating"}
"""


def test_loads_a_minimal_rule():
    rules = load_rules(_rules_text(GOOD_RULE))
    assert rules.rule("weak").thresholds == {"max_score": 2.5}


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (("interface_weak", "interface_weak_x"), "pattern:", "unknown pattern"),
        (("{max_score: 2.5}", "{max_score: 9}"), "thresholds:", "between 1 and 5"),
        (("{max_score: 2.5}", "{min_score: 2.5}"), "thresholds:", "unknown threshold"),
        (("lever: mediation", "lever: team_coaching"), "lever:", "takes the lever 'mediation'"),
        (('en: "Weak link."', 'english: "Weak link."'), "text:", "unknown key 'english'"),
        (
            ("    guide: mediation_interface\n", "    guide: mediation_interface\n    guide: x\n"),
            "guide: x",
            "appears twice",
        ),
    ],
)
def test_rule_errors_name_the_line(change, needle, message):
    rule = GOOD_RULE.replace(*change)
    problems = _problems(rule)
    assert any(message in p.message for p in problems), problems
    text = _rules_text(rule)
    assert any(p.line == _line_of(text, needle) for p in problems), problems


def test_a_yaml_syntax_error_names_its_line():
    with pytest.raises(DataFileError) as caught:
        load_rules("version: 1\nrules: [\n", name="levers.yaml")
    assert caught.value.problems[0].line is not None
    assert "levers.yaml, line" in str(caught.value)


# -- texts and guides -------------------------------------------------------------------------
def test_every_rule_text_is_bilingual_and_has_a_guide():
    rules, guides = default_rules(), load_guides()
    for rule in rules.rules:
        assert rule.text["fr"].strip() and rule.text["en"].strip(), rule.id
        assert rule.watch["fr"].strip() and rule.watch["en"].strip(), rule.id
        assert rule.guide in guides, rule.id
    for texts in (rules.targets, rules.closing, *(v for v in rules.levers.values())):
        for text in texts.values():
            assert set(text) == {"fr", "en"} and all(t.strip() for t in text.values())


def test_every_guide_has_three_to_five_bilingual_questions():
    for guide in load_guides().values():
        assert 3 <= len(guide.questions) <= 5, guide.id
        for text in (*guide.questions, *guide.listen_for, *guide.pitfalls, guide.closing):
            assert text["fr"].strip() and text["en"].strip() and text["fr"] != text["en"]


def test_guide_with_an_unknown_placeholder_is_refused_with_its_line():
    folder = resources.files("eclaire").joinpath("data", "conversations")
    text = folder.joinpath("mediation_trust.yaml").read_text("utf-8")
    broken = text.replace("{partner}, then", "{team}, then", 1)
    with pytest.raises(DataFileError) as caught:
        load_guide(broken, "mediation_trust.yaml")
    assert caught.value.problems[0].line == _line_of(broken, "{team}, then")


# -- the first conversation, closing questions and section ------------------------------------
def test_first_conversation_comes_with_opening_questions_and_evidence(seed3):
    result = seed3[1]
    recs = recommend(result)
    first = first_conversation(result, recs, lang="en")
    assert first is not None and first.recommendation_id in {r.id for r in recs}
    assert 3 <= len(first.questions) <= 5
    assert first.why_now["fr"] and first.why_now["en"] and first.evidence
    assert first.format in ("one_to_one", "team_session", "mediated_meeting")
    assert first_conversation(result, [], lang="fr") is None


def test_closing_questions_read_the_sales_interfaces(seed3):
    result = seed3[1]
    fr, en = closing_questions(result, "fr"), closing_questions(result, "en")
    assert len(fr) == len(en) == 3
    assert "sur 5" in fr[0] and "out of 5" in en[0]
    no_sales = copy.deepcopy(result)
    for row in no_sales["tree"]:
        row["function"] = "production" if row["function"] == "sales" else row["function"]
    assert closing_questions(no_sales, "en")[0] == default_rules().closing["no_sales"]["en"]


def test_levers_section_matches_its_schema_and_is_json(seed3):
    section = levers_section(seed3[1], overrides={"ranking.size": 1.0})
    Draft202012Validator(fragment_schema("levers")).validate(section)
    assert json.loads(json.dumps(section)) == section
    assert section["overrides"] == {"ranking.size": 1.0}
