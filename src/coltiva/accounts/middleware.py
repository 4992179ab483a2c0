"""Activate the signed-in user's language and time zone for the request."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from coltiva.accounts import sessions


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            language = user.language
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        if user.is_authenticated and user.language:
            response.headers.setdefault("Content-Language", user.language)
        return response


class SessionSeenMiddleware:
    """Keep the profile's list of sessions current: at most one write a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            sessions.seen(request, user)
        return self.get_response(request)
