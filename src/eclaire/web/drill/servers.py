"""Production processes started for a drill: gunicorn app servers and task workers.

Each process starts in a session of its own, so that one SIGKILL to its group takes the gunicorn
master and all its workers down at once, without a clean shutdown, as a crashed machine would.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from eclaire.cli import gunicorn_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # the plain page answers 404: the server is up
    except OSError:
        return False


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path, *, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """gunicorn as ``eclaire serve`` runs it, on 127.0.0.1:``port``, once it answers."""
    with log.open("wb") as sink:  # a file, not a pipe: a full pipe would stall the workers
        server = subprocess.Popen(
            gunicorn_command("127.0.0.1", port, workers),
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        if _answers(f"http://127.0.0.1:{port}/s/"):
            return server
        time.sleep(0.1)
    kill(server)
    raise RuntimeError("gunicorn did not start: " + log.read_text(errors="replace")[-3000:])


def start_worker(
    env: dict[str, str], worker_id: str, log: Path, *, interval: float = 0.5
) -> subprocess.Popen[bytes]:
    """A task worker (django-tasks' database queue), named ``worker_id`` in the task results."""
    command = [
        sys.executable,
        "-m",
        "eclaire.cli",
        "manage",
        "db_worker",
        "--interval",
        str(interval),
        "--no-startup-delay",
        "--worker-id",
        worker_id,
    ]
    with log.open("wb") as sink:
        return subprocess.Popen(
            command, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    """``sig`` (SIGKILL by default: no clean shutdown) to the process and all it started."""
    with contextlib.suppress(ProcessLookupError):  # already gone, children included
        os.killpg(process.pid, sig)
    process.wait(timeout=15)


def production_env(base: dict[str, str], tmp: Path, database_url: str) -> dict[str, str]:
    """The environment of drill processes: ``base`` with production settings on ``database_url``.

    Debug off, a random secret key, 127.0.0.1 only, static files served by whitenoise from where
    they are (the static root under ``tmp`` is left empty).
    """
    static = tmp / "static"
    static.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in base.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=database_url,
        ECLAIRE_SECRET_KEY=secrets.token_urlsafe(50),
        ECLAIRE_DEBUG="false",
        ECLAIRE_ALLOWED_HOSTS="127.0.0.1",
        ECLAIRE_STATIC_ROOT=str(static),
        DJANGO_SETTINGS_MODULE="eclaire.web.settings",
    )
    return env


@contextlib.contextmanager
def scratch_postgres(server_url: str, prefix: str) -> Iterator[str]:
    """A new database on the PostgreSQL server of ``server_url``, dropped after; yields its URL."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    parsed = urlparse(server_url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parsed._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
