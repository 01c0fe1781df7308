"""The sample generator: formats, determinism, and the planted patterns seen with plain pandas."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from faker.providers.person.fr_FR import Provider as FrenchNames

from eclaire.core.instrument import Dimension, Instrument, Item, Scale
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import Sample, generate_sample, write_sample

SEGMENTS = ["unit_id", "role", "tenure_band", "contract", "customer_facing", "self"]
UNIT_COLUMNS = ["unit_id", "name", "parent_id", "function", "site_kind"]
ROSTER_COLUMNS = [
    "person_id",
    "email",
    "phone",
    "unit_id",
    "role",
    "tenure_band",
    "contract",
    "customer_facing",
    "language",
]
FUNCTIONS = {
    "sales",
    "sales_admin",
    "support",
    "marketing",
    "production",
    "logistics",
    "management",
    "hr",
    "finance",
    "it",
    "other",
}
NEWCOMERS = ["lt6m", "6to12m"]


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_default_instrument("coherence")


@pytest.fixture(
    scope="module",
    params=[(12, 220, 3), (40, 1200, 11), (120, 4000, 5)],
    ids=["12-units", "40-units", "120-units"],
)
def sample(request: pytest.FixtureRequest, instrument: Instrument) -> Sample:
    units, people, seed = request.param
    return generate_sample(units=units, people=people, seed=seed, instrument=instrument)


def members(sample: Sample) -> pd.DataFrame:
    r = sample.responses
    return r[~r["self"] & (r["role"] == "member")]


def scored(frame: pd.DataFrame, instrument: Instrument, codes: list[str]) -> pd.DataFrame:
    """Answers with reverse-keyed items turned back (min + max − x)."""
    out = frame[codes].copy()
    for code in codes:
        item = instrument.item(code)
        if item.reverse:
            out[code] = instrument.scale_of(item).reverse(out[code])
    return out


def family_codes(instrument: Instrument, family: str) -> list[str]:
    return [i.code for d in instrument.dimensions if d.family == family for i in d.items]


def kendalls_w(ranks: pd.DataFrame) -> float:
    """Kendall's W = 12 S / (m² (n³ − n)) for m complete rankings of n objects, no ties
    (Kendall & Babington Smith, 1939)."""
    complete = ranks.dropna().to_numpy()
    m, n = complete.shape
    totals = complete.sum(axis=0)
    s = ((totals - totals.mean()) ** 2).sum()
    return float(12 * s / (m**2 * (n**3 - n)))


# -- determinism -----------------------------------------------------------------------------------
def test_same_seed_gives_identical_frames(instrument: Instrument) -> None:
    a = generate_sample(units=20, people=400, seed=42, instrument=instrument)
    b = generate_sample(units=20, people=400, seed=42, instrument=instrument)
    for name in ("units", "roster", "responses", "not_applicable"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.truth == b.truth


def test_same_seed_writes_byte_identical_files(instrument: Instrument, tmp_path) -> None:
    first = write_sample(
        generate_sample(units=20, people=400, seed=8, instrument=instrument), tmp_path / "a"
    )
    second = write_sample(
        generate_sample(units=20, people=400, seed=8, instrument=instrument), tmp_path / "b"
    )
    assert [p.name for p in first] == ["units.csv", "roster.csv", "responses.csv", "truth.json"]
    for x, y in zip(first, second, strict=True):
        assert x.read_bytes() == y.read_bytes()


def test_different_seed_gives_different_people_and_answers(instrument: Instrument) -> None:
    a = generate_sample(units=20, people=400, seed=1, instrument=instrument)
    b = generate_sample(units=20, people=400, seed=2, instrument=instrument)
    pd.testing.assert_frame_equal(a.units, b.units)  # the structure depends on the size only
    assert not a.roster["email"].equals(b.roster["email"])
    assert not a.responses.equals(b.responses)


# -- formats ---------------------------------------------------------------------------------------
def test_units_have_interchange_columns_and_a_single_root(sample: Sample) -> None:
    units = sample.units
    assert list(units.columns) == UNIT_COLUMNS
    assert len(units) == sample.truth["units"]
    assert units["unit_id"].is_unique and units["name"].is_unique
    assert set(units["function"]) <= FUNCTIONS
    assert set(units["site_kind"]) <= {"head_office", "field", "mixed"}
    assert units["parent_id"].isna().sum() == 1
    assert set(units["parent_id"].dropna()) <= set(units["unit_id"])


def test_structure_scales_with_agencies_workshops_and_teams(instrument: Instrument) -> None:
    small = generate_sample(units=12, people=300, seed=1, instrument=instrument).units
    large = generate_sample(units=400, people=9000, seed=1, instrument=instrument).units
    assert len(small) == 12 and len(large) == 400
    assert small["name"].str.contains("Direction générale").any()
    assert large["name"].str.startswith("Agence ").sum() > 40
    assert large["name"].str.contains("Usine de Roanne — atelier usinage").any()
    assert large["name"].str.contains("Entrepôt de Mâcon").any()


def test_roster_has_interchange_columns_and_segment_values(sample: Sample) -> None:
    roster = sample.roster
    assert list(roster.columns) == ROSTER_COLUMNS
    assert len(roster) == sample.truth["people"]
    assert roster["person_id"].is_unique
    assert set(roster["unit_id"]) == set(sample.units["unit_id"])
    assert set(roster["tenure_band"]) <= {"lt6m", "6to12m", "1to3y", "3to10y", "gt10y"}
    assert set(roster["contract"]) <= {"permanent", "fixed_term", "apprentice", "intern", "temp"}
    assert set(roster["customer_facing"]) <= {"yes", "no"}
    assert set(roster["language"]) <= {"fr", "en"}


def test_every_unit_has_exactly_one_manager(sample: Sample) -> None:
    managers = sample.roster[sample.roster["role"] == "manager"]
    assert managers["unit_id"].value_counts().eq(1).all()
    assert set(managers["unit_id"]) == set(sample.units["unit_id"])


def test_everyone_can_be_reached_by_email_or_phone(sample: Sample) -> None:
    roster = sample.roster
    assert (roster["email"].notna() | roster["phone"].notna()).all()
    emails = roster["email"].dropna()
    assert emails.is_unique
    assert emails.str.fullmatch(r"[a-z-]+\.[a-z-]+\d*@merandal\.fr").all()
    assert roster["phone"].dropna().is_unique


def test_contracts_follow_the_trade(instrument: Instrument) -> None:
    s = generate_sample(units=60, people=4000, seed=4, instrument=instrument)
    people = s.roster.merge(s.units[["unit_id", "function"]], on="unit_id")
    apprentices = people[people["contract"] == "apprentice"]["function"].value_counts(
        normalize=True
    )
    assert apprentices[["sales", "production"]].sum() > 0.6
    temps = people[people["contract"] == "temp"]["function"].value_counts(normalize=True)
    assert temps["logistics"] > 0.5
    facing = people.groupby("function")["customer_facing"].apply(lambda x: (x == "yes").mean())
    assert (facing[["sales", "sales_admin", "support"]] == 1).all()
    assert facing["finance"] == 0
    no_email = people[people["email"].isna()]["function"]
    assert set(no_email) <= {"production", "logistics"}


def test_responses_columns_follow_the_instrument(sample: Sample, instrument: Instrument) -> None:
    columns = list(sample.responses.columns)
    plain = [i.code for i in instrument.respondent_items]
    assert columns[: len(SEGMENTS) + len(plain)] == SEGMENTS + plain
    interface = [c for c in columns if c.startswith("if:")]
    option_codes = [o.code for o in instrument.ranking.options]
    texts = [f"text:{i.code}" for i in instrument.text_items]
    assert columns == SEGMENTS + plain + interface + [f"rank:{c}" for c in option_codes] + texts
    interface_codes = {i.code for i in instrument.interface_items}
    for column in interface:
        _, to_unit, code = column.split(":")
        assert to_unit in set(sample.units["unit_id"]) and code in interface_codes


def test_responses_hold_no_person_identifier(sample: Sample) -> None:
    r = sample.responses
    assert not {"person_id", "email", "phone", "name"} & set(r.columns)
    texts = r.filter(like="text:").stack().dropna()
    assert not texts.str.contains("@").any()
    # rows are in unit order, shuffled within each unit, not in roster order
    assert r["unit_id"].is_monotonic_increasing


def test_responses_have_core_dtypes(sample: Sample) -> None:
    r = sample.responses
    assert r["self"].dtype == bool
    numeric = [c for c in r.columns if c not in SEGMENTS and not c.startswith("text:")]
    dense = [c for c in numeric if not c.startswith("if:")]
    assert all(r[c].dtype == np.float64 for c in dense)
    # interface ratings are mostly empty: sparse floats, NaN where not rated
    ratings = [c for c in numeric if c.startswith("if:")]
    assert ratings and all(r[c].dtype == pd.SparseDtype("float64", np.nan) for c in ratings)


def test_answers_lie_on_their_scales(sample: Sample, instrument: Instrument) -> None:
    r = sample.responses
    for item in instrument.respondent_items:
        scale = instrument.scale_of(item)
        values = r[item.code].dropna()
        assert values.between(scale.min, scale.max).all() and (values % 1 == 0).all()
    interface = r.filter(like="if:").stack().dropna()
    assert interface.between(1, 5).all()


def test_rankings_are_permutations_of_the_priorities(sample: Sample) -> None:
    ranks = members(sample).filter(like="rank:")
    complete = ranks.dropna()
    assert len(complete) > 0.9 * len(ranks)
    k = ranks.shape[1]
    assert (np.sort(complete.to_numpy(), axis=1) == np.arange(1, k + 1)).all()


def test_each_respondent_rates_one_to_five_other_units(
    sample: Sample, instrument: Instrument
) -> None:
    r = members(sample)
    rated = r.filter(like="if:").notna().T.groupby(lambda c: c.split(":")[1]).any().T
    per_person = rated.sum(axis=1)
    assert per_person.between(1, instrument.interface_max_units).all()
    own = [
        (row_unit, rated.loc[i, row_unit] if row_unit in rated.columns else False)
        for i, row_unit in r["unit_id"].items()
    ]
    assert not any(flag for _, flag in own)


def test_response_rate_is_near_the_target(sample: Sample) -> None:
    regular = sample.responses[~sample.responses["self"]]
    assert 0.65 <= len(regular) / len(sample.roster) <= 0.85


def test_managers_self_assess_on_the_self_items_only(
    sample: Sample, instrument: Instrument
) -> None:
    r = sample.responses
    own = r[r["self"]]
    assert (own["role"] == "manager").all()
    assert own["unit_id"].is_unique
    self_codes = {i.code for i in instrument.self_items}
    assert self_codes == set(
        family_codes(instrument, "clarity") + family_codes(instrument, "pillar")
    )
    answered = own.drop(columns=SEGMENTS).notna().any()
    assert set(answered[answered].index) == self_codes


def test_some_answers_are_missing_and_not_applicable_only_where_allowed(
    sample: Sample, instrument: Instrument
) -> None:
    r, na = sample.responses, sample.not_applicable
    regular = r[~r["self"]]
    missing = regular[family_codes(instrument, "clarity")].isna().to_numpy().mean()
    assert 0.01 <= missing <= 0.05
    assert r[na.columns].mask(~na).isna().all().all()  # NA cells hold NaN in the frame
    marked = {c for c in na.columns if na[c].any()}
    allowed = {i.code for i in instrument.iter_items() if i.not_applicable}
    assert {c.split(":")[-1] for c in marked} <= allowed
    assert marked


def test_texts_are_short_french_and_name_no_one(sample: Sample) -> None:
    texts = members(sample).filter(like="text:")
    written = texts.stack().dropna()
    assert 0.4 < len(written) / texts.size < 0.85
    assert written.str.len().between(2, 120).all()
    assert written.nunique() > 30
    names = set(FrenchNames.first_names_male + FrenchNames.first_names_female)
    words = set(re.findall(r"[A-ZÀ-Ý][\w-]+", " ".join(written.unique())))
    assert not words & names


def test_english_sample_writes_english_texts(instrument: Instrument) -> None:
    s = generate_sample(units=12, people=250, seed=1, instrument=instrument, lang="en")
    promises = members(s)["text:MSG_PROMISE"].dropna()
    english = r"\b(?:with|within|our|customers?|delivery|reliable|responsive|promises|contact|quote|answer|zero)\b"
    assert promises.str.contains(english, case=False, regex=True).mean() > 0.8
    assert not promises.str.contains("livraison", case=False).any()
    assert (s.roster["language"] == "en").mean() > 0.9


# -- planted patterns ------------------------------------------------------------------------------
def test_planted_units_have_enough_respondents(sample: Sample) -> None:
    counts = members(sample)["unit_id"].value_counts()
    patterns = sample.truth["patterns"]
    for key in (
        "manager_gap",
        "priority_disagreement",
        "meetings_without_decisions",
        "coherent_unit",
    ):
        assert counts[patterns[key]["unit_id"]] >= 12, key
    for key in ("from_unit", "to_unit"):
        assert counts[patterns["tense_interface"][key]] >= 12


def test_sales_rate_production_far_below_how_production_rates_sales(sample: Sample) -> None:
    tense = sample.truth["patterns"]["tense_interface"]
    a, b = tense["from_unit"], tense["to_unit"]
    r = members(sample)
    a_on_b = r.loc[r["unit_id"] == a, [c for c in r.columns if c.startswith(f"if:{b}:")]]
    b_on_a = r.loc[r["unit_id"] == b, [c for c in r.columns if c.startswith(f"if:{a}:")]]
    assert a_on_b.notna().any(axis=1).sum() >= 5 and b_on_a.notna().any(axis=1).sum() >= 5
    assert b_on_a.stack().dropna().mean() - a_on_b.stack().dropna().mean() >= 0.8
    everyone = r.filter(like="if:").stack().dropna().mean()
    assert (
        abs(b_on_a.stack().dropna().mean() - everyone) < 0.5
    )  # production rates sales about average


def test_planted_manager_sees_clarity_far_above_the_team(
    sample: Sample, instrument: Instrument
) -> None:
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    clarity = family_codes(instrument, "clarity")
    r = sample.responses
    own = scored(r[r["self"] & (r["unit_id"] == unit)], instrument, clarity).stack().dropna().mean()
    team = (
        scored(members(sample).query("unit_id == @unit"), instrument, clarity)
        .stack()
        .dropna()
        .mean()
    )
    assert own - team >= 1.0


def test_other_managers_see_themselves_close_to_their_team(
    sample: Sample, instrument: Instrument
) -> None:
    clarity = family_codes(instrument, "clarity")
    planted = sample.truth["patterns"]["manager_gap"]["unit_id"]
    r, team = sample.responses, members(sample)
    own = (
        scored(r[r["self"]], instrument, clarity)
        .mean(axis=1)
        .groupby(r.loc[r["self"], "unit_id"])
        .mean()
    )
    sizes = team["unit_id"].value_counts()
    view = scored(team, instrument, clarity).mean(axis=1).groupby(team["unit_id"]).mean()
    gaps = (own - view)[sizes[sizes >= 12].index.intersection(own.index)].drop(
        planted, errors="ignore"
    )
    assert (gaps < 1.0).all()


def test_planted_unit_disagrees_on_priorities_while_most_units_agree(sample: Sample) -> None:
    unit = sample.truth["patterns"]["priority_disagreement"]["unit_id"]
    r = members(sample)
    ranks = r.filter(like="rank:")
    sizes = r["unit_id"].value_counts()
    w = {u: kendalls_w(ranks[r["unit_id"] == u]) for u in sizes[sizes >= 5].index}
    assert w[unit] < 0.3
    others = pd.Series(w).drop(unit)
    assert others.median() > 0.5
    assert (others > 0.3).mean() > 0.9


def test_newcomers_report_less_support_across_the_organization(
    sample: Sample, instrument: Instrument
) -> None:
    dimension = sample.truth["patterns"]["newcomer_support"]["dimension"]
    codes = [i.code for i in instrument.dimension(dimension).items]
    r = members(sample)
    support = scored(r, instrument, codes).mean(axis=1)
    newcomer = r["tenure_band"].isin(NEWCOMERS)
    assert support[newcomer].mean() - support[~newcomer].mean() <= -0.5


def test_meeting_unit_says_meetings_end_without_decisions(sample: Sample) -> None:
    pattern = sample.truth["patterns"]["meetings_without_decisions"]
    r = members(sample)
    high = (r[pattern["item"]] >= 4).where(r[pattern["item"]].notna()).groupby(r["unit_id"]).mean()
    assert high[pattern["unit_id"]] >= 0.6
    assert high.median() < 0.3


def test_coherent_unit_shows_none_of_the_patterns(sample: Sample, instrument: Instrument) -> None:
    pattern = sample.truth["patterns"]["coherent_unit"]
    unit, partner = pattern["unit_id"], pattern["partner_unit"]
    r = members(sample)
    mine = r[r["unit_id"] == unit]
    clarity = family_codes(instrument, "clarity")
    mine_clarity = scored(mine, instrument, clarity).stack().dropna().mean()
    assert mine_clarity >= 3.8
    assert mine_clarity >= scored(r, instrument, clarity).stack().dropna().mean() + 0.3
    assert kendalls_w(mine.filter(like="rank:")) > 0.6
    assert (mine["SY_MEETINGS"].dropna() >= 4).mean() < 0.3
    assert mine[family_codes(instrument, "symptom")].stack().dropna().mean() < 2.5
    own = sample.responses.query("self and unit_id == @unit")
    assert (
        abs(
            scored(own, instrument, clarity).stack().dropna().mean()
            - scored(mine, instrument, clarity).stack().dropna().mean()
        )
        < 0.5
    )
    out = mine.filter(like=f"if:{partner}:").stack().dropna()
    back = r.loc[r["unit_id"] == partner].filter(like=f"if:{unit}:").stack().dropna()
    everyone = r.filter(like="if:").stack().dropna().mean()
    assert out.mean() >= 3.6 and back.mean() >= 3.6
    assert out.mean() > everyone and back.mean() > everyone


def test_truth_names_units_of_the_sample_and_the_declared_priorities(
    sample: Sample, instrument: Instrument
) -> None:
    truth = sample.truth
    assert truth["declared_priorities"] == [o.code for o in instrument.ranking.options]
    ids = set(sample.units["unit_id"])
    patterns = truth["patterns"]
    assert set(patterns) >= {
        "tense_interface",
        "manager_gap",
        "priority_disagreement",
        "newcomer_support",
        "meetings_without_decisions",
        "coherent_unit",
    }
    named = [p["unit_id"] for p in patterns.values() if "unit_id" in p]
    assert len(set(named)) == len(named) and set(named) <= ids
    json.dumps(truth)  # JSON-ready


# -- files -----------------------------------------------------------------------------------------
def test_written_files_follow_the_interchange_formats(instrument: Instrument, tmp_path) -> None:
    s = generate_sample(units=20, people=500, seed=6, instrument=instrument)
    paths = write_sample(s, tmp_path)
    read = {
        p.stem: pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
        for p in paths
        if p.suffix == ".csv"
    }
    assert list(read["units"].columns) == UNIT_COLUMNS
    assert list(read["roster"].columns) == ROSTER_COLUMNS
    responses = read["responses"]
    assert list(responses.columns) == list(s.responses.columns)
    assert set(responses["self"]) == {"yes", "no"}
    assert set(responses["CR1"]) <= {"", "1", "2", "3", "4", "5"}
    na = s.not_applicable.reindex(columns=responses.columns, fill_value=False).to_numpy()
    assert ((responses.to_numpy() == "NA") == na).all()
    texts = responses["text:FIRST_CONVERSATION"]
    assert texts.eq(s.responses["text:FIRST_CONVERSATION"].fillna("")).all()
    assert json.loads(paths[3].read_text(encoding="utf-8")) == s.truth


def test_twenty_thousand_people_generate(instrument: Instrument) -> None:
    s = generate_sample(units=400, people=20_000, seed=2026, instrument=instrument)
    assert len(s.roster) == 20_000 and len(s.units) == 400
    assert len(s.responses) > 14_000


# -- arguments -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"units": 11}, "units must be between 12"),
        ({"units": 12.5}, "units must be an integer"),
        ({"people": 50}, "people must be at least"),
        ({"seed": -1}, "seed must be zero or positive"),
        ({"response_rate": 0.1}, "response_rate must be"),
        ({"response_rate": 1.5}, "response_rate must be"),
        ({"lang": "de"}, "lang must be one of"),
        ({"instrument": "coherence"}, "instrument must be an Instrument"),
    ],
)
def test_rejects_bad_arguments(instrument: Instrument, overrides: dict, message: str) -> None:
    arguments = {"units": 12, "people": 300, "seed": 1, "instrument": instrument} | overrides
    with pytest.raises(ValueError, match=message):
        generate_sample(**arguments)


def test_write_refuses_a_file_as_directory(instrument: Instrument, tmp_path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    s = generate_sample(units=12, people=250, seed=1, instrument=instrument)
    with pytest.raises(ValueError, match="must be a directory"):
        write_sample(s, target)


def test_works_with_an_instrument_without_the_default_codes() -> None:
    agree = Scale(code="agree5", min=1, max=5)
    items = tuple(
        Item(
            code=f"Q{i}",
            text={"fr": f"Question {i}"},
            scale="agree5",
            dimension="d",
            reverse=i == 3,
            self_text={"fr": "moi"},
        )
        for i in (1, 2, 3)
    )
    tiny = Instrument(
        id="tiny",
        version=1,
        languages=("fr",),
        scales={"agree5": agree},
        dimensions=(
            Dimension(code="clarity.all", name={"fr": "Clarté"}, family="clarity", items=items),
        ),
    )
    s = generate_sample(units=15, people=300, seed=1, instrument=tiny)
    assert [c for c in s.responses.columns if c not in SEGMENTS] == ["Q1", "Q2", "Q3"]
    assert set(s.truth["patterns"]) == {"manager_gap", "coherent_unit"}


def test_written_files_pass_the_interchange_readers(instrument: Instrument, tmp_path) -> None:
    from eclaire.core.interchange import read_responses, read_roster, read_units

    s = generate_sample(units=20, people=400, seed=8, instrument=instrument)
    write_sample(s, tmp_path)
    units = read_units(tmp_path / "units.csv")
    read_roster(tmp_path / "roster.csv", set(units["unit_id"]))
    table = read_responses(tmp_path / "responses.csv", instrument, set(units["unit_id"]))
    pd.testing.assert_frame_equal(table.frame, s.responses, check_dtype=False)
    assert (table.not_applicable[s.not_applicable.columns] == s.not_applicable).all().all()
