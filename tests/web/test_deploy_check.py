"""``eclaire manage check --deploy`` is clean with the production settings of docs/deploy.md."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"


def documented_settings() -> dict[str, str]:
    """The variables of the ``sh`` block of the production settings in docs/deploy.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Production settings") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "docs/deploy.md has no sh block of settings"
    pairs = (line.split("=", 1) for line in block.group(1).splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ECLAIRE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("PYTEST_VERSION", None)
    clean["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "eclaire.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_deploy_check_is_clean_with_the_documented_production_settings() -> None:
    env = documented_settings()
    assert env["ECLAIRE_DEBUG"] == "false" and env["ECLAIRE_TRUSTED_PROXIES"] == "1"
    env["ECLAIRE_SECRET_KEY"] = secrets.token_urlsafe(50)
    done = _check(env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.slow
def test_deploy_check_warns_without_https_settings() -> None:
    env = {
        "ECLAIRE_DEBUG": "false",
        "ECLAIRE_SECRET_KEY": secrets.token_urlsafe(50),
        "ECLAIRE_ALLOWED_HOSTS": "eclaire.example.org",
    }
    done = _check(env)
    assert done.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in done.stdout + done.stderr
