"""Past one machine: two app servers and two task workers on one PostgreSQL, one server killed.

Two gunicorn app servers (as ``eclaire serve`` runs them) listen on two ports; two task workers
(django-tasks' database queue) poll the same database. Clients walk respondents through complete
surveys, each request going to the next server in turn (a tiny round-robin balancer that moves on
when a server stops answering, as a reverse proxy does). One app server is killed with SIGKILL in
the middle; the analysis is queued right after. The database is then read directly.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from eclaire.web.drill.campaign import page_bodies
from eclaire.web.drill.servers import (
    free_port,
    kill,
    production_env,
    scratch_postgres,
    start_server,
    start_worker,
)

GIVEN = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not GIVEN.startswith("postgres"),
        reason="several servers share one database server: PostgreSQL only "
        "(DATABASE_URL=postgres://…)",
    ),
]

ROOT = Path(__file__).resolve().parents[3]
HELPER = Path(__file__).with_name("two_servers_db.py")
CLIENTS = 6
PER_CLIENT = 40
LOAD_BEFORE_KILL = 4.0
TASK_TIMEOUT = 240.0


def _helper(env: dict[str, str], *args: str, stdin: str = "") -> Any:
    done = subprocess.run(
        [sys.executable, str(HELPER), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _tag(respondent: int) -> str:
    return f"réponse · {respondent}"


@functools.cache
def _template() -> list[dict[str, object]]:
    return page_bodies(_tag(-1))


def _bodies(respondent: int) -> list[dict[str, object]]:
    """Every page's form, each free text naming the respondent (this test's way to count)."""
    mark, tag = _tag(-1), _tag(respondent)
    return [{k: tag if v == mark else v for k, v in page.items()} for page in _template()]


@dataclass
class Balancer:
    """Round robin over the servers still answering; a server that fails once is left out."""

    bases: list[str]
    down: set[int] = field(default_factory=set)
    turn: Iterator[int] = field(default_factory=itertools.count)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pick(self) -> int:
        with self.lock:
            up = [i for i in range(len(self.bases)) if i not in self.down]
            return up[next(self.turn) % len(up)]

    def leave_out(self, server: int) -> None:
        with self.lock:
            self.down.add(server)


@dataclass
class Client:
    """One browser behind the balancer, answering for its respondents one after the other."""

    respondents: list[tuple[int, str]]
    """(index, token) of each respondent, in the order answered."""
    pages: dict[str, int] = field(default_factory=dict)
    """Token → the last page whose save was acknowledged (303 to the page after it)."""
    sent: list[int] = field(default_factory=list)
    """Respondents whose send was acknowledged, or found done when posted again after a cut."""
    acks: list[tuple[float, int]] = field(default_factory=list)
    """(time, server) of every answer received."""
    cuts: int = 0
    unexpected: list[str] = field(default_factory=list)

    def walk(self, lb: Balancer, stop: threading.Event) -> None:
        with httpx.Client(timeout=30) as http:
            for index, token in self.respondents:
                if stop.is_set() or self.unexpected:
                    return
                self._answer(http, lb, index, token, stop)

    def _post(self, http: httpx.Client, lb: Balancer, path: str, data: Any) -> tuple[Any, bool]:
        """POST through the balancer, on the next server if one is cut off: (answer, cut)."""
        cut = False
        for _try in lb.bases:
            server = lb.pick()
            try:
                response = http.post(lb.bases[server] + path, data=data)
            except httpx.TransportError:
                lb.leave_out(server)
                self.cuts += 1
                cut = True
                continue
            self.acks.append((time.time(), server))
            return response, cut
        raise AssertionError("no server left")

    def _answer(
        self, http: httpx.Client, lb: Balancer, index: int, token: str, stop: threading.Event
    ) -> None:
        bodies = _bodies(index)
        for n, body in enumerate(bodies, start=1):
            if stop.is_set():
                return
            response, _cut = self._post(http, lb, f"/s/{token}/p/{n}/", body)
            # The next page, never an earlier one: the save just acknowledged is seen by both.
            following = f"/s/{token}/p/{n + 1}/" if n < len(bodies) else f"/s/{token}/review/"
            if response.status_code != 303 or response.headers["location"] != following:
                self.unexpected.append(f"page {n}: {response.status_code} {response.text[:200]}")
                return
            self.pages[token] = n
        response, cut = self._post(http, lb, f"/s/{token}/review/", {})
        if (
            response.status_code == 303
            and response.headers["location"] == "/s/done/"
            or cut
            and response.status_code == 404
        ):
            self.sent.append(index)
        else:
            self.unexpected.append(f"send: {response.status_code} {response.text[:200]}")


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with scratch_postgres(GIVEN, "eclaire_two_servers") as url:
        yield production_env(dict(os.environ), tmp_path, url)


def _wait_task(env: dict[str, str], task_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + TASK_TIMEOUT
    while time.monotonic() < deadline:
        state = _helper(env, "task", task_id)
        if state["finished"] is not None:
            return state
        time.sleep(0.5)
    raise AssertionError(f"the analysis did not finish in {TASK_TIMEOUT:g} s: {state}")


def _rate(acks: list[tuple[float, int]], start: float, end: float) -> float:
    return sum(start <= t < end for t, _server in acks) / max(end - start, 1e-9)


def test_two_servers_keep_every_acknowledged_answer_when_one_is_killed(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Every answer acknowledged by either server is stored once; a worker analyses meanwhile."""
    built = _helper(env, "build", str(CLIENTS * PER_CLIENT))
    tokens: list[str] = built["tokens"]
    ports = [free_port(), free_port()]
    servers = [
        start_server(env, port, 1, tmp_path / f"server{i}.log", cwd=ROOT)
        for i, port in enumerate(ports)
    ]
    workers = [start_worker(env, f"w{i}", tmp_path / f"worker{i}.log") for i in (1, 2)]
    lb = Balancer([f"http://127.0.0.1:{port}" for port in ports])
    clients = [
        Client([(i, tokens[i]) for i in range(c, len(tokens), CLIENTS)]) for c in range(CLIENTS)
    ]
    stop = threading.Event()
    threads = [threading.Thread(target=c.walk, args=(lb, stop), daemon=True) for c in clients]
    try:
        started = time.time()
        for thread in threads:
            thread.start()
        # Kill once both servers have served a while and some survey was sent through them.
        deadline = started + LOAD_BEFORE_KILL + 60
        while time.time() < deadline and not (
            time.time() > started + LOAD_BEFORE_KILL and any(c.sent for c in clients)
        ):
            time.sleep(0.1)
        assert all(s.poll() is None for s in servers), "a server stopped by itself"
        kill(servers[0])  # SIGKILL to its master and workers, while clients are posting
        killed = time.time()
        task = _wait_task(env, _helper(env, "enqueue", str(built["campaign"])))
        time.sleep(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        ended = time.time()
        assert all(w.poll() is None for w in workers), "a task worker stopped"
    finally:
        stop.set()
        for process in (*servers, *workers):
            kill(process)
    assert not any(thread.is_alive() for thread in threads), "a client kept posting"
    assert [c.unexpected for c in clients if c.unexpected] == []
    acks = [a for c in clients for a in c.acks]
    sent = sorted(i for c in clients for i in c.sent)

    # Both servers served before the kill, only the survivor after it; some request was cut.
    assert {server for t, server in acks if t < killed} == {0, 1}
    assert {server for t, server in acks if t > killed + 0.5} == {1}
    assert sum(c.cuts for c in clients) >= 1
    # Every acknowledged send is one response, and no response is there twice.
    stored = _helper(env, "read", str(built["campaign"]), stdin=json.dumps(tokens))
    per_tag = Counter(text for texts in stored["texts"] for text in texts)
    assert sent and per_tag == Counter(_tag(i) for i in sent)
    assert stored["finished"] == len(stored["texts"]) == len(sent)
    # Every acknowledged page save of a survey not sent is in its draft.
    saved = {t: n for c in clients for t, n in c.pages.items() if t in stored["pages"]}
    assert saved and all(stored["pages"][t] >= n for t, n in saved.items())
    # The analysis ran once, on one worker, while the surviving server kept answering.
    assert task["status"] == "SUCCESSFUL" and task["value"] == "ready", task
    assert len(task["workers"]) == 1 and task["workers"][0] in {"w1", "w2"}
    during = [t for t, server in acks if server == 1 and task["started"] <= t <= task["finished"]]
    assert during, "no answer while the analysis ran"
    print(
        f"\nacknowledged requests/s: two servers {_rate(acks, started, killed):.1f}, "
        f"one server {_rate(acks, killed, ended):.1f}; sent {len(sent)}; "
        f"analysis {task['finished'] - task['started']:.1f} s on {task['workers'][0]}"
    )
