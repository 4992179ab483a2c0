"""Error pages in the site's layout and language; for htmx, one sentence in plain text
that the page shows where the user is (coltiva.js, the request-status region)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from coltiva.edge.http import is_htmx


def _answer(
    request: HttpRequest, status: int, sentence: str, *, plain_page: bool = False
) -> HttpResponse:
    if is_htmx(request):
        return HttpResponse(sentence, status=status, content_type="text/plain; charset=utf-8")
    context = {"status": status, "sentence": sentence}
    # A server error renders without the request: whatever failed (the database, say)
    # must not fail again in the menu or the context processors.
    html = render_to_string("errors/error.html", context, None if plain_page else request)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400, _("The request could not be understood. Go back and try again."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403, _("You are not allowed to do this."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(
        request,
        404,
        _("There is nothing here: the page may have moved, or what it showed was deleted."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(
        request,
        500,
        _("Something went wrong on our side. Try again in a moment."),
        plain_page=True,
    )


def database_busy(request: HttpRequest) -> HttpResponse:
    response = _answer(
        request,
        503,
        _("The book is busy with a large import; nothing was saved. Try again in a moment."),
        plain_page=True,
    )
    response["Retry-After"] = "2"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    del reason  # Django's words for developers; the user needs what to do next
    return _answer(
        request,
        403,
        _(
            "This was refused because the page is out of date (it was open for a long time, "
            "or you logged in or out elsewhere). Nothing was saved: reload the page and try "
            "again."
        ),
    )
