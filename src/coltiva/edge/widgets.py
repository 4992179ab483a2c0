"""Form widgets and the renderer that draws them.

Django renders a ``<select>`` through one template for the select and two more for every
option (``option.html`` and its ``attrs.html``): the touch form's three selects (kinds,
directions, recent events) made ~170 template renders on every person page, a quarter of
its time. ``QuickSelect`` renders the same markup (tests/web/test_widgets.py compares
them) from one Jinja2 template, ``fragments/forms/select.html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.forms import renderers
from django.template.backends.base import BaseEngine
from django.utils.functional import cached_property


class FormRenderer(renderers.Jinja2):
    """Django's Jinja2 form renderer, which also finds the fragments' widget templates."""

    @cached_property
    def engine(self) -> BaseEngine:
        django_widgets = Path(renderers.__file__).parent / "jinja2"
        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [settings.BASE_DIR / "fragments", django_widgets],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )


class QuickSelect(forms.Select):
    template_name = "forms/select.html"


# A browser's date and time inputs read and send ISO values only, whatever the page's
# language: Django's widgets write the active language's first input format (01/12/2026
# in Italian), which the browser shows as an empty field, so the value must never be
# localized. Every form's date and time fields use these (tests/web/test_iso_inputs.py
# walks every form to keep it so).
ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_TIME)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
