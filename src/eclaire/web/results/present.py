"""Reading a stored result for display: names in the reader's language and number formats.

Nothing here computes a statistic: values are looked up in the (scoped) result, formatted, and
given words. Every figure keeps its ``n`` and its interval next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SYMPTOM_LABELS = {
    "SY_MEETINGS": gettext_lazy("Meetings without a decision"),
    "SY_PRIORITIES": gettext_lazy("Priorities that contradict each other"),
    "SY_INFO": gettext_lazy("Information incomplete or late"),
    "SY_DECISIONS": gettext_lazy("Decisions that drag on"),
    "SY_ONBOARDING": gettext_lazy("Newcomers integrated too fast"),
    "SY_MISUNDERSTANDINGS": gettext_lazy("Misunderstandings left unsaid"),
    "SY_COMPENSATION": gettext_lazy("Teams compensating in silence"),
}
"""Short names of the default instrument's symptom items; other items show their code."""

BANDS = {
    "fragile": gettext_lazy("fragile"),
    "uneven": gettext_lazy("uneven"),
    "coherent": gettext_lazy("coherent"),
}

COMPONENTS = {
    "clarity": gettext_lazy("Clarity"),
    "pillars": gettext_lazy("Pillars (trust, support, autonomy)"),
    "interfaces": gettext_lazy("Interfaces between units"),
    "symptoms": gettext_lazy("Symptoms (fewer is better)"),
    "agreement": gettext_lazy("Agreement within units"),
}

SEGMENTS = {
    "newcomers": (gettext_lazy("newcomers"), gettext_lazy("tenured staff")),
    "juniors": (gettext_lazy("apprentices, interns and sales newcomers"), gettext_lazy("others")),
    "field": (gettext_lazy("field"), gettext_lazy("head office")),
    "customer_facing": (gettext_lazy("customer-facing staff"), gettext_lazy("back office")),
}

SCORED_FAMILIES = ("clarity", "pillar")


class Fmt:
    """Number formats of the current language, fixed once per request (fast in big tables)."""

    def __init__(self) -> None:
        self.sep = str(get_format("DECIMAL_SEPARATOR"))
        # Translated once: a large heatmap formats tens of thousands of numbers.
        self._pct = _("%(value)s%%")
        self._range = _("%(low)s to %(high)s")
        self._none = _("no interval")
        self._evidence = _("n = %(n)s · 95%% interval %(ci)s")

    def evidence(self, n: int, ci_text: str) -> str:
        """``n = 23 · 95% interval 3.10 to 3.62``: the evidence of a figure, in one string."""
        return self._evidence % {"n": n, "ci": ci_text}

    def num(self, value: float | None, places: int = 2) -> str:
        if value is None:
            return "—"
        text = f"{value:.{places}f}"
        return text.replace("-", "−").replace(".", self.sep)

    def signed(self, value: float | None, places: int = 2) -> str:
        if value is None:
            return "—"
        return ("+" if value > 0 else "") + self.num(value, places)

    def pct(self, share: float | None) -> str:
        if share is None:
            return "—"
        return self._pct % {"value": self.num(100 * share, 0)}

    def ci(self, ci: Sequence[float | None] | None, places: int = 2) -> str:
        if not ci or ci[0] is None or ci[1] is None:
            return self._none
        return self._range % {"low": self.num(ci[0], places), "high": self.num(ci[1], places)}

    def ci_pct(self, ci: Sequence[float] | None) -> str:
        if not ci:
            return self._none
        return self._range % {"low": self.pct(ci[0]), "high": self.pct(ci[1])}

    def p(self, value: float | None) -> str:
        if value is None:
            return "—"
        if value < 0.0001:
            return _("below 0.0001").replace(".", self.sep)
        return self.num(value, 4)


def hidden_label(reason: str | None, k: int) -> str:
    """Why a group shows its ``n`` only, in words."""
    if reason == "below_threshold":
        return _("hidden (n < %(k)s)") % {"k": k}
    return _("hidden to protect anonymity")


@dataclass
class ResultView:
    """A scoped result with the lookups every page needs."""

    data: dict[str, Any]
    lang: str
    priority_labels: dict[str, str] = field(default_factory=dict)

    @property
    def k(self) -> int:
        return int(self.data.get("min_group", 5))

    @property
    def is_scoped(self) -> bool:
        return "scope" in self.data

    @cached_property
    def tree(self) -> list[dict[str, Any]]:
        return list(self.data.get("tree", []))

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {u["unit_id"]: u for u in self.tree}

    @cached_property
    def _dims(self) -> dict[str, dict[str, Any]]:
        return {d["code"]: d for d in self.data.get("dimensions", [])}

    @cached_property
    def min_depth(self) -> int:
        return min((u["depth"] for u in self.tree), default=0)

    def unit(self, unit_id: str) -> dict[str, Any] | None:
        return self._by_id.get(unit_id)

    def unit_name(self, unit_id: str) -> str:
        entry = self._by_id.get(unit_id)
        if entry is not None:
            return str(entry["name"])
        return self._outside_names.get(unit_id, unit_id)

    @cached_property
    def _outside_names(self) -> dict[str, str]:
        return {u["unit_id"]: u["name"] for u in self.data.get("partner_names", [])}

    def depth(self, unit_id: str) -> int:
        entry = self._by_id.get(unit_id)
        return entry["depth"] - self.min_depth if entry else 0

    def dim_name(self, code: str) -> str:
        dim = self._dims.get(code)
        if dim is None:
            return code
        names = dim.get("name", {})
        return str(names.get(self.lang) or next(iter(names.values()), code))

    def dims(self, families: Sequence[str] = SCORED_FAMILIES) -> list[dict[str, Any]]:
        return [d for d in self.data.get("dimensions", []) if d["family"] in families]

    def symptom_items(self) -> list[str]:
        codes: list[str] = []
        for dim in self.dims(("symptom",)):
            codes.extend(dim.get("items", []))
        return codes

    def symptom_name(self, code: str) -> str:
        return str(SYMPTOM_LABELS.get(code, code))

    def option_name(self, code: str) -> str:
        return self.priority_labels.get(code, code)

    @cached_property
    def reference_id(self) -> str | None:
        """The top roll-up to compare units with: the single root of the (scoped) tree."""
        roots = [u["unit_id"] for u in self.tree if u.get("parent_id") not in self._by_id]
        return roots[0] if len(roots) == 1 else None

    def index_cell(self, unit_id: str | None) -> dict[str, Any] | None:
        index = self.data.get("coherence_index") or {}
        if unit_id is None:
            return index.get("overall")
        return (index.get("units") or {}).get(unit_id)

    def top_index(self) -> tuple[str | None, dict[str, Any] | None]:
        """The organization's index (coach), else the scope's top roll-up's."""
        overall = self.index_cell(None)
        if overall is not None:
            return None, overall
        ref = self.reference_id
        return ref, (self.index_cell(ref) if ref else None)

    def unit_ids(self) -> list[str]:
        return [u["unit_id"] for u in self.tree]
