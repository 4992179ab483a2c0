"""Row lists, form fields and badges rendered through Jinja2, inside Django pages.

Django's template engine spends about 100 µs on a table row of a dozen nodes: the people
list's fifty rows, a person's thirty touches and Today's ten items were most of those
pages' rendering time. Every repeated piece of a page (the row lists, a form field, a
select, the badge, the menu) lives in ``coltiva/fragments/`` as a Jinja2 template, which
renders the same markup about four times faster (issue 13's same-run comparison of the
two paths, bench/README.md); the page around them stays a Django template.

Fragments take plain values. Text to translate is translated in Python (or by the
Django template that calls the fragment) and passed in, so ``makemessages`` finds every
string where it always has; fragments hold no ``_()`` of their own. A fragment with a
form is given the request, so the framework supplies its ``csrf_input``. Filters are
the project's own (``coltiva.display``) and Django's, never rewritten for Jinja2.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template import defaultfilters, engines
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, StrictUndefined

from coltiva import display


def environment(**options: Any) -> Environment:
    # A missing value is an error, not an empty string: a typo must fail the tests.
    options["undefined"] = StrictUndefined
    env = Environment(**options)  # noqa: S701 - Django's backend passes autoescape=True
    env.filters.update(display.FILTERS, linebreaksbr=defaultfilters.linebreaksbr)
    return env


def render(name: str, request: HttpRequest | None = None, **context: Any) -> SafeString:
    """The fragment ``name`` (under coltiva/fragments/) rendered with ``context``; given
    the request, the fragment has the framework's ``csrf_input``."""
    html = engines["fragments"].get_template(name).render(context, request=request)
    return mark_safe(html)  # noqa: S308 - Jinja2 autoescaped it


def _module(name: str) -> Any:
    # Jinja2 keeps the loaded template and its module (reloaded when edited in DEBUG).
    return engines["fragments"].env.get_template(name).module  # type: ignore[attr-defined]


def badge(family: str, code: str, label: object, pinned: str = "") -> SafeString:
    """The badge macro of ``fragments/badge.html``, for the Django pages' tags."""
    html = _module("badge.html").badge(family, code, label, pinned)
    return mark_safe(str(html))  # noqa: S308 - Jinja2 autoescaped it
