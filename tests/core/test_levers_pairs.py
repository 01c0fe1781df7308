"""consolidate_pairs: the pairs within a pair found by ancestors, as by testing every pair."""

from __future__ import annotations

import random

from eclaire.core.levers.pairs import consolidate_pairs
from eclaire.core.result.view import ResultView, Signal


def _tree(rng: random.Random, n: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [{"unit_id": "u0", "parent_id": None, "depth": 0}]
    for i in range(1, n):
        parent = rng.choice(rows)
        rows.append(
            {"unit_id": f"u{i}", "parent_id": parent["unit_id"], "depth": int(parent["depth"]) + 1}
        )
    return rows


def _every_pair(view: ResultView, signals: list[Signal]) -> list[tuple[str, ...]]:
    """The rule read directly: each signal against every other pair."""

    def under(unit: str, top: str) -> bool:
        return unit == top or view.under(unit, top)

    pairs = {frozenset(s.unit_ids) for s in signals}
    position = {u: i for i, u in enumerate(view.order)}
    out = []
    for signal in signals:
        a, b = signal.unit_ids
        inside = False
        for other in pairs:
            if other == {a, b}:
                continue
            x, y = tuple(other)
            if (under(x, a) and under(y, b)) or (under(x, b) and under(y, a)):
                inside = True
        if not inside:
            out.append((a, b) if position[a] <= position[b] else (b, a))
    return out


def test_consolidate_pairs_same_as_every_pair() -> None:
    rng = random.Random(11)
    for _ in range(60):
        tree = _tree(rng, rng.randint(2, 40))
        view = ResultView({"tree": tree, "units": {}})
        ids = [str(row["unit_id"]) for row in tree]
        signals = []
        for _ in range(rng.randint(1, 60)):
            a, b = rng.sample(ids, 2)
            signals.append(Signal("r", "pair", (a, b), (), None, False))
        got = [s.unit_ids for s in consolidate_pairs(view, signals)]
        assert got == _every_pair(view, signals)
        assert [s.rule_id for s in consolidate_pairs(view, signals)] == ["r"] * len(got)
