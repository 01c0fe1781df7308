"""The ``eclaire`` command: demo, serve, sample, import, analyze, report, remind, notify, manage.

The environment is read here and in the web settings only; everything below takes arguments.
Heavy modules (pandas, Django) are imported inside the commands that need them, so that
``eclaire --help`` answers at once.
"""

from eclaire.cli import data, operations, server
from eclaire.cli.base import main
from eclaire.cli.server import _default_base_url, gunicorn_command

__all__ = ["main", "gunicorn_command", "_default_base_url", "data", "operations", "server"]
