import jsonschema
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.interfaces_section import (
    interfaces_section,
    rater_disclosure,
    rater_scores,
    rehomed,
)
from eclaire.core.analysis.tree import ancestry
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.privacy import rollup_counts, suppress_interfaces

from .planted import PLANTED_SEEDS, planted
from .schema_fragments import fragment_schema

ITEMS = ("IF_CONSTRAINTS", "IF_INFO", "IF_PRIORITIES", "IF_TRUST", "IF_COMMITMENTS")
UNITS = pd.DataFrame(
    {
        "unit_id": ["R", "A", "B", "C"],
        "name": ["Root", "Sales", "Production", "Support"],
        "parent_id": [None, "R", "R", "R"],
        "function": ["management", "sales", "production", "support"],
        "site_kind": ["head_office", "field", "field", "head_office"],
    }
)


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def ratings(unit: str, target: str, values: list[float], *, skip: dict[int, int] | None = None):
    """Rows of ``unit`` rating ``target`` with the same value on every item (or NaN on
    ``skip[row]`` items)."""
    rows = []
    for i, v in enumerate(values):
        row = {"unit_id": unit, "self": False}
        for j, item in enumerate(ITEMS):
            row[f"if:{target}:{item}"] = np.nan if j < (skip or {}).get(i, 0) else float(v)
        rows.append(row)
    return rows


def section(instrument, rows, k=5):
    ctx = build_context(instrument, UNITS, pd.DataFrame(rows), min_group=k)
    return {(e["from"], e["to"]): e for e in interfaces_section(ctx)}, ctx


def test_score_is_mean_rating_with_student_t_interval(instrument):
    a_rates_b = [2, 3, 2, 1, 2, 3, 2]
    out, _ = section(instrument, ratings("A", "B", a_rates_b))
    entry = out[("A", "B")]
    assert entry["n"] == 7 and not entry["rollup"] and not entry["suppressed"]
    assert entry["score"] == pytest.approx(np.mean(a_rates_b), abs=1e-4)
    lo, hi = stats.t.interval(0.95, 6, loc=np.mean(a_rates_b), scale=stats.sem(a_rates_b))
    assert entry["ci95"] == pytest.approx([lo, hi], abs=1e-4)
    assert entry["items"] == pytest.approx({item: np.mean(a_rates_b) for item in ITEMS}, abs=1e-4)


def test_asymmetry_is_from_minus_reverse_with_welch_interval(instrument):
    low, high = [2, 1, 2, 3, 2, 2], [4, 5, 4, 4, 3, 5, 4]
    out, _ = section(instrument, ratings("A", "B", low) + ratings("B", "A", high))
    assert out[("A", "B")]["asymmetry"] == pytest.approx(np.mean(low) - np.mean(high), abs=1e-4)
    assert out[("B", "A")]["asymmetry"] == pytest.approx(np.mean(high) - np.mean(low), abs=1e-4)
    welch = stats.ttest_ind(low, high, equal_var=False).confidence_interval(0.95)
    assert out[("A", "B")]["asymmetry_ci95"] == pytest.approx([welch.low, welch.high], abs=1e-4)


def test_asymmetry_is_null_without_a_shown_reverse_pair(instrument):
    out, _ = section(instrument, ratings("A", "B", [2] * 6) + ratings("B", "A", [4, 4, 3]))
    assert out[("A", "B")]["asymmetry"] is None
    assert out[("B", "A")]["suppressed"]


def test_rater_needs_half_of_the_items(instrument):
    # 3 of 5 items skipped: 2 answered < ceil(5/2) = 3, so not a rater
    rows = ratings("A", "B", [3] * 6, skip={0: 3, 1: 2})
    out, _ = section(instrument, rows)
    assert out[("A", "B")]["n"] == 5


def test_pair_below_k_shows_only_n(instrument):
    out, _ = section(instrument, ratings("C", "B", [1, 1, 2]))
    assert out[("C", "B")] == {
        "from": "C",
        "to": "B",
        "rollup": False,
        "n": 3,
        "suppressed": True,
        "reason": "below_threshold",
    }


def test_small_pair_cannot_be_derived_from_roll_up(instrument):
    # root R's raters of B: 8 from A + 3 from C. Showing both R -> B and A -> B would give C's
    # three ratings by subtraction, so one of them is hidden.
    rows = ratings("A", "B", [4, 4, 3, 4, 5, 4, 4, 3]) + ratings("C", "B", [1, 1, 2])
    out, _ = section(instrument, rows)
    assert out[("R", "B")]["rollup"] and out[("R", "B")]["n"] == 11
    assert out[("R", "B")]["suppressed"] or out[("A", "B")]["suppressed"]
    assert out[("C", "B")]["suppressed"]


def test_roll_up_of_a_single_unit_is_not_repeated(instrument):
    out, _ = section(instrument, ratings("A", "B", [3] * 6))
    assert ("R", "B") not in out and ("A", "B") in out


def test_items_hidden_when_a_few_raters_skipped_one(instrument):
    # 2 of 8 raters skipped an item: item means over the 6 complete raters beside the score over
    # all 8 would give the two incomplete raters' total
    out, _ = section(instrument, ratings("A", "B", [3, 4, 2, 3, 4, 3, 2, 4], skip={0: 1, 1: 1}))
    assert not out[("A", "B")]["suppressed"] and out[("A", "B")]["items"] == {}


def test_disclosure_matches_suppress_interfaces_on_the_whole_tree():
    _, ctx = planted(PLANTED_SEEDS[0])
    long = rater_scores(ctx)
    fast = rater_disclosure(ctx, long)
    counts = long.groupby(["target", "from_unit"]).size()
    raters: dict[str, dict[str, int]] = {}
    for (t, u), n in counts.items():
        raters.setdefault(ctx.order[t], {})[ctx.order[u]] = int(n)
    full = suppress_interfaces(ctx.parents, raters, ctx.k, pool=True)
    assert fast.keys() == full.keys()
    for target, disclosure in fast.items():
        assert {u: disclosure.shows(u) for u in disclosure.counts} == {
            u: full[target].shows(u) for u in disclosure.counts
        }
        assert all(full[target].counts[u] == 0 for u in set(ctx.parents) - set(disclosure.counts))


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_shown_roll_ups_never_differ_by_fewer_than_k_raters(seed):
    # the adversary's view: for each target, each shown roll-up less its nearest shown roll-ups
    # below must leave 0 or at least k raters (Hundepool et al., 2012, ch. 5)
    _, ctx = planted(seed)
    chains = ancestry(ctx.parents)
    shown: dict[str, set[str]] = {}
    for e in interfaces_section(ctx):
        if not e["suppressed"]:
            shown.setdefault(e["to"], set()).add(e["from"])
    raw = rater_scores(ctx)
    # raters of a pooled roll-up count with the level above it, as the section counts them
    long = rehomed(ctx, raw, rater_disclosure(ctx, raw))
    for t_code, block in long.groupby("target"):
        target = ctx.order[t_code]
        direct = block["from_unit"].map(lambda c: ctx.order[c])
        counts = rollup_counts(ctx.parents, direct.value_counts().to_dict())
        for v in shown.get(target, ()):
            frontier = [
                f
                for f in shown[target]
                if f != v
                and v in chains[f]
                and not any(a in shown[target] for a in chains[f][1 : chains[f].index(v)])
            ]
            residual = counts[v] - sum(counts[f] for f in frontier)
            assert residual == 0 or residual >= ctx.k, (target, v, residual)


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_planted_sales_to_production_is_weak_and_asymmetric(seed):
    sample, ctx = planted(seed)
    truth = sample.truth["patterns"]["tense_interface"]
    entries = [e for e in interfaces_section(ctx) if not e["suppressed"] and not e["rollup"]]
    scores = sorted(e["score"] for e in entries)
    pair = next(
        e for e in entries if (e["from"], e["to"]) == (truth["from_unit"], truth["to_unit"])
    )
    assert pair["score"] <= scores[len(scores) // 20]  # among the weakest 5 %
    assert pair["asymmetry"] < -0.5 and pair["asymmetry_ci95"][1] < 0


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_coherent_unit_has_no_weak_interface(seed):
    sample, ctx = planted(seed)
    unit = sample.truth["patterns"]["coherent_unit"]["unit_id"]
    entries = [e for e in interfaces_section(ctx) if not e["suppressed"] and not e["rollup"]]
    cutoff = sorted(e["score"] for e in entries)[len(entries) // 10]
    mine = [e for e in entries if unit in (e["from"], e["to"])]
    assert mine and all(e["score"] > cutoff for e in mine)


def test_output_matches_its_schema():
    _, ctx = planted(PLANTED_SEEDS[0])
    jsonschema.validate(interfaces_section(ctx), fragment_schema("interfaces"))


def test_unknown_target_unit_is_a_clear_error(instrument):
    rows = [{"unit_id": "A", "self": False, "if:Z:IF_INFO": 3.0}]
    ctx = build_context(instrument, UNITS, pd.DataFrame(rows), min_group=5)
    with pytest.raises(ValueError, match="rates 'Z', which is not a unit"):
        interfaces_section(ctx)
