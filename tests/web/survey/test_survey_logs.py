"""Survey traffic leaves no trace: no token, code key or path secret in what Django logs."""

from __future__ import annotations

import io
import logging

from django.test import Client
from survey_helpers import Org, make_token

from eclaire.web.survey.logs import RedactSurveySecrets, redact


def test_redact_hides_tokens_and_entry_keys_but_keeps_the_rest() -> None:
    assert redact("Not Found: /s/abcDEF_123-x/p/2/") == "Not Found: /s/…/p/2/"
    assert redact("GET /u/poster-vte/ 200") == "GET /u/…/ 200"
    assert redact("GET /static/survey/survey.css") == "GET /static/survey/survey.css"


def test_filter_redacts_message_arguments_and_drops_the_request() -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/s/SECRET/",), None
    )
    record.request = object()
    RedactSurveySecrets().filter(record)
    assert record.getMessage() == "Not Found: /s/…/" and record.request is None


def test_django_request_log_never_writes_the_secret(org: Org) -> None:
    """Through the handlers really configured (settings.LOGGING and Django's defaults)."""
    stream = io.StringIO()
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert handlers, "settings.LOGGING configures a console handler"
    old = [h.setStream(stream) for h in handlers]
    try:
        token = make_token(org.campaign, org.members[0], finished=True)
        Client().get(f"/s/{token}/p/1/")  # a used link: 404, which Django logs as a warning
        Client().get("/s/UNKNOWNSECRET123/")
        Client(enforce_csrf_checks=True).post("/u/poster-vte/", {"code": "X"})
    finally:
        for h, s in zip(handlers, old, strict=True):
            h.setStream(s)  # type: ignore[arg-type]
    written = stream.getvalue()
    assert "Not Found: /s/…/p/1/" in written
    assert (
        token not in written and "UNKNOWNSECRET123" not in written and "poster-vte" not in written
    )


def test_every_handler_that_sees_request_logs_carries_the_filter() -> None:
    """Every handler on the path of Django's request and server records (other libraries'
    loggers, such as spaCy's, never receive them)."""
    names = ["django.request", "django.server", "django.security.csrf"]
    checked = 0
    for name in names:
        logger: logging.Logger | None = logging.getLogger(name)
        while logger is not None:
            for handler in logger.handlers:
                if type(handler).__module__.startswith("_pytest") or isinstance(
                    handler, logging.NullHandler
                ):
                    continue  # pytest's capture, and handlers that write nothing
                checked += 1
                assert any(isinstance(f, RedactSurveySecrets) for f in handler.filters), (
                    logger.name,
                    handler,
                )
            logger = logger.parent if logger.propagate else None
    assert checked > 0
