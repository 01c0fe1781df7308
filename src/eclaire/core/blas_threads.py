"""One BLAS thread for the small matrix products of the analysis.

On the 2-core machine, OpenBLAS's second thread mostly waits for the first (or for the other
work running there), and the waiting is CPU time: the products of message analysis (500
statements embedded: 0.12 s with one thread, 1.4 s with two) and the pattern products of the
privacy search (the largest component of the 20,000 sample: 42 ms of CPU with one thread,
115 ms with two) are both faster with one.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

__all__ = ["single_blas_thread"]


def single_blas_thread() -> AbstractContextManager[Any]:
    """A context in which BLAS uses one thread (threadpoolctl)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
