"""``forked``: run part of an analysis on a second core, in a child process forked for it.

The sections of an analysis read the same context and none reads another's output, so on a
machine with two cores half of them can run in a child while the parent runs the rest. A forked
child sees the parent's memory as it was at the fork (the inputs are shared, copy-on-write,
never copied or pickled); only its result comes back, pickled through a pipe. The child does
nothing but compute: no progress report, no database, no file; it leaves with
:func:`os._exit`, so no exit handler of the parent (a server's, a task worker's) runs twice.

An exception raised in the child is raised again in the parent (the same exception when it
can be pickled, else a :class:`ForkedError` carrying its traceback); a child that dies (killed,
out of memory) raises :class:`ForkedError`.

Forking is used only where it is cheap and safe: Linux, at least two cores available to the
process, and the caller allowing two processes (``processes`` of :func:`~.analyze.analyze`; the
command line's ``--processes``, the server's ``ECLAIRE_ANALYSIS_PROCESSES``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

__all__ = ["ForkedError", "can_fork", "start_forked"]

T = TypeVar("T")


class ForkedError(RuntimeError):
    """The child computing part of the analysis failed in a way that cannot be raised as is."""


def can_fork(processes: int = 2) -> bool:
    """Whether a second process may compute part of the analysis here (``processes``: how
    many the caller allows): Linux, and two CPUs for this process, in its affinity mask and in
    its control group's quota (a container limited to one CPU would only lose by forking)."""
    if processes < 2:
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False  # macOS and Windows: forking a process with threads is not safe there
    return len(os.sched_getaffinity(0)) >= 2 and _cgroup_cpus() >= 2


def _cgroup_cpus(path: str = "/sys/fs/cgroup/cpu.max") -> float:
    """CPUs the control group may use (cgroup v2 ``cpu.max``: quota and period); unlimited
    when there is no such file or no quota."""
    try:
        quota, period = Path(path).read_text(encoding="ascii").split()[:2]
    except (OSError, ValueError):
        return float("inf")
    return float("inf") if quota == "max" else int(quota) / int(period)


_RESET = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP)
"""Signals whose handlers the child must not inherit: a task worker's graceful shutdown, the
command line's Ctrl-C; the child just ends (the parent then reports it)."""


@contextmanager
def start_forked(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start ``work()`` in a forked child now; the block gets a function that waits for its
    result. Leaving the block without having waited (the parent's own part failed) kills the
    child and reaps it: a long-lived worker keeps no child, no zombie and no open pipe. A child
    whose parent dies is killed by the kernel."""
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    with warnings.catch_warnings():
        # Python 3.12+ warns when a process with threads forks: the child here runs no code
        # that takes a lock another thread may hold (no logging, no database, no I/O but its
        # pipe), and BLAS thread pools are re-created after a fork.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        code = 0
        try:
            _become_child()
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                _send(work, out)
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 1
            with contextlib.suppress(BaseException):
                traceback.print_exc()  # to the parent's error stream, for its log
        finally:
            os._exit(code)
    os.close(write_end)
    source = os.fdopen(read_end, "rb")
    reaped = False

    def wait() -> T:
        nonlocal reaped
        try:  # read as it comes (never the whole payload at once), to the end before waiting
            ok, value = pickle.load(source)
            received = True
        except Exception:  # noqa: BLE001 - nothing, or a value cut short: the child failed
            received = False
        source.read()
        status = "unknown"
        with contextlib.suppress(ChildProcessError):  # reaped elsewhere (SIGCHLD ignored)
            status = str(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
        reaped = True
        if not received:
            raise ForkedError(
                f"the process computing part of the analysis ended without a result "
                f"(exit status {status})"
            )
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    wait.pid = pid  # type: ignore[attr-defined]  # for the tests
    try:
        yield wait
    finally:
        source.close()
        if not reaped:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _become_child() -> None:
    """Default signal handlers, and death with the parent (Linux ``PR_SET_PDEATHSIG``)."""
    parent = os.getppid()
    for number in _RESET:
        signal.signal(number, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _send(work: Callable[[], Any], pipe: BinaryIO) -> None:
    """Pickle ``work()`` (or the exception it raised) straight into the pipe: the value is
    never held twice, as objects and as bytes. An exception carries the child's traceback as
    a note; one that cannot be pickled, or rebuilt from its pickle, becomes a
    :class:`ForkedError` with that traceback."""
    try:
        value = work()
    except Exception as error:  # noqa: BLE001 - raised again in the parent
        text = "".join(traceback.format_exception(error))
        error.add_note(f"In the process computing part of the analysis:\n{text}")
        try:
            payload = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(payload)  # the parent must be able to rebuild it
        except Exception:  # noqa: BLE001 - an exception that cannot travel
            payload = pickle.dumps((False, ForkedError(text)), protocol=pickle.HIGHEST_PROTOCOL)
        pipe.write(payload)
        return
    pickle.dump((True, value), pipe, protocol=pickle.HIGHEST_PROTOCOL)
