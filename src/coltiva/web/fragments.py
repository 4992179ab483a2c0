"""Row lists rendered through Jinja2, inside pages rendered by Django's engine.

Django's template engine spends about 100-150 µs on a table row of a dozen nodes: the
people list's fifty rows, a person's thirty touches and Today's ten items were most of
those pages' rendering time (bench/README.md). Their loops live in
``coltiva/fragments/`` as Jinja2 templates, which render the same markup several times
faster; the page around them stays a Django template.

Fragments take plain values. Text to translate is translated in Python (or by the
Django template that calls the fragment) and passed in, so ``makemessages`` finds every
string where it always has; fragments hold no ``_()`` of their own.
"""

from __future__ import annotations

from typing import Any

from django.template import engines
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from jinja2 import Environment, StrictUndefined

from coltiva import display


def _linebreaksbr(text: str) -> SafeString:
    """Django's ``linebreaksbr`` filter (autoescaped text)."""
    return mark_safe(escape(normalize_newlines(text)).replace("\n", "<br>"))  # noqa: S308


def environment(**options: Any) -> Environment:
    # A missing value is an error, not an empty string: a typo must fail the tests.
    options["undefined"] = StrictUndefined
    env = Environment(**options)  # noqa: S701 - Django's backend passes autoescape=True
    env.filters.update(display.FILTERS, linebreaksbr=_linebreaksbr)
    return env


def render(name: str, request: Any = None, **context: Any) -> SafeString:
    """The fragment ``name`` (under coltiva/fragments/) rendered with ``context``; with
    the request, the framework supplies ``csrf_input``."""
    html = engines["fragments"].get_template(name).render(context, request=request)
    return mark_safe(html)  # noqa: S308 - Jinja2 autoescaped it
