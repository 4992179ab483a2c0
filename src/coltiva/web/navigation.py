"""The main menu, rendered once per language instead of on every page.

Every page shows the menu twice (the wide bar and the phone menu): through the template
engine that was twenty URL reversals and twenty translations a page, about a millisecond
on every request. The links only change with the language and the script prefix, so
they are built once for each and the request adds the current entry and the CSRF token.
"""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy

# (menu entry, URL name, label); the entry is what ``web.context.navigation`` names.
ITEMS = (
    ("today", "web:home", gettext_lazy("Today")),
    ("people", "people:list", gettext_lazy("People")),
    ("events", "events:list", gettext_lazy("Events")),
    ("referrals", "referrals:board", gettext_lazy("Referrals")),
    ("introductions", "referrals:introductions", gettext_lazy("Introductions")),
    ("imports", "imports:home", gettext_lazy("Import/Export")),
    ("network", "network:introductions", gettext_lazy("Network")),
    ("review", "review:review", gettext_lazy("Review")),
    ("profile", "accounts:profile", gettext_lazy("Profile")),
)


@cache
def _parts(language: str, prefix: str) -> tuple[tuple[tuple[str, str], ...], str, str]:
    del language, prefix  # the cache key: what the translations and URLs depend on
    links = tuple(
        (
            entry,
            f'<a href="{conditional_escape(reverse(name))}"{{}}>{conditional_escape(label)}</a>',
        )
        for entry, name, label in ITEMS
    )
    logout = conditional_escape(reverse("accounts:logout"))
    button = conditional_escape(gettext("Log out"))
    return links, logout, button


def menu(nav: str, csrf_token: str) -> SafeString:
    """The menu's ``<li>`` items, ``nav`` marked as the current page."""
    links, logout, button = _parts(get_language() or "", get_script_prefix())
    out = []
    for entry, anchor in links:
        current = ' aria-current="page"' if entry == nav and entry != "profile" else ""
        out.append(f"<li>{anchor.format(current)}</li>")
    out.append(
        f'<li><form method="post" action="{logout}" class="inline">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(csrf_token)}">'
        f'<button type="submit" class="link-button">{button}</button></form></li>'
    )
    return mark_safe("".join(out))  # noqa: S308 - labels, URLs and the token are escaped
