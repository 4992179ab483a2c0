"""The main menu's links, reversed and translated once per language.

Every page shows the menu twice (the wide bar and the phone menu): reversing and
translating its ten links on every request was about a millisecond. They only change
with the language and the script prefix, so they are built once for each; the page
renders them through ``fragments/menu.html``, which marks the current entry and adds
the log-out form with the framework's CSRF input.
"""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext_lazy

# (menu entry, URL name, label); the entry is what ``web.context.navigation`` names.
ITEMS = (
    ("today", "web:home", gettext_lazy("Today")),
    ("people", "people:list", gettext_lazy("People")),
    ("events", "events:list", gettext_lazy("Events")),
    ("referrals", "referrals:board", gettext_lazy("Referrals")),
    ("introductions", "referrals:introductions", gettext_lazy("Introductions")),
    ("imports", "imports:home", gettext_lazy("Import/Export")),
    ("network", "network:introductions", gettext_lazy("Network")),
    ("groups", "groups:list", gettext_lazy("Groups")),
    ("review", "review:review", gettext_lazy("Review")),
    ("profile", "accounts:profile", gettext_lazy("Profile")),
)


@cache
def _links(language: str, prefix: str) -> tuple[tuple[str, str, str], ...]:
    del language, prefix  # the cache key: what the translations and URLs depend on
    return tuple((entry, reverse(name), str(label)) for entry, name, label in ITEMS)


@cache
def _logout(prefix: str) -> str:
    del prefix  # the cache key
    return reverse("accounts:logout")


def links() -> tuple[tuple[str, str, str], ...]:
    """The menu's (entry, URL, label) in the active language."""
    return _links(get_language() or "", get_script_prefix())


def logout_url() -> str:
    return _logout(get_script_prefix())
