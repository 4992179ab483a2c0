"""The signed-in user: the one way a view reaches the account it serves."""

from __future__ import annotations

from django.http import HttpRequest

from coltiva.accounts.models import User


def user_of(request: HttpRequest) -> User:
    """The signed-in user, typed (views are behind ``login_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user
