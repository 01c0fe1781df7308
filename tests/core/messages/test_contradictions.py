"""The incompatibility rule between two units' modal commitments."""

import pytest

from eclaire.core.messages import UnitCommitment, incompatibility


def unit(value, kind="delay", subject="delivery", bound="exact"):
    return UnitCommitment("U", kind, subject, value, None, bound, 5, 5, 10)


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (unit(48.0), unit(168.0), "delay_ratio"),
        (unit(48.0), unit(72.0), None),
        (unit(None, "discount", "discount"), unit(15.0, "discount", "discount"), "none_vs_value"),
        (unit(None, "discount", "discount"), unit(None, "discount", "discount"), None),
        (
            unit(10.0, "discount", "discount", "max"),
            unit(15.0, "discount", "discount", "max"),
            "discount_gap",
        ),
        (unit(10.0, "discount", "discount"), unit(15.0, "discount", "discount", "max"), None),
        (
            unit(24.0, "warranty", "warranty"),
            unit(60.0, "warranty", "warranty"),
            "warranty_differs",
        ),
        (unit(300.0, "price", "delivery"), unit(500.0, "price", "delivery"), "price_ratio"),
        (unit(100.0, "quantity", "quantity"), unit(120.0, "quantity", "quantity"), None),
    ],
)
def test_incompatibility(a, b, rule):
    assert incompatibility(a, b) == rule
    assert incompatibility(b, a) == rule


def test_refuses_different_subjects():
    with pytest.raises(ValueError, match="same kind and subject"):
        incompatibility(unit(48.0), unit(48.0, subject="response"))
