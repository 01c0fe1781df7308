"""Survey traffic leaves no trace: secrets in survey paths are redacted from every log line.

A personal link (``/s/<token>/…``) or a unit entry (``/u/<key>/…``) may appear in Django's own
log messages ("Not Found: /s/…", "Forbidden (CSRF cookie not set.): /s/…", the development
server's access lines). The filter rewrites the formatted message before any handler writes it.
"""

from __future__ import annotations

import logging
import re

SECRET_PATH = re.compile(r"/([su])/[A-Za-z0-9_\-]+")
REDACTED = r"/\1/…"


def redact(text: str) -> str:
    return SECRET_PATH.sub(REDACTED, text)


class RedactSurveySecrets(logging.Filter):
    """Replace survey secrets in a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if hasattr(record, "request"):
            record.request = None  # carries the path; handlers such as mail_admins print it
        return True


def install_redaction() -> None:
    """Attach the filter to every handler configured so far (Django's defaults included)."""
    handlers: set[logging.Handler] = set(logging.getLogger().handlers)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            handlers.update(logger.handlers)
    for handler in handlers:
        if not any(isinstance(f, RedactSurveySecrets) for f in handler.filters):
            handler.addFilter(RedactSurveySecrets())
