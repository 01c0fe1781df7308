"""Kept so that ``from eclaire.core.levers_view import …`` still works: the view lives in
:mod:`eclaire.core.result.view`."""

from eclaire.core.result.view import Z95, Figure, ResultView, Signal, standard_error

__all__ = ["Figure", "ResultView", "Signal", "Z95", "standard_error"]
