"""Keep a signed-in user's book current without cron: refresh it on their new day, within a
budget, the rest in the background (``coltiva.people.refresh``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from coltiva.accounts.models import User
from coltiva.people import refresh, tasks


class FreshBookMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # Costs nothing on most requests: the user row is already loaded by then.
        if isinstance(user, User) and user.is_authenticated:
            # Read by base.html: the page says its numbers are being brought up to date.
            request.book_catching_up = refresh.ensure_fresh(  # type: ignore[attr-defined]
                user, tasks.catch_up.enqueue
            )
        return self.get_response(request)
