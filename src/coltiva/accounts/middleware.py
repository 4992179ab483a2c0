"""Per-request account rules: the user's language and time zone; the second factor
required of administrators."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from coltiva.accounts import sessions, twofactor


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


# What an administrator may still reach before passing a second factor: the way to
# give or set one up, and the way out.
_OPEN_TO_UNVERIFIED = {
    "accounts:login",
    "accounts:login_verify",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_app",
    "accounts:set_language",
}


class SecondFactorMiddleware:
    """With COLTIVA_REQUIRE_2FA_ADMIN on, an administrator's session that has not passed
    a second factor reaches nothing else (the Django admin included): it is sent to give
    a code, or to set up two-factor log-in first when the account has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_2FA_ADMIN and self._held(request):
            user = request.user
            if twofactor.is_enrolled(user):  # type: ignore[arg-type]
                return redirect("accounts:login_verify")
            return redirect("accounts:two_factor")
        return self.get_response(request)

    @staticmethod
    def _held(request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():  # type: ignore[attr-defined]
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name not in _OPEN_TO_UNVERIFIED and match.namespace != "otp_webauthn"
