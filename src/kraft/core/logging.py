"""Logging filters."""

from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A 403 or 404 is the caller's business, not a fault: Django logs it with the exception that caused it,
    which would fill the log with tracebacks. Keep the line, drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
