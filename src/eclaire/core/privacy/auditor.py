"""The disclosure auditor: every published aggregate, with the respondents behind it, proved safe.

A result publishes *figures*: a unit's mean and sd on a dimension, a segment comparison, an ICC,
an interface cell, a contradiction side, a trend delta. Each is registered here with the groups
of respondents whose answers it sums, in a *channel* (one variable: a dimension score, a symptom
item, the ratings of one unit's interface…); sums of different channels never combine. A mean
publishes the group's sum; an sd, an r_wg, an alpha or an ICC publish its sum of squares too
(``moments``). The sums and the sums of squares of a channel are audited as one system, which
can only find more than an analyst could (an attack mixing them is counted as one).

:meth:`Auditor.audit` proves, channel by channel and on every figure at once, that no group of
1 to ``k − 1`` respondents is isolated by a linear combination of published sums (exact search
of :mod:`eclaire.core.privacy.algebra`). :meth:`Auditor.protect` is the fail-closed loop: while
a group is isolated, it hides the smallest hideable figure that takes part (a figure registered
without a way to hide it makes it raise :class:`DisclosureError`); it returns what it hid.
Figures that are not sums of answers (a contradiction side: a value stated by some members)
are registered with :meth:`Auditor.add_statement` and must reach ``k`` people on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from eclaire.core.privacy.algebra import Isolation, smallest_isolated
from eclaire.core.privacy.tree import check_min_group

__all__ = ["MOMENTS", "Auditor", "DisclosureError", "Figure", "Leak"]

MOMENTS = ("sum", "sumsq")
Hide = Callable[[], None]


class DisclosureError(ValueError):
    """A result would let someone isolate a group of fewer than k respondents."""


@dataclass
class Figure:
    """One published figure: ``key`` names it in the result (``units/U003/clarity.roles``);
    ``groups``: member positions of each group it sums; ``nested``: its groups are unit
    roll-ups of the channel (disjoint or nested with the channel's other nested groups)."""

    key: str
    channel: str
    groups: tuple[np.ndarray, ...]
    moments: tuple[str, ...]
    nested: bool
    hide: Hide | None

    @property
    def n(self) -> int:
        return max((g.size for g in self.groups), default=0)


@dataclass(frozen=True)
class Leak:
    """An isolated group (``size`` respondents, never who) in ``channel``, and the figures that
    together isolate it (``figures``: their keys). ``undecided``: the channel was too tangled to
    search, which counts as a leak."""

    channel: str
    size: int
    figures: tuple[str, ...]
    undecided: bool = False
    members: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64), repr=False)
    """Positions of the isolated respondents: for choosing what to hide, never published."""


@dataclass
class Auditor:
    """Collects the figures of one result (respondents: positions ``0..n-1``) and audits them."""

    n: int
    k: int
    figures: list[Figure] = field(default_factory=list)
    statements: list[tuple[str, int, Hide | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.k = check_min_group(self.k)
        if self.n < 0:
            raise ValueError(f"the number of respondents must be non-negative, got {self.n}")

    def add(
        self,
        key: str,
        channel: str,
        groups: Sequence[np.ndarray] | np.ndarray,
        *,
        moments: Sequence[str] = MOMENTS,
        nested: bool = False,
        hide: Hide | None = None,
    ) -> None:
        """Register a figure that sums the answers of ``groups`` (positions) in ``channel``."""
        if isinstance(groups, np.ndarray):
            groups = (groups,)
        bad = [m for m in moments if m not in MOMENTS]
        if bad or not moments:
            raise ValueError(f"moments must be among {MOMENTS}, got {tuple(moments)!r}")
        cleaned = []
        for group in groups:
            members = np.asarray(group, dtype=np.int64)
            if members.size > 1 and not (members[1:] > members[:-1]).all():
                members = np.unique(members)
            if members.size and (members[0] < 0 or members[-1] >= self.n):
                raise ValueError(f"figure {key!r} names respondents outside 0..{self.n - 1}")
            cleaned.append(members)
        self.figures.append(Figure(key, channel, tuple(cleaned), tuple(moments), nested, hide))

    def add_statement(self, key: str, n_stating: int, *, hide: Hide | None = None) -> None:
        """Register a figure that shows what ``n_stating`` people stated (not a sum)."""
        if n_stating < 0:
            raise ValueError(f"the number of people stating must be non-negative, got {n_stating}")
        self.statements.append((key, int(n_stating), hide))

    def channels(self) -> list[str]:
        return sorted({f.channel for f in self.figures})

    def leak(self, channel: str) -> Leak | None:
        """The smallest isolated group of one channel, or None."""
        return self._channel_leak(channel)

    def keys(self) -> set[str]:
        return {f.key for f in self.figures}

    def figure(self, key: str) -> Figure:
        found = [f for f in self.figures if f.key == key]
        if not found:
            raise ValueError(f"no figure {key!r} is registered")
        return found[0]

    def hide(self, leak: Leak) -> str:
        """Hide the smallest hideable figure behind ``leak`` (see :meth:`protect`)."""
        return self._hide_one(leak)

    def _channel_leak(self, channel: str, figures: list[Figure] | None = None) -> Leak | None:
        if figures is None:
            figures = [f for f in self.figures if f.channel == channel]
        nested = [(f, g) for f in figures if f.nested for g in f.groups]
        crossing = [(f, g) for f in figures if not f.nested for g in f.groups]
        found = smallest_isolated(self.n, [g for _, g in nested], [g for _, g in crossing], self.k)
        if found is None:
            return None
        figures_in = _involved(found, nested, crossing)
        return Leak(channel, found.size, figures_in, found.undecided, found.members)

    def audit(self) -> list[Leak]:
        """Every channel's smallest isolated group (empty: the result is safe)."""
        leaks = [Leak("statements", n, (key,)) for key, n, _ in self.statements if 0 < n < self.k]
        for channel, figures in self._by_channel().items():
            leak = self._channel_leak(channel, figures)
            if leak is not None:
                leaks.append(leak)
        return leaks

    def _by_channel(self) -> dict[str, list[Figure]]:
        out: dict[str, list[Figure]] = {}
        for figure in self.figures:
            out.setdefault(figure.channel, []).append(figure)
        return dict(sorted(out.items()))

    def protect(self) -> list[str]:
        """Hide figures until :meth:`audit` finds nothing; return the hidden figures' keys.

        Each step hides, among the figures taking part in a leak, the hideable one with the
        fewest respondents (a crossing figure before a unit roll-up of the same size)."""
        hidden: list[str] = []
        for key, n, hide in list(self.statements):
            if 0 < n < self.k:
                self._hide_statement(key, hide)
                hidden.append(key)
        for channel, figures in self._by_channel().items():
            leak = self._channel_leak(channel, figures)
            while leak is not None:
                hidden.append(self._hide_one(leak))
                leak = self._channel_leak(channel)
        return hidden

    def _hide_statement(self, key: str, hide: Hide | None) -> None:
        if hide is None:
            raise DisclosureError(f"{key}: stated by fewer than {self.k} people")
        hide()
        self.statements = [s for s in self.statements if s[0] != key]

    def _hide_one(self, leak: Leak) -> str:
        keys = set(leak.figures)
        candidates = [
            f for f in self.figures if f.channel == leak.channel and f.key in keys and f.hide
        ]
        if not candidates:
            raise DisclosureError(
                f"channel {leak.channel!r}: a group of {leak.size} respondents is isolated by "
                f"{sorted(keys)[:6]}, and none of these figures can be hidden"
            )
        figure = min(candidates, key=lambda f: (f.n, f.nested, f.key))
        if figure.hide is not None:  # always: candidates are hideable
            figure.hide()
        self.figures = [f for f in self.figures if f is not figure]
        return figure.key


def _involved(
    found: Isolation,
    nested: list[tuple[Figure, np.ndarray]],
    crossing: list[tuple[Figure, np.ndarray]],
) -> tuple[str, ...]:
    """Keys of the figures behind an isolation: the crossing figures of its component (or the
    small crossing figure itself), else the nested figure whose block it is and the nested
    figures just inside it (hiding either merges the block into a larger one)."""
    if not found.nested:
        return tuple(dict.fromkeys(crossing[j][0].key for j in found.rows))
    row = found.rows[0]
    figure, group = nested[row]
    inside = [
        f.key
        for f, g in nested
        if g.size < group.size and np.isin(g, group).all() and f is not figure
    ]
    return tuple(dict.fromkeys([figure.key, *inside]))
