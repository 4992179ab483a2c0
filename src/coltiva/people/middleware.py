"""Keep a signed-in user's book current without cron: refresh it once on their new day."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from coltiva.accounts.models import User
from coltiva.people.services import ensure_fresh


class FreshBookMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # Costs nothing on most requests: the user row is already loaded by then.
        if isinstance(user, User) and user.is_authenticated:
            ensure_fresh(user)
        return self.get_response(request)
