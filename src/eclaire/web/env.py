"""Typed readers of the environment, and the registry of every variable Éclaire reads.

Only the settings module and the command line read the environment; everything below them takes
explicit arguments. A bad value stops the program with a message naming the variable.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url


class ConfigurationError(RuntimeError):
    """A variable of the environment holds a value Éclaire cannot use."""


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
        "(random when debug; kept in demo/secret-key for the demo)",
        "Django secret key; required when ECLAIRE_DEBUG is false outside the demo.",
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
        "http://127.0.0.1:8000",
        "Public address of the site, used in survey links, e-mails and posters.",
    ),
    Variable(
        "ECLAIRE_RETENTION_DAYS",
        "90",
        "Days after a campaign closes before `eclaire retention` deletes its invitations, "
        "one-time codes and drafts (responses and results are kept).",
    ),
)
_KNOWN = {v.name for v in REGISTRY}


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


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env_str(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ConfigurationError(f"{name}={value}: expected at least {minimum}")
    return value


def env_list(name: str, default: str = "127.0.0.1,localhost") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


def env_secret(name: str, *, debug: bool) -> str:
    value = _raw(name)
    if value:
        return value
    if debug or "PYTEST_VERSION" in os.environ:
        return secrets.token_urlsafe(50)
    raise ConfigurationError(
        f"{name} is not set. Set it to a long random string, or set ECLAIRE_DEBUG=true for local work."
    )


def env_database(name: str, *, default_path: Path) -> dict[str, Any]:
    url = _raw(name) or f"sqlite:///{default_path}"
    if not url.startswith(("sqlite:", "postgres://", "postgresql://")):
        raise ConfigurationError(f"{name}={url!r}: expected sqlite:///path or postgres://…")
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={url!r}: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
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
