"""Small helpers every view uses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

# Far past any book's last page, and small enough that an offset computed from it fits
# every database's 64-bit integers (a page of 10**20 was an OverflowError on SQLite and
# "bigint out of range" on PostgreSQL).
MAX_PAGE = 10**9
# The largest id a database can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def page_number(raw: Any) -> int:
    """A page number from a query string: 1 unless it is a whole number, at most MAX_PAGE."""
    try:
        number = int(str(raw), 10) if str(raw).isascii() else 1
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def id_param(raw: str | None) -> int | None:
    """An id named in a query string or form (ASCII digits, within the databases' range)."""
    if not raw or not raw.isascii() or not raw.isdigit():
        return None
    number = int(raw)
    return number if 0 < number <= MAX_ID else None


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """To the page a form came from (its ``next`` field), never to another site.

    ``default`` is a URL; anything in ``next`` that is not a path on this site (another
    host, a scheme, a bare word that is not a path) falls back to it.
    """
    target = request.POST.get("next", "")
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    )
    return HttpResponseRedirect(target if safe else default)
