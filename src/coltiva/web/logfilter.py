"""Keep the secrets that live in URLs out of the log.

The calendar feed, the digest's unsubscribe link and a password reset are reached by a
secret in the path; Django logs the path of every 404 and 500 ("Not Found: /feed/...").
Whoever reads the log must not be able to subscribe to someone's calendar with it.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[secret]"
_SECRET_PATHS = re.compile(
    r"(?P<head>/feed/)[^/\s'\"]+(?P<tail>\.ics)"
    r"|(?P<head2>/digest/unsubscribe/)[^/\s'\"]+"
    r"|(?P<head3>/accounts/reset/)(?!sent/|complete/)[^/\s'\"]+/[^/\s'\"]+"
)


def redact(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match["head"]:
            return f"{match['head']}{REDACTED}{match['tail']}"
        return f"{match['head2'] or match['head3']}{REDACTED}"

    return _SECRET_PATHS.sub(replace, text)


class RedactSecrets(logging.Filter):
    """On a handler: the message and its traceback, with every secret path replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
