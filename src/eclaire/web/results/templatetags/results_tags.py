"""Template helpers of the results pages: a figure with its evidence, a tab link."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure(fig: Any, css: str = "") -> SafeString | str:
    """A value with its ``n`` and interval: a tooltip for the mouse, hidden text for readers."""
    if fig is None:
        return format_html('<span class="muted">{}</span>', _("hidden"))
    detail = _("n = %(n)s · 95%% interval %(ci)s") % {"n": fig.n, "ci": fig.ci}
    return format_html(
        '<span class="fig {}" title="{}">{}<span class="sr-only"> ({})</span></span>',
        css,
        detail,
        fig.text,
        detail,
    )


@register.simple_tag
def evidence(fig: Any) -> SafeString | str:
    """The ``n`` and interval of a figure, as visible text."""
    if fig is None:
        return ""
    return format_html('<span class="evidence">n = {} · {}</span>', fig.n, fig.ci)


@register.simple_tag
def cell_of(row: Any, panel: str) -> SafeString:
    """The pre-rendered cells of one heatmap row for one panel (built escaped in heatmap.py)."""
    return row.cells[panel]  # type: ignore[no-any-return]
