"""An ended session, met by an htmx request or a form post, leads to the log-in page and
back to the page the user was on."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from coltiva.web.http import is_htmx


class SessionEndedMiddleware:
    """``login_required`` answers a redirect to the log-in page with ``next`` set to the
    requested URL. For htmx that redirect was followed inside the request, inlining the
    log-in page into the target; for a form post, ``next`` was a POST-only URL. Both are
    sent to the log-in page with ``next`` set to the page the user was on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or not _is_login(response.get("Location", "")):
            return response
        if is_htmx(request):
            redirect = HttpResponse(status=200)
            redirect["HX-Redirect"] = _login_url(_page_the_user_was_on(request))
            return redirect
        if request.method not in ("GET", "HEAD"):
            response["Location"] = _login_url(_page_the_user_was_on(request))
        return response


def _login() -> str:
    return resolve_url(settings.LOGIN_URL)


def _is_login(location: str) -> bool:
    """A redirect to log in made by ``login_required`` (it sets ``next``; logging out,
    which also lands there, does not)."""
    parts = urlsplit(location)
    return parts.path == _login() and "next" in parse_qs(parts.query)


def _login_url(back: str) -> str:
    return f"{_login()}?{urlencode({'next': back})}"


def _page_the_user_was_on(request: HttpRequest) -> str:
    """The browser's page (HX-Current-URL, else the same-origin Referer), when it is one
    of ours; else the requested page for a GET, else the home page."""
    header = "HX-Current-URL" if is_htmx(request) else "Referer"
    candidate = request.headers.get(header, "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(candidate)
        page = parts.path + (f"?{parts.query}" if parts.query else "")
        if page.startswith("/") and not page.startswith("//") and parts.path != _login():
            return page
    if request.method == "GET" and not is_htmx(request):
        return request.get_full_path()
    return resolve_url("web:home")
