"""Structured logs: one JSON object per line on stdout, ready for any log collector.

Every line is made by `json.dumps` (ASCII only, so any byte a client sends is escaped), never by
string building, and nothing a client controls can make a line long: messages and fields are
capped, and tracebacks keep only their last part. Client errors (a bad Host, too many fields, a
body too big, any 4xx) are the client's problem, not ours: `ClientErrors` makes each one a single
WARNING line without a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

MAX_MESSAGE = 1000  # characters of a message or a string field
MAX_EXCEPTION = 16000  # characters of a traceback (its end: the innermost frames and the error)


def capped(text: str, limit: int = MAX_MESSAGE) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def tail(text: str, limit: int = MAX_EXCEPTION) -> str:
    if len(text) <= limit:
        return text
    return f"({len(text) - limit} characters before) …{text[-limit:]}"


def json_value(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return capped(str(value))


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, then `status` (Django's
    `status_code`), the fields of an `extra={"fields": {...}}` and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # a call with the wrong arguments still leaves a line
            message = f"{record.msg!s} (arguments: {record.args!r})"
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": capped(message),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = json_value(status)
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            for key, value in fields.items():
                entry.setdefault(str(key), json_value(value))
        if record.exc_info:
            entry["exception"] = tail(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exception"] = tail(record.exc_text)
        if record.stack_info:
            entry["stack"] = tail(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=True)


class ClientErrors(logging.Filter):
    """A client error logs one WARNING line and no traceback: Django logs SuspiciousOperation
    (DisallowedHost, TooManyFieldsSent, RequestDataTooBig, ...) at ERROR with the whole stack,
    which lets any client fill the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        client_error = record.name.startswith("django.security.") or (
            isinstance(status, int) and 400 <= status < 500
        )
        if client_error:
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = record.stack_info = None
        return True
