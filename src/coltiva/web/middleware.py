"""What every request and response goes through, whichever view answers it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

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
