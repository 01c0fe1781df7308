"""Start Django from the command line: settings module, setup, migrations."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django once for a command that needs the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    import django
    from django.apps import apps

    if apps.ready:  # a second setup would reconfigure logging and drop the redaction filters
        return
    django.setup()


def migrate(*, verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def collect_static() -> None:
    """Copy static files where the server serves them from (quietly; fast when up to date)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
