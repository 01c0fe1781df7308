"""Pictures drawn the same way in the web pages and in the report.

Each builder returns one accessible inline ``<svg>`` (:func:`eclaire.report.svg.svg`) from plain
numbers and already-translated words; the caller decides the width (narrow for a phone-first web
page, the A4 text block for the report). Geometry shared by the pictures lives in
:mod:`.geometry`.
"""

from eclaire.report.pictures.dot_plot import GapDot, gap_dot_plot, sort_gaps
from eclaire.report.pictures.rank_chart import RankChart, rank_chart

__all__ = ["GapDot", "RankChart", "gap_dot_plot", "rank_chart", "sort_gaps"]
