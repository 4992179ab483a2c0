"""QuickSelect renders what Django's Select renders, without a template per option."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from coltiva.edge.links import link, path
from coltiva.edge.widgets import QuickSelect

CHOICES = [
    ("", "---------"),
    ("coffee", "Coffee"),
    ("Odd", [("a&b", 'Tom & "Jerry" <b>'), ("x", "X")]),
    (3, "Three"),
]


@pytest.mark.parametrize("value", ["coffee", "a&b", 3, None, ""])
@pytest.mark.parametrize(
    "attrs", [{}, {"required": True, "aria-invalid": "true", "id": "id_kind", "disabled": False}]
)
def test_quick_select_matches_djangos_select(value: object, attrs: dict[str, object]) -> None:
    mine = QuickSelect(choices=CHOICES).render("kind", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("kind", value, attrs=attrs)
    assert parse_html(mine) == parse_html(django)
    assert "<b>" not in mine and "&lt;b&gt;" in mine


def test_a_link_is_what_reverse_gives(db: None) -> None:
    from django.urls import reverse

    for name in ("people:detail", "agenda:done", "people:touch_delete", "events:detail"):
        assert link(name, 42) == reverse(name, args=[42])
    for name in ("referrals:add", "people:list", "web:home"):
        assert path(name) == reverse(name)
