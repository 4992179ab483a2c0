"""The audit log of security events: who did what to an account, from where, and when.

``record`` is the only writer. It keeps secrets out whatever a caller passes: a key of
``detail`` that names a password, token, secret, code or key is dropped, and values are
cut short, so the log never holds a credential or a note. Rows are kept ``KEEP_DAYS``
days (``prune``, run by ``coltiva refresh``).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from coltiva.accounts.clientip import client_address
from coltiva.accounts.models import AuditEvent, User

KEEP_DAYS = 90

# The events written today; other engineers' features add theirs (2FA, API keys).
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCKED_OUT = "locked_out"
LOGOUT = "logout"
PASSWORD_CHANGED = "password_changed"  # noqa: S105 (an event name)
PASSWORD_RESET_REQUESTED = "password_reset_requested"  # noqa: S105
PASSWORD_RESET = "password_reset"  # noqa: S105
SIGNUP_REQUESTED = "signup_requested"
EMAIL_CONFIRMED = "email_confirmed"
SESSION_ENDED = "session_ended"
EXPORT = "export"
ACCOUNT_DELETED = "account_deleted"
TWO_FACTOR_ENROLLED = "2fa_enrolled"
TWO_FACTOR_DISABLED = "2fa_disabled"
RECOVERY_CODE_USED = "2fa_recovery_code_used"
PASSKEY_ADDED = "passkey_added"
PASSKEY_REMOVED = "passkey_removed"
BACKUP_MADE = "backup_made"

_SECRET_KEY = re.compile(r"pass|token|secret|key|code|otp|note|credential", re.IGNORECASE)
_MAX_VALUE = 100


def record(
    event: str,
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one event. The address is the request's client address unless given."""
    if address is None and request is not None:
        address = client_address(request)
    return AuditEvent.objects.create(
        event=event[:40],
        user=user if user is not None and user.pk is not None else None,
        address=_valid_address(address),
        detail=_clean(detail or {}),
    )


def _valid_address(address: str | None) -> str | None:
    from ipaddress import ip_address

    try:
        return str(ip_address(address)) if address else None
    except ValueError:
        return None


def _clean(detail: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in detail.items():
        if _SECRET_KEY.search(str(key)):
            continue
        if isinstance(value, bool | int | float) or value is None:
            clean[str(key)] = value
        else:
            clean[str(key)] = str(value)[:_MAX_VALUE]
    return clean


def count_since(
    event: str, *, since: timedelta, user: User | None = None, address: str | None = None
) -> int:
    """How many ``event`` rows for this user or address lie inside the last ``since``
    (the rate limits of sign-up and password reset count these)."""
    rows = AuditEvent.objects.filter(event=event, at__gte=timezone.now() - since)
    if user is not None:
        rows = rows.filter(user=user)
    if address is not None:
        rows = rows.filter(address=address)
    return rows.count()


def prune(now: Any = None) -> int:
    """Delete events older than ``KEEP_DAYS``; returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _by_model = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def for_user(user: User) -> Any:
    """The account's own events, newest first."""
    return AuditEvent.objects.filter(user=user).order_by("-at", "-id")
