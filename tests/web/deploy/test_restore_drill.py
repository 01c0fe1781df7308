"""The restore drill of docs/deploy.md, run: pg_dump, pg_restore into a scratch database, checks.

The dump of a database with an open campaign is restored into another database; the installed
version finds its whole schema there (``migrate --check``), and the personal links work on the
copy with the same secret key, and only with it (docs/deploy.md, Secrets).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eclaire.web.drill.servers import production_env, scratch_postgres

GIVEN = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not GIVEN.startswith("postgres"),
        reason="the drill restores a PostgreSQL dump: PostgreSQL only (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]
ROOT = Path(__file__).resolve().parents[3]
HELPER = Path(__file__).with_name("two_servers_db.py")


def _run(env: dict[str, str], *command: str, stdin: str = "") -> str:
    done = subprocess.run(
        command, env=env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (command, done.stderr[-3000:])
    return done.stdout


def test_a_restored_dump_has_the_whole_schema_and_its_links_work_with_the_same_key(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "eclaire.dump"
    with scratch_postgres(GIVEN, "eclaire_prod") as prod:
        env = production_env(dict(os.environ), tmp_path, prod)
        built = json.loads(_run(env, sys.executable, str(HELPER), "build", "5"))
        _run(env, "pg_dump", "-Fc", "-d", prod, "-f", str(dump))
    with scratch_postgres(GIVEN, "eclaire_drill") as drill:
        env["DATABASE_URL"] = drill
        _run(env, "pg_restore", "--no-owner", "--exit-on-error", "-d", drill, str(dump))
        _run(env, sys.executable, "-m", "eclaire.cli", "manage", "migrate", "--check")
        tokens = json.dumps(built["tokens"])
        read = [sys.executable, str(HELPER), "read", str(built["campaign"])]
        same_key = json.loads(_run(env, *read, stdin=tokens))
        other_key = json.loads(
            _run({**env, "ECLAIRE_SECRET_KEY": secrets.token_urlsafe(50)}, *read, stdin=tokens)
        )
    assert sorted(same_key["pages"]) == sorted(built["tokens"])  # every link opens its survey
    assert other_key["pages"] == {}  # restored with another key, no link opens anything
