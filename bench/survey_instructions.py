"""Instructions per survey request, counted by callgrind: repeatable on a busy machine.

    .venv/bin/python bench/survey_instructions.py [--respondents 3] [--kinds trivial,get,...]

Builds a SQLite database with the drill campaign (``eclaire.web.drill``) outside valgrind,
then runs one Python process under ``valgrind --tool=callgrind`` on it: it starts Django, warms
up with one respondent's whole survey, brings ``--respondents`` respondents to the review page,
then sends each kind's requests from inside libc's ``bsearch`` (its comparison function) called
through ctypes: callgrind counts inside ``ffi_call`` alone (no survey request calls through
ctypes) and dumps at its exit: one count per kind, start-up and preparation left out. Requests go through Django's test client (the server's middleware and views, without
gunicorn's HTTP parsing, the same for every kind).

Kinds: ``trivial`` (the plain page ``/s/``), ``get`` and ``post`` (every survey page shown, or
saved again), ``review`` (the review page), ``send`` (the review's POST), ``survey`` (a fresh
respondent's complete survey, its requests as the load test sends them, including the welcome
page). Prints millions of instructions per request (per survey for ``survey``), and a survey in
trivial views when both were measured. Under valgrind a run takes a few minutes (most of it
preparing the respondents, which is not counted).
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("trivial", "get", "post", "review", "send", "survey")


def _environment(database: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "ECLAIRE_SECRET_KEY": "instructions-" + "x" * 40,
            "ECLAIRE_DEBUG": "false",
            "ECLAIRE_ALLOWED_HOSTS": "testserver",
            "ECLAIRE_STATIC_ROOT": str(database.parent / "static"),
            "DJANGO_SETTINGS_MODULE": "eclaire.web.settings",
        }
    )


def build(database: Path, respondents: int) -> list[str]:
    _environment(database)
    import django

    django.setup()
    from django.core.management import call_command

    from eclaire.web.drill.campaign import build_campaign

    call_command("migrate", verbosity=0)
    return build_campaign(respondents).tokens


@functools.cache
def _bodies() -> list[dict[str, object]]:
    """The form data of every page (read once: it parses the instrument's YAML)."""
    from eclaire.web.drill.campaign import page_bodies

    return page_bodies()


def _walk(client: object, token: str, *, gets: bool) -> None:
    """Save every page of ``token``'s survey (showing each first if ``gets``): review reached."""
    for n, body in enumerate(_bodies(), start=1):
        if gets:
            _expect(client.get(f"/s/{token}/p/{n}/"), 200)  # type: ignore[attr-defined]
        _expect(client.post(f"/s/{token}/p/{n}/", body), 303)  # type: ignore[attr-defined]


def _expect(response: object, status: int) -> None:
    got = response.status_code  # type: ignore[attr-defined]
    if got != status:
        raise RuntimeError(f"expected {status}, got {got}")


def _inside_bsearch(block: Callable[[], None]) -> None:
    """Run ``block`` from inside libc's ``bsearch`` (its comparison function), called through
    ctypes' ``ffi_call``, which callgrind is told to count alone and to dump at its exit."""
    failed: list[BaseException] = []

    def compare(_a: object, _b: object) -> int:
        try:
            block()
        except BaseException as error:  # noqa: BLE001  # raised again below, out of C
            failed.append(error)
        return 0

    libc = ctypes.CDLL(None)
    libc.bsearch.restype = ctypes.c_void_p
    key, table = ctypes.c_int(0), (ctypes.c_int * 1)(0)
    comparison = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(compare)
    libc.bsearch(ctypes.byref(key), table, 1, ctypes.sizeof(ctypes.c_int), comparison)
    if failed:
        raise failed[0]


def run(database: Path, tokens: list[str], kinds: list[str], respondents: int) -> None:
    """The process run under callgrind: warm up, prepare, then each kind's requests."""
    _environment(database)
    import django

    django.setup()
    from django.test import Client

    client = Client()
    warm, *rest = tokens
    ready, fresh = rest[:respondents], rest[respondents : 2 * respondents]
    _expect(client.get("/s/"), 404)
    _expect(client.get(f"/s/{warm}/"), 200)
    _walk(client, warm, gets=True)
    _expect(client.get(f"/s/{warm}/review/"), 200)
    _expect(client.post(f"/s/{warm}/review/"), 303)
    for token in ready:
        _walk(client, token, gets=False)
    pages = len(_bodies())

    def trivial() -> None:
        for _token in ready:
            _expect(client.get("/s/"), 404)

    def get() -> None:
        for token in ready:
            for n in range(1, pages + 1):
                _expect(client.get(f"/s/{token}/p/{n}/"), 200)

    def post() -> None:
        for token in ready:
            _walk(client, token, gets=False)

    def review() -> None:
        for token in ready:
            _expect(client.get(f"/s/{token}/review/"), 200)

    def send() -> None:
        for token in ready:
            _expect(client.post(f"/s/{token}/review/"), 303)

    def survey() -> None:
        for token in fresh:
            _expect(client.get(f"/s/{token}/"), 200)
            _walk(client, token, gets=True)
            _expect(client.get(f"/s/{token}/review/"), 200)
            _expect(client.post(f"/s/{token}/review/"), 303)

    blocks = {f.__name__: f for f in (trivial, get, post, review, send, survey)}
    for kind in KINDS:  # in this order: the send takes the drafts the others read
        if kind in kinds:
            _inside_bsearch(blocks[kind])


def measure(
    tmp: Path, database: Path, tokens: Path, kinds: list[str], respondents: int
) -> list[int]:
    """Instructions of each kind's block, in ``KINDS`` order, from one run under callgrind."""
    out = tmp / "callgrind.out"
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=ffi_call",
        "--dump-after=ffi_call",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        "--run",
        str(database),
        str(tokens),
        ",".join(kinds),
        str(respondents),
    ]
    env = {"PYTHONPATH": str(ROOT / "src"), **os.environ}  # the caller's code, if it says
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    dumps = sorted(tmp.glob("callgrind.out.*"), key=lambda p: int(p.name.rsplit(".", 1)[1]))
    # ctypes is called a few times while Python starts (a thousand instructions each): the
    # blocks are the last dumps.
    totals = [
        int(found.group(1))
        for dump in dumps[-len(kinds) :]
        if (found := re.search(r"^totals: (\d+)", dump.read_text(), re.MULTILINE))
    ]
    if len(totals) != len(kinds) or min(totals) < 1_000_000:
        raise RuntimeError(f"expected {len(kinds)} dumps, read {totals}: " + done.stderr[-2000:])
    return totals


def per_request(kind: str, respondents: int, pages: int) -> int:
    return {"get": pages, "post": pages}.get(kind, 1) * respondents


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--run":
        database, tokens_file, kinds, respondents = sys.argv[2:6]
        tokens = Path(tokens_file).read_text().split()
        run(Path(database), tokens, kinds.split(","), int(respondents))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=3)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument(
        "--keep", type=Path, help="copy callgrind's dumps there (for callgrind_annotate)"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit(
            "valgrind not found: install it (Debian: apt-get install valgrind), then run again."
        )
    kinds = [k for k in KINDS if k in args.kinds.split(",")]
    if unknown := set(args.kinds.split(",")) - set(KINDS):
        sys.exit(f"unknown kinds: {sorted(unknown)}")
    tmp = Path(tempfile.mkdtemp(prefix="eclaire-instructions-"))
    try:
        database = tmp / "eclaire.sqlite3"
        tokens = build(database, 2 * args.respondents + 1)
        from django.db import connections

        connections.close_all()
        tokens_file = tmp / "tokens.txt"
        tokens_file.write_text("\n".join(tokens) + "\n")
        from eclaire.web.drill.campaign import page_bodies

        pages = len(page_bodies())
        totals = measure(tmp, database, tokens_file, kinds, args.respondents)
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            for dump in tmp.glob("callgrind.out.*"):
                shutil.copy(dump, args.keep / dump.name)
        figures = {}
        for kind, total in zip(kinds, totals, strict=True):
            figures[kind] = total / per_request(kind, args.respondents, pages) / 1e6
            unit = "survey" if kind == "survey" else "request"
            print(f"{kind:8s} {figures[kind]:7.2f} M instructions per {unit}")
        if "survey" in figures and "trivial" in figures:
            ratio = figures["survey"] / figures["trivial"]
            print(f"a complete survey costs {ratio:.1f} trivial views")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
