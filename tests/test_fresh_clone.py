"""What a person who just cloned the repository meets: test data inside it, README commands that work."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import DATA, public_data_files

ROOT = Path(__file__).resolve().parents[1]
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_public_data_file_is_listed_present_and_has_its_provenance():
    listed = set(public_data_files())
    assert listed, "tests/data/README.md lists no file"
    for name in listed:
        assert (DATA / name).is_file(), name
        assert (DATA / name).parent.joinpath("PROVENANCE.md").is_file(), name
    folders = {Path(name).parent for name in listed}
    present = {
        str(path.relative_to(DATA))
        for folder in folders
        for path in (DATA / folder).iterdir()
        if path.suffix == ".csv"
    }
    assert present == listed, "a data file is not in the table of tests/data/README.md"


def test_tests_and_benchmarks_read_no_file_outside_the_repository():
    sources = [*ROOT.joinpath("tests").rglob("*.py"), *ROOT.joinpath("bench").rglob("*.py")]
    for path in sources:
        if path == Path(__file__) or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "shared/data" not in text and "/work/" not in text, path


def test_the_repository_tracks_no_secret_key_and_no_database():
    """A local secret or a database committed by mistake would ship to every clone."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    leaked = [
        name
        for name in tracked
        if name.endswith((".secret-key", ".sqlite3")) or "node_modules/" in name
    ]
    assert leaked == []


def readme_commands() -> list[str]:
    """Every line of the README's ```sh blocks, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for block in SH_BLOCK.findall(text) for line in block.splitlines()]
    return [line.split(" #")[0].strip() for line in lines if line.strip()]


def _person_env() -> dict[str, str]:
    """A shell with none of the test run's settings; the running venv on the path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ECLAIRE_", "DJANGO_", "PYTEST_", "DATABASE_URL"))
    }
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


@pytest.mark.slow
def test_readme_commands_work_as_written(tmp_path):
    """The eclaire commands run in an empty directory, in order; ``make`` lines are dry-run in
    the repository (``make demo`` would serve until stopped and ``make test`` runs this suite)."""
    commands = readme_commands()
    assert any(c.startswith(".venv/bin/eclaire import") for c in commands)
    venv_bin = Path(sys.executable).parent
    for command in commands:
        if command.startswith("make "):
            run = subprocess.run(["make", "-n", *shlex.split(command)[1:]], cwd=ROOT, **_quiet())
        else:
            argv = shlex.split(command.replace(".venv/bin/", f"{venv_bin}/", 1))
            run = subprocess.run(argv, cwd=tmp_path, env=_person_env(), **_quiet())
        assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
        assert "Traceback" not in run.stderr, command


def _quiet() -> dict:
    return {"capture_output": True, "text": True, "timeout": 600}
