"""Logs: one JSON line per event, and no token, e-mail, address or answer text in any of them."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from survey_helpers import answers_for, build_org, make_token

from eclaire.web.operations.logs import JsonLinesFormatter, RedactPersonalData, redact_personal

ADDRESS = "203.0.113.77"
EMAIL = "jeanne.martin@example.org"
ANSWER = "Le chef de la logistique nous ment chaque lundi"


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("t", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_redaction_hides_emails_addresses_tokens_and_codes_but_keeps_the_rest() -> None:
    text = (
        f"from {ADDRESS} and [2001:db8::7]:443 and ::1, user {EMAIL}, "
        "token 0123456789abcdefABCDEF_-xyzXYZ12, code 7K3MP-Q9ZT2, path /s/abc/p/1/, "
        "at 12:30:45 on 2026-12-03, version 1.2.3"
    )
    cleaned = redact_personal(text)
    for secret in (
        ADDRESS,
        "2001:db8::7",
        "::1",
        EMAIL,
        "0123456789abcdef",
        "7K3MP-Q9ZT2",
        "/s/abc",
    ):
        assert secret not in cleaned
    assert "12:30:45 on 2026-12-03, version 1.2.3" in cleaned and "/s/…/p/1/" in cleaned


def test_exception_messages_are_withheld_but_type_and_place_kept() -> None:
    try:
        raise KeyError(f"no draft for {ANSWER}")
    except KeyError as exc:
        try:
            raise ValueError(f"could not save {ANSWER}") from exc
        except ValueError as outer:
            record = _record("failed for %s", EMAIL, exc=outer)
    RedactPersonalData().filter(record)
    line = JsonLinesFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed for [email]"
    assert "builtins.KeyError" in entry["exception"] and "builtins.ValueError" in entry["exception"]
    assert "test_logs.py" in entry["exception"]
    assert ANSWER not in line


def test_a_line_has_time_level_logger_message_and_status() -> None:
    record = _record("Not Found: %s", "/healthz/")
    record.status_code = 404
    entry = json.loads(JsonLinesFormatter().format(record))
    assert set(entry) == {"time", "level", "logger", "message", "status"}
    assert entry["level"] == "ERROR" and entry["status"] == 404 and entry["time"].endswith("+00:00")


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    """What the handlers configured by settings.LOGGING write, while the test runs."""
    stream = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert handlers, "settings.LOGGING configures a console handler"
    old = [h.setStream(stream) for h in handlers]
    yield stream
    for h, s in zip(handlers, old, strict=True):
        h.setStream(s)  # type: ignore[arg-type]


def _page_with_a_text_question(client: Client, url: str) -> tuple[str, dict]:
    for _ in range(100):
        page = client.get(url, REMOTE_ADDR=ADDRESS)
        texts = [q.name for q in page.context.get("questions", []) if q.kind == "text"]
        if texts:
            return url, {**answers_for(page.context), texts[0]: ANSWER}
        url = client.post(url, answers_for(page.context), REMOTE_ADDR=ADDRESS)["Location"]
    raise AssertionError("no page with a text question")


@pytest.mark.django_db
def test_survey_error_and_login_failure_leave_no_secret_in_the_log(server_log, monkeypatch):
    from eclaire.web.survey import views

    org = build_org()
    token = make_token(org.campaign, org.members[0])
    User.objects.create_user(username=EMAIL, email=EMAIL, password="a long password 123")
    client = Client(raise_request_exception=False)
    url, data = _page_with_a_text_question(client, f"/s/{token}/p/1/")

    def failing_save(*args: object, **kwargs: object) -> None:
        raise ValueError(f"could not store {kwargs.get('answers')} for {token}")

    monkeypatch.setattr(views, "do_save_page", failing_save)
    assert client.post(url, data, REMOTE_ADDR=ADDRESS).status_code == 500
    assert Client().get(f"/s/{token}x/", REMOTE_ADDR=ADDRESS).status_code == 404
    login = {"username": EMAIL, "password": "wrong"}
    assert Client().post("/accounts/login/", login, REMOTE_ADDR=ADDRESS).status_code == 200

    lines = server_log.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one whole event
    messages = " ".join(e["message"] for e in entries)
    assert "Internal Server Error: /s/…/p/" in messages and "Not Found: /s/…/" in messages
    assert "login failure" in messages
    assert any("builtins.ValueError" in e.get("exception", "") for e in entries)
    written = server_log.getvalue()
    for secret in (token, ANSWER, EMAIL, ADDRESS):
        assert secret not in written, secret


PROCESS = """
import logging, warnings
from eclaire.web.bootstrap import setup_django
setup_django()
warnings.warn("a deprecated call, written by jeanne.martin@example.org")
try:
    raise RuntimeError("value 42\\nsecond line")
except RuntimeError:
    logging.getLogger("django.request").exception("Internal Server Error: /s/TOKEN123/p/2/")
logging.getLogger("eclaire.web.operations").info("retention done")
"""


def test_a_server_process_writes_one_json_line_per_event_on_stderr(tmp_path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ECLAIRE_SECRET_KEY": "logs-test-" + "k" * 40,
        "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "src"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROCESS], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(e["level"], e["logger"]) for e in entries] == [
        ("WARNING", "py.warnings"),
        ("ERROR", "django.request"),
        ("INFO", "eclaire.web.operations"),
    ]
    assert "[email]" in entries[0]["message"] and "example.org" not in done.stderr
    assert entries[1]["message"] == "Internal Server Error: /s/…/p/2/"
    assert "builtins.RuntimeError: (message not logged)" in entries[1]["exception"]
    assert "value 42" not in done.stderr
