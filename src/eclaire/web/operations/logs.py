"""Logs: one JSON object per line and per event, with nothing personal in it.

Every record that reaches the server's log handler goes through ``RedactPersonalData`` first:

- survey secrets in paths (``/s/<token>/``, ``/u/<key>/``) are cut by the survey app's rule;
- e-mail addresses, IP addresses (v4 and v6), anything shaped like a personal token or a draft key
  (32 URL-safe characters) and one-time codes (``XXXXX-XXXXX``) are replaced by a placeholder;
- exception **messages** are never written (a message may quote an answer, a token or a database
  value): a traceback keeps the exception's type and the place (file, line, function, code line);
- the request attached to a record (path, headers, address) is dropped, and the arguments are
  merged into the message before it is cleaned.

``JsonLinesFormatter`` then writes ``{"time", "level", "logger", "message"}`` (plus ``status`` for
HTTP records and ``exception`` for tracebacks) as one line: newlines inside are escaped.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import logging.config
import re
import traceback
from types import TracebackType

from eclaire.web.survey.logs import RedactSurveySecrets, redact

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{32}(?![\w-])")
CODE = re.compile(r"(?<![\w-])[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}(?![\w-])")
IP_CANDIDATE = re.compile(
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
    r"(?:\.\d{1,3}){0,3})(?:%\w+)?(?![\w.:])"
)
WITHHELD = "(message not logged)"


def _ip_or_text(match: re.Match[str]) -> str:
    text = match.group(0)
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text  # a time such as 12:30:45, a version number such as 1.2.3.4.5
    return "[ip]"


def redact_personal(text: str) -> str:
    """``text`` without survey secrets, e-mail and IP addresses, tokens or one-time codes."""
    text = redact(text)
    text = EMAIL.sub("[email]", text)
    text = IP_CANDIDATE.sub(_ip_or_text, text)
    text = CODE.sub("[code]", text)
    return TOKEN.sub("[secret]", text)


def exception_text(exc_info: ExcInfo) -> str:
    """A traceback with each exception's type and place, and none of its message."""
    parts: list[str] = []
    exc: BaseException | None = exc_info[1]
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        kind = type(exc)
        frames = traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__))
        parts.append(
            "Traceback (most recent call last):\n"
            + "".join(frames.format())
            + f"{kind.__module__}.{kind.__qualname__}: {WITHHELD}"
        )
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return "\n\nwhich happened while handling:\n".join(reversed(parts))


class RedactPersonalData(RedactSurveySecrets):
    """Make a record safe to write; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact_personal(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact_personal(exception_text(record.exc_info))  # type: ignore[arg-type]
        elif record.exc_text:
            record.exc_text = redact_personal(record.exc_text)
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact_personal(record.stack_info)
        if hasattr(record, "request"):
            record.request = None
        return True


def configure(config: dict[str, object]) -> None:
    """Django's ``LOGGING_CONFIG``: apply ``settings.LOGGING``, and route Python warnings to the
    log (logger ``py.warnings``) so that they too are single cleaned lines."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, and when present the
    HTTP status and the (already cleaned) exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and not record.exc_text:  # a handler without the filter
            record.exc_text = exception_text(record.exc_info)  # type: ignore[arg-type]
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        line = json.dumps(entry, ensure_ascii=False)
        return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
