"""Pure-Python core of Éclaire: instrument, statistics, privacy, imports, analysis.

Never imports Django and never reads the environment; usable from a notebook::

    from eclaire.core import analyze, load_default_instrument
"""

from __future__ import annotations

from typing import Any

__all__ = ["analyze", "load_default_instrument", "load_instrument"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that ``import eclaire.core.privacy`` stays light.
    if name == "analyze":
        from eclaire.core.analysis.analyze import analyze

        return analyze
    if name in ("load_default_instrument", "load_instrument"):
        from eclaire.core import instrument_loader

        return getattr(instrument_loader, name)
    raise AttributeError(name)
