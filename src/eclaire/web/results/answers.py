"""The answers behind a unit's scores, question by question: plain words, a stacked bar, counts.

The counts come from the result (``units.<u>.scores.<dimension>.items``, already audited); the
question texts and answer labels from the campaign's instrument, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eclaire.core.instrument import Instrument
from eclaire.web.results.present import ResultView


@dataclass(frozen=True)
class Question:
    text: str
    labels: tuple[str, ...]
    """The answers of its scale, lowest first."""
    reverse: bool = False
    """Reverse-keyed: agreeing is the unfavourable answer (its bar's colours are swapped)."""


def questions(instrument: Instrument, lang: str) -> dict[str, Question]:
    """Every scored item of the instrument: its text and its answers' labels in ``lang``."""
    out = {}
    for dim in instrument.dimensions:
        for item in dim.items:
            if item.kind not in ("likert", "frequency") or not item.scale:
                continue
            scale = instrument.scale_of(item)
            labels = scale.labels.get(lang) or next(iter(scale.labels.values()), ())
            text = instrument.text(item.text, lang)
            out[item.code] = Question(text, tuple(labels), bool(item.reverse))
    return out


def _either(labels: Sequence[str]) -> str:
    return _(" or ").join(label.lower() for label in labels)


def _plain(counts: Sequence[int], missing: int, n: int, labels: Sequence[str]) -> str:
    """“7 of 12: agree or strongly agree; 3 of 12: disagree or strongly disagree; 2 did not
    answer.” (the two answers at each end of the scale)."""
    ends = min(2, len(counts) // 2)
    parts = [
        _("%(count)s of %(n)s: %(answers)s")
        % {"count": sum(counts[-ends:]), "n": n, "answers": _either(labels[-ends:])},
        _("%(count)s of %(n)s: %(answers)s")
        % {"count": sum(counts[:ends]), "n": n, "answers": _either(labels[:ends])},
    ]
    if missing:
        parts.append(
            ngettext(
                "%(count)s did not answer or found it not applicable",
                "%(count)s did not answer or found it not applicable",
                missing,
            )
            % {"count": missing}
        )
    return _("; ").join(parts) + "."


def _bar(counts: Sequence[int], missing: int, n: int, worse_high: bool) -> SafeString:
    """A stacked bar (inline SVG, no style attribute): lowest answer on the left, then the
    people who did not answer (class ``a0``); the colours are read from the CSS classes, warm
    for the unfavourable end (the high end for a symptom or a reverse-keyed item)."""
    rects, x = [], 0.0
    points = len(counts)
    for level, count in [*enumerate(counts, start=1), (0, missing)]:
        if not count:
            continue
        width = 100 * count / n
        rects.append(f'<rect class="a{level}" x="{x:.2f}" width="{width:.2f}" height="10"/>')
        x += width
    css = "answer-bar" + (" worse-high" if worse_high else "") + f" p{points}"
    return mark_safe(  # noqa: S308 (numbers and fixed class names only)
        f'<svg class="{css}" viewBox="0 0 100 10" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(rects)}</svg>'
    )


def _counts(counts: Sequence[int], missing: int, labels: Sequence[str]) -> str:
    parts = [f"{label} {count}" for label, count in zip(labels, counts, strict=False)]
    if missing:
        parts.append(_("not answered %(count)s") % {"count": missing})
    return " · ".join(parts)


def unit_answers(
    v: ResultView, unit_id: str, texts: Mapping[str, Question]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The unit's dimensions with their answers, and the names of the shown dimensions whose
    answers are not shown (too few people answered one of their questions)."""
    blocks, without = [], []
    for dim in v.dims(("clarity", "pillar", "symptom", "external")):
        code = dim["code"]
        cell = v.score(unit_id, code)
        if cell is None:
            continue
        answers = v.item_answers(unit_id, code)
        if not answers:
            without.append(v.dim_name(code))
            continue
        n, worse_high = int(cell["n"]), dim.get("family") == "symptom"
        items = []
        for item, entry in answers.items():
            question = texts.get(item, Question(item, ()))
            counts, missing = list(entry["counts"]), int(entry["missing"])
            labels = question.labels or tuple(str(i) for i in range(1, len(counts) + 1))
            items.append(
                {
                    "text": question.text,
                    "bar": _bar(counts, missing, n, worse_high != question.reverse),
                    "plain": _plain(counts, missing, n, labels),
                    "counts": _counts(counts, missing, labels),
                }
            )
        blocks.append({"code": code, "name": v.dim_name(code), "n": n, "items": items})
    return blocks, without
