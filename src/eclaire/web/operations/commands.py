"""What the ``eclaire backup``, ``restore`` and ``retention`` commands do, behind their options.

The command line (``eclaire.cli``) reads the options; this module starts Django, calls the
operation with explicit arguments and prints one line of outcome. Errors exit with status 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NoReturn

import click

from eclaire.web.bootstrap import migrate, setup_django

PG_TOOLS = (
    "The database is PostgreSQL: back it up with pg_dump -Fc and restore it with pg_restore "
    "(docs/operations.md)."
)


def _fail(message: str) -> NoReturn:
    click.secho(message, fg="red", err=True)
    raise SystemExit(2)


def _sqlite_path() -> Path:
    """The SQLite file of DATABASE_URL; exits with the pg_dump pointer on PostgreSQL."""
    setup_django()
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        _fail(PG_TOOLS)
    return Path(database["NAME"])


def _required_tables() -> list[str]:
    """Tables a file must hold to be taken for an Éclaire database."""
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.organizations.models import Organization, Person, Unit
    from eclaire.web.responses.models import Response

    models = (Organization, Unit, Person, Campaign, Response)
    return ["django_migrations", *(m._meta.db_table for m in models)]


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB"


def run_backup(out: Path, *, force: bool) -> None:
    from eclaire.web.operations.backup import BackupError, backup_sqlite

    source = _sqlite_path()
    try:
        done = backup_sqlite(source, out, force=force)
    except BackupError as exc:
        _fail(str(exc))
    click.echo(
        f"Backed up {source} to {out}: {done.tables} tables, {done.rows} rows, {_size(done.size_bytes)}."
    )


def run_restore(backup: Path, *, force: bool) -> None:
    from eclaire.web.operations.backup import BackupError, restore_sqlite

    target = _sqlite_path()
    try:
        done = restore_sqlite(backup, target, required_tables=_required_tables(), force=force)
    except BackupError as exc:
        _fail(str(exc))
    click.echo(f"Restored {backup} into {target}: {done.tables} tables, {done.rows} rows.")
    click.echo("The next eclaire command (or the server's start) applies any newer migrations.")


def run_retention(*, days: int | None, dry_run: bool, today: dt.date | None = None) -> None:
    setup_django()
    migrate()
    from django.conf import settings
    from django.utils import timezone

    from eclaire.web.operations.retention import do_apply_retention

    keep = settings.ECLAIRE_RETENTION_DAYS if days is None else days
    outcome = do_apply_retention(today=today or timezone.localdate(), days=keep, dry_run=dry_run)
    click.echo(outcome.describe())
