"""Commands that serve the web app: ``serve`` and ``demo``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from eclaire.cli.base import main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web app with gunicorn (no access log: survey traffic leaves no trace).

    A background worker runs beside it and recomputes analyses when responses change.
    Without ECLAIRE_BASE_URL, links in e-mails and posters use http://HOST:PORT.
    """
    _default_base_url(host, port)
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()
    _run_server(host, port, workers)


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The production server's command line (also what bench/survey_load.py measures)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "eclaire.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]


def _default_base_url(host: str, port: int) -> None:
    """Links handed out (e-mails, posters, code sheets) point where this server listens, unless
    ECLAIRE_BASE_URL says otherwise; a wildcard address leaves them to each request's host."""
    if os.environ.get("ECLAIRE_BASE_URL") or host in ("0.0.0.0", "::", ""):
        return
    shown = f"[{host}]" if ":" in host else host
    os.environ["ECLAIRE_BASE_URL"] = f"http://{shown}:{port}"


def _run_server(host: str, port: int, workers: int) -> None:
    from eclaire.web.bootstrap import collect_static

    collect_static()
    cmd = gunicorn_command(host, port, workers)
    worker = subprocess.Popen(
        [sys.executable, "-m", "eclaire.cli", "manage", "db_worker", "--interval", "2"]
    )
    try:
        raise SystemExit(subprocess.call(cmd))
    except KeyboardInterrupt:
        raise SystemExit(0) from None
    finally:
        worker.terminate()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option(
    "--dir",
    "demo_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo"),
    show_default=True,
    help="Where the demo database lives.",
)
@click.option("--no-serve", is_flag=True, help="Build the demo organization and stop.")
def demo(host: str, port: int, lang: str, demo_dir: Path, no_serve: bool) -> None:
    """Build the demo organization in a local SQLite file and serve it."""
    demo_dir.mkdir(parents=True, exist_ok=True)
    db = (demo_dir / "eclaire-demo.sqlite3").resolve()
    for stale in demo_dir.glob("eclaire-demo.sqlite3*"):
        stale.unlink()
    # Without ECLAIRE_SECRET_KEY, the settings keep a generated key beside this database.
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    _default_base_url(host, port)
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    click.echo("1/3 Preparing the database…", err=True)
    migrate()
    from eclaire.web.demo import build_demo

    info = build_demo(lang=lang, progress=lambda msg: click.echo(f"2/3 {msg}", err=True))
    click.echo("3/3 Ready.", err=True)
    click.secho(f"\n  Éclaire demo: http://{host}:{port}/", fg="green", bold=True)
    click.echo(
        f"  Log in as {info.username} / {info.password}  ({info.people} people, "
        f"{info.responses} responses in {info.units} units)\n"
    )
    if not no_serve:
        _run_server(host, port, workers=2)
