"""Reading a stored result for display: the core reader (:mod:`eclaire.core.result`) bound to the
request's language, plus the few words only the pages use (translated with gettext).

Nothing here computes a statistic: values are looked up in the (scoped) result, formatted by the
one number formatter, and given words. Every figure keeps its ``n`` and its interval next to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from eclaire.core.result import view as core
from eclaire.core.result.numbers import Numbers
from eclaire.core.result.words import LANGUAGES, Words

SYMPTOM_LABELS = {
    "SY_MEETINGS": gettext_lazy("Meetings without a decision"),
    "SY_PRIORITIES": gettext_lazy("Priorities that contradict each other"),
    "SY_INFO": gettext_lazy("Information incomplete or late"),
    "SY_DECISIONS": gettext_lazy("Decisions that drag on"),
    "SY_ONBOARDING": gettext_lazy("Newcomers integrated too fast"),
    "SY_MISUNDERSTANDINGS": gettext_lazy("Misunderstandings left unsaid"),
    "SY_COMPENSATION": gettext_lazy("Teams compensating in silence"),
}
"""Short names of the default instrument's symptom items for table rows; other items show their
code. (Findings use the sentence form of :mod:`eclaire.core.result.words`.)"""

SCORED_FAMILIES = ("clarity", "pillar")


def request_lang() -> str:
    lang = (get_language() or "fr")[:2]
    return lang if lang in LANGUAGES else "fr"


class Fmt(Numbers):
    """The one number formatter in the request's language, with the evidence phrase of pages."""

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang or request_lang())
        # Translated once: a large heatmap formats tens of thousands of numbers.
        self._evidence = _("n = %(n)s · 95%% interval %(ci)s")

    def evidence(self, n: int, ci_text: str) -> str:
        """``n = 23 · 95% interval 3.10 to 3.62``: the evidence of a figure, in one string."""
        return self._evidence % {"n": n, "ci": ci_text}


def hidden_label(reason: str | None, k: int) -> str:
    """Why a group shows its ``n`` only, in words."""
    if reason == "below_threshold":
        return _("hidden (n < %(k)s)") % {"k": k}
    return _("hidden to protect anonymity")


class ResultView(core.ResultView):
    """A scoped result read in one language, with the lookups every page needs."""

    def __init__(
        self, data: Mapping[str, Any], lang: str, priority_labels: dict[str, str] | None = None
    ) -> None:
        super().__init__(data, lang if lang in LANGUAGES else "fr")
        self.data = data
        self.words = Words(self.lang or "fr")
        self.priority_labels = priority_labels or {}

    def unit(self, unit_id: str) -> Mapping[str, Any] | None:
        """The unit's row of the (scoped) tree, or None outside it."""
        return self.tree.get(unit_id)

    def unit_name(self, unit_id: str) -> str:
        return self.name(unit_id)

    def dims(self, families: Sequence[str] = SCORED_FAMILIES) -> list[Mapping[str, Any]]:
        return self.dimensions(tuple(families))

    def symptom_name(self, code: str) -> str:
        return str(SYMPTOM_LABELS.get(code, code))

    def option_name(self, code: str) -> str:
        return self.priority_labels.get(code, code)

    def index_cell(self, unit_id: str | None) -> Mapping[str, Any] | None:
        return self.index_entry(unit_id)

    def top_index(self) -> tuple[str | None, Mapping[str, Any] | None]:
        """The organization's index (coach), else the scope's top roll-up's."""
        overall = self.index_entry(None)
        if overall is not None:
            return None, overall
        return self.root, (self.index_entry(self.root) if self.root else None)
