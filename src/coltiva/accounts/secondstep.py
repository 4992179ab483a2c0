"""The log-in's second step: who passed the password step and is still to give a code.

The password step keeps the user's id in the (anonymous) session instead of logging
them in, so nothing of the book is reachable until the second factor is given. It
expires after a few minutes, like a code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.http import HttpRequest

from coltiva.accounts.models import User

KEY = "coltiva_second_step"
MAX_AGE_S = 300


@dataclass(frozen=True)
class Pending:
    user: User
    backend: str
    next_url: str


def remember(request: HttpRequest, user: User, next_url: str) -> None:
    request.session[KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": next_url,
        "at": time.time(),
    }


def pending(request: HttpRequest) -> Pending | None:
    data = request.session.get(KEY)
    if not isinstance(data, dict) or time.time() - float(data.get("at", 0)) > MAX_AGE_S:
        return None
    user = User.objects.filter(pk=int(data.get("user") or 0), is_active=True).first()
    if user is None:
        return None
    return Pending(user, str(data.get("backend", "")), str(data.get("next", "")))


def forget(request: HttpRequest) -> None:
    request.session.pop(KEY, None)
