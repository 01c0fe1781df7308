"""The ``eclaire`` group itself: one line and exit status 2 for a wrong setting."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from eclaire import __version__


def _fail(message: str) -> NoReturn:
    click.secho(message, fg="red", err=True)
    raise SystemExit(2)


def _settings_error(exc: BaseException) -> str | None:
    """One line for a wrong setting or an unreachable database, else ``None``."""
    # Looked up, not imported: if Django was never imported, none of its settings was read.
    exceptions = sys.modules.get("django.core.exceptions")
    if exceptions is not None and isinstance(exc, exceptions.ImproperlyConfigured):
        return " ".join(str(exc).split())
    db_errors = sys.modules.get("django.db.utils")
    if db_errors is not None and isinstance(exc, db_errors.OperationalError):
        first = next(iter(str(exc).strip().splitlines()), "")
        return f"the database of DATABASE_URL cannot be used: {first}"
    return None


class _Commands(click.Group):
    """A missing or wrong setting ends any command with one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            message = _settings_error(exc)
            if message is None:
                raise
            _fail(f"eclaire: {message}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eclaire")
def main() -> None:
    """Éclaire: where an organization has come apart inside, and which conversation to open first.

    The database is chosen by DATABASE_URL (default: ./eclaire.sqlite3).
    """
