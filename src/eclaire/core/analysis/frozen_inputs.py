"""``frozen_inputs``: the garbage collector leaves the inputs alone while a campaign is analyzed.

A full collection visits every object the process holds; a responses frame holds hundreds of
thousands (a column object per item, its index, a Python string per text cell), so each of the
few full collections an analysis triggers spent about 0.08 s at 20,000 respondents re-visiting
inputs that cannot be garbage while the analysis runs. :func:`gc.freeze` moves everything that
exists when the analysis starts out of the collector's sight, and :func:`gc.unfreeze` gives it
back at the end; what the analysis itself creates is collected as before. When something else
froze objects already (a server that freezes its preloaded modules), or disabled the collector,
nothing is changed: unfreezing would undo its freeze.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["frozen_inputs"]


@contextmanager
def frozen_inputs() -> Iterator[None]:
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
