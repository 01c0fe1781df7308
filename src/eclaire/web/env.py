"""Typed readers of the environment, and the registry of every variable Éclaire reads.

Only the settings module and the command line read the environment; everything below them takes
explicit arguments. A bad value stops the program with a message naming the variable.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    """A variable of the environment holds a value Éclaire cannot use (or is missing)."""


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str


REGISTRY: tuple[Variable, ...] = (
    Variable(
        "DATABASE_URL",
        "sqlite:///./eclaire.sqlite3",
        "Database for every command and the server: sqlite:///path or postgres://user@host/db.",
    ),
    Variable("ECLAIRE_DEBUG", "false", "Django debug mode (true/false). Never true in production."),
    Variable(
        "ECLAIRE_SECRET_KEY",
        "(with SQLite: generated once, kept in <database>.secret-key beside it)",
        "Django secret key. Required with PostgreSQL (every server must share it) unless "
        "ECLAIRE_DEBUG is true; with SQLite a random key is kept in a file readable by its owner only.",
    ),
    Variable("ECLAIRE_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names served."),
    Variable("ECLAIRE_TIME_ZONE", "Europe/Paris", "Time zone of dates shown."),
    Variable("ECLAIRE_STATIC_ROOT", "./.static", "Where collected static files are written."),
    Variable(
        "ECLAIRE_EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "Django e-mail backend; smtp.EmailBackend with the EMAIL_* settings to send for real.",
    ),
    Variable("ECLAIRE_FROM_EMAIL", "eclaire@localhost", "Sender of invitations and reminders."),
    Variable(
        "ECLAIRE_TASK_BACKEND",
        "django_tasks_db.DatabaseBackend",
        "Queue of background work (analysis); the database by default. "
        "django_tasks.backends.immediate.ImmediateBackend runs it inline.",
    ),
    Variable("ECLAIRE_MIN_GROUP", "5", "Anonymity threshold: smallest group shown (3 or more)."),
    Variable(
        "ECLAIRE_RESPONSE_BATCH",
        "(ECLAIRE_MIN_GROUP)",
        "Submitted answers are written to the responses by batches of this many per unit "
        "(sealed while they wait; all flushed at closing); 1 writes each at once.",
    ),
    Variable(
        "ECLAIRE_COMMENT_MIN_GROUP",
        "10",
        "Smallest group whose free-text comments are shown; never below ECLAIRE_MIN_GROUP.",
    ),
    Variable(
        "ECLAIRE_SECURE_COOKIES",
        "(true when ECLAIRE_BASE_URL is https:// and debug is off)",
        "Send session and CSRF cookies over HTTPS only (true/false).",
    ),
    Variable(
        "ECLAIRE_LOGIN_FAILURE_LIMIT",
        "5",
        "Failed logins for one user name from one address before the login is locked.",
    ),
    Variable(
        "ECLAIRE_LOGIN_LOCKOUT_MINUTES", "30", "How long a locked login stays locked, in minutes."
    ),
    Variable(
        "ECLAIRE_TRUSTED_PROXIES",
        "0",
        "Reverse proxies in front of the server that append to X-Forwarded-For (0: none); "
        "failed logins and survey links are counted per client address seen through them.",
    ),
    Variable(
        "ECLAIRE_PROXY_SSL_HEADER",
        "false",
        "Trust X-Forwarded-Proto: https from the proxy to tell a request was made over HTTPS "
        "(only behind a proxy that sets it).",
    ),
    Variable(
        "ECLAIRE_SSL_REDIRECT",
        "false",
        "Redirect every plain HTTP request to HTTPS (true/false).",
    ),
    Variable(
        "ECLAIRE_HSTS_SECONDS",
        "0",
        "Strict-Transport-Security max-age in seconds (0: not sent); 31536000 in production "
        "once HTTPS works, with subdomains included.",
    ),
    Variable(
        "ECLAIRE_HSTS_PRELOAD",
        "false",
        "Add the preload directive to Strict-Transport-Security (true/false): only once every "
        "subdomain serves HTTPS, as the browsers' preload list requires.",
    ),
    Variable(
        "ECLAIRE_BASE_URL",
        "(the address of the request; eclaire serve and eclaire demo use their --host and --port)",
        "Public address of the site, such as https://eclaire.example.org, used in survey links, "
        "e-mails, code sheets and posters. Set it in production: without it, links are built from "
        "the host of the request (one of ECLAIRE_ALLOWED_HOSTS), and from http://127.0.0.1:8000 "
        "outside any request.",
    ),
    Variable(
        "ECLAIRE_UPLOAD_MAX_MB",
        "5",
        "Largest units or roster file accepted by the import pages, in megabytes (kept in memory "
        "and in the session, never on disk).",
    ),
    Variable(
        "ECLAIRE_RETENTION_DAYS",
        "90",
        "Days after a campaign closes before `eclaire retention` deletes its invitations, "
        "one-time codes and drafts (responses and results are kept).",
    ),
    Variable(
        "ECLAIRE_PG_PREPARE",
        "true",
        "With PostgreSQL, prepare the statements every survey request runs on the server once per "
        "connection (true/false); false runs them unprepared, for a pooler that loses prepared "
        "statements (docs/deploy.md).",
    ),
    Variable(
        "ECLAIRE_ANALYSIS_PROCESSES",
        "2",
        "Processes one analysis may use, 1 or 2: 2 lets a forked child compute part of a "
        "campaign of 3,000 team responses or more on a second CPU (Linux, two CPUs allowed to "
        "the process and to its control group); 1 keeps it in the worker's process "
        "(docs/deploy.md). The result is the same.",
    ),
)
_KNOWN = {v.name for v in REGISTRY}
SQLITE_ENGINE = "django.db.backends.sqlite3"


def _raw(name: str) -> str | None:
    if name not in _KNOWN:
        raise ConfigurationError(f"{name} is read but not documented in eclaire.web.env.REGISTRY")
    return os.environ.get(name)


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value in (None, "") else value  # type: ignore[return-value]


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value in (None, ""):
        return default
    lowered = value.strip().lower()  # type: ignore[union-attr]
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name}={value!r}: expected true or false")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    raw = env_str(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={value}: expected at least {minimum}")
    if maximum is not None and value > maximum:
        raise ConfigurationError(f"{name}={value}: expected at most {maximum}")
    return value


def env_list(name: str, default: str = "127.0.0.1,localhost") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


def env_secret(name: str, *, debug: bool, database: dict[str, Any]) -> str:
    """The secret key: from the environment, else kept beside a SQLite database.

    A database server (PostgreSQL) is production: its app servers may run on several machines
    and must share one secret, so it must be given unless ``debug``.
    """
    value = _raw(name)
    if value:
        return value
    if "PYTEST_VERSION" in os.environ:
        return secrets.token_urlsafe(50)
    sqlite_file = str(database.get("NAME") or "")
    if database.get("ENGINE") == SQLITE_ENGINE and sqlite_file not in ("", ":memory:"):
        return local_secret_key(Path(sqlite_file))
    if debug:
        return secrets.token_urlsafe(50)
    raise ConfigurationError(
        f"{name} is not set: a server on PostgreSQL needs one long random secret shared by every "
        "app server (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or ECLAIRE_DEBUG=true for local work."
    )


def local_secret_key(database: Path) -> str:
    """The secret kept in ``<database>.secret-key``, made once (random, owner-only) if absent.

    Several processes may start at once (server workers, the task worker): a key is written to
    a private temporary file and linked into place, so the first one wins and all read the same.
    """
    path = database.with_name(database.name + ".secret-key")
    try:
        if not path.exists():
            _create_secret_file(path)
        key = path.read_text(encoding="utf-8").strip()
    except OSError as err:
        raise ConfigurationError(
            f"cannot keep the secret key in {path}: {err.strerror or err}"
        ) from None
    if len(key) < 32:
        raise ConfigurationError(
            f"{path} holds no usable secret key (delete it and a new one is made)"
        )
    return key


def _create_secret_file(path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(temporary, path)  # never replaces a key another process linked first
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


MIN_SQLITE = (3, 35)


def env_database(name: str, *, default_path: Path) -> dict[str, Any]:
    url = _raw(name) or f"sqlite:///{default_path}"
    if not url.startswith(("sqlite:", "postgres://", "postgresql://")):
        raise ConfigurationError(f"{name}={url!r}: expected sqlite:///path or postgres://…")
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={url!r}: {exc}") from exc
    if config["ENGINE"] == SQLITE_ENGINE:
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise ConfigurationError(
                f"{name}: this Python's SQLite is {sqlite3.sqlite_version}; Éclaire needs SQLite "
                f"{'.'.join(map(str, MIN_SQLITE))} or newer (a survey's send deletes its draft "
                "with DELETE … RETURNING), or PostgreSQL (postgres://…)"
            )
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                "PRAGMA secure_delete=ON;"  # deleted rows are zeroed (eclaire.web.dbfiles)
            ),
            "transaction_mode": "IMMEDIATE",
        }
    return dict(config)


def settings_doc() -> str:
    """The Markdown of docs/settings.md, generated from the registry."""
    lines = [
        "# Settings",
        "",
        "Éclaire reads these environment variables, and no others (generated from",
        "`eclaire.web.env.REGISTRY`; a test keeps this page in step).",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{v.name}` | `{v.default}` | {v.meaning} |" for v in REGISTRY]
    return "\n".join(lines) + "\n"
