"""Generalization of segment attributes at collection (k-anonymity against the roster).

A response carries a unit and up to four segment attributes. Joined to the roster, a rare
combination would point at one person: the only manager of a team, the only apprentice. Before a
response is stored, each attribute is kept only where the roster of the unit holds enough people
to hide in.

The attributes are taken in a fixed order (role, customer_facing, tenure_band, contract). The
roster people of the unit are split step by step: at each step, inside the cell of people who
share the respondent's attributes kept so far, the levels of the next attribute are counted
(missing values form the level ``unknown``) and suppressed with the within-group rule of
``eclaire.core.privacy.suppress_partition``: a level is kept only if it holds at least ``k``
people and the suppressed levels together hold none or at least ``k``. A suppressed level is
stored blank, so a blank value always stands for a group of at least ``k`` roster people (or for
the whole unit when the unit itself has fewer than ``k``). Every cell of the final split holds
``k`` people or more, so no stored combination of unit and attributes matches fewer than ``k``
people of the roster.

Reference: Sweeney, L. (2002), k-anonymity: a model for protecting privacy, and Hundepool, A. et
al. (2012), Statistical Disclosure Control, Wiley, ch. 4 (global recoding and suppression).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from eclaire.core.privacy import check_min_group, suppress_partition

ATTRIBUTE_ORDER: tuple[str, ...] = ("role", "customer_facing", "tenure_band", "contract")
UNKNOWN = "unknown"


def _level(value: str | None) -> str:
    return value if value else UNKNOWN


def generalize_attributes(
    attributes: Mapping[str, str | None],
    roster: Iterable[Mapping[str, str | None]],
    k: int,
) -> dict[str, str]:
    """The respondent's attributes with every too-rare value blanked (``""``).

    ``attributes`` and each roster line map the names of ``ATTRIBUTE_ORDER`` to a level or to
    ``""``/``None`` when missing; ``roster`` holds the people of the respondent's unit.
    """
    k = check_min_group(k)
    cell = [dict(person) for person in roster]
    kept: dict[str, str] = {}
    for name in ATTRIBUTE_ORDER:
        mine = _level(attributes.get(name))
        counts = Counter(_level(person.get(name)) for person in cell)
        hidden = suppress_partition(counts, k, already=[UNKNOWN] if UNKNOWN in counts else [])
        if mine == UNKNOWN or mine not in counts or mine in hidden:
            kept[name] = ""
            cell = [p for p in cell if _level(p.get(name)) in hidden]
        else:
            kept[name] = mine
            cell = [p for p in cell if _level(p.get(name)) == mine]
    return kept
