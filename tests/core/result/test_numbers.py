"""The one number formatter: French decimals and spaces, a true minus, a dash for missing."""

from __future__ import annotations

import math

import pytest

from eclaire.core.result.numbers import NNBSP, Numbers


def test_french_uses_a_decimal_comma_and_narrow_spaces() -> None:
    f = Numbers("fr")
    assert f.num(0.4213) == "0,42"
    assert f.count(12345) == f"12{NNBSP}345"
    assert f.pct(0.423) == f"42{NNBSP}%"
    assert f.ci([3.1, 3.62]) == "3,10 à 3,62"
    assert f.p(0.00001) == "inférieur à 0,0001"


def test_english_uses_a_point_and_no_space_before_percent() -> None:
    f = Numbers("en")
    assert f.num(0.4213) == "0.42"
    assert f.count(12345) == "12,345"
    assert f.pct(0.423) == "42%"
    assert f.ci([3.1, 3.62]) == "3.10 to 3.62"


def test_negative_values_use_a_true_minus_and_zero_has_no_sign() -> None:
    f = Numbers("fr")
    assert f.signed(-0.94) == "−0,94"
    assert f.signed(0.5) == "+0,50"
    assert f.signed(-0.001) == "0,00"


@pytest.mark.parametrize("missing", [None, math.nan, "3", True])
def test_a_missing_value_reads_as_a_dash_never_as_zero(missing: object) -> None:
    f = Numbers("fr")
    assert f.num(missing) == "—"
    assert f.pct(missing) == "—"
    assert f.ci([missing, 1.0]) == "pas d'intervalle"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        Numbers("de")


def test_a_mean_similarity_reads_on_0_to_1() -> None:
    from eclaire.core.result.numbers import similarity_0_1

    assert similarity_0_1(0.12, [-0.05, 0.29]) == (0.12, [0.0, 0.29])
    assert similarity_0_1(-0.02, (-0.2, 0.16)) == (0.0, [0.0, 0.16])
    assert similarity_0_1(0.9, None) == (0.9, None)
