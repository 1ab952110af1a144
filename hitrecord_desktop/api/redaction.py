"""A logging filter that masks bearer tokens and `access_token` values: belt and braces.

The client already never logs tokens; this catches the day someone logs a header dict, a request
body or a traceback that holds one. Attach it to the handlers (a logger's own filters do not see
records propagated from child loggers):

    handler.addFilter(RedactSecrets())
"""

from __future__ import annotations

import logging
import re

MASK = "[redacted]"

_PATTERNS = (
    # Authorization: Bearer <token>
    re.compile(r"(?i)(\bbearer\s+)[A-Za-z0-9\-._~+/]+=*"),
    # "access_token": "…" / 'access_token': '…' (JSON, Python reprs)
    re.compile(r"""(?i)(["']access_token["']\s*:\s*["'])[^"']*"""),
    # access_token=… (query strings, form bodies, key=value logs)
    re.compile(r"(?i)(\baccess_token=)[^&\s\"',;]+"),
)


def redact(text: str) -> str:
    """`text` with every token value replaced by a mask."""
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites each record's message (and traceback text) with tokens masked; drops nothing."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # bad format args: logging reports those itself, later
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
