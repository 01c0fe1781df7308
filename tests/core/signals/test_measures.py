"""Signal measures: rates with Wilson intervals, NPS interval, the k rule and complementary suppression."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from eclaire.core.signals import measure_signals
from eclaire.core.signals.satisfaction import csat_satisfied, nps


def events(rows: list[dict]) -> pd.DataFrame:
    base = {
        "signal_id": None,
        "date": pd.Timestamp("2026-03-01"),
        "kind": "ticket",
        "unit_id": "SUP",
        "handoff_from_unit": np.nan,
        "handoff_to_unit": np.nan,
        "account": np.nan,
        "reopened": np.nan,
        "reason": np.nan,
        "score": np.nan,
        "score_scale": np.nan,
        "text": np.nan,
        "delay_days": np.nan,
    }
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["signal_id"] = [f"S{i}" for i in range(len(frame))]
    return frame


def many(n: int, **fields: object) -> list[dict]:
    return [{**fields, "account": f"{fields.get('unit_id', 'SUP')}-{i}"} for i in range(n)]


def test_rates_match_statsmodels_wilson() -> None:
    data = events(many(12, kind="escalation") + many(28, kind="ticket"))
    row = measure_signals(data, k=5).unit("SUP")
    assert row is not None and row["shown"]
    lo, hi = proportion_confint(12, 40, alpha=0.05, method="wilson")  # statsmodels 0.14
    assert row["escalation"] == pytest.approx(0.3)
    assert (row["escalation_lo"], row["escalation_hi"]) == pytest.approx((lo, hi), abs=1e-9)


def test_broken_promises_share_and_median_delay() -> None:
    late = [{"delay_days": d} for d in (1, 2, 3, 4, 9, 10)]
    on_time = [{"delay_days": 0}] * 4
    rows = [{**r, "account": f"A{i}"} for i, r in enumerate(late + on_time)]
    row = measure_signals(events(rows), k=5).unit("SUP")
    assert row is not None
    assert row["late"] == pytest.approx(0.6)
    assert row["median_delay_days"] == pytest.approx(3.5)


def test_hides_groups_below_k_events_or_accounts() -> None:
    few_accounts = [{"unit_id": "ADV", "account": f"A{i % 2}"} for i in range(30)]
    data = events(many(40, unit_id="SUP") + many(40, unit_id="VTE") + few_accounts)
    measures = measure_signals(data, k=5)
    adv = measures.unit("ADV")
    assert adv is not None and not adv["shown"] and np.isnan(adv["events"])
    assert measures.unit("SUP")["shown"]  # type: ignore[index]


def test_complementary_suppression_of_units() -> None:
    data = events(many(3, unit_id="ADV") + many(40, unit_id="SUP") + many(40, unit_id="VTE"))
    groups = measure_signals(data, k=5).groups
    units = groups[(groups["scope"] == "unit") & (groups["period"] == "all")]
    # ADV (3 events) is hidden; the organization minus SUP minus VTE would give it away,
    # so the smaller of the two is hidden as well.
    assert units.set_index("unit_id")["shown"].sum() == 1


def test_small_numerator_is_not_shown() -> None:
    data = events(many(2, kind="complaint") + many(38, kind="ticket"))
    row = measure_signals(data, k=5).unit("SUP")
    assert row is not None and row["shown"]
    assert np.isnan(row["complaint"]) and np.isnan(row["complaint_k"])


def test_contradictions_counted_against_unit_and_interface() -> None:
    text = "On m'a promis 48 h, on me dit 5 jours."
    rows = many(6, unit_id="MACON", handoff_from_unit="VTE", handoff_to_unit="MACON", text=text)
    rows += many(6, unit_id="MACON", text="Merci pour la livraison.")
    groups = measure_signals(events(rows), k=5).groups
    iface = groups[(groups["scope"] == "interface") & (groups["period"] == "all")].iloc[0]
    assert (iface["from_unit"], iface["unit_id"]) == ("VTE", "MACON")
    assert iface["contradiction"] == pytest.approx(1.0)
    unit = groups[(groups["scope"] == "unit") & (groups["period"] == "all")].iloc[0]
    assert unit["contradiction"] == pytest.approx(0.5)


def test_csat_share_matches_statsmodels() -> None:
    scores = np.array([5, 4, 4, 3, 2, 5, 1, 4, 5, 3])
    result = csat_satisfied(scores)
    lo, hi = proportion_confint(6, 10, method="wilson")
    assert (result.value, result.lo, result.hi) == pytest.approx((0.6, lo, hi))


def test_nps_interval_close_to_scipy_bootstrap() -> None:
    rng = np.random.default_rng(3)
    scores = rng.choice(np.arange(11), size=400, p=[0.02] * 5 + [0.05, 0.1, 0.13, 0.2, 0.2, 0.22])
    result = nps(scores)

    def stat(x: np.ndarray) -> float:
        return 100 * ((x >= 9).mean() - (x <= 6).mean())

    boot = stats.bootstrap((scores,), stat, n_resamples=4000, method="percentile", random_state=rng)
    assert result.value == pytest.approx(stat(scores))
    assert result.lo == pytest.approx(boot.confidence_interval.low, abs=1.0)
    assert result.hi == pytest.approx(boot.confidence_interval.high, abs=1.0)


def test_verbatims_need_k_texts_from_k_accounts() -> None:
    from eclaire.core.signals.verbatims import hotspot_verbatims

    text = "On m'a promis 48 h, on me dit 5 jours."
    pair = {"handoff_from_unit": "VTE", "handoff_to_unit": "MACON", "unit_id": "MACON"}
    same_account = events([{**pair, "text": text, "account": "A1"} for _ in range(8)])
    assert hotspot_verbatims(same_account, "VTE", "MACON", "contradiction", 5, "s") == []
    spread = events(
        [{**pair, "text": f"{text} (commande {i})", "account": f"A{i}"} for i in range(6)]
    )
    chosen = hotspot_verbatims(spread, "VTE", "MACON", "contradiction", 5, "s")
    assert len(chosen) == 3 and chosen == hotspot_verbatims(
        spread, "VTE", "MACON", "contradiction", 5, "s"
    )
    assert hotspot_verbatims(spread, "VTE", "MACON", "contradiction", 7, "s") == []
