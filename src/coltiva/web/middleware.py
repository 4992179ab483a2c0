"""What every request and response goes through, whichever view answers it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

from coltiva.edge.http import is_htmx

NUL = "\x00"


def _without_nul(data: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    clean._mutable = False
    return clean


def _has_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in data.lists())


class CleanInputMiddleware:
    """No NUL character reaches a view: PostgreSQL cannot store one (a search or a note
    with one was a 500 there, while SQLite kept it), and no text of a book needs one.

    Query strings and url-encoded forms lose their NULs; a path with one names nothing.
    Multipart bodies (uploads) are left to their view, which reads them with its own
    limits; their text fields still go through forms, which refuse NULs at the field.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path:
            raise Http404
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)  # type: ignore[assignment]
        if request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)  # type: ignore[assignment]
        return self.get_response(request)


class NoStoreMiddleware:
    """A signed-in user's pages and exports are their book: no browser or proxy keeps a
    copy (a shared computer's back button, a disk cache) unless a view chose otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        return response


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
