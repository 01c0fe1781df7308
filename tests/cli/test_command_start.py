"""``eclaire --help`` answers at once: the command imports its heavy modules inside commands."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "scipy", "django", "jsonschema", "openpyxl", "yaml")


def test_importing_the_command_loads_no_heavy_module():
    probe = f"import sys, eclaire.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_help_lists_every_command_without_importing_them():
    probe = (
        "import sys; from click.testing import CliRunner; from eclaire.cli import main; "
        "out = CliRunner().invoke(main, ['--help']).output; "
        "print(all(c in out for c in ('analyze', 'import', 'report', 'demo', 'serve')), "
        f"sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True []"
