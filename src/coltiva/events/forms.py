from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.domain.bounds import EARLIEST_DAY, latest_plan_day
from coltiva.edge.limits import state_text_limits
from coltiva.edge.widgets import DateInput
from coltiva.events.models import Event
from coltiva.people.contacts import is_phone_number
from coltiva.people.forms import PHONE_ERROR


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

    def __init__(self, *args: Any, region: str = "", **kwargs: Any) -> None:
        """``region``: the owner's phone region, for numbers written without +."""
        super().__init__(*args, **kwargs)
        self.region = region
        state_text_limits(self)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and not is_phone_number(phone, self.region):
            raise forms.ValidationError(PHONE_ERROR)
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
        state_text_limits(self)

    def clean_on(self) -> date:
        day: date = self.cleaned_data["on"]
        latest = latest_plan_day(self.owner.local_today())
        if not EARLIEST_DAY <= day <= latest:
            raise forms.ValidationError(
                _("Choose a day between %(earliest)s and %(latest)s.")
                % {
                    "earliest": date_format(EARLIEST_DAY, "DATE_FORMAT"),
                    "latest": date_format(latest, "DATE_FORMAT"),
                }
            )
        return day

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the event a name."))
        return name
