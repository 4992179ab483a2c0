"""Limits said before they bite: a long text field states its limit in its help text and
refuses longer text with a message, where the browser's ``maxlength`` silently cut a
pasted note."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class LengthLimit:
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if len(value) > self.limit:
            raise ValidationError(
                _("This holds up to %(limit)s characters; the text has %(count)s.")
                % {
                    "limit": number_format(self.limit, force_grouping=True),
                    "count": number_format(len(value), force_grouping=True),
                },
                code="too_long",
            )


def state_text_limits(form: forms.BaseForm) -> None:
    """Every text area of ``form`` (built in the request's language): its limit in the
    help text, refused with a message past it, and no ``maxlength`` to cut a paste."""
    for field in form.fields.values():
        if not (isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)):
            continue
        if not field.max_length:
            continue
        field.widget.attrs.pop("maxlength", None)
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator)
        ] + [LengthLimit(field.max_length)]
        limit = _("Up to %(limit)s characters.") % {
            "limit": number_format(field.max_length, force_grouping=True)
        }
        field.help_text = f"{field.help_text} {limit}" if field.help_text else limit
