from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.web.widgets import DateInput


class CaptureForm(forms.Form):
    """Event mode: the few fields that fit on a phone between two conversations."""

    name = forms.CharField(
        label=_("Name"),
        max_length=300,
        error_messages={"required": _("Give at least a name.")},
    )
    business = forms.CharField(label=_("Business"), max_length=200, required=False)
    learned = forms.CharField(
        label=_("One thing you learned about them"),
        max_length=2000,
        required=False,
        help_text=_("Be interested, not interesting: what did they tell you?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    existing = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give at least a name."))
        return name

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and sum(ch.isdigit() for ch in phone) < 5:
            raise forms.ValidationError(_("Enter a phone number with at least 5 digits."))
        return phone


class EventForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = ["name", "on", "place", "notes"]
        widgets = {
            "on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("on", owner.local_today())

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the event a name."))
        return name
