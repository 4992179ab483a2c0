"""A user's signed-in sessions: recorded at log-in, listed on the profile, ended on demand.

Django keeps sessions in the shared cache and its session table, neither listable by
user, so each log-in also writes a ``UserSession`` row (key, browser, address). A
request moves its ``last_seen`` at most once a minute (``SessionSeenMiddleware``), so a
page costs no query for it the rest of the time.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone

from coltiva.accounts.clientip import client_address
from coltiva.accounts.models import User, UserSession

SEEN_EVERY = timedelta(minutes=1)
SEEN_KEY = "_coltiva_seen"


@dataclass(frozen=True)
class ActiveSession:
    pk: int
    user_agent: str
    address: str
    created_at: datetime
    last_seen: datetime
    current: bool


def _session_store(key: str | None = None):  # type: ignore[no-untyped-def]
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key=key)


def started(request: HttpRequest, user: User) -> None:
    """Record the session a log-in just made."""
    key = request.session.session_key
    if not key:
        return
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "address": client_address(request),
            "created_at": now,
            "last_seen": now,
        },
    )
    request.session[SEEN_KEY] = int(now.timestamp())


def seen(request: HttpRequest, user: User) -> None:
    """Move the session's last-seen time, once a minute at most."""
    now = timezone.now()
    last = request.session.get(SEEN_KEY, 0)
    if not isinstance(last, int) or now.timestamp() - last < SEEN_EVERY.total_seconds():
        return
    key = request.session.session_key
    if not key:
        return
    request.session[SEEN_KEY] = int(now.timestamp())
    updated = UserSession.objects.filter(session_key=key, user=user).update(last_seen=now)
    if not updated:  # a session from before sessions were recorded
        started(request, user)


def forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def active(user: User, current_key: str | None) -> list[ActiveSession]:
    """The user's sessions that still work, the most recently seen first; rows of
    sessions that expired or ended elsewhere are dropped on the way."""
    rows = list(UserSession.objects.filter(user=user).order_by("-last_seen", "-pk"))
    alive = set(
        Session.objects.filter(
            session_key__in=[row.session_key for row in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    dead = [row.pk for row in rows if row.session_key not in alive]
    if dead:
        UserSession.objects.filter(pk__in=dead).delete()
    return [
        ActiveSession(
            pk=row.pk,
            user_agent=row.user_agent,
            address=approximate(row.address),
            created_at=row.created_at,
            last_seen=row.last_seen,
            current=row.session_key == current_key,
        )
        for row in rows
        if row.session_key in alive
    ]


def approximate(address: str | None) -> str:
    """The network, not the machine: enough to recognise a place, no more."""
    if not address:
        return ""
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def end(user: User, pk: int) -> bool:
    """End one of the user's sessions; False when it is not theirs (or gone)."""
    row = UserSession.objects.filter(user=user, pk=pk).first()
    if row is None:
        return False
    _session_store(row.session_key).delete()
    row.delete()
    return True


def end_others(user: User, keep_key: str | None) -> int:
    """End every session of the user but ``keep_key`` (None: every one)."""
    rows = UserSession.objects.filter(user=user).exclude(session_key=keep_key or "")
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        _session_store(key).delete()
    rows.delete()
    return len(keys)
