"""One-step undo for actions that lose something: offered once, on the next page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

SESSION_KEY = "coltiva_undo"


def offer(
    request: HttpRequest, message: str, url: str, fields: dict[str, Any] | None = None
) -> None:
    """Show ``message`` with an Undo button that POSTs ``fields`` to ``url``."""
    request.session[SESSION_KEY] = {"message": message, "url": url, "fields": fields or {}}


def take(request: HttpRequest) -> dict[str, Any] | None:
    return request.session.pop(SESSION_KEY, None) if hasattr(request, "session") else None


def context_processor(request: HttpRequest) -> dict[str, Any]:
    # Lazy: only pages that render the banner consume the offer.
    return {"undo_offer": lambda: take(request)}
