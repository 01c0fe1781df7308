"""Commands for running a deployment: ``remind``, ``notify``, ``backup``, ``restore``,
``retention``, ``manage``."""

from __future__ import annotations

from pathlib import Path

import click

from eclaire.cli.base import _fail, main


def _echo_progress(done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        click.echo(f"  {done}/{total}", err=True)


@main.command()
@click.option("--org", "org_slug", required=True, help="Organization identifier.")
@click.option("--campaign", "campaign_slug", required=True, help="Campaign identifier.")
@click.option("--dry-run", is_flag=True, help="Count who would be written to; send nothing.")
def remind(org_slug: str, campaign_slug: str, dry_run: bool) -> None:
    """E-mail a fresh personal link to invited people who have not finished, in their language."""
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()
    from django.utils import timezone

    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.collection.models import MailingKind
    from eclaire.web.collection.services import CollectionError, do_send

    campaign = Campaign.objects.filter(organization__slug=org_slug, slug=campaign_slug).first()
    if campaign is None:
        _fail(f"No campaign {campaign_slug!r} in organization {org_slug!r}.")
    try:
        outcome = do_send(
            campaign,  # type: ignore[arg-type]
            MailingKind.REMINDER,
            today=timezone.localdate(),
            dry_run=dry_run,
            progress=_echo_progress,
        )
    except CollectionError as exc:
        _fail(str(exc))
        return
    verb = "Would send" if dry_run else "Sent"
    click.echo(
        f"{verb} {outcome.sent} reminders; {outcome.finished} finished, not written to"
        + (f"; {outcome.failed} failed." if outcome.failed else ".")
    )
    if outcome.failed:
        raise SystemExit(1)


@main.command()
@click.option("--dry-run", is_flag=True, help="Count the notices due; send nothing.")
def notify(dry_run: bool) -> None:
    """E-mail the notices due today (results ready, low response rate, actions due), each once.

    Meant for cron, e.g. every hour; see docs/operations.md."""
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()
    from django.utils import timezone

    from eclaire.web.notifications.services import do_notify

    outcome = do_notify(timezone.localdate(), dry_run=dry_run)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(outcome.by_kind.items())) or "none"
    verb = "Would send" if dry_run else "Sent"
    click.echo(
        f"{verb} {outcome.skipped if dry_run else outcome.sent} notices ({kinds})"
        + (f"; {outcome.failed} failed." if outcome.failed else ".")
    )
    if outcome.failed:
        raise SystemExit(1)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
def backup(out: Path, force: bool) -> None:
    """Copy the SQLite database to OUT, consistently, while the server runs (docs/operations.md)."""
    from eclaire.web.operations.commands import run_backup

    run_backup(out, force=force)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
def restore(file: Path, force: bool) -> None:
    """Restore the SQLite database from a backup FILE (checked first)."""
    from eclaire.web.operations.commands import run_restore

    run_restore(file, force=force)


@main.command()
@click.option("--days", type=click.IntRange(0), help="Default: ECLAIRE_RETENTION_DAYS (90).")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
def retention(days: int | None, dry_run: bool) -> None:
    """Delete invitations, one-time codes and drafts of campaigns closed over N days ago."""
    from eclaire.web.operations.commands import run_retention

    run_retention(days=days, dry_run=dry_run)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (migrate, createsuperuser, …)."""
    from eclaire.web.bootstrap import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["eclaire manage", *args])
