"""Small helpers every view uses."""

from __future__ import annotations

from django.http import HttpRequest

from coltiva.accounts.models import User


def user_of(request: HttpRequest) -> User:
    """The signed-in user, typed (views are behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
