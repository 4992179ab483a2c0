"""Template context every page gets."""

from __future__ import annotations

from django.http import HttpRequest

# The main-menu entry each area belongs to (marked aria-current in the menu).
_NAV = {
    "people": "people",
    "events": "events",
    "referrals": "referrals",
    "review": "review",
    "agenda": "today",
    "web": "today",
    "imports": "imports",
    "network": "network",
    "groups": "groups",
}


def navigation(request: HttpRequest) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    app = match.app_name if match else ""
    if match and match.url_name in ("introductions", "introduction_add", "outcome"):
        return {"nav": "introductions"}
    return {"nav": _NAV.get(app, "")}
